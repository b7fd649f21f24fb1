/**
 * The column mapping: how an export's own column (and file) names translate to the
 * data contract's. It is written by hand or by the mapping editor as JSON, checked
 * here, saved with the workspace and reused by the next import.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CONTRACT, TABLE_NAMES, type TableName, type TableSpec } from '../core/contract.ts';
import { toText, type Workspace } from './workspace.ts';

/**
 * `{ "<table>": { "<export column>": "<contract column>" }, "files": { "<file>": "<table>" } }`.
 * Table names and contract columns are lower case; export names are kept as written
 * and matched case-insensitively after trimming.
 */
export type ColumnMapping = { readonly [table in TableName]?: Readonly<Record<string, string>> } & {
  readonly files?: Readonly<Record<string, TableName>>;
};

/** A checked mapping, or every problem that stops it being used (each naming where it is). */
export type MappingResult =
  | { readonly ok: true; readonly mapping: ColumnMapping }
  | { readonly ok: false; readonly errors: string[] };

/** The workspace_meta key under which the last import's mapping is saved. */
export const MAPPING_META_KEY = 'column_mapping';

const FILES_KEY = 'files';

/** How names are compared everywhere in an import: trimmed, case-insensitive. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase();
}

function isTableName(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name);
}

function contractColumn(table: TableName, name: string): string | undefined {
  const spec = CONTRACT.find((candidate) => candidate.name === table);
  return spec?.columns.find((column) => column.name === normalizeName(name))?.name;
}

const TABLE_LIST = TABLE_NAMES.join(', ');

/** The JSON shape first, then the contract: every table, column and target must exist. */
export const columnMappingSchema = z
  .record(z.string(), z.record(z.string(), z.string()), {
    error: 'expected an object of tables, each an object of "export column": "contract column"',
  })
  .superRefine((value, context) => {
    for (const [key, entries] of Object.entries(value)) {
      const group = normalizeName(key);
      if (group !== FILES_KEY && !isTableName(group)) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown table "${key}" (tables are ${TABLE_LIST}, plus "files")`,
        });
        continue;
      }
      const seen = new Map<string, string>();
      for (const [source, target] of Object.entries(entries)) {
        const path = [key, source];
        if (normalizeName(source) === '') {
          context.addIssue({ code: 'custom', path, message: 'an export name may not be empty' });
        }
        const previous = seen.get(normalizeName(source));
        if (previous !== undefined && normalizeName(previous) !== normalizeName(target)) {
          context.addIssue({
            code: 'custom',
            path,
            message: `"${source}" is mapped twice (names are compared ignoring case and spaces)`,
          });
        }
        seen.set(normalizeName(source), target);
        if (group === FILES_KEY && !isTableName(normalizeName(target))) {
          context.addIssue({
            code: 'custom',
            path,
            message: `"${target}" is not a table (tables are ${TABLE_LIST})`,
          });
        }
        if (isTableName(group) && contractColumn(group, target) === undefined) {
          const columns = CONTRACT.find((spec) => spec.name === group)?.columns ?? [];
          context.addIssue({
            code: 'custom',
            path,
            message: `"${target}" is not a column of ${group} (columns are ${columns.map((column) => column.name).join(', ')})`,
          });
        }
      }
    }
  });

function canonicalMapping(value: Record<string, Record<string, string>>): ColumnMapping {
  const mapping: Record<string, Record<string, string>> = {};
  for (const [key, entries] of Object.entries(value)) {
    const group = normalizeName(key);
    const target = (mapping[group] ??= {});
    for (const [source, name] of Object.entries(entries)) target[source] = normalizeName(name);
  }
  return mapping as ColumnMapping;
}

/**
 * Checks a parsed JSON value against the mapping format and the contract, and returns
 * it with table and contract names in lower case, or every problem found, each
 * starting with the path of the entry at fault (`accounts.Customer ID: ...`).
 */
export function parseColumnMapping(value: unknown): MappingResult {
  const parsed = columnMappingSchema.safeParse(value);
  if (parsed.success) return { ok: true, mapping: canonicalMapping(parsed.data) };
  const errors = parsed.error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
  );
  return { ok: false, errors };
}

/** Reads and checks a mapping JSON file; an unreadable file or bad JSON is reported like any other problem. */
export async function loadMappingFile(path: string): Promise<MappingResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read ${path} (${(error as Error).message})`] };
  }
  try {
    return parseColumnMapping(JSON.parse(text.replace(/^\uFEFF/, '')));
  } catch (error) {
    return { ok: false, errors: [`${path} is not valid JSON (${(error as Error).message})`] };
  }
}

