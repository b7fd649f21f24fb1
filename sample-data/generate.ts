/**
 * Command line of the sample-data generator:
 * `npx tsx sample-data/generate.ts --accounts 400 --seed 7 --out <folder>`.
 */
import { Command, InvalidArgumentError } from 'commander';
import { generateDataset, MAX_ACCOUNTS } from './generator/dataset.ts';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

const program = new Command()
  .name('generate')
  .description('Write a deterministic synthetic dataset (one file per contract table).')
  .requiredOption('--out <folder>', 'folder to write the dataset into')
  .option('--accounts <count>', `number of accounts, 1 to ${MAX_ACCOUNTS}`, wholeNumber, 400)
  .option('--seed <seed>', 'random seed (same seed, same bytes)', wholeNumber, 7)
  .option('--start <date>', 'first day of the data, YYYY-MM-DD', '2023-01-01')
  .option('--end <date>', 'last day of the data, YYYY-MM-DD', '2024-12-31')
  .option('--force', 'replace table files already in the folder', false)
  .parse();

const options = program.opts<{
  out: string;
  accounts: number;
  seed: number;
  start: string;
  end: string;
  force: boolean;
}>();

const began = Date.now();
let reported = 0;
try {
  const summary = await generateDataset({
    ...options,
    onProgress(done, total) {
      const step = Math.max(1, Math.floor(total / 10));
      if (done - reported >= step || done === total) {
        reported = done;
        const seconds = ((Date.now() - began) / 1000).toFixed(1);
        const next = done === total ? ', writing Parquet' : '';
        process.stderr.write(`  ${done}/${total} accounts after ${seconds} s${next}\n`);
      }
    },
  });
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  console.log(
    `Wrote ${summary.accounts} accounts (${summary.churned} churned) to ${options.out} in ${seconds} s`,
  );
  for (const [table, rows] of Object.entries(summary.rows)) console.log(`  ${table}: ${rows} rows`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
