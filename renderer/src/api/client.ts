/**
 * The renderer's one way to reach the backend: `api` has one typed function per
 * operation of core/api.ts. In Electron it calls the preload's
 * `window.healthscore`; in the browser mode it posts to the local server's
 * `/api/<op>`, as JSON or, when the input holds bytes or typed arrays, in the
 * columnar encoding, and decodes columnar responses. Either way a failure comes back as
 * an ApiResult, never as a thrown error.
 */
import {
  OPERATION_NAMES,
  bugResult,
  type ApiResult,
  type HealthscoreApi,
  type OperationName,
} from '../../../core/api.ts';
import { decodeColumnar, encodeColumnar, transportFormat } from '../../../core/columnar.ts';

declare global {
  interface Window {
    /** Present only inside the Electron window, exposed by the preload. */
    readonly healthscore?: HealthscoreApi;
  }
}

type Call = (operation: OperationName, input: unknown) => Promise<ApiResult<unknown>>;

/** A client that posts each operation to `<baseUrl>api/<op>` (same origin when baseUrl is ''). */
export function createHttpClient(
  baseUrl = '',
  fetchFunction: typeof fetch = fetch,
): HealthscoreApi {
  return clientFrom(async (operation, input) => {
    let request: { contentType: string; body: string | Uint8Array<ArrayBuffer> };
    try {
      request = requestBody(input);
    } catch (error) {
      return bugResult(`The input of "${operation}" cannot be sent: ${messageOf(error)}`);
    }
    let response: Response;
    try {
      response = await fetchFunction(`${baseUrl.replace(/\/?$/, '/')}api/${operation}`, {
        method: 'POST',
        headers: { 'Content-Type': request.contentType },
        body: request.body,
      });
    } catch (error) {
      return bugResult(`The workbench server did not answer: ${messageOf(error)}`);
    }
    return readResponse(response);
  });
}

/** A client over the preload's bridge, guarding against a bridge that throws. */
export function createBridgeClient(bridge: HealthscoreApi): HealthscoreApi {
  return clientFrom(async (operation, input) => {
    try {
      const call = bridge[operation] as (input: unknown) => Promise<ApiResult<unknown>>;
      return await call(input);
    } catch (error) {
      return bugResult(`The desktop bridge failed on "${operation}": ${messageOf(error)}`);
    }
  });
}

/** The client for this page: the Electron bridge when present, else HTTP to the serving origin. */
export function createClient(): HealthscoreApi {
  const bridge = (globalThis as { healthscore?: HealthscoreApi }).healthscore;
  return bridge === undefined ? createHttpClient() : createBridgeClient(bridge);
}

export const api: HealthscoreApi = createClient();

/** JSON when that is lossless, else the columnar bytes (typed arrays such as a file's contents). */
function requestBody(input: unknown): {
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
} {
  if (transportFormat(input) === 'json') {
    return { contentType: 'application/json', body: JSON.stringify(input) };
  }
  return {
    contentType: 'application/octet-stream',
    body: encodeColumnar(input) as Uint8Array<ArrayBuffer>,
  };
}

function clientFrom(call: Call): HealthscoreApi {
  const entries = OPERATION_NAMES.map((operation) => [
    operation,
    (input?: unknown) => call(operation, input === undefined ? {} : input),
  ]);
  return Object.freeze(Object.fromEntries(entries)) as HealthscoreApi;
}

async function readResponse(response: Response): Promise<ApiResult<unknown>> {
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown;
  try {
    body = contentType.startsWith('application/octet-stream')
      ? decodeColumnar(new Uint8Array(await response.arrayBuffer()))
      : contentType.startsWith('application/json')
        ? await response.json()
        : await response.text();
  } catch (error) {
    return bugResult(
      `The server's answer (HTTP ${response.status}) is unreadable: ${messageOf(error)}`,
    );
  }
  if (isApiResult(body)) return body;
  const text = typeof body === 'string' ? `: ${body.slice(0, 200)}` : '';
  return bugResult(`The server answered HTTP ${response.status} without a result${text}`);
}

function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return true;
  return (
    body.ok === false &&
    'error' in body &&
    typeof body.error === 'object' &&
    body.error !== null &&
    'message' in body.error &&
    'kind' in body.error
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
