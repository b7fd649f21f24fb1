import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  OPERATION_NAMES,
  OperationError,
  isOperationName,
  returns,
  type OperationName,
} from '../../core/api.ts';
import { createApiDispatcher, createDispatcher, type Dispatch } from '../../db/api/dispatch.ts';
import { settleImports } from '../../db/api/import-jobs.ts';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { setLogSink } from '../../db/log.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';

const logLines: string[] = [];
const restoreSink = () => setLogSink((line) => process.stderr.write(`${line}\n`));

afterEach(() => {
  logLines.length = 0;
  restoreSink();
});

function captureLog(): void {
  setLogSink((line) => logLines.push(line));
}

/** Payloads no operation accepts: every input is an object. */
const NOT_OBJECTS: unknown[] = [undefined, null, 0, 'ping', true, [], [{}]];

/**
 * Malformed payloads per operation; the mapped type makes a new operation a
 * compile error here until its malformed cases are written.
 */
const MALFORMED: { [Op in OperationName]: unknown[] } = {
  ping: [{ extra: 1 }, { version: '0.1.0' }],
  getWorkspace: [{ path: '/etc/passwd' }, { label: 'x' }],
  getMatrix: [
    { asOf: '2024-13-01' },
    { asOf: '2024-02-30' },
    { asOf: ' 2024-01-01' },
    { asOf: '2024-1-1' },
    { asOf: 19_723 },
    { asOf: null },
    { asOf: '2024-01-01', accountId: 'a1' },
  ],
  getSnapshots: [{ every: 'day' }, { every: 'Month' }, { every: 1 }, { every: 'month', asOf: 'x' }],
  getSavedMapping: [{ table: 'accounts' }, { mapping: {} }],
  previewImport: importMalformed(),
  startImport: importMalformed(),
  importStatus: [{}, { jobId: '' }, { jobId: 7 }, { jobId: 'x'.repeat(101) }, { jobId: 'a', x: 1 }],
  listVersions: [{ id: 'a' }],
  saveVersion: [
    {},
    { name: 'v1' },
    { name: '', config: DEFAULT_MODEL },
    { name: '   ', config: DEFAULT_MODEL },
    { name: 'v1', config: { ...DEFAULT_MODEL, version: 2 } },
    { name: 'v1', config: { ...DEFAULT_MODEL, rag: { greenFrom: 40, yellowFrom: 70 } } },
    { name: 'v1', config: DEFAULT_MODEL, headline: null },
  ],
  getVersion: [{}, { id: '' }, { id: 3 }, { id: 'a', name: 'b' }],
};

/** Payloads previewImport and startImport refuse: files missing, not bytes, or extra keys. */
function importMalformed(): unknown[] {
  const file = { name: 'accounts.csv', bytes: new TextEncoder().encode('account_id\n') };
  return [
    {},
    { files: [] },
    { files: 'accounts.csv' },
    { files: [{ name: 'accounts.csv' }] },
    { files: [{ name: 'accounts.csv', bytes: 'account_id,contract_start' }] },
    { files: [{ name: 'accounts.csv', bytes: [97, 10] }] },
    { files: [{ name: '', bytes: file.bytes }] },
    { files: [{ ...file, path: '/home/ana/accounts.csv' }] },
    { files: Array.from({ length: 101 }, (_, index) => ({ ...file, name: `f${index}.csv` })) },
    { files: [file], folder: '/home/ana/exports' },
    { files: [file], dateOrder: 'ymd' },
    { files: [file], dateOrder: 'DMY' },
    { files: [file], mapping: 'accounts.Customer ID=account_id' },
    { files: [file], mapping: { accounts: { 'Customer ID': 1 } } },
  ];
}

