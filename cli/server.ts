/**
 * The browser mode: a local HTTP server that serves the built renderer and the
 * typed API, so the same workbench runs in a normal browser where Electron's
 * binary is missing. It is a thin transport over the dispatcher, like Electron's
 * IPC, and it guards what a desktop window gets for free:
 *
 * - it listens on 127.0.0.1 only, never on the network;
 * - the Host header must be 127.0.0.1:<port> or localhost:<port>, so a page on a
 *   rebound DNS name cannot reach it;
 * - `POST /api/<op>` needs a JSON or columnar (`application/octet-stream`) body,
 *   content types that other sites cannot send without a CORS preflight, which
 *   this server never grants, and, when the browser names an Origin, our own;
 * - static files come only from inside `staticDir`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { bugResult, type ApiResult } from '../core/api.ts';
import { decodeColumnar, encodeColumnar, transportFormat } from '../core/columnar.ts';
import { createApiDispatcher, type Dispatch } from '../db/api/dispatch.ts';
import { log } from '../db/log.ts';
import type { Workspace } from '../db/workspace.ts';

/** Large enough for the file uploads of an import; anything bigger is refused unread. */
export const DEFAULT_MAX_BODY_BYTES = 200 * 1024 * 1024;

export interface ServerOptions {
  /** The open workspace; the caller keeps ownership and closes it after `close()`. */
  readonly workspace: Workspace;
  /** 0 picks any free port. */
  readonly port: number;
  /** The built renderer, normally dist/renderer. */
  readonly staticDir: string;
  readonly label?: string;
  readonly isSample?: boolean;
  readonly maxBodyBytes?: number;
}

export interface ApiServerOptions {
  readonly dispatch: Dispatch;
  readonly port: number;
  readonly staticDir: string;
  readonly maxBodyBytes?: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const API_PREFIX = '/api/';

/** Body too large: thrown while reading, answered with 413. */
class TooLarge extends Error {}

/** Serves the renderer and the API of one open workspace on 127.0.0.1. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dispatch = createApiDispatcher({
    workspace: options.workspace,
    ...(options.label === undefined ? {} : { label: options.label }),
    ...(options.isSample === undefined ? {} : { isSample: options.isSample }),
  });
  return startApiServer({
    dispatch,
    port: options.port,
    staticDir: options.staticDir,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
}

/** Serves static files and any dispatcher on 127.0.0.1 (startServer with the real API). */
export async function startApiServer(options: ApiServerOptions): Promise<RunningServer> {
  const root = resolve(options.staticDir);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error(`Server failed on ${request.method} ${request.url}: ${stackOf(error)}`);
      if (!response.headersSent) sendJson(response, 500, bugResult('The server failed'));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnHost(request.headers.host, port)) {
      sendText(response, 403, 'Forbidden: unexpected Host header');
      return;
    }
    const target = request.url ?? '/';
    if (target.startsWith(API_PREFIX)) await handleApi(request, response, target);
    else await handleStatic(request, response, target);
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    target: string,
  ): Promise<void> {
    const operation = target.slice(API_PREFIX.length);
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      sendJson(response, 405, bugResult(`The API accepts POST only, not ${request.method}`));
      return;
    }
    if (!options.dispatch.operations.includes(operation)) {
      sendJson(response, 404, bugResult(`Unknown operation ${JSON.stringify(operation)}`));
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, port)) {
      sendJson(response, 403, bugResult('Forbidden: the request comes from another origin'));
      return;
    }
    const bodyType = requestBodyType(request.headers['content-type']);
    if (bodyType === null) {
      sendJson(
        response,
        415,
        bugResult('The API accepts application/json and application/octet-stream bodies only'),
      );
      return;
    }

    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      response.setHeader('Connection', 'close');
      sendJson(response, 413, bugResult(`The request body exceeds ${maxBodyBytes} bytes`));
      return;
    }
    let payload: unknown;
    try {
      payload =
        bodyType === 'json'
          ? JSON.parse(body.toString('utf8'))
          : decodeColumnar(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
    } catch {
      const expected = bodyType === 'json' ? 'valid JSON' : 'a columnar payload';
      sendJson(response, 400, bugResult(`The request body is not ${expected}`));
      return;
    }

    sendResult(response, await options.dispatch(operation, payload));
  }

  async function handleStatic(
    request: IncomingMessage,
    response: ServerResponse,
    target: string,
  ): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendText(response, 405, 'Method not allowed');
      return;
    }
    const file = staticFile(root, target);
    if (file === null) {
      sendText(response, 400, 'Bad path');
      return;
    }
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) {
      const hint = target === '/' ? ': the renderer is not built (run `npm run build`)' : '';
      sendText(response, 404, `Not found${hint}`);
      return;
    }

    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  log.info(`Browser mode serving ${root} at ${url}`);

  return {
    url,
    port,
    server,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

/** Whether a Host header names this server by loopback address or localhost, with its port. */
function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const normalised = host.toLowerCase();
  return normalised === `127.0.0.1:${port}` || normalised === `localhost:${port}`;
}

function isOwnOrigin(origin: string, port: number): boolean {
  const normalised = origin.toLowerCase();
  return normalised === `http://127.0.0.1:${port}` || normalised === `http://localhost:${port}`;
}

/**
 * How a request body is encoded: JSON, or the columnar encoding of core/columnar.ts
 * for payloads holding bytes (an import's files); null for any other content type.
 */
function requestBodyType(contentType: string | undefined): 'json' | 'columnar' | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/octet-stream') return 'columnar';
  return null;
}

/**
 * The file a request path names inside `root`, or null for a path that is
 * malformed or would leave it (`..` segments, also percent-encoded, backslashes,
 * NUL bytes). `/` is index.html.
 */
export function staticFile(root: string, target: string): string | null {
  const rawPath = target.split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return null;
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return null;

  const relative = path.endsWith('/') ? `${path}index.html` : path;
  const file = resolve(root, `.${relative}`);
  return file.startsWith(root + sep) ? file : null;
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    request.resume();
    return Promise.reject(new TooLarge());
  }
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        fail(new TooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks)));
    request.on('error', fail);
  });
}

/** Sends a dispatched result with status 200, whether it succeeded or not: the result says which. */
function sendResult(response: ServerResponse, result: ApiResult<unknown>): void {
  let format: 'json' | 'columnar';
  try {
    format = transportFormat(result);
  } catch (error) {
    log.error(`An API result cannot be sent: ${stackOf(error)}`);
    sendJson(response, 500, bugResult('The result cannot be sent over HTTP'));
    return;
  }
  if (format === 'json') {
    sendJson(response, 200, result);
    return;
  }
  const body = encodeColumnar(result);
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
