/**
 * The dispatcher: the one entry point both transports (Electron IPC and the
 * browser-mode HTTP server) call. It refuses unknown operations, validates every
 * payload with the operation's zod schema, runs the handler, checks that the
 * value can cross a process boundary, and turns every thrown error into a result.
 *
 * Error kinds:
 * - an unknown operation or a malformed payload is a `bug`: the renderer is our
 *   own code, so a payload that fails its schema means renderer and backend
 *   disagree (or something else is speaking), never that the user typed badly;
 * - an OperationError keeps its kind (`user` or `cancelled`) and its issues;
 * - any other Error named `UserError` (such as the command line's) is `user`;
 * - everything else, including a value that cannot be transported, is a `bug`,
 *   logged with its stack.
 */
import { z } from 'zod';
import {
  OPERATIONS,
  OperationError,
  type ApiError,
  type ApiIssue,
  type ApiResult,
  type OperationSpec,
} from '../../core/api.ts';
import { assertTransportable } from '../../core/columnar.ts';
import { log } from '../log.ts';
import type { ApiContext } from './context.ts';
import { createHandlers, type HandlersFor } from './handlers.ts';

/** Runs one operation; `operations` lists the names it knows, for transports that route by name. */
export type Dispatch = ((operation: string, payload: unknown) => Promise<ApiResult<unknown>>) & {
  readonly operations: readonly string[];
};

const ISSUES_SCHEMA = z.array(
  z.object({
    file: z.string(),
    row: z.number().nullable(),
    column: z.string().nullable(),
    value: z.string().nullable(),
    message: z.string(),
  }),
);

/** The dispatcher of the real contract, over one open workspace. */
export function createApiDispatcher(context: ApiContext): Dispatch {
  return createDispatcher(OPERATIONS, createHandlers(context));
}

/** A dispatcher for any table of operations and its handlers. */
export function createDispatcher<Ops extends Record<string, OperationSpec>>(
  operations: Ops,
  handlers: HandlersFor<Ops>,
): Dispatch {
  async function dispatch(operation: string, payload: unknown): Promise<ApiResult<unknown>> {
    if (typeof operation !== 'string' || !Object.hasOwn(operations, operation)) {
      return refuse(`Unknown operation ${JSON.stringify(operation)}`);
    }
    const spec = operations[operation]!;
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      return refuse(`Malformed payload for "${operation}": ${summariseIssues(parsed.error)}`);
    }

    try {
      const handler = handlers[operation] as (input: unknown) => Promise<unknown>;
      const result: ApiResult<unknown> = { ok: true, value: await handler(parsed.data) };
      assertTransportable(result);
      return result;
    } catch (error) {
      return { ok: false, error: failureOf(operation, error) };
    }
  }
  return Object.assign(dispatch, { operations: Object.keys(operations) });
}

function refuse(message: string): ApiResult<never> {
  log.error(`API refused: ${message}`);
  return { ok: false, error: { kind: 'bug', message } };
}

function summariseIssues(error: z.ZodError): string {
  return error.issues
    .map(
      (issue) => `${issue.path.length === 0 ? 'payload' : issue.path.join('.')}: ${issue.message}`,
    )
    .join('; ');
}

/** The result error for something a handler threw. */
function failureOf(operation: string, error: unknown): ApiError {
  if (error instanceof OperationError) {
    return withIssues({ kind: error.kind, message: error.message }, error.issues);
  }
  if (error instanceof Error && error.name === 'UserError') {
    return withIssues(
      { kind: 'user', message: error.message },
      (error as { issues?: unknown }).issues,
    );
  }

  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  log.error(`"${operation}" failed: ${detail}`);
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'bug', message: `"${operation}" failed: ${message}` };
}

function withIssues(error: ApiError, issues: unknown): ApiError {
  const parsed = ISSUES_SCHEMA.safeParse(issues);
  return parsed.success && parsed.data.length > 0
    ? { ...error, issues: parsed.data as ApiIssue[] }
    : error;
}
