/**
 * What every analysis command starts from: a workspace file, or a dataset folder
 * imported into a throw-away in-memory workspace. Problems with either become
 * UserErrors that name the file, row, column and value.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseIsoDate } from '../core/dates.ts';
import { importDataset, loadMappingFile, type ImportIssue } from '../db/import.ts';
import { openWorkspace, toNumber, type Workspace } from '../db/workspace.ts';
import { log } from '../db/log.ts';
import { DEFAULT_MODEL, parseModelConfig, type ModelConfig } from '../core/config.ts';
import { UserError } from './errors.ts';

export interface InputOptions {
  workspace?: string;
  data?: string;
  mapping?: string;
  dateOrder?: string;
}

/** One line per import issue, in the form `file, row N, column C, value "V": message`. */
export function formatIssue(issue: ImportIssue): string {
  const where = [issue.file];
  if (issue.row !== null) where.push(`row ${issue.row}`);
  if (issue.column !== null) where.push(`column ${issue.column}`);
  if (issue.value !== null) where.push(`value "${issue.value}"`);
  return `${where.join(', ')}: ${issue.message}`;
}

export function parseDateOrder(value: string | undefined): 'dmy' | 'mdy' | undefined {
  if (value === undefined) return undefined;
  if (value === 'dmy' || value === 'mdy') return value;
  throw new UserError(`--date-order must be dmy or mdy, not "${value}"`);
}

export function parseDayOption(flag: string, value: string): number {
  const day = parseIsoDate(value);
  if (day === undefined)
    throw new UserError(`${flag} must be a date written YYYY-MM-DD, not "${value}"`);
  return day;
}

/** Imports `folder` into `workspace`, or throws a UserError listing every rejected row. */
export async function importInto(
  workspace: Workspace,
  folder: string,
  options: { mapping?: string; dateOrder?: string },
): Promise<void> {
  checkDatasetFolder(folder);
  const mapping = options.mapping ? await loadMappingOrFail(options.mapping) : undefined;
  const result = await importDataset(workspace, folder, {
    mapping,
    dateOrder: parseDateOrder(options.dateOrder),
    onProgress: (progress) =>
      log.info(`import: ${progress.step} (${progress.done}/${progress.total})`),
  });
  if (!result.ok) {
    const more = result.truncated ? ['… and more; fix these first.'] : [];
    throw new UserError(
      `The dataset in ${folder} was not imported: ${result.errors.length} problem(s). Nothing was changed.`,
      [...result.errors.map(formatIssue), ...more],
    );
  }
  for (const warning of result.warnings) log.warn(formatIssue(warning));
  for (const table of result.tables)
    log.info(`imported ${table.table}: ${table.rows} rows from ${table.file}`);
}

async function loadMappingOrFail(path: string) {
  const loaded = await loadMappingFile(path);
  if (!loaded.ok) throw new UserError(`The mapping file ${path} is not valid`, loaded.errors);
  return loaded.mapping;
}

async function holdsData(workspace: Workspace): Promise<boolean> {
  const reader = await workspace.connection.runAndReadAll('SELECT count(*) FROM dataset_tables');
  return toNumber(reader.getRows()[0]![0]!) > 0;
}

/** Refuses a folder that is not there before anything else is touched. */
export function checkDatasetFolder(folder: string): void {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`No dataset folder at ${folder}`);
  }
}

/** Opens the workspace or imports the data folder named by the options. */
export async function openInput(options: InputOptions): Promise<Workspace> {
  if (options.workspace && options.data)
    throw new UserError('Give either --workspace or --data, not both');
  if (options.workspace) {
    if (!existsSync(options.workspace)) {
      throw new UserError(
        `No workspace at ${options.workspace}; create it with: healthscore import <dataset-folder> --workspace ${options.workspace}`,
      );
    }
    const workspace = await openWorkspace(options.workspace, { mustExist: true });
    if (!(await holdsData(workspace))) {
      workspace.close();
      throw new UserError(
        `The workspace ${options.workspace} holds no data yet; import a dataset into it with: healthscore import <dataset-folder> --workspace ${options.workspace}`,
      );
    }
    return workspace;
  }
  if (options.data) {
    const workspace = await openWorkspace(':memory:');
    try {
      await importInto(workspace, options.data, options);
    } catch (error) {
      workspace.close();
      throw error;
    }
    return workspace;
  }
  throw new UserError('Say what to read: --workspace <file.duckdb> or --data <dataset-folder>');
}

/** The model config from a JSON file, or the default model. */
export function loadConfig(path: string | undefined): ModelConfig {
  if (!path) return DEFAULT_MODEL;
  if (!existsSync(path)) throw new UserError(`No model config at ${path}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`The model config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = parseModelConfig(json);
  if (!parsed.ok) throw new UserError(`The model config ${path} is not valid`, parsed.errors);
  return parsed.config;
}