/**
 * The mapping saved by the workspace's last successful import, or null when none was
 * saved. Throws when the saved text is not a valid mapping, which only a damaged
 * workspace can hold.
 */
export async function readSavedMapping(workspace: Workspace): Promise<ColumnMapping | null> {
  const reader = await workspace.connection.runAndReadAll(
    'SELECT value FROM workspace_meta WHERE key = $key',
    { key: MAPPING_META_KEY },
  );
  const text = toText(reader.getRows()[0]?.[0] ?? null);
  if (text === null) return null;
  const saved = parseColumnMapping(JSON.parse(text));
  if (!saved.ok)
    throw new Error(`The workspace's saved column mapping is damaged: ${saved.errors.join('; ')}`);
  return saved.mapping;
}

/** The table a file holds: from the mapping's "files" entry (full name or name without extension), else its own name. */
export function tableForFile(
  fileName: string,
  stem: string,
  mapping: ColumnMapping | null,
): TableName | null {
  for (const [name, table] of Object.entries(mapping?.files ?? {})) {
    const wanted = normalizeName(name);
    if (wanted === normalizeName(fileName) || wanted === normalizeName(stem)) return table;
  }
  const own = normalizeName(stem);
  return isTableName(own) ? own : null;
}

/** One file column that feeds a contract column. */
export interface ColumnMatch {
  /** The column's name as the file spells it. */
  readonly header: string;
  readonly column: string;
  readonly via: 'name' | 'mapping';
}

/** How a file's columns line up with its table's contract columns. */
export interface ColumnMatching {
  readonly matches: readonly ColumnMatch[];
  /** File columns that feed no contract column; they are not imported. */
  readonly extra: readonly string[];
  /** Contract columns no file column feeds, required ones included. */
  readonly missing: readonly string[];
  /** Contract columns that two or more file columns claim. */
  readonly conflicts: readonly { readonly column: string; readonly headers: readonly string[] }[];
  /** Export names the mapping gives for this table that the file does not have. */
  readonly unusedMappings: readonly string[];
}

/**
 * Matches a file's column names to its table's contract columns: a mapping entry for
 * the name wins, otherwise the name itself (both trimmed, case-insensitive).
 */
export function matchColumns(
  table: TableSpec,
  headers: readonly string[],
  mapping: ColumnMapping | null,
): ColumnMatching {
  const renames = new Map(
    Object.entries(mapping?.[table.name] ?? {}).map(([source, target]) => [
      normalizeName(source),
      target,
    ]),
  );
  const claims = new Map<string, ColumnMatch[]>();
  const extra: string[] = [];
  for (const header of headers) {
    const renamed = renames.get(normalizeName(header));
    const column = renamed ?? normalizeName(header);
    if (!table.columns.some((spec) => spec.name === column)) {
      extra.push(header);
      continue;
    }
    const match: ColumnMatch = { header, column, via: renamed === undefined ? 'name' : 'mapping' };
    claims.set(column, [...(claims.get(column) ?? []), match]);
  }
  const matches: ColumnMatch[] = [];
  const conflicts: { column: string; headers: string[] }[] = [];
  for (const spec of table.columns) {
    const claimed = claims.get(spec.name) ?? [];
    if (claimed.length === 1) matches.push(claimed[0]!);
    if (claimed.length > 1) {
      conflicts.push({ column: spec.name, headers: claimed.map((match) => match.header) });
    }
  }
  const missing = table.columns.map((spec) => spec.name).filter((name) => !claims.has(name));
  const present = new Set(headers.map(normalizeName));
  const unusedMappings = Object.keys(mapping?.[table.name] ?? {}).filter(
    (source) => !present.has(normalizeName(source)),
  );
  return { matches, extra, missing, conflicts, unusedMappings };
}
