import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  ApiResult,
  ImportFile,
  ImportPreview,
  ImportStatus,
  OperationName,
  WorkspaceSummary,
} from '../../core/api.ts';
import { startServer } from '../../cli/server.ts';
import { createApiDispatcher, type Dispatch } from '../../db/api/dispatch.ts';
import { onDataChanged } from '../../db/api/import-events.ts';
import { settleImports } from '../../db/api/import-jobs.ts';
import { DATASET_LABEL, uploadName, withUploadedFiles } from '../../db/api/import-uploads.ts';
import { setLogSink } from '../../db/log.ts';
import { openWorkspace, type Workspace } from '../../db/workspace.ts';
import { createHttpClient } from '../../renderer/src/api/client.ts';
import { readAs } from '../../renderer/src/import/dates.ts';
import { fileState } from '../../renderer/src/import/file-state.ts';
import {
  shownSource,
  withColumnSource,
  withFileTable,
} from '../../renderer/src/import/mapping-edit.ts';
import { progressFraction } from '../../renderer/src/import/progress.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ui-import');

/** The files of a fixture folder, as the renderer sends them. */
function fixture(folder: 'good' | 'broken'): ImportFile[] {
  const path = join(FIXTURES, folder);
  return readdirSync(path)
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(path, name))) }));
}

function file(name: string, text: string): ImportFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

const USAGE = file('usage.csv', 'account_id,date,events\nA-1,2024-03-01,3\n');

let workspace: Workspace;
let dispatch: Dispatch;

beforeEach(async () => {
  setLogSink(() => {});
  workspace = await openWorkspace(':memory:');
  dispatch = createApiDispatcher({ workspace });
});

afterEach(async () => {
  await settleImports(workspace);
  workspace.close();
  setLogSink((line) => process.stderr.write(`${line}\n`));
});

