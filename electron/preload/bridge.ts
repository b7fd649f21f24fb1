import { OPERATION_NAMES, channelFor, type HealthscoreApi } from '../../core/api.ts';

type Invoke = (channel: string, payload: unknown) => Promise<unknown>;

/** One function per operation, each sending its payload (`{}` when omitted) on its own channel. */
export function createBridge(invoke: Invoke): HealthscoreApi {
  const entries = OPERATION_NAMES.map((operation) => [
    operation,
    (input?: unknown) => invoke(channelFor(operation), input === undefined ? {} : input),
  ]);
  return Object.freeze(Object.fromEntries(entries)) as HealthscoreApi;
}
