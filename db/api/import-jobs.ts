/**
 * Imports run as background jobs that the renderer polls (importStatus), so that
 * progress reaches it over HTTP as well as over IPC. One import runs at a time per
 * workspace; the last finished jobs are kept so that a late poll still gets its
 * answer.
 */
import { randomUUID } from 'node:crypto';
import {
  OperationError,
  type ImportOutcome,
  type ImportProgress,
  type ImportStatus,
} from '../../core/api.ts';
import {
  importDataset,
  type ColumnMapping,
  type ImportIssue,
  type ImportResult,
} from '../import.ts';
import { log } from '../log.ts';
import type { Workspace } from '../workspace.ts';
import type { ApiContext } from './context.ts';
import { notifyDataChanged } from './import-events.ts';
import { requestMapping, type ImportRequest } from './import-preview.ts';
import { DATASET_LABEL, uploadNames, withUploadedFiles, withoutFolder } from './import-uploads.ts';

/** How many ended jobs a workspace remembers for late polls. */
const KEPT_ENDED_JOBS = 20;

interface ImportJob {
  readonly jobId: string;
  state: ImportStatus['state'];
  progress: ImportProgress;
  result?: ImportOutcome;
  readonly ended: Promise<void>;
}

const jobsByWorkspace = new WeakMap<Workspace, Map<string, ImportJob>>();

function jobsOf(workspace: Workspace): Map<string, ImportJob> {
  let jobs = jobsByWorkspace.get(workspace);
  if (jobs === undefined) {
    jobs = new Map();
    jobsByWorkspace.set(workspace, jobs);
  }
  return jobs;
}

function forgetOldJobs(jobs: Map<string, ImportJob>): void {
  const ended = [...jobs.values()].filter((job) => job.state !== 'running');
  for (const job of ended.slice(0, Math.max(0, ended.length - KEPT_ENDED_JOBS))) {
    jobs.delete(job.jobId);
  }
}

function outcome(result: ImportResult, folder: string): ImportOutcome {
  const hide = (issues: readonly ImportIssue[]) =>
    issues.map((issue) => withoutFolder(issue, folder));
  if (result.ok) {
    const tables = result.tables.map(({ table, file, rows }) => ({ table, file, rows }));
    return { ok: true, tables, warnings: hide(result.warnings) };
  }
  return {
    ok: false,
    errors: hide(result.errors),
    truncated: result.truncated,
    warnings: hide(result.warnings),
  };
}

/** The outcome reported for an import that threw: the importer rolls back, so nothing was imported. */
function unexpectedFailure(error: unknown): ImportOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    errors: [
      {
        file: DATASET_LABEL,
        row: null,
        column: null,
        value: null,
        message: `the import stopped on an unexpected error (${message}); nothing was imported`,
      },
    ],
    truncated: false,
    warnings: [],
  };
}

async function runImport(
  context: ApiContext,
  job: ImportJob,
  request: ImportRequest,
  mapping: ColumnMapping | null,
): Promise<void> {
  const started = performance.now();
  try {
    const result = await withUploadedFiles(
      request.files,
      async (folder) =>
        outcome(
          await importDataset(context.workspace, folder, {
            ...(mapping === null ? {} : { mapping }),
            ...(request.dateOrder === undefined ? {} : { dateOrder: request.dateOrder }),
            onProgress: (progress) => (job.progress = { ...progress }),
          }),
          folder,
        ),
      (done, total) => (job.progress = { step: 'write', done, total }),
    );
    job.result = result;
    job.state = result.ok ? 'done' : 'failed';
    if (result.ok) notifyDataChanged(context.workspace);
  } catch (error) {
    log.error(`Import ${job.jobId} failed: ${(error as Error).stack ?? String(error)}`);
    job.result = unexpectedFailure(error);
    job.state = 'failed';
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log.info(`Import ${job.jobId} of ${request.files.length} files: ${job.state} (${seconds} s)`);
}

/**
 * Starts importing the chosen files into the workspace and answers at once with the
 * job's id. Refused (user error) while another import of the workspace runs, for a
 * file name that is not one, for a name chosen twice, and for a mapping that fails
 * the contract; everything found in the files is reported by importStatus instead.
 */
export async function startImport(
  context: ApiContext,
  request: ImportRequest,
): Promise<{ jobId: string }> {
  uploadNames(request.files);
  const mapping = await requestMapping(context, request.mapping);
  const jobs = jobsOf(context.workspace);
  if ([...jobs.values()].some((job) => job.state === 'running')) {
    throw new OperationError(
      'user',
      'An import is already running in this workspace; wait for it to finish',
    );
  }

  const jobId = randomUUID();
  let finish = () => {};
  const job: ImportJob = {
    jobId,
    state: 'running',
    progress: { step: 'write', done: 0, total: request.files.length },
    ended: new Promise((done) => (finish = done)),
  };
  jobs.set(jobId, job);
  void runImport(context, job, request, mapping).finally(() => {
    forgetOldJobs(jobs);
    finish();
  });
  return { jobId };
}

/** Where an import job is, and once it has ended, what it imported or why it refused. */
export async function importStatus(context: ApiContext, jobId: string): Promise<ImportStatus> {
  const job = jobsOf(context.workspace).get(jobId);
  if (job === undefined) {
    throw new OperationError(
      'user',
      'This import is not known; the workbench may have restarted since it began. Start it again.',
    );
  }
  return {
    jobId,
    state: job.state,
    progress: { ...job.progress },
    ...(job.result === undefined ? {} : { result: job.result }),
  };
}

/** Resolves once no import of the workspace is running, so that its owner may close it. */
export async function settleImports(workspace: Workspace): Promise<void> {
  const running = [...jobsOf(workspace).values()].filter((job) => job.state === 'running');
  await Promise.all(running.map((job) => job.ended));
}
