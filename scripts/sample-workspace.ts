/**
 * Builds the sample workspace (.workbench/sample.duckdb) from sample-data/default/
 * when it is missing or older than the dataset: `npx tsx scripts/sample-workspace.ts
 * [--force]`. Prints the workspace path.
 */
import { UserError } from '../cli/errors.ts';
import { ensureSampleWorkspace } from '../cli/sample-workspace.ts';

try {
  const { path, built } = await ensureSampleWorkspace({ force: process.argv.includes('--force') });
  // A build logs itself; say something when there was nothing to do.
  if (!built) console.error('The sample workspace is up to date');
  console.log(path);
} catch (error) {
  if (!(error instanceof UserError)) throw error;
  console.error(error.message);
  for (const detail of error.details) console.error(`  ${detail}`);
  process.exitCode = 1;
}
