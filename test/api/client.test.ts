import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { OPERATION_NAMES, returns, type HealthscoreApi } from '../../core/api.ts';
import { startApiServer, startServer, type RunningServer } from '../../cli/server.ts';
import { createDispatcher } from '../../db/api/dispatch.ts';
import { setLogSink } from '../../db/log.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';
import {
  createBridgeClient,
  createClient,
  createHttpClient,
} from '../../renderer/src/api/client.ts';

const packageVersion = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('the HTTP client against the real server', () => {
  let workspace: Workspace;
  let server: RunningServer;
  let api: HealthscoreApi;

  beforeAll(async () => {
    setLogSink(() => {});
    workspace = await openWorkspace(':memory:');
    server = await startServer({ workspace, port: 0, staticDir: tmpdir() });
    api = createHttpClient(server.url);
  });

  afterAll(async () => {
    await server.close();
    workspace.close();
    setLogSink((line) => process.stderr.write(`${line}\n`));
  });

  it('has one function per operation', () => {
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('calls ping with or without an argument', async () => {
    expect(await api.ping()).toEqual({ ok: true, value: { version: packageVersion } });
    expect(await api.ping({})).toEqual({ ok: true, value: { version: packageVersion } });
  });

  it('returns a refusal as a result', async () => {
    const result = await (api.getWorkspace as (input: unknown) => Promise<unknown>)({ path: '/' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bug' } });
  });

  it('turns an answer that is not a result into a bug result', async () => {
    const fetchText = vi.fn(
      async () =>
        new Response('Forbidden', { status: 403, headers: { 'content-type': 'text/plain' } }),
    );
    const result = await createHttpClient('', fetchText).ping();
    expect(fetchText).toHaveBeenCalledWith(
      '/api/ping',
      expect.objectContaining({ method: 'POST' }),
    );
    expect(result).toEqual({
      ok: false,
      error: { kind: 'bug', message: 'The server answered HTTP 403 without a result: Forbidden' },
    });
  });

  it('turns a server that does not answer into a bug result, without throwing', async () => {
    const closed = await startServer({ workspace, port: 0, staticDir: tmpdir() });
    await closed.close();
    const result = await createHttpClient(closed.url).ping();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('bug');
    expect(result.error.message).toMatch(/^The workbench server did not answer/);
  });

  it('turns unreadable columnar bytes into a bug result', async () => {
    const garbage = async () =>
      new Response(new Uint8Array([1, 2, 3]), {
        headers: { 'content-type': 'application/octet-stream' },
      });
    const result = await createHttpClient('', garbage).ping();
    expect(result).toMatchObject({ ok: false, error: { kind: 'bug' } });
  });
});

describe('the HTTP client with columnar answers', () => {
  let server: RunningServer;

  beforeAll(async () => {
    const operations = { ping: { input: z.strictObject({}), output: returns<unknown>() } };
    const dispatch = createDispatcher(operations, {
      ping: async () => ({
        usage: Float64Array.of(Number.NaN, -0, 7),
        count: Number.NEGATIVE_INFINITY,
      }),
    });
    server = await startApiServer({ dispatch, port: 0, staticDir: tmpdir() });
  });
  afterAll(() => server.close());

  it('decodes typed arrays and special numbers', async () => {
    const result = (await createHttpClient(server.url).ping()) as unknown as {
      ok: true;
      value: { usage: Float64Array; count: number };
    };
    expect(result.ok).toBe(true);
    expect(result.value.usage).toBeInstanceOf(Float64Array);
    expect(Number.isNaN(result.value.usage[0])).toBe(true);
    expect(Object.is(result.value.usage[1], -0)).toBe(true);
    expect(result.value.usage[2]).toBe(7);
    expect(result.value.count).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('the HTTP client with columnar requests', () => {
  let server: RunningServer;
  let received: unknown[];

  beforeAll(async () => {
    received = [];
    const operations = { ping: { input: z.unknown(), output: returns<unknown>() } };
    const dispatch = createDispatcher(operations, {
      ping: async (input) => {
        received.push(input);
        return 'received';
      },
    });
    server = await startApiServer({ dispatch, port: 0, staticDir: tmpdir() });
  });
  afterAll(() => server.close());

  it('sends an input holding bytes as application/octet-stream, and the server gets them back', async () => {
    const send = vi.fn(fetch);
    const ping = createHttpClient(server.url, send).ping as (input: unknown) => Promise<unknown>;
    const bytes = Uint8Array.of(0, 128, 255);
    expect(await ping({ files: [{ name: 'usage.csv', bytes }] })).toEqual({
      ok: true,
      value: 'received',
    });
    const init = send.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get('content-type')).toBe('application/octet-stream');
    const [input] = received as [{ files: [{ name: string; bytes: Uint8Array }] }];
    expect(input.files[0].name).toBe('usage.csv');
    expect(input.files[0].bytes).toBeInstanceOf(Uint8Array);
    expect([...input.files[0].bytes]).toEqual([0, 128, 255]);
  });

  it('still sends plain inputs as JSON', async () => {
    const send = vi.fn(fetch);
    await createHttpClient(server.url, send).ping();
    expect(new Headers(send.mock.calls[0]?.[1]?.headers).get('content-type')).toBe(
      'application/json',
    );
  });

  it('refuses an input that cannot cross the boundary without sending it', async () => {
    const send = vi.fn(fetch);
    const ping = createHttpClient(server.url, send).ping as (input: unknown) => Promise<unknown>;
    const result = await ping({ count: 3n });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bug' } });
    expect(send).not.toHaveBeenCalled();
  });
});

describe('the bridge client', () => {
  it('passes {} for an omitted input and the bridge result through', async () => {
    const ping = vi.fn(async () => ({ ok: true as const, value: { version: '9.9.9' } }));
    const bridge = { ping, getWorkspace: vi.fn() } as unknown as HealthscoreApi;
    expect(await createBridgeClient(bridge).ping()).toEqual({
      ok: true,
      value: { version: '9.9.9' },
    });
    expect(ping).toHaveBeenCalledWith({});
  });

  it('turns a bridge that throws into a bug result', async () => {
    const bridge = {
      ping: async () => {
        throw new Error('No handler registered');
      },
    } as unknown as HealthscoreApi;
    expect(await createBridgeClient(bridge).ping()).toEqual({
      ok: false,
      error: { kind: 'bug', message: 'The desktop bridge failed on "ping": No handler registered' },
    });
  });

  it('is what createClient picks when the preload exposed window.healthscore', async () => {
    const ping = vi.fn(async () => ({ ok: true as const, value: { version: 'bridge' } }));
    vi.stubGlobal('healthscore', { ping, getWorkspace: vi.fn() });
    try {
      expect(await createClient().ping()).toEqual({ ok: true, value: { version: 'bridge' } });
      expect(ping).toHaveBeenCalledOnce();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
