/**
 * The workspace schema: one SQL table per contract table, created empty so that
 * signal SQL can always refer to every table, plus bookkeeping tables. Whether a
 * table was part of the imported dataset is recorded in `dataset_tables`, never
 * inferred from emptiness: an absent table makes its signals missing, an empty
 * one makes them zero.
 */
import { CONTRACT, type ColumnType, type TableSpec } from '../core/contract.ts';

const SQL_TYPES: Record<ColumnType, string> = {
  string: 'VARCHAR',
  enum: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  integer: 'BIGINT',
  number: 'DOUBLE',
  money: 'DOUBLE',
  bool: 'BOOLEAN',
};

export function sqlType(type: ColumnType): string {
  return SQL_TYPES[type];
}

/** `CREATE TABLE` for one contract table, under an optional schema-qualified name. */
export function createTableSql(table: TableSpec, qualifiedName: string = table.name): string {
  const columns = table.columns.map((column) => `  "${column.name}" ${sqlType(column.type)}`);
  return `CREATE TABLE ${qualifiedName} (\n${columns.join(',\n')}\n)`;
}

export const BOOKKEEPING_SQL = [
  // Which contract tables the dataset provided, from which file, and how many rows.
  `CREATE TABLE IF NOT EXISTS dataset_tables (
    table_name VARCHAR PRIMARY KEY,
    source_file VARCHAR NOT NULL,
    row_count BIGINT NOT NULL
  )`,
  // Free-form workspace settings (the column mapping, the dataset's origin, ...), as JSON text.
  `CREATE TABLE IF NOT EXISTS workspace_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
  )`,
];

/** Every statement that makes an empty workspace. */
export function workspaceSchemaSql(): string[] {
  return [
    ...CONTRACT.map((table) =>
      createTableSql(table).replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS'),
    ),
    ...BOOKKEEPING_SQL,
  ];
}
