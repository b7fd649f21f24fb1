import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeColumnar, encodeColumnar } from '../../core/columnar.ts';
import { startApiServer, startServer, type RunningServer } from '../../cli/server.ts';
import { createDispatcher } from '../../db/api/dispatch.ts';
import { returns } from '../../core/api.ts';
import { setLogSink } from '../../db/log.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';
import { z } from 'zod';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Request {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent in one piece with a Content-Length, or as these chunks with chunked encoding. */
  body?: string | Buffer | string[];
}

/** A raw request: node:http sends the path as written, without the URL normalisation fetch does. */
function send(port: number, { method = 'GET', path, headers = {}, body }: Request): Promise<Reply> {
  return new Promise((done, fail) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        done({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('error', fail);
    if (Array.isArray(body)) for (const chunk of body) request.write(chunk);
    else if (body !== undefined) request.write(body);
    request.end();
  });
}

function post(
  port: number,
  operation: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  const body = JSON.stringify(payload);
  return send(port, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...headers,
    },
    body,
  });
}

function json(reply: Reply): unknown {
  return JSON.parse(reply.body.toString('utf8'));
}

const SECRET = 'secret-outside-the-static-folder';

describe('the browser-mode server', () => {
  let folder: string;
  let workspace: Workspace;
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    setLogSink(() => {});
    folder = mkdtempSync(join(tmpdir(), 'healthscore-server-'));
    const site = join(folder, 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><h1>index</h1>');
    writeFileSync(join(site, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(site, 'assets', 'style.css'), 'h1 {}');
    writeFileSync(join(site, 'assets', 'data.bin'), 'raw');
    writeFileSync(join(folder, 'secret.txt'), SECRET);
    writeFileSync(join(folder, 'site-secret.txt'), SECRET);
    workspace = await openWorkspace(':memory:');
    server = await startServer({ workspace, port: 0, staticDir: site, maxBodyBytes: 1000 });
    port = server.port;
  });

  afterAll(async () => {
    await server.close();
    workspace.close();
    rmSync(folder, { recursive: true, force: true });
    setLogSink((line) => process.stderr.write(`${line}\n`));
  });

  it('listens on 127.0.0.1 only, on the port it reports', () => {
    const address = server.server.address();
    expect(address).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port });
    expect(port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${port}/`);
  });

  describe('static files', () => {
    const served: [string, string, string][] = [
      ['/', 'text/html; charset=utf-8', '<!doctype html><h1>index</h1>'],
      ['/index.html', 'text/html; charset=utf-8', '<!doctype html><h1>index</h1>'],
      ['/assets/app.js?v=1', 'text/javascript; charset=utf-8', 'export {};'],
      ['/assets/style.css', 'text/css; charset=utf-8', 'h1 {}'],
      ['/assets/data.bin', 'application/octet-stream', 'raw'],
    ];
    for (const [path, contentType, body] of served) {
      it(`serves ${path} as ${contentType}`, async () => {
        const reply = await send(port, { path });
        expect(reply.status).toBe(200);
        expect(reply.headers['content-type']).toBe(contentType);
        expect(reply.headers['x-content-type-options']).toBe('nosniff');
        expect(reply.body.toString()).toBe(body);
      });
    }

    it('answers HEAD without a body', async () => {
      const reply = await send(port, { method: 'HEAD', path: '/index.html' });
      expect(reply.status).toBe(200);
      expect(reply.body.length).toBe(0);
    });

    it('answers 404 for a file that is not there, and for a folder', async () => {
      expect((await send(port, { path: '/missing.js' })).status).toBe(404);
      expect((await send(port, { path: '/assets' })).status).toBe(404);
    });

    it('refuses other methods', async () => {
      const reply = await send(port, { method: 'POST', path: '/index.html', body: 'x' });
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('GET, HEAD');
    });

    const traversals = [
      '/../secret.txt',
      '/../../package.json',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/index.html%00.js',
      '/%ff',
      '/../site-secret.txt',
    ];
    for (const path of traversals) {
      it(`refuses the path ${path}`, async () => {
        const reply = await send(port, { path });
        expect([400, 404]).toContain(reply.status);
        expect(reply.body.toString()).not.toContain(SECRET);
      });
    }
  });

  describe('Host header (DNS-rebinding guard)', () => {
    it('accepts 127.0.0.1:<port> and localhost:<port>', async () => {
      expect((await send(port, { path: '/', headers: { host: `127.0.0.1:${port}` } })).status).toBe(
        200,
      );
      expect((await send(port, { path: '/', headers: { host: `localhost:${port}` } })).status).toBe(
        200,
      );
      expect((await post(port, 'ping', {}, { host: `LOCALHOST:${port}` })).status).toBe(200);
    });

    // {port} stands for the server's port, known only once it listens.
    const foreign = [
      'evil.example',
      'evil.example:{port}',
      '127.0.0.1',
      'localhost',
      '127.0.0.1:{port}.evil.example',
      'localhost.evil.example:{port}',
      '0.0.0.0:{port}',
      '[::1]:{port}',
    ];
    for (const template of foreign) {
      it(`refuses Host ${template} for pages and the API`, async () => {
        const host = template.replace('{port}', String(port));
        expect((await send(port, { path: '/', headers: { host } })).status).toBe(403);
        const api = await post(port, 'ping', {}, { host });
        expect(api.status).toBe(403);
        expect(api.body.toString()).not.toContain('version');
      });
    }

    it('refuses the wrong port on a loopback name', async () => {
      const reply = await send(port, { path: '/', headers: { host: `127.0.0.1:${port + 1}` } });
      expect(reply.status).toBe(403);
    });
  });

  describe('the API', () => {
    it('answers POST /api/ping with a JSON result', async () => {
      const reply = await post(port, 'ping', {});
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json(reply)).toMatchObject({ ok: true, value: { version: expect.any(String) } });
    });

    it('answers a malformed payload with a bug result', async () => {
      const reply = await post(port, 'getWorkspace', { path: '/etc' });
      expect(reply.status).toBe(200);
      expect(json(reply)).toMatchObject({ ok: false, error: { kind: 'bug' } });
    });

    for (const method of ['GET', 'PUT', 'DELETE', 'HEAD']) {
      it(`refuses ${method} with 405`, async () => {
        const reply = await send(port, { method, path: '/api/ping' });
        expect(reply.status).toBe(405);
        expect(reply.headers.allow).toBe('POST');
      });
    }

    for (const operation of [
      'nope',
      'toString',
      '__proto__',
      'ping/extra',
      'ping?x=1',
      '',
      '..%2Fping',
    ]) {
      it(`answers 404 for the unknown operation ${JSON.stringify(operation)}`, async () => {
        const reply = await post(port, operation, {});
        expect(reply.status).toBe(404);
        expect(json(reply)).toMatchObject({ ok: false, error: { kind: 'bug' } });
      });
    }

    it('refuses a body over the limit by its Content-Length', async () => {
      const reply = await post(port, 'ping', { padding: 'x'.repeat(2000) });
      expect(reply.status).toBe(413);
    });

    it('refuses a chunked body once it passes the limit', async () => {
      const reply = await send(port, {
        method: 'POST',
        path: '/api/ping',
        headers: { 'content-type': 'application/json' },
        body: ['{"padding":"', 'x'.repeat(600), 'x'.repeat(600), '"}'],
      });
      expect(reply.status).toBe(413);
    });

    it('accepts a body just under the limit', async () => {
      // {"p":"…"} is 8 bytes of JSON around the padding: 8 + 992 = 1000 bytes.
      const reply = await post(port, 'ping', { p: 'x'.repeat(992) });
      expect(reply.status).toBe(200);
      expect(json(reply)).toMatchObject({ ok: false, error: { kind: 'bug' } });
    });

    it('refuses a body that is not JSON with 400', async () => {
      const reply = await send(port, {
        method: 'POST',
        path: '/api/ping',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(reply.status).toBe(400);
    });

    it('refuses a content type other sites could send without a preflight', async () => {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      ]) {
        const reply = await post(port, 'ping', {}, { 'content-type': contentType });
        expect(reply.status).toBe(415);
      }
    });

    it('refuses a request from another origin, accepts its own', async () => {
      expect((await post(port, 'ping', {}, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await post(port, 'ping', {}, { origin: 'null' })).status).toBe(403);
      expect((await post(port, 'ping', {}, { origin: `http://127.0.0.1:${port}` })).status).toBe(
        200,
      );
      expect((await post(port, 'ping', {}, { origin: `http://localhost:${port}` })).status).toBe(
        200,
      );
    });
  });
});

