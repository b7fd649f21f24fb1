/**
 * The typed API: every operation the renderer may ask the backend for, defined
 * once. Each entry names the zod schema its input must pass and the TypeScript
 * type of its output. The handlers (db/api/), the Electron preload and main
 * process, the browser-mode HTTP server and the renderer's client all derive
 * their types and their list of operations from `OPERATIONS`, so adding an
 * operation is one entry here plus one handler.
 */
import { z } from 'zod';
import { modelConfigSchema, type ModelConfig } from './config.ts';
import { parseIsoDate } from './dates.ts';
import type { BacktestHeadline } from './headline.ts';
import type { SignalMatrix } from './matrix.ts';

/** What went wrong, for the caller's sake: show it, stay silent, or report it. */
export type ErrorKind = 'user' | 'cancelled' | 'bug';

/** One rejected input value, located as precisely as the input allows. */
export interface ApiIssue {
  file: string;
  /** 1-based row number, the header being row 1; null when the issue is not about one row. */
  row: number | null;
  column: string | null;
  value: string | null;
  message: string;
}

export interface ApiError {
  kind: ErrorKind;
  message: string;
  issues?: ApiIssue[];
}

/** Every operation answers with a result, never by throwing across a process boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * A failure the handler expected: bad user input (`user`, shown with its issues)
 * or a dialog the user dismissed (`cancelled`, silent). Anything else a handler
 * throws is treated as a bug.
 */
export class OperationError extends Error {
  override readonly name = 'OperationError';
  readonly kind: 'user' | 'cancelled';
  readonly issues: ApiIssue[] | undefined;

  constructor(kind: 'user' | 'cancelled', message: string, issues?: readonly ApiIssue[]) {
    super(message);
    this.kind = kind;
    this.issues = issues === undefined ? undefined : [...issues];
  }
}

/** The type-only half of an operation: what its handler returns. */
export interface Returns<Output> {
  readonly output?: Output;
}

/** Marks the output type of an operation; carries no runtime data. */
export function returns<Output>(): Returns<Output> {
  return {};
}

export interface OperationSpec {
  readonly input: z.ZodType;
  readonly output: Returns<unknown>;
}

export interface WorkspaceTable {
  /** Contract table name, e.g. `accounts`. */
  table: string;
  /** File name the table was imported from, without its folder. */
  file: string;
  rows: number;
}

export interface WorkspaceSummary {
  /** The workspace's file name only; the renderer never sees a full path it did not choose. */
  label: string;
  /** Whether this is the embedded sample workspace rather than the user's own data. */
  isSample: boolean;
  /** The tables the dataset provided, by table name. */
  tables: WorkspaceTable[];
  accountCount: number;
  /** First and last day of usage data as `YYYY-MM-DD`; null when there is no usage. */
  dataStart: string | null;
  dataEnd: string | null;
}

export interface PingReply {
  /** The application's version, from package.json. */
  version: string;
}

/** How often history is sampled: month ends, Sundays or quarter ends. */
export type SnapshotEvery = 'month' | 'week' | 'quarter';

export interface SnapshotHistory {
  readonly every: SnapshotEvery;
  /** The snapshot as-of dates, ascending, as day numbers (the matrix's asOfDates). */
  readonly snapshotDates: readonly number[];
  /** Every eligible account at every snapshot date. */
  readonly matrix: SignalMatrix;
}

/** A model config saved under a name; it took effect on the day it was created. */
export interface ModelVersion {
  id: string;
  name: string;
  config: ModelConfig;
  /** When it was saved, as an ISO 8601 instant (UTC). */
  createdAt: string;
  /** The backtest of the config over the workspace's monthly history when it was saved. */
  headline: BacktestHeadline | null;
}

const NO_INPUT = z.strictObject({});

const ISO_DAY = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((text) => parseIsoDate(text) !== undefined, 'must be a calendar date');

/** One file the user chose, as the renderer read it: its name (never a folder) and its bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The column mapping: per table, export column → contract column, and under
 * `files`, file name → table. Checked against the contract by the import.
 */
export type ImportMapping = Record<string, Record<string, string>>;

/** How year-last dates (03/04/2025) are read: day first or month first. */
export type DateOrder = 'dmy' | 'mdy';

export interface ImportPreviewColumn {
  /** The column's name as the file spells it. */
  name: string;
  /** DuckDB's guess of its type (display only: the import reads text and checks it). */
  sniffedType: string;
  /** The contract column it feeds; null when it is not imported. */
  column: string | null;
  /** Matched by its own name, or through the column mapping. */
  via: 'name' | 'mapping' | null;
}

/**
 * How a date column's year-last values will be read: none are written that way,
 * by the order the caller chose, by a value that can only be read one way, or not
 * at all (no value decides, or values contradict each other).
 */
export type DateReading = 'none' | 'chosen' | 'decided' | 'ambiguous' | 'conflicting';