/** A payload each operation must accept, where `{}` is not one. */
const WELL_FORMED: { [Op in OperationName]?: unknown } = {
  previewImport: { files: [{ name: 'accounts.csv', bytes: new Uint8Array() }] },
  startImport: { files: [{ name: 'accounts.csv', bytes: new Uint8Array() }], dateOrder: 'dmy' },
  importStatus: { jobId: '5f0c7d1e-0000-4000-8000-000000000000' },
  saveVersion: { name: 'Well formed', config: DEFAULT_MODEL },
  getVersion: { id: 'no-such-version' },
};

describe('the real contract', () => {
  let workspace: Workspace;
  let dispatch: Dispatch;

  beforeAll(async () => {
    workspace = await openWorkspace(':memory:');
    dispatch = createApiDispatcher({ workspace });
  });
  afterAll(async () => {
    await settleImports(workspace);
    workspace.close();
  });

  it('has a malformed-payload list for exactly its operations', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(dispatch.operations).toEqual(OPERATION_NAMES);
  });

  for (const operation of OPERATION_NAMES) {
    describe(operation, () => {
      it('accepts a well-formed payload', async () => {
        const result = await dispatch(operation, WELL_FORMED[operation] ?? {});
        // A user error is an answer too (an unknown import job): the payload reached the handler.
        expect(result.ok || result.error.kind === 'user').toBe(true);
      });

      for (const payload of [...NOT_OBJECTS, ...MALFORMED[operation]]) {
        it(`refuses ${JSON.stringify(payload) ?? 'undefined'} as a bug`, async () => {
          captureLog();
          const result = await dispatch(operation, payload);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error.kind).toBe('bug');
          expect(result.error.message).toMatch(
            new RegExp(`^Malformed payload for "${operation}": `),
          );
          expect(logLines.some((line) => line.startsWith('error: API refused'))).toBe(true);
        });
      }
    });
  }

  const unknown = [
    'nope',
    '',
    'Ping',
    'ping ',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ];
  for (const operation of unknown) {
    it(`refuses the unknown operation ${JSON.stringify(operation)}`, async () => {
      captureLog();
      expect(isOperationName(operation)).toBe(false);
      const result = await dispatch(operation, {});
      expect(result).toEqual({
        ok: false,
        error: { kind: 'bug', message: `Unknown operation ${JSON.stringify(operation)}` },
      });
    });
  }
});

/** A contract of test operations, to exercise fields and failures the real one lacks. */
const TEST_OPERATIONS = {
  findAccount: {
    input: z.strictObject({
      accountId: z.string().min(1),
      limit: z.number().int().positive(),
      segment: z.enum(['smb', 'enterprise']).default('smb'),
    }),
    output: returns<{ accountId: string; limit: number; segment: string }>(),
  },
  fail: {
    input: z.strictObject({
      how: z.enum(['user', 'cancelled', 'namedUserError', 'bug', 'string', 'bigint', 'undefined']),
    }),
    output: returns<unknown>(),
  },
};

class UserError extends Error {
  override readonly name = 'UserError';
  readonly issues = [
    {
      file: 'usage.csv',
      row: 3,
      column: 'events',
      value: '-2',
      message: 'events may not be negative',
    },
  ];
}

const ISSUE = {
  file: 'accounts.csv',
  row: 2,
  column: 'arr',
  value: 'abc',
  message: 'not a number',
};

function testDispatcher(
  findAccount = vi.fn(
    async (input: { accountId: string; limit: number; segment: string }) => input,
  ),
) {
  const dispatch = createDispatcher(TEST_OPERATIONS, {
    findAccount,
    async fail({ how }) {
      if (how === 'user') throw new OperationError('user', 'The file has bad rows', [ISSUE]);
      if (how === 'cancelled') throw new OperationError('cancelled', 'No file chosen');
      if (how === 'namedUserError') throw new UserError('Bad usage file');
      if (how === 'string') throw 'a bare string';
      if (how === 'bigint') return { count: 3n };
      if (how === 'undefined') return undefined;
      throw new TypeError('x is not a function');
    },
  });
  return { dispatch, findAccount };
}