describe('columnar responses', () => {
  const operations = {
    matrix: { input: z.strictObject({}), output: returns<unknown>() },
    huge: { input: z.strictObject({}), output: returns<unknown>() },
  };
  let server: RunningServer;

  beforeAll(async () => {
    const dispatch = createDispatcher(operations, {
      matrix: async () => ({
        usage: Float64Array.of(Number.NaN, 2.5),
        asOf: Int32Array.of(19_000),
      }),
      huge: async () => ({ auc: Number.POSITIVE_INFINITY }),
    });
    server = await startApiServer({ dispatch, port: 0, staticDir: tmpdir() });
  });
  afterAll(() => server.close());

  it('sends values holding typed arrays as application/octet-stream', async () => {
    const reply = await post(server.port, 'matrix', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    const decoded = decodeColumnar(new Uint8Array(reply.body)) as {
      ok: true;
      value: { usage: Float64Array; asOf: Int32Array };
    };
    expect(decoded.ok).toBe(true);
    expect(decoded.value.usage).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(decoded.value.usage[0])).toBe(true);
    expect(decoded.value.usage[1]).toBe(2.5);
    expect(Array.from(decoded.value.asOf)).toEqual([19_000]);
  });

  it('sends a non-finite number columnar too, since JSON would turn it into null', async () => {
    const reply = await post(server.port, 'huge', {});
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(decodeColumnar(new Uint8Array(reply.body))).toEqual({
      ok: true,
      value: { auc: Number.POSITIVE_INFINITY },
    });
  });
});