export interface ImportPreviewDateColumn {
  name: string;
  column: string;
  /** How many values are written year-last. */
  yearLastValues: number;
  reading: DateReading;
  order: DateOrder | null;
  /** Values that show the reading: ambiguous examples, or the values that decided. */
  samples: string[];
}

export interface ImportPreviewFile {
  file: string;
  format: 'csv' | 'parquet' | 'json' | null;
  /** The table the file would be imported as; null when it is not imported. */
  table: string | null;
  rows: number | null;
  columns: ImportPreviewColumn[];
  missingRequired: string[];
  missingOptional: string[];
  extraColumns: string[];
  dateColumns: ImportPreviewDateColumn[];
}

export interface ImportPreview {
  files: ImportPreviewFile[];
  /** Problems that would stop the import, short of the row checks. */
  errors: ApiIssue[];
  warnings: ApiIssue[];
}

/** Where a running import is: writing the chosen files, reading them, checking them, replacing the tables. */
export interface ImportProgress {
  step: 'write' | 'read' | 'check' | 'replace';
  done: number;
  total: number;
}

export type ImportOutcome =
  | { ok: true; tables: WorkspaceTable[]; warnings: ApiIssue[] }
  | { ok: false; errors: ApiIssue[]; truncated: boolean; warnings: ApiIssue[] };

export interface ImportStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed';
  progress: ImportProgress;
  /** Present once the job has ended: the tables imported, or every rejection. */
  result?: ImportOutcome;
}

// Any Uint8Array (a Node Buffer included), whatever the kind of its underlying buffer.
const BYTES = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected a Uint8Array');

const IMPORT_INPUT = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(255), bytes: BYTES }))
    .min(1)
    .max(100),
  mapping: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
});

/**
 * The contract. Inputs are strict objects: an unexpected key is refused, since it
 * means renderer and backend disagree about the operation.
 */
export const OPERATIONS = {
  ping: { input: NO_INPUT, output: returns<PingReply>() },
  getWorkspace: { input: NO_INPUT, output: returns<WorkspaceSummary>() },
  /** The matrix at asOf − 14 and asOf (velocity needs both); asOf defaults to the last usage day. */
  getMatrix: {
    input: z.strictObject({ asOf: ISO_DAY.optional() }),
    output: returns<SignalMatrix>(),
  },
  /** The matrix at every snapshot date of the whole history. */
  getSnapshots: {
    input: z.strictObject({ every: z.enum(['month', 'week', 'quarter']).default('month') }),
    output: returns<SnapshotHistory>(),
  },
  /** The mapping saved by the workspace's last import; null when none was saved. */
  getSavedMapping: { input: NO_INPUT, output: returns<ImportMapping | null>() },
  /** What importing the chosen files would find, without importing them. */
  previewImport: { input: IMPORT_INPUT, output: returns<ImportPreview>() },
  /** Starts importing the chosen files in the background; importStatus follows it. */
  startImport: { input: IMPORT_INPUT, output: returns<{ jobId: string }>() },
  importStatus: {
    input: z.strictObject({ jobId: z.string().min(1).max(100) }),
    output: returns<ImportStatus>(),
  },
  /** Every saved model version, oldest first. */
  listVersions: { input: NO_INPUT, output: returns<ModelVersion[]>() },
  /** Saves a config under a name (unique, trimmed) with its backtest headline. */
  saveVersion: {
    input: z.strictObject({ name: z.string().trim().min(1).max(100), config: modelConfigSchema }),
    output: returns<ModelVersion>(),
  },
  getVersion: {
    input: z.strictObject({ id: z.string().min(1).max(100) }),
    output: returns<ModelVersion>(),
  },
} as const satisfies Record<string, OperationSpec>;

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;

/** What a caller passes to an operation (before zod defaults and transforms). */
export type OperationInput<Op extends OperationName> = z.input<Operations[Op]['input']>;

/** What a handler receives (after zod parsing). */
export type ParsedInput<Op extends OperationName> = z.output<Operations[Op]['input']>;

export type OperationOutput<Op extends OperationName> =
  Operations[Op]['output'] extends Returns<infer Output> ? Output : never;

/** Operations whose input fields are all optional may be called without an argument. */
type InputArguments<Input> = Record<never, never> extends Input ? [input?: Input] : [input: Input];

/** The renderer's view of the backend: one function per operation. */
export type HealthscoreApi = {
  readonly [Op in OperationName]: (
    ...input: InputArguments<OperationInput<Op>>
  ) => Promise<ApiResult<OperationOutput<Op>>>;
};

export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/** Whether `name` is an operation of the contract (inherited keys such as `toString` are not). */
export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

/** The Electron IPC channel that carries one operation. */
export function channelFor(operation: OperationName): string {
  return `healthscore:${operation}`;
}

/** A failed result of kind `bug`, for refusals at the transport seams. */
export function bugResult(message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { kind: 'bug', message } };
}