async function call<T>(operation: OperationName, input: unknown): Promise<T> {
  const result = (await dispatch(operation, input)) as ApiResult<T>;
  if (!result.ok) throw new Error(`${operation} refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

function preview(input: unknown): Promise<ImportPreview> {
  return call<ImportPreview>('previewImport', input);
}

/** Starts an import and polls its status until it ends. */
async function runImport(input: unknown): Promise<ImportStatus> {
  const { jobId } = await call<{ jobId: string }>('startImport', input);
  for (let polls = 0; polls < 2000; polls += 1) {
    const status = await call<ImportStatus>('importStatus', { jobId });
    if (status.state !== 'running') return status;
    await new Promise((done) => setTimeout(done, 5));
  }
  throw new Error('the import never ended');
}

async function tableRows(sql: string): Promise<unknown[][]> {
  return (await workspace.connection.runAndReadAll(sql)).getRowsJson();
}

describe('previewImport', () => {
  it('previews a good folder: tables, rows, sniffed types, every column matched by name', async () => {
    const result = await preview({ files: fixture('good') });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.files.map((entry) => [entry.file, entry.table, entry.rows])).toEqual([
      // accounts.csv has 4 data lines, usage.csv 7.
      ['accounts.csv', 'accounts', 4],
      ['usage.csv', 'usage', 7],
    ]);
    const accounts = result.files[0]!;
    expect(accounts.missingRequired).toEqual([]);
    expect(accounts.extraColumns).toEqual([]);
    expect(accounts.columns.every((column) => column.via === 'name')).toBe(true);
    expect(accounts.columns.map((column) => column.column)).toEqual([
      'account_id',
      'account_name',
      'segment',
      'csm_owner',
      'arr',
      'paid_seats',
      'contract_start',
      'renewal_date',
      'churned_on',
    ]);
    const types = Object.fromEntries(
      accounts.columns.map((column) => [column.name, column.sniffedType]),
    );
    // Ids like A-1001 are text; every contract_start is a valid ISO date.
    expect(types).toMatchObject({ account_id: 'VARCHAR', contract_start: 'DATE' });
    expect(accounts.dateColumns.map((column) => [column.column, column.reading])).toEqual([
      ['contract_start', 'none'],
      ['renewal_date', 'none'],
      ['churned_on', 'none'],
    ]);
  });

  it('imports nothing', async () => {
    await preview({ files: fixture('good') });
    const summary = await call<WorkspaceSummary>('getWorkspace', {});
    expect(summary.tables).toEqual([]);
    expect(await tableRows('SELECT count(*)::INTEGER FROM accounts')).toEqual([[0]]);
  });

  it('reports missing required and extra columns, and a missing required table under a neutral name', async () => {
    const result = await preview({
      files: [file('accounts.csv', 'Customer ID,contract_start,Region\nA-1,2024-01-01,EMEA\n')],
    });
    expect(result.files[0]).toMatchObject({
      table: 'accounts',
      missingRequired: ['account_id'],
      extraColumns: ['Customer ID', 'Region'],
    });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'accounts.csv', column: 'account_id' }),
        expect.objectContaining({ file: DATASET_LABEL, message: expect.stringMatching(/usage/) }),
      ]),
    );
    // The temporary folder the files were written to is never named.
    expect(JSON.stringify(result)).not.toContain('healthscore-import-');
    expect(JSON.stringify(result)).not.toContain(tmpdir());
  });

  it('applies a column mapping, and without one uses the workspace saved mapping', async () => {
    const files = [
      file('accounts.csv', 'Customer ID,Start\nA-1,2024-01-01\n'),
      file('usage.csv', 'Customer ID,Day,Events\nA-1,2024-03-01,3\n'),
    ];
    const mapping = {
      accounts: { 'Customer ID': 'account_id', Start: 'contract_start' },
      usage: { 'customer id': 'account_id', DAY: 'date', Events: 'events' },
    };
    const unmapped = await preview({ files });
    expect(unmapped.files[0]!.missingRequired).toEqual(['account_id', 'contract_start']);

    const mapped = await preview({ files, mapping });
    expect(mapped.errors).toEqual([]);
    expect(mapped.files[1]!.columns).toEqual([
      { name: 'Customer ID', sniffedType: 'VARCHAR', column: 'account_id', via: 'mapping' },
      { name: 'Day', sniffedType: 'DATE', column: 'date', via: 'mapping' },
      { name: 'Events', sniffedType: 'BIGINT', column: 'events', via: 'mapping' },
    ]);

    expect(await call('getSavedMapping', {})).toBeNull();
    const status = await runImport({ files, mapping });
    expect(status.state).toBe('done');
    expect(await call('getSavedMapping', {})).toEqual(mapping);
    const again = await preview({ files });
    expect(again.errors).toEqual([]);
    expect(again.files[0]!.columns.map((column) => column.via)).toEqual(['mapping', 'mapping']);
  });

  it('refuses a mapping that names no contract column, as a user error naming it', async () => {
    const result = await dispatch('previewImport', {
      files: [USAGE],
      mapping: { usage: { Day: 'day_of_use' } },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'user',
        issues: [{ file: 'column mapping', message: expect.stringMatching(/day_of_use/) }],
      },
    });
  });

  it('counts every data row of a file with malformed lines, and reports each line alike', async () => {
    const header =
      'account_id,account_name,segment,csm_owner,arr,paid_seats,contract_start,renewal_date,churned_on';
    // Three data rows: 10 fields, 8 fields, then the header's 9.
    const accounts = file(
      'accounts.csv',
      `${header}\nA-1,a,b,c,1,2,2024-01-01,,,extra\nA-2,a,b,c,1,2,2024-01-01,\nA-3,a,b,c,1,2,2024-01-01,,\n`,
    );
    const result = await preview({ files: [accounts, USAGE] });
    expect(result.files.map((entry) => [entry.file, entry.rows])).toEqual([
      ['accounts.csv', 3],
      ['usage.csv', 1],
    ]);
    expect(result.errors).toEqual([
      {
        file: 'accounts.csv',
        row: 2,
        column: null,
        value: 'A-1,a,b,c,1,2,2024-01-01,,,extra',
        message:
          'the line has more fields than the header (Expected Number of Columns: 9 Found: 10)',
      },
      {
        file: 'accounts.csv',
        row: 3,
        column: null,
        value: 'A-2,a,b,c,1,2,2024-01-01,',
        message:
          'the line has fewer fields than the header (Expected Number of Columns: 9 Found: 8)',
      },
    ]);
    // The card of a file with blocking problems never says Ready; the clean file's does.
    expect(result.files.map((entry) => fileState(entry, result.errors))).toEqual([
      { state: 'blocked', label: '2 problems to fix' },
      { state: 'ready', label: 'Ready' },
    ]);
  });

  it('says a binary file chosen as a table holds binary data, with no raw bytes in the answer', async () => {
    const binary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x50, 0x0a]);
    const result = await preview({ files: [{ name: 'accounts.csv', bytes: binary }, USAGE] });
    expect(result.errors).toEqual([
      {
        file: 'accounts.csv',
        row: null,
        column: null,
        value: null,
        message: 'not a text CSV file (it holds binary data)',
      },
    ]);
    expect(result.files[0]).toMatchObject({ file: 'accounts.csv', rows: null, columns: [] });
    expect(fileState(result.files[0]!, result.errors)).toEqual({
      state: 'blocked',
      label: '1 problem to fix',
    });
  });

  describe('date columns written year-last', () => {
    const ambiguous = file(
      'accounts.csv',
      'account_id,contract_start\nA-1,03/04/2024\nA-2,05/06/2024\nA-3,2024-01-15\n',
    );

    it('reports a column no value decides, with its sample values', async () => {
      const result = await preview({ files: [ambiguous, USAGE] });
      const contractStart = result.files[0]!.dateColumns[0]!;
      // Two of three values are written year-last, and both read either way.
      expect(contractStart).toEqual({
        name: 'contract_start',
        column: 'contract_start',
        yearLastValues: 2,
        reading: 'ambiguous',
        order: null,
        samples: ['03/04/2024', '05/06/2024'],
      });
      expect(result.errors).toEqual([
        expect.objectContaining({ file: 'accounts.csv', row: null, column: 'contract_start' }),
      ]);
    });

    it('reads the column in the order chosen, and imports it that way', async () => {
      const result = await preview({ files: [ambiguous, USAGE], dateOrder: 'dmy' });
      expect(result.errors).toEqual([]);
      expect(result.files[0]!.dateColumns[0]).toMatchObject({ reading: 'chosen', order: 'dmy' });

      const status = await runImport({ files: [ambiguous, USAGE], dateOrder: 'dmy' });
      expect(status.state).toBe('done');
      // Day first: 03/04/2024 is 3 April, 05/06/2024 is 5 June.
      expect(
        await tableRows(
          'SELECT account_id, CAST(contract_start AS VARCHAR) FROM accounts ORDER BY account_id',
        ),
      ).toEqual([
        ['A-1', '2024-04-03'],
        ['A-2', '2024-06-05'],
        ['A-3', '2024-01-15'],
      ]);
    });

    it('says which value decided a column that decides by itself', async () => {
      const decided = file(
        'accounts.csv',
        'account_id,contract_start\nA-1,03/04/2024\nA-2,25/04/2024\n',
      );
      const result = await preview({ files: [decided, USAGE] });
      // 25 cannot be a month, so the column is day first.
      expect(result.files[0]!.dateColumns[0]).toMatchObject({
        reading: 'decided',
        order: 'dmy',
        samples: ['25/04/2024'],
      });
    });
  });
});

describe('startImport and importStatus', () => {
  it('imports a good folder, reports its tables and row counts, and tells data-changed listeners', async () => {
    const listener = vi.fn();
    onDataChanged(workspace, listener);
    const status = await runImport({ files: fixture('good') });
    expect(status).toMatchObject({
      state: 'done',
      result: {
        ok: true,
        tables: [
          { table: 'accounts', file: 'accounts.csv', rows: 4 },
          { table: 'usage', file: 'usage.csv', rows: 7 },
        ],
        warnings: [],
      },
    });
    expect(status.progress).toEqual({ step: 'replace', done: 2, total: 2 });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('fails a broken file with every rejected row named, and leaves the previous data intact', async () => {
    expect((await runImport({ files: fixture('good') })).state).toBe('done');
    const accountsBefore = await tableRows('SELECT * FROM accounts ORDER BY account_id');
    const usageBefore = await tableRows('SELECT * FROM usage ORDER BY account_id, date, user_id');
    const summaryBefore = await call<WorkspaceSummary>('getWorkspace', {});
    expect(accountsBefore).toHaveLength(4);
    expect(usageBefore).toHaveLength(7);
    const listener = vi.fn();
    onDataChanged(workspace, listener);

    const status = await runImport({ files: fixture('broken') });
    expect(status.state).toBe('failed');
    if (status.result?.ok !== false) throw new Error('expected a refused import');
    // broken/accounts.csv: row 3 (header = row 1) starts on 30 February; row 5 repeats A-2001 of row 2.
    expect(status.result.errors).toEqual([
      {
        file: 'accounts.csv',
        row: 3,
        column: 'contract_start',
        value: '2023-02-30',
        message: expect.stringMatching(/date/),
      },
      {
        file: 'accounts.csv',
        row: 5,
        column: 'account_id',
        value: 'A-2001',
        message: expect.stringMatching(/duplicate.*row 2/),
      },
    ]);
    expect(status.result.truncated).toBe(false);

    expect(await tableRows('SELECT * FROM accounts ORDER BY account_id')).toEqual(accountsBefore);
    expect(await tableRows('SELECT * FROM usage ORDER BY account_id, date, user_id')).toEqual(
      usageBefore,
    );
    expect(await call('getWorkspace', {})).toEqual(summaryBefore);
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses a second import while one runs', async () => {
    const input = { files: fixture('good') };
    const results = await Promise.all([
      dispatch('startImport', input),
      dispatch('startImport', input),
    ]);
    // Either may win the race; exactly one starts.
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      ok: false,
      error: { kind: 'user', message: expect.stringMatching(/already running/) },
    });
  });

  it('answers a user error for a job it does not know', async () => {
    const result = await dispatch('importStatus', { jobId: 'not-a-job' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'user' } });
  });

  it('makes the snapshot histories forget the data an import replaced', async () => {
    const accounts = readFileSync(join(FIXTURES, 'good', 'accounts.csv'), 'utf8');
    const usage = fixture('good').find((entry) => entry.name === 'usage.csv')!;
    const names = async () =>
      (await call<{ matrix: { accounts: { accountNames: string[] } } }>('getSnapshots', {})).matrix
        .accounts.accountNames;

    expect((await runImport({ files: [file('accounts.csv', accounts), usage] })).state).toBe(
      'done',
    );
    expect(await names()).toContain('Northwind Traders');
    // Same files, same row counts: only the account's name differs.
    const renamed = accounts.replace('Northwind Traders', 'Northwind Trading Co');
    expect((await runImport({ files: [file('accounts.csv', renamed), usage] })).state).toBe('done');
    expect(await names()).toContain('Northwind Trading Co');
  });
});

describe('file names', () => {
  it('keeps the last segment of a name, whatever its separators', () => {
    expect(uploadName('accounts.csv')).toBe('accounts.csv');
    expect(uploadName('../../etc/accounts.csv')).toBe('accounts.csv');
    expect(uploadName('..\\..\\Windows\\usage.csv')).toBe('usage.csv');
    expect(uploadName('/home/ana/exports/usage.csv')).toBe('usage.csv');
    expect(uploadName('..usage.csv')).toBe('..usage.csv');
  });

  for (const name of ['..', '.', 'exports/..', 'exports/', '../', 'a\0.csv']) {
    it(`refuses ${JSON.stringify(name)} as a user error`, async () => {
      expect(() => uploadName(name)).toThrow(/is not a file name/);
      const result = await dispatch('previewImport', {
        files: [{ name, bytes: new Uint8Array() }],
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'user' } });
    });
  }

  it('writes a name holding ../ inside its own folder, under its last segment', async () => {
    const result = await preview({
      files: [
        // Unsanitised, this would land in tmpdir() itself, beside the temporary folder.
        { ...fixture('good')[0]!, name: '../accounts.csv' },
        { ...fixture('good')[1]!, name: '..\\usage.csv' },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.files.map((entry) => entry.file)).toEqual(['accounts.csv', 'usage.csv']);
    expect(existsSync(join(tmpdir(), 'accounts.csv'))).toBe(false);
  });

  it('refuses two files that are one file once cut to their names', async () => {
    const result = await dispatch('startImport', {
      files: [file('accounts.csv', 'a'), file('backup/Accounts.csv', 'b'), USAGE],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'user', message: expect.stringMatching(/chosen twice/) },
    });
  });

  it('removes its temporary folder after the work, and after a failure', async () => {
    let seen = '';
    await withUploadedFiles([USAGE], async (folder) => {
      seen = folder;
      expect(readFileSync(join(folder, 'usage.csv'), 'utf8')).toBe(
        'account_id,date,events\nA-1,2024-03-01,3\n',
      );
    });
    expect(seen).not.toBe('');
    expect(existsSync(seen)).toBe(false);

    await expect(
      withUploadedFiles([USAGE], async (folder) => {
        seen = folder;
        throw new Error('reader failed');
      }),
    ).rejects.toThrow('reader failed');
    expect(existsSync(seen)).toBe(false);
  });
});

describe('over HTTP', () => {
  it('carries the chosen files as bytes from the real client to the preview', async () => {
    const server = await startServer({ workspace, port: 0, staticDir: tmpdir() });
    try {
      const api = createHttpClient(server.url);
      const result = await api.previewImport({ files: fixture('good') });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.files.map((entry) => [entry.file, entry.rows])).toEqual([
        ['accounts.csv', 4],
        ['usage.csv', 7],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe("the view's helpers", () => {
  it('maps a contract column to one file column, dropping what fed it before', () => {
    const mapping = { accounts: { 'Customer ID': 'account_id', Start: 'contract_start' } };
    expect(withColumnSource(mapping, 'accounts', 'account_id', 'Client')).toEqual({
      accounts: { Start: 'contract_start', Client: 'account_id' },
    });
    // "start" is the same export name as "Start": its old target goes.
    expect(withColumnSource(mapping, 'accounts', 'renewal_date', ' start ')).toEqual({
      accounts: { 'Customer ID': 'account_id', ' start ': 'renewal_date' },
    });
    expect(withColumnSource(mapping, 'accounts', 'account_id', null)).toEqual({
      accounts: { Start: 'contract_start' },
    });
    // A column already spelled like the contract column needs no entry.
    expect(withColumnSource(mapping, 'accounts', 'account_id', 'Account_ID')).toEqual({
      accounts: { Start: 'contract_start' },
    });
    expect(withColumnSource({}, 'usage', 'date', 'Day')).toEqual({ usage: { Day: 'date' } });
  });

  it('sets or clears the table a file holds', () => {
    const mapping = { files: { 'Export 1.csv': 'accounts' } };
    expect(withFileTable(mapping, 'export 1.csv', 'usage')).toEqual({
      files: { 'export 1.csv': 'usage' },
    });
    expect(withFileTable(mapping, 'Export 1.csv', null)).toEqual({ files: {} });
  });

  it('shows the mapped file column before the preview confirms it, else the matched one', () => {
    const preview = {
      file: 'accounts.csv',
      format: 'csv' as const,
      table: 'accounts',
      rows: 1,
      columns: [
        { name: 'account_id', sniffedType: 'VARCHAR', column: 'account_id', via: 'name' as const },
        { name: 'Client', sniffedType: 'VARCHAR', column: null, via: null },
      ],
      missingRequired: [],
      missingOptional: [],
      extraColumns: ['Client'],
      dateColumns: [],
    };
    expect(shownSource(preview, {}, 'accounts', 'account_id')).toBe('account_id');
    expect(
      shownSource(preview, { accounts: { client: 'account_id' } }, 'accounts', 'account_id'),
    ).toBe('Client');
    // An entry for a column the file lacks shows nothing new.
    expect(
      shownSource(preview, { accounts: { Other: 'segment' } }, 'accounts', 'segment'),
    ).toBeNull();
  });

  it('names missing required columns first, counts other problems of its own file only, and skips non-tables', () => {
    const base = {
      file: 'usage.csv',
      format: 'csv' as const,
      table: 'usage',
      rows: 2,
      columns: [],
      missingRequired: [],
      missingOptional: [],
      extraColumns: [],
      dateColumns: [],
    };
    const issue = (name: string) => ({
      file: name,
      row: 2,
      column: null,
      value: 'x',
      message: 'm',
    });
    const others = [issue('accounts.csv'), issue('chosen files')];
    expect(fileState(base, others)).toEqual({ state: 'ready', label: 'Ready' });
    expect(fileState(base, [...others, issue('usage.csv')])).toEqual({
      state: 'blocked',
      label: '1 problem to fix',
    });
    expect(fileState({ ...base, missingRequired: ['date', 'events'] }, [])).toEqual({
      state: 'blocked',
      label: '2 required columns missing',
    });
    expect(fileState({ ...base, missingRequired: ['date'] }, [issue('usage.csv')])).toEqual({
      state: 'blocked',
      label: '1 required column missing',
    });
    expect(fileState({ ...base, table: null }, [issue('usage.csv')])).toEqual({
      state: 'skipped',
      label: 'Not imported',
    });
  });

  it('fills the progress bar step by step', () => {
    // Shares: write 0.1, read 0.4, check 0.4, replace 0.1.
    expect(progressFraction({ step: 'write', done: 0, total: 2 })).toBe(0);
    expect(progressFraction({ step: 'read', done: 1, total: 2 })).toBeCloseTo(0.1 + 0.2);
    expect(progressFraction({ step: 'check', done: 0, total: 0 })).toBeCloseTo(0.9);
    expect(progressFraction({ step: 'replace', done: 2, total: 2 })).toBeCloseTo(1);
  });

  it('reads a year-last sample in either order, refusing what is no date', () => {
    expect(readAs('03/04/2024', 'dmy')).toBe('3 April 2024');
    expect(readAs('03/04/2024', 'mdy')).toBe('4 March 2024');
    expect(readAs('29.02.2024 10:00', 'dmy')).toBe('29 February 2024');
    // 2023 is not a leap year; 13 is no month.
    expect(readAs('29/02/2023', 'dmy')).toBeNull();
    expect(readAs('13/04/2024', 'mdy')).toBeNull();
    expect(readAs('2024-04-03', 'dmy')).toBeNull();
  });
});