describe('columnar requests', () => {
  const operations = {
    measure: {
      input: z.strictObject({ name: z.string(), bytes: z.instanceof(Uint8Array) }),
      output: returns<unknown>(),
    },
  };
  let server: RunningServer;

  beforeAll(async () => {
    const dispatch = createDispatcher(operations, {
      measure: async ({ name, bytes }) => ({ name, length: bytes.length, values: [...bytes] }),
    });
    server = await startApiServer({ dispatch, port: 0, staticDir: tmpdir(), maxBodyBytes: 1000 });
  });
  afterAll(() => server.close());

  function postBytes(operation: string, body: Uint8Array) {
    return send(server.port, {
      method: 'POST',
      path: `/api/${operation}`,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(body),
    });
  }

  it('decodes an application/octet-stream body, bytes included, before dispatching', async () => {
    const body = encodeColumnar({ name: 'usage.csv', bytes: Uint8Array.of(0, 255, 10) });
    const reply = await postBytes('measure', body);
    expect(reply.status).toBe(200);
    expect(json(reply)).toEqual({
      ok: true,
      value: { name: 'usage.csv', length: 3, values: [0, 255, 10] },
    });
  });

  it('refuses bytes that are not a columnar payload with 400', async () => {
    const reply = await postBytes('measure', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9));
    expect(reply.status).toBe(400);
    expect(json(reply)).toMatchObject({ ok: false, error: { kind: 'bug' } });
  });

  it('refuses a columnar body over the limit with 413', async () => {
    const body = encodeColumnar({ name: 'big.csv', bytes: new Uint8Array(1200) });
    expect((await postBytes('measure', body)).status).toBe(413);
  });
});
