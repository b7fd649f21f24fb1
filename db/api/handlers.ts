/**
 * The handler registry: one function per operation of the contract, each given
 * its already-validated input. The mapped type makes a missing handler a type
 * error, so an operation added to core/api.ts cannot be forgotten here.
 */
import type {
  OperationName,
  OperationOutput,
  OperationSpec,
  ParsedInput,
  Returns,
} from '../../core/api.ts';
import type { z } from 'zod';
import type { ApiContext } from './context.ts';
import { getMatrix } from './get-matrix.ts';
import { forgetSnapshots, getSnapshots } from './get-snapshots.ts';
import { getWorkspace } from './get-workspace.ts';
import { onDataChanged } from './import-events.ts';
import { importStatus, startImport } from './import-jobs.ts';
import { getSavedMapping, previewImport } from './import-preview.ts';
import { ping } from './ping.ts';
import { getVersion, listVersions, saveVersionOperation } from './versions.ts';

/** Handlers for any table of operations (tests build small ones of their own). */
export type HandlersFor<Ops extends Record<string, OperationSpec>> = {
  readonly [Op in keyof Ops]: (
    input: z.output<Ops[Op]['input']>,
  ) => Promise<Ops[Op]['output'] extends Returns<infer Output> ? Output : never>;
};

export type Handlers = {
  readonly [Op in OperationName]: (input: ParsedInput<Op>) => Promise<OperationOutput<Op>>;
};

/** Binds every operation's handler to one open workspace. */
export function createHandlers(context: ApiContext): Handlers {
  // An import replaces the data the snapshot histories were built from.
  onDataChanged(context.workspace, forgetSnapshots);
  return {
    ping: () => ping(),
    getWorkspace: () => getWorkspace(context),
    getMatrix: (input) => getMatrix(context, input.asOf),
    getSnapshots: (input) => getSnapshots(context.workspace, input.every),
    getSavedMapping: () => getSavedMapping(context),
    previewImport: (input) => previewImport(context, input),
    startImport: (input) => startImport(context, input),
    importStatus: (input) => importStatus(context, input.jobId),
    listVersions: () => listVersions(context.workspace),
    saveVersion: (input) => saveVersionOperation(context, input),
    getVersion: (input) => getVersion(context.workspace, input.id),
  };
}
