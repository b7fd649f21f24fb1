/**
 * The Electron main process and preload, tested without Electron's binary: the
 * `electron` module is replaced by fakes that record what our code asks of it.
 * The fakes keep their own records, because vitest clears mock calls before
 * every test and the app starts once, before all of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OPERATION_NAMES, channelFor } from '../../core/api.ts';
import { setLogSink } from '../../db/log.ts';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  const windows: FakeWindow[] = [];
  const appCalls: string[] = [];
  const appListeners = new Map<string, ((...args: unknown[]) => unknown)[]>();

  class FakeWindow {
    readonly options: Record<string, unknown>;
    readonly loaded: string[] = [];
    readonly openHandlers: (() => unknown)[] = [];
    readonly contentsListeners: [string, (...args: unknown[]) => unknown][] = [];
    readonly once = vi.fn();
    readonly show = vi.fn();
    readonly webContents = {
      setWindowOpenHandler: (handler: () => unknown) => this.openHandlers.push(handler),
      on: (event: string, listener: (...args: unknown[]) => unknown) =>
        this.contentsListeners.push([event, listener]),
    };

    async loadFile(path: string): Promise<void> {
      this.loaded.push(path);
    }

    constructor(options: Record<string, unknown>) {
      this.options = options;
      windows.push(this);
    }
  }

  const listen = (event: string, listener: (...args: unknown[]) => unknown) => {
    appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
  };

  const module = {
    app: {
      enableSandbox: () => appCalls.push('enableSandbox'),
      whenReady: async () => {
        appCalls.push('whenReady');
      },
      on: vi.fn(listen),
      once: vi.fn(listen),
      quit: vi.fn(),
      exit: vi.fn(),
    },
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: vi.fn(
        (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) => {
          ipcHandlers.set(channel, handler);
        },
      ),
      removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn() },
  };
  return { module, ipcHandlers, windows, appListeners, appCalls };
});

vi.mock('electron', () => fake.module);

const { startDesktop } = await import('../../electron/main/desktop.ts');

const INDEX_HTML = '/opt/workbench/dist/renderer/index.html';
const PRELOAD = '/opt/workbench/dist/electron/preload.cjs';
const OWN_PAGE = {
  senderFrame: { url: 'file:///opt/workbench/dist/renderer/index.html', parent: null },
};

const packageVersion = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

function invokeMain(channel: string, event: unknown, payload: unknown): Promise<unknown> {
  const handler = fake.ipcHandlers.get(channel);
  if (handler === undefined) throw new Error(`No handler on ${channel}`);
  return handler(event, payload);
}

describe('the main process', () => {
  let desktop: Awaited<ReturnType<typeof startDesktop>>;

  beforeAll(async () => {
    setLogSink(() => {});
    desktop = await startDesktop({
      argv: ['/opt/workbench/electron', '.', '--workspace', ':memory:'],
      env: {},
      preload: PRELOAD,
      indexHtml: INDEX_HTML,
    });
  });

  afterAll(() => {
    for (const listener of fake.appListeners.get('will-quit') ?? []) listener();
    setLogSink((line) => process.stderr.write(`${line}\n`));
  });

  it('turns the sandbox on for every renderer before the app is ready', () => {
    expect(fake.appCalls.slice(0, 2)).toEqual(['enableSandbox', 'whenReady']);
  });

  it('opens one window, isolated, sandboxed and without Node', () => {
    expect(desktop).not.toBeNull();
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0]!;
    expect(window.options.webPreferences).toMatchObject({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(window.loaded).toEqual([INDEX_HTML]);
  });

  it('lets the window neither open other windows nor navigate away', () => {
    const window = fake.windows[0]!;
    expect(window.openHandlers).toHaveLength(1);
    expect(window.openHandlers[0]!()).toEqual({ action: 'deny' });

    const navigation = window.contentsListeners.filter(([event]) => event === 'will-navigate');
    expect(navigation).toHaveLength(1);
    const event = { preventDefault: vi.fn() };
    (navigation[0]![1] as Listener)(event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('handles exactly one channel per operation of the contract', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(OPERATION_NAMES.map(channelFor).sort());
  });

  it('answers our page through the dispatcher', async () => {
    expect(await invokeMain(channelFor('ping'), OWN_PAGE, {})).toEqual({
      ok: true,
      value: { version: packageVersion },
    });
    const withHash = {
      senderFrame: { url: `${OWN_PAGE.senderFrame.url}#/backtest`, parent: null },
    };
    expect(await invokeMain(channelFor('getWorkspace'), withHash, {})).toMatchObject({
      ok: true,
      value: { label: 'in-memory workspace', accountCount: 0 },
    });
  });

  const foreignSenders: [string, unknown][] = [
    ['a web page', { senderFrame: { url: 'https://evil.example/index.html', parent: null } }],
    ['another local file', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    [
      'a sub-frame showing our page',
      { senderFrame: { url: OWN_PAGE.senderFrame.url, parent: { url: 'https://evil.example/' } } },
    ],
    ['a destroyed frame', { senderFrame: null }],
    ['a frame with an unparsable URL', { senderFrame: { url: 'not a url', parent: null } }],
  ];
  for (const [name, event] of foreignSenders) {
    it(`refuses ${name} on every channel`, async () => {
      for (const operation of OPERATION_NAMES) {
        const result = await invokeMain(channelFor(operation), event, {});
        expect(result).toEqual({
          ok: false,
          error: {
            kind: 'bug',
            message: `"${operation}" refused: the request does not come from the workbench page`,
          },
        });
      }
    });
  }

  for (const payload of [null, undefined, 'ping', 7, [], { extra: true }]) {
    it(`refuses the malformed payload ${JSON.stringify(payload) ?? 'undefined'} from our page`, async () => {
      for (const operation of OPERATION_NAMES) {
        const result = await invokeMain(channelFor(operation), OWN_PAGE, payload);
        expect(result).toMatchObject({
          ok: false,
          error: { kind: 'bug', message: expect.stringMatching(/^Malformed payload/) },
        });
      }
    });
  }

  it('quits when the window closes, and closes the workspace and handlers on quit', async () => {
    for (const listener of fake.appListeners.get('window-all-closed') ?? []) listener();
    expect(fake.module.app.quit).toHaveBeenCalled();

    for (const listener of fake.appListeners.get('will-quit') ?? []) listener();
    fake.appListeners.delete('will-quit');
    expect(fake.ipcHandlers.size).toBe(0);
    await expect(desktop!.workspace.connection.run('SELECT 1')).rejects.toThrow();
  });
});

describe('the main process with a workspace that will not open', () => {
  it('says so in a dialog and exits with status 1', async () => {
    setLogSink(() => {});
    const result = await startDesktop({
      argv: [],
      env: { HEALTHSCORE_WORKSPACE: '/nonexistent-folder/for/sure/team.duckdb' },
      preload: PRELOAD,
      indexHtml: INDEX_HTML,
    });
    setLogSink((line) => process.stderr.write(`${line}\n`));
    expect(result).toBeNull();
    expect(fake.module.dialog.showErrorBox).toHaveBeenCalledWith(
      'Health Score Workbench',
      expect.stringContaining('/nonexistent-folder/for/sure/team.duckdb'),
    );
    expect(fake.module.app.exit).toHaveBeenCalledWith(1);
  });
});

describe('the preload', () => {
  let exposed: Record<string, unknown>;

  beforeAll(async () => {
    // The renderer's invoke reaches main's handler as our page would.
    fake.module.ipcRenderer.invoke.mockImplementation((channel: string, payload: unknown) =>
      Promise.resolve({ channel, payload }),
    );
    await import('../../electron/preload/index.ts');
    const calls = fake.module.contextBridge.exposeInMainWorld.mock.calls;
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe('healthscore');
    exposed = calls[0]![1] as Record<string, unknown>;
  });

  it('exposes exactly the operations of the contract, all functions', () => {
    expect(Object.keys(exposed).sort()).toEqual([...OPERATION_NAMES].sort());
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
    expect(exposed).not.toBe(fake.module.ipcRenderer);
  });

  it('calls ipcRenderer.invoke on each operation’s own channel with the payload', async () => {
    for (const operation of OPERATION_NAMES) {
      fake.module.ipcRenderer.invoke.mockClear();
      const call = exposed[operation] as (input?: unknown) => Promise<unknown>;

      expect(await call({ probe: operation })).toEqual({
        channel: channelFor(operation),
        payload: { probe: operation },
      });
      expect(await call()).toEqual({ channel: channelFor(operation), payload: {} });
      expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledTimes(2);
      expect(fake.module.ipcRenderer.invoke).toHaveBeenCalledWith(channelFor(operation), {});
    }
  });
});