describe('payload validation', () => {
  const malformed: [string, unknown, RegExp][] = [
    ['a missing field', { limit: 5 }, /accountId: /],
    ['a wrong type', { accountId: 'a-1', limit: '5' }, /limit: .*number/],
    ['a non-integer', { accountId: 'a-1', limit: 1.5 }, /limit: /],
    ['a zero where positive is required', { accountId: 'a-1', limit: 0 }, /limit: /],
    ['an empty string', { accountId: '', limit: 5 }, /accountId: /],
    ['an enum value outside the list', { accountId: 'a-1', limit: 5, segment: 'SMB' }, /segment: /],
    ['an extra key', { accountId: 'a-1', limit: 5, path: '/tmp' }, /payload: .*"path"/],
    ['an array', [{ accountId: 'a-1', limit: 5 }], /payload: /],
  ];

  for (const [name, payload, message] of malformed) {
    it(`refuses ${name} as a bug, before the handler runs`, async () => {
      captureLog();
      const { dispatch, findAccount } = testDispatcher();
      const result = await dispatch('findAccount', payload);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe('bug');
      expect(result.error.message).toMatch(/^Malformed payload for "findAccount": /);
      expect(result.error.message).toMatch(message);
      expect(findAccount).not.toHaveBeenCalled();
    });
  }

  it('hands the handler the parsed input, defaults applied', async () => {
    const { dispatch, findAccount } = testDispatcher();
    const result = await dispatch('findAccount', { accountId: 'a-1', limit: 5 });
    expect(findAccount).toHaveBeenCalledWith({ accountId: 'a-1', limit: 5, segment: 'smb' });
    expect(result).toEqual({ ok: true, value: { accountId: 'a-1', limit: 5, segment: 'smb' } });
  });
});

describe('thrown errors become results', () => {
  it('keeps the kind, message and issues of an OperationError of kind user', async () => {
    const result = await testDispatcher().dispatch('fail', { how: 'user' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'user', message: 'The file has bad rows', issues: [ISSUE] },
    });
  });

  it('reports a cancellation as cancelled, without issues', async () => {
    const result = await testDispatcher().dispatch('fail', { how: 'cancelled' });
    expect(result).toEqual({ ok: false, error: { kind: 'cancelled', message: 'No file chosen' } });
  });

  it('treats any Error named UserError as a user error, keeping well-formed issues', async () => {
    const result = await testDispatcher().dispatch('fail', { how: 'namedUserError' });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'user',
        message: 'Bad usage file',
        issues: [
          {
            file: 'usage.csv',
            row: 3,
            column: 'events',
            value: '-2',
            message: 'events may not be negative',
          },
        ],
      },
    });
  });

  it('turns any other Error into a bug and logs its stack', async () => {
    captureLog();
    const result = await testDispatcher().dispatch('fail', { how: 'bug' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'bug', message: '"fail" failed: x is not a function' },
    });
    const logged = logLines.join('\n');
    expect(logged).toMatch(/^error: "fail" failed: TypeError: x is not a function/);
    expect(logged).toMatch(/\n\s+at /);
  });

  it('turns a thrown non-Error into a bug', async () => {
    captureLog();
    const result = await testDispatcher().dispatch('fail', { how: 'string' });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'bug', message: '"fail" failed: a bare string' },
    });
  });

  it('refuses a returned bigint as a bug instead of letting it reach IPC or JSON', async () => {
    captureLog();
    const result = await testDispatcher().dispatch('fail', { how: 'bigint' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('bug');
    expect(result.error.message).toMatch(/bigint.*\["value"\]\["count"\]/);
  });

  it('accepts a handler that returns nothing', async () => {
    expect(await testDispatcher().dispatch('fail', { how: 'undefined' })).toEqual({
      ok: true,
      value: undefined,
    });
  });
});
