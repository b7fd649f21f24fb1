/**
 * The preload as Electron's sandbox will run it: the bundle built by
 * vite.electron.config.ts, evaluated with nothing but a `require` that knows
 * `electron` (no module, exports, process or Node built-ins).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import { OPERATION_NAMES, channelFor } from '../../core/api.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the bundled preload', () => {
  let outDir: string;
  let code: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'healthscore-preload-'));
    const builder = await createBuilder({
      configFile: join(ROOT, 'vite.electron.config.ts'),
      root: ROOT,
      logLevel: 'warn',
      environments: { preload: { build: { outDir, sourcemap: false } } },
    });
    await builder.build(builder.environments.preload!);
    code = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is one file', () => {
    expect(readdirSync(outDir)).toEqual(['preload.cjs']);
  });

  it('runs requiring only electron, and exposes one function per operation', async () => {
    const required: string[] = [];
    const exposed: [string, Record<string, (input?: unknown) => Promise<unknown>>][] = [];
    const invoked: [string, unknown][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (name: string, api: Record<string, () => Promise<unknown>>) =>
          exposed.push([name, api]),
      },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => {
          invoked.push([channel, payload]);
          return { ok: true, value: null };
        },
      },
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`A sandboxed preload cannot require ${name}`);
      return electron;
    };

    runInNewContext(code, { require: sandboxRequire });

    expect(required).toEqual(['electron']);
    expect(exposed.map(([name]) => name)).toEqual(['healthscore']);
    const api = exposed[0]![1];
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const operation of OPERATION_NAMES) await api[operation]!();
    expect(invoked).toEqual(OPERATION_NAMES.map((operation) => [channelFor(operation), {}]));
  });
});
