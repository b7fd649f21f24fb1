/**
 * Command line of the RavenStack converter:
 * `npx tsx sample-data/ravenstack/convert.ts --out <folder> [--input <folder>]`.
 */
import { Command } from 'commander';
import { convertRavenStack, DEFAULT_INPUT } from './converter.ts';

const program = new Command()
  .name('convert')
  .description('Convert the RavenStack export into a contract dataset folder.')
  .requiredOption('--out <folder>', 'folder to write the converted dataset into')
  .option('--input <folder>', 'folder holding the five ravenstack_*.csv files', DEFAULT_INPUT)
  .option('--force', 'replace table files already in the folder', false)
  .parse();

const options = program.opts<{ out: string; input: string; force: boolean }>();

try {
  const summary = await convertRavenStack(options);
  console.log(
    `Converted RavenStack (data end ${summary.dataEnd}, ${summary.churned} churned accounts) into ${options.out}`,
  );
  for (const [table, rows] of Object.entries(summary.rows)) console.log(`  ${table}: ${rows} rows`);
  console.log('RavenStack synthetic SaaS dataset by River @ Rivalytics.');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
