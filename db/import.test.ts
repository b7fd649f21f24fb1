import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quotedString } from '@duckdb/node-api';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../core/contract.ts';
import {
  importDataset,
  loadMappingFile,
  previewDataset,
  type ImportIssue,
  type ImportResult,
} from './import.ts';
import { openWorkspace, type Workspace } from './workspace.ts';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/import/', import.meta.url));
const GOOD = join(FIXTURES, 'good');
const RENAMED = join(FIXTURES, 'renamed');
const RENAMED_MAPPING = join(FIXTURES, 'renamed-mapping.json');

const ACCOUNTS_HEADER =
  'account_id,account_name,segment,csm_owner,arr,paid_seats,contract_start,renewal_date,churned_on';
const USAGE_HEADER =
  'account_id,user_id,date,events,workflows_started,workflows_completed,records_created,api_calls';
const MIN_ACCOUNTS = `account_id,contract_start\nA1,2024-01-01\nA2,2024-01-01\n`;
const MIN_USAGE = `account_id,date,events\nA1,2024-03-01,1\n`;

const folders: string[] = [];

/** A temp dataset folder: optionally a copy of `base`, then these files written (null removes one). */
async function dataset(
  files: Record<string, string | Uint8Array | null>,
  base?: string,
): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'hs-import-'));
  folders.push(folder);
  if (base) await cp(base, folder, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    if (content === null) await rm(join(folder, name));
    else await writeFile(join(folder, name), content);
  }
  return folder;
}

async function rows(workspace: Workspace, sql: string): Promise<unknown[][]> {
  const reader = await workspace.connection.runAndReadAll(sql);
  return reader.getRowsJson();
}

function errorsOf(result: ImportResult): ImportIssue[] {
  if (result.ok) throw new Error(`expected a refused import, got ${JSON.stringify(result)}`);
  return result.errors;
}

function expectOk(result: ImportResult): asserts result is Extract<ImportResult, { ok: true }> {
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.errors, null, 1)}`);
}

async function fingerprints(folder: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of (await readdir(folder)).sort()) {
    result[name] = createHash('sha256')
      .update(await readFile(join(folder, name)))
      .digest('hex');
  }
  return result;
}

/** Every contract table, dataset_tables and workspace_meta, in a stable order. */
async function snapshot(workspace: Workspace): Promise<Record<string, unknown[][]>> {
  const result: Record<string, unknown[][]> = {};
  for (const table of [...TABLE_NAMES, 'dataset_tables', 'workspace_meta']) {
    result[table] = await rows(workspace, `SELECT * FROM main."${table}" ORDER BY ALL`);
  }
  return result;
}

let workspace: Workspace;
beforeEach(async () => {
  workspace = await openWorkspace(':memory:');
});
afterEach(() => workspace.close());
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('importDataset on a clean dataset', () => {
  it('imports every contract table and records each in dataset_tables', async () => {
    const result = await importDataset(workspace, GOOD);
    expectOk(result);
    expect(result.warnings).toEqual([]);
    // Row counts by hand from the fixture files (data lines, header excluded).
    expect(result.tables).toEqual([
      { table: 'accounts', file: 'accounts.csv', rows: 3 },
      { table: 'usage', file: 'usage.csv', rows: 5 },
      { table: 'feature_usage', file: 'feature_usage.csv', rows: 3 },
      { table: 'features', file: 'features.csv', rows: 2 },
      { table: 'integrations', file: 'integrations.csv', rows: 2 },
      { table: 'emails', file: 'emails.ndjson', rows: 2 },
      { table: 'meetings', file: 'meetings.csv', rows: 2 },
      { table: 'community', file: 'community.csv', rows: 2 },
      { table: 'tickets', file: 'tickets.ndjson', rows: 2 },
      { table: 'escalations', file: 'escalations.csv', rows: 1 },
      { table: 'contacts', file: 'contacts.csv', rows: 3 },
      { table: 'nps', file: 'nps.jsonl', rows: 2 },
      { table: 'outcomes', file: 'outcomes.csv', rows: 2 },
      { table: 'renewals', file: 'renewals.csv', rows: 2 },
    ]);
    const recorded = await rows(
      workspace,
      'SELECT table_name, source_file, row_count::INTEGER FROM dataset_tables ORDER BY table_name',
    );
    expect(recorded).toEqual(
      result.tables
        .map((table) => [table.table, table.file, table.rows])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('stores each type as the workspace schema says', async () => {
    expectOk(await importDataset(workspace, GOOD));
    expect(
      await rows(
        workspace,
        `SELECT account_id, arr, paid_seats::INTEGER, contract_start::VARCHAR, churned_on::VARCHAR
         FROM accounts ORDER BY account_id`,
      ),
    ).toEqual([
      ['A1', 120000, 50, '2023-01-01', null],
      ['A2', 9600.5, 0, '2023-06-15', '2024-06-15'],
      ['A3', null, null, '2024-02-01', null],
    ]);
    expect(
      await rows(
        workspace,
        `SELECT user_id, events::INTEGER, api_calls::INTEGER FROM usage
         WHERE account_id = 'A1' ORDER BY events`,
      ),
    ).toEqual([
      [null, 0, 250],
      ['u2', 4, null],
      ['u1', 12, null],
    ]);
    expect(
      await rows(
        workspace,
        `SELECT sent_at::VARCHAR, replied_at::VARCHAR, typeof(sent_at) FROM emails ORDER BY sent_at`,
      ),
    ).toEqual([
      ['2024-03-01 09:00:00', '2024-03-01 11:30:00', 'TIMESTAMP'],
      ['2024-03-02 14:00:00', null, 'TIMESTAMP'],
    ]);
    expect(
      await rows(workspace, 'SELECT kind, attended, participation FROM meetings ORDER BY kind'),
    ).toEqual([
      ['csm_call', false, 'absent'],
      ['qbr', true, 'active'],
    ]);
    // A plain date in a timestamp column is midnight UTC.
    expect(
      await rows(
        workspace,
        'SELECT responded_at::VARCHAR, score::INTEGER FROM nps ORDER BY responded_at',
      ),
    ).toEqual([
      ['2024-02-01 00:00:00', 9],
      ['2024-02-05 00:00:00', 3],
    ]);
    expect(await rows(workspace, 'SELECT feature, is_core FROM features ORDER BY 1')).toEqual([
      ['alerts', false],
      ['reports', true],
    ]);
  });

  it('reads a folder mixing CSV, Parquet and NDJSON, Parquet types included', async () => {
    const folder = await dataset({}, GOOD);
    // Typed Parquet columns (DATE, DOUBLE, TIMESTAMPTZ) must come out as the CSV ones would.
    await workspace.connection.run(
      `COPY (SELECT account_id, CAST(date AS DATE) AS date, feature, CAST(events AS DOUBLE) AS events
             FROM read_csv(${quotedString(join(folder, 'feature_usage.csv'))}, all_varchar = true))
       TO ${quotedString(join(folder, 'feature_usage.parquet'))} (FORMAT parquet)`,
    );
    await workspace.connection.run(
      `COPY (SELECT 'A1' AS account_id, 'T9' AS ticket_id,
                    TIMESTAMPTZ '2024-03-05 10:00:00+02' AS opened_at, NULL::TIMESTAMP AS closed_at,
                    'Positive' AS sentiment)
       TO ${quotedString(join(folder, 'tickets.parquet'))} (FORMAT parquet)`,
    );
    await rm(join(folder, 'feature_usage.csv'));
    await rm(join(folder, 'tickets.ndjson'));

    const result = await importDataset(workspace, folder);
    expectOk(result);
    expect(result.tables.find((table) => table.table === 'feature_usage')).toEqual({
      table: 'feature_usage',
      file: 'feature_usage.parquet',
      rows: 3,
    });
    expect(
      await rows(
        workspace,
        `SELECT account_id, date::VARCHAR, feature, events::INTEGER FROM feature_usage
         ORDER BY account_id, date, feature`,
      ),
    ).toEqual([
      ['A1', '2024-03-01', 'reports', 5],
      ['A1', '2024-03-02', 'alerts', null],
      ['A2', '2024-03-02', 'reports', 2],
    ]);
    // 10:00 at +02:00 is 08:00 UTC; the enum is stored lower case.
    expect(await rows(workspace, 'SELECT opened_at::VARCHAR, sentiment FROM tickets')).toEqual([
      ['2024-03-05 08:00:00', 'positive'],
    ]);
    expect(await rows(workspace, 'SELECT count(*)::INTEGER FROM emails')).toEqual([[2]]);
  });

  it('matches file names case-insensitively and warns about files that are not tables', async () => {
    const folder = await dataset({
      'Accounts.CSV': MIN_ACCOUNTS,
      'USAGE.Csv': MIN_USAGE,
      'notes.txt': 'hello',
      'accounts.xlsx': 'binary',
      '.DS_Store': 'x',
    });
    const result = await importDataset(workspace, folder);
    expectOk(result);
    expect(result.tables.map((table) => table.file)).toEqual(['Accounts.CSV', 'USAGE.Csv']);
    expect(result.warnings).toEqual([
      {
        file: 'accounts.xlsx',
        row: null,
        column: null,
        value: null,
        message:
          'looks like table accounts, but only .csv, .parquet, .ndjson, .jsonl and .json files are read; not imported',
      },
      {
        file: 'notes.txt',
        row: null,
        column: null,
        value: null,
        message: 'not a table of the data contract; not imported',
      },
    ]);
  });

  it('reads a .json file holding one array of records', async () => {
    const folder = await dataset({
      'accounts.json': JSON.stringify([
        { account_id: 'A1', contract_start: '2024-01-01', arr: 5 },
        { account_id: 'A2', contract_start: '2024-01-02', arr: null },
      ]),
      'usage.csv': MIN_USAGE,
    });
    expectOk(await importDataset(workspace, folder));
    expect(await rows(workspace, 'SELECT account_id, arr FROM accounts ORDER BY 1')).toEqual([
      ['A1', 5],
      ['A2', null],
    ]);
  });

  it('empties the tables a new dataset does not provide and drops them from dataset_tables', async () => {
    expectOk(await importDataset(workspace, GOOD));
    const smaller = await dataset({ 'accounts.csv': MIN_ACCOUNTS, 'usage.csv': MIN_USAGE });
    expectOk(await importDataset(workspace, smaller));
    expect(await rows(workspace, 'SELECT table_name FROM dataset_tables ORDER BY 1')).toEqual([
      ['accounts'],
      ['usage'],
    ]);
    for (const table of TABLE_NAMES.filter((name) => name !== 'accounts' && name !== 'usage')) {
      expect(await rows(workspace, `SELECT count(*)::INTEGER FROM ${table}`)).toEqual([[0]]);
    }
    expect(await rows(workspace, 'SELECT count(*)::INTEGER FROM accounts')).toEqual([[2]]);
  });

  it('reports progress for each step', async () => {
    const steps: string[] = [];
    const folder = await dataset({ 'accounts.csv': MIN_ACCOUNTS, 'usage.csv': MIN_USAGE });
    await importDataset(workspace, folder, {
      onProgress: (progress) => steps.push(`${progress.step} ${progress.done}/${progress.total}`),
    });
    expect(steps).toEqual([
      'read 1/2',
      'read 2/2',
      'check 1/2',
      'check 2/2',
      'replace 1/2',
      'replace 2/2',
    ]);
  });

  it('leaves no staging tables behind in a workspace file', async () => {
    const directory = await dataset({});
    const path = join(directory, 'work.duckdb');
    const fileWorkspace = await openWorkspace(path);
    expectOk(await importDataset(fileWorkspace, GOOD));
    fileWorkspace.close();
    const reopened = await openWorkspace(path);
    const names = await rows(
      reopened,
      "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'import%'",
    );
    const accounts = await rows(reopened, 'SELECT count(*)::INTEGER FROM accounts');
    reopened.close();
    expect(names).toEqual([]);
    expect(accounts).toEqual([[3]]);
  });
});

describe('messy exports', () => {
  const BOM = '\uFEFF';

  it('reads BOM, CRLF, a trailing comma, empty markers, amounts with $ and commas, 4.0, True/False', async () => {
    const accounts =
      `${BOM} Account_ID ,ACCOUNT_NAME,Arr,Paid_Seats,Contract_Start,renewal_date,Churned_On,\r\n` +
      `A1,"Acme, Inc","$1,234.00",4.0,2024-01-15,2025-01-15T00:00:00Z,N/A,\r\n` +
      `A2,Beta,"1,234",-,2024-02-01,-,n/a,\r\n` +
      `A3,NULL,€12.50,10,2024-03-05 00:00:00,null,,\r\n`;
    const usage =
      `${USAGE_HEADER},\r\n` +
      `A1,u1,2024-03-01,4.0,"1,200",,-,NULL,\r\n` +
      `A2, u2 ,2024/03/02,0,1,1,0,0,\r\n`;
    const meetings =
      'account_id,contact_id,scheduled_at,kind,attended,participation\r\n' +
      'A1,c1,2024-03-05T10:00:00Z,QBR,True,Active\r\n' +
      'A1,c1,2024-03-05 10:00:00,Training,FALSE,\r\n' +
      'A2,-,2024-03-05T10:00:00+02:00,webinar,yes,PASSIVE\r\n' +
      'A2,c9,2024-03-05 23:30:00-05:30,other,0,absent\r\n' +
      'A2,c9,2024-03-05,csm_call,N,absent\r\n';
    const features = 'feature,is_core\r\nreports,Y\r\nalerts,no\r\nexport,1\r\n';
    const folder = await dataset({
      'accounts.csv': accounts,
      'usage.csv': usage,
      'meetings.csv': meetings,
      'features.csv': features,
    });

    const result = await importDataset(workspace, folder);
    expectOk(result);
    expect(
      await rows(
        workspace,
        `SELECT account_id, account_name, arr, paid_seats::INTEGER, contract_start::VARCHAR,
                renewal_date::VARCHAR, churned_on::VARCHAR
         FROM accounts ORDER BY account_id`,
      ),
    ).toEqual([
      ['A1', 'Acme, Inc', 1234, 4, '2024-01-15', '2025-01-15', null],
      ['A2', 'Beta', 1234, null, '2024-02-01', null, null],
      ['A3', null, 12.5, 10, '2024-03-05', null, null],
    ]);
    expect(
      await rows(
        workspace,
        `SELECT account_id, user_id, date::VARCHAR, events::INTEGER, workflows_started::INTEGER,
                workflows_completed::INTEGER, records_created::INTEGER, api_calls::INTEGER
         FROM usage ORDER BY account_id`,
      ),
    ).toEqual([
      ['A1', 'u1', '2024-03-01', 4, 1200, null, null, null],
      ['A2', 'u2', '2024-03-02', 0, 1, 1, 0, 0],
    ]);
    // 10:00+02:00 is 08:00 UTC; 23:30-05:30 is 05:00 UTC the next day; a plain date is midnight.
    expect(
      await rows(
        workspace,
        `SELECT contact_id, scheduled_at::VARCHAR, kind, attended, participation
         FROM meetings ORDER BY scheduled_at, kind`,
      ),
    ).toEqual([
      ['c9', '2024-03-05 00:00:00', 'csm_call', false, 'absent'],
      [null, '2024-03-05 08:00:00', 'webinar', true, 'passive'],
      ['c1', '2024-03-05 10:00:00', 'qbr', true, 'active'],
      ['c1', '2024-03-05 10:00:00', 'training', false, null],
      ['c9', '2024-03-06 05:00:00', 'other', false, 'absent'],
    ]);
    expect(await rows(workspace, 'SELECT feature, is_core FROM features ORDER BY 1')).toEqual([
      ['alerts', false],
      ['export', true],
      ['reports', true],
    ]);
    // The trailing comma's unnamed column is ignored, and said so.
    expect(result.warnings.map((warning) => [warning.file, warning.message])).toEqual([
      [
        'accounts.csv',
        'columns not in the contract are not imported: column7 (an unnamed column, such as the empty one a trailing comma leaves, is shown as columnN)',
      ],
      [
        'usage.csv',
        'columns not in the contract are not imported: column8 (an unnamed column, such as the empty one a trailing comma leaves, is shown as columnN)',
      ],
    ]);
  });

  it('reads a semicolon-separated export', async () => {
    const folder = await dataset({
      'accounts.csv': 'account_id;contract_start;arr\nA1;2024-01-01;"1,500"\nA2;2024-01-01;7\n',
      'usage.csv': MIN_USAGE,
    });
    expectOk(await importDataset(workspace, folder));
    expect(await rows(workspace, 'SELECT arr FROM accounts ORDER BY arr')).toEqual([[7], [1500]]);
  });

  it('refuses negative and malformed amounts, fractions in counts, and decimal commas', async () => {
    const folder = await dataset({
      'accounts.csv':
        `${ACCOUNTS_HEADER}\n` +
        'A1,,,,-$5.00,,2024-01-01,,\n' +
        'A2,,,,"1,5",4.5,2024-01-01,,\n' +
        'A3,,,,USD 10,-1,2024-01-01,,\n',
      'usage.csv': MIN_USAGE,
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: 2,
        column: 'arr',
        value: '-$5.00',
        message: 'must not be negative',
      },
      {
        file: 'accounts.csv',
        row: 3,
        column: 'arr',
        value: '1,5',
        message:
          'expected an amount such as 1234.50, 1,234.50 or $1,234.50 (a comma is accepted only between groups of three digits)',
      },
      {
        file: 'accounts.csv',
        row: 3,
        column: 'paid_seats',
        value: '4.5',
        message: 'expected a whole number, not a fraction',
      },
      {
        file: 'accounts.csv',
        row: 4,
        column: 'arr',
        value: 'USD 10',
        message:
          'expected an amount such as 1234.50, 1,234.50 or $1,234.50 (a comma is accepted only between groups of three digits)',
      },
      {
        file: 'accounts.csv',
        row: 4,
        column: 'paid_seats',
        value: '-1',
        message: 'must not be negative',
      },
    ]);
  });

  it('reports a malformed CSV line with its line number', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv':
        'account_id,date,events\nA1,2024-03-01,1\nA1,2024-03-02,2,oops\nA1,2024-03-03,3\n',
    });
    // A line the reader refuses names no column, long or short (the next test has short ones).
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'usage.csv',
        row: 3,
        column: null,
        value: 'A1,2024-03-02,2,oops',
        message:
          'the line has more fields than the header (Expected Number of Columns: 3 Found: 4)',
      },
    ]);
  });

  it('lists every malformed line up to maxErrors', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv': 'account_id,date,events\nA1,x\nA1,2024-03-01,1\nA1,y\nA1,z\n',
    });
    const result = await importDataset(workspace, folder, { maxErrors: 2 });
    // Lines 2, 4 and 5 have two fields instead of three; only the first two are kept.
    expect(errorsOf(result).map((issue) => [issue.row, issue.value])).toEqual([
      [2, 'A1,x'],
      [4, 'A1,y'],
    ]);
    expect(result.ok === false && result.truncated).toBe(true);
    expect(errorsOf(result)[0]).toEqual({
      file: 'usage.csv',
      row: 2,
      column: null,
      value: 'A1,x',
      message: 'the line has fewer fields than the header (Expected Number of Columns: 3 Found: 2)',
    });
  });

  it('refuses a file that is not UTF-8', async () => {
    const latin1 = Buffer.from(
      'account_id,contract_start,account_name\nA1,2024-01-01,Caf\xe9\n',
      'latin1',
    );
    const folder = await dataset({ 'accounts.csv': latin1, 'usage.csv': MIN_USAGE });
    const errors = errorsOf(await importDataset(workspace, folder));
    expect(errors[0]).toMatchObject({
      file: 'accounts.csv',
      row: 2,
      message: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('refuses malformed JSON and records that are not objects', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv': MIN_USAGE,
      'tickets.ndjson':
        '{"account_id":"A1","ticket_id":"T1","opened_at":"2024-03-01"}\n{"account_id":\n',
      'nps.jsonl': '{"account_id":"A1","responded_at":"2024-03-01","score":3}\n[1,2]\n',
    });
    const errors = errorsOf(await importDataset(workspace, folder));
    expect(errors).toEqual([
      // DuckDB's position: it ran out of data on the line after the last line feed.
      {
        file: 'tickets.ndjson',
        row: null,
        column: null,
        value: null,
        message: 'not newline-delimited JSON (at byte 15 in line 3: unexpected end of data)',
      },
      {
        file: 'nps.jsonl',
        row: null,
        column: null,
        value: '[1,2]',
        message: '1 records are not JSON objects',
      },
    ]);
  });
});

describe('files that hold no table', () => {
  /** The start of an ELF executable, as `head -c` of a program gives it: NUL bytes from byte 8. */
  const BINARY = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
    Buffer.alloc(56),
    Buffer.from('P\n\x01\x02account_id\n', 'latin1'),
  ]);
  const fileError = (file: string, message: string): ImportIssue => ({
    file,
    row: null,
    column: null,
    value: null,
    message,
  });

  it('says a binary file named .csv or .ndjson holds binary data', async () => {
    const folder = await dataset({
      'accounts.csv': BINARY,
      'usage.csv': MIN_USAGE,
      'nps.ndjson': BINARY,
    });
    const result = await importDataset(workspace, folder);
    // One error per file: no missing columns, and no usage row is checked against accounts.
    expect(errorsOf(result)).toEqual([
      fileError('accounts.csv', 'not a text CSV file (it holds binary data)'),
      fileError('nps.ndjson', 'not newline-delimited JSON (it holds binary data)'),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('says a file of no bytes, or of blanks only, is empty, whatever its format', async () => {
    const folder = await dataset({
      'accounts.csv': '',
      'usage.csv': MIN_USAGE,
      'tickets.csv': ' \r\n\n\t',
      'emails.csv': '\uFEFF\n',
      'nps.ndjson': '',
      'contacts.json': '\n\n',
      'outcomes.parquet': '',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      fileError('accounts.csv', 'the file is empty'),
      fileError('emails.csv', 'the file is empty'),
      fileError('tickets.csv', 'the file is empty'),
      fileError('contacts.json', 'the file is empty'),
      fileError('nps.ndjson', 'the file is empty'),
      fileError('outcomes.parquet', 'the file is empty'),
    ]);
  });

  it('says a file without Parquet magic bytes is not Parquet, and one DuckDB cannot read is not readable', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv': MIN_USAGE,
      'nps.parquet': BINARY,
      // Magic at both ends, 12 bytes, but no footer in between.
      'tickets.parquet': 'PAR1garbagePAR1',
      'emails.parquet': 'PAR1',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      fileError('emails.parquet', 'not a Parquet file'),
      fileError('tickets.parquet', expect.stringMatching(/^not a readable Parquet file \(.+\)$/)),
      fileError('nps.parquet', 'not a Parquet file'),
    ]);
  });

  it('refuses a CSV file in UTF-16 or with a header that is not UTF-8, and accepts a UTF-8 header', async () => {
    const folder = await dataset({
      'accounts.csv': Buffer.from('\uFEFFaccount_id,contract_start\nA1,2024-01-01\n', 'utf16le'),
      'usage.csv': Buffer.from('account_id,date,events,Caf\xe9\nA1,2024-03-01,1,x\n', 'latin1'),
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      fileError(
        'accounts.csv',
        'not a text CSV file in UTF-8 (it is UTF-16 text; save the file as UTF-8)',
      ),
      fileError(
        'usage.csv',
        'not a text CSV file (its header row is not UTF-8 text; save the file as UTF-8)',
      ),
    ]);

    const utf8 = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv': 'account_id,date,events,Café\nA1,2024-03-01,1,x\n',
    });
    const result = await importDataset(workspace, utf8);
    expectOk(result);
    expect(result.warnings.map((warning) => warning.message)).toEqual([
      'columns not in the contract are not imported: Café',
    ]);
  });

  it('accepts a header longer than the bytes looked at, with a character cut at their end', async () => {
    // 65,535 bytes before the é, whose two bytes then sit on either side of the 64 KiB looked at.
    const long = 'account_id,contract_start,' + 'x'.repeat(65535 - 26);
    expect(Buffer.byteLength(long)).toBe(65535);
    const folder = await dataset({
      'accounts.csv': `${long}é\nA1,2024-01-01,v\n`,
      'usage.csv': MIN_USAGE,
    });
    expectOk(await importDataset(workspace, folder));
  });

  it('writes control characters of headers and values as escapes in every issue', async () => {
    const folder = await dataset({
      'accounts.csv': 'account_id,contract_start,note\x1b[1m\nA1,2024\x07-01-01,x\n',
      'usage.csv': MIN_USAGE,
    });
    const result = await importDataset(workspace, folder);
    expect(errorsOf(result)).toEqual([
      {
        file: 'accounts.csv',
        row: 2,
        column: 'contract_start',
        value: '2024\\u0007-01-01',
        message: 'expected a date such as 2025-04-03 (YYYY-MM-DD)',
      },
    ]);
    expect(result.warnings).toEqual([
      fileError('accounts.csv', 'columns not in the contract are not imported: note\\u001b[1m'),
    ]);
  });
});

describe('tables without data rows', () => {
  it('refuses a required table with a header and no data rows, in one error, not one per usage row', async () => {
    const folder = await dataset({
      'accounts.csv': `${ACCOUNTS_HEADER}\n`,
      'usage.csv': 'account_id,date,events\nA1,2024-03-01,1\nA2,2024-03-01,1\n',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: null,
        column: null,
        value: null,
        message: 'accounts.csv has no data rows; the accounts table is required',
      },
    ]);
  });

  it('refuses a usage table with no data rows rather than scoring every account as unused', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv': `${USAGE_HEADER}\r\n`,
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'usage.csv',
        row: null,
        column: null,
        value: null,
        message: 'usage.csv has no data rows; the usage table is required',
      },
    ]);
  });

  it('counts Parquet and JSON files with no records the same way', async () => {
    const folder = await dataset({ 'usage.csv': MIN_USAGE, 'accounts.json': '[]' });
    await workspace.connection.run(
      `COPY (SELECT 'A1' AS account_id, DATE '2024-03-01' AS date, 1 AS events WHERE false)
       TO ${quotedString(join(folder, 'usage.parquet'))} (FORMAT parquet)`,
    );
    await rm(join(folder, 'usage.csv'));
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.json',
        row: null,
        column: null,
        value: null,
        message: 'accounts.json has no data rows; the accounts table is required',
      },
      {
        file: 'usage.parquet',
        row: null,
        column: null,
        value: null,
        message: 'usage.parquet has no data rows; the usage table is required',
      },
    ]);
  });

  it('imports an optional table with only a header, or an empty JSON array, as present and empty', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv': MIN_USAGE,
      'tickets.csv': 'account_id,ticket_id,opened_at\n',
      'nps.json': '[]',
    });
    const result = await importDataset(workspace, folder);
    expectOk(result);
    expect(result.warnings).toEqual([]);
    expect(result.tables.filter((table) => table.rows === 0)).toEqual([
      { table: 'tickets', file: 'tickets.csv', rows: 0 },
      { table: 'nps', file: 'nps.json', rows: 0 },
    ]);
    expect(
      await rows(workspace, 'SELECT table_name, row_count::INTEGER FROM dataset_tables ORDER BY 1'),
    ).toEqual([
      ['accounts', 2],
      ['nps', 0],
      ['tickets', 0],
      ['usage', 1],
    ]);
  });
});

describe('row-level rejections', () => {
  it('names file, row, column and value for every bad value of every type', async () => {
    const folder = await dataset({
      'accounts.csv': `account_id,contract_start\nA1,2024-01-01\nN/A,2024-01-01\nA3,2024-02-30\n`,
      'usage.csv':
        `account_id,date,events\n` +
        'A1,2024-03-01,-1\n' +
        'A1,2024-03-01T10:00:00Z,abc\n' +
        'A1,,3\n',
      'meetings.csv': 'account_id,scheduled_at,kind,attended\n' + 'A1,5pm yesterday,lunch,maybe\n',
      'nps.jsonl':
        '{"account_id":"A1","responded_at":"2024-03-01","score":11}\n' +
        '{"account_id":"A1","responded_at":"2024-03-01","score":-1}\n' +
        '{"account_id":"A1","responded_at":"2024-03-01","score":10}\n',
    });
    const issue = (
      file: string,
      row: number,
      column: string,
      value: string | null,
      message: string,
    ) => ({
      file,
      row,
      column,
      value,
      message,
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      issue('accounts.csv', 3, 'account_id', 'N/A', 'a value is required (N/A means empty)'),
      issue(
        'accounts.csv',
        4,
        'contract_start',
        '2024-02-30',
        'expected a date such as 2025-04-03 (YYYY-MM-DD)',
      ),
      issue('usage.csv', 2, 'events', '-1', 'must not be negative'),
      issue(
        'usage.csv',
        3,
        'date',
        '2024-03-01T10:00:00Z',
        'expected a date without a time of day (a time is accepted only when it is midnight UTC)',
      ),
      issue('usage.csv', 3, 'events', 'abc', 'expected a whole number'),
      issue('usage.csv', 4, 'date', null, 'a value is required'),
      issue(
        'meetings.csv',
        2,
        'scheduled_at',
        '5pm yesterday',
        'expected an ISO 8601 timestamp such as 2025-04-03T10:00:00Z, 2025-04-03 10:00:00 or 2025-04-03T10:00:00+02:00, or a date',
      ),
      issue(
        'meetings.csv',
        2,
        'kind',
        'lunch',
        'expected one of qbr, csm_call, training, webinar, other',
      ),
      issue('meetings.csv', 2, 'attended', 'maybe', 'expected true/false, yes/no, 1/0 or y/n'),
      // NDJSON rows are record numbers: the first record is row 1.
      issue('nps.jsonl', 1, 'score', '11', 'must be between 0 and 10'),
      issue('nps.jsonl', 2, 'score', '-1', 'must be between 0 and 10'),
    ]);
  });

  it('names the empty marker a required value was given as, and accepts markers in optional columns', async () => {
    const folder = await dataset({
      // Row 2 is fine: churned_on is optional, so its N/A is simply empty.
      'accounts.csv':
        'account_id,contract_start,churned_on\n' +
        'A1,2024-01-01,N/A\n' +
        'A2, - ,\n' +
        'A3,   ,\n' +
        'A4,Null,\n' +
        'A5,n/a,\n',
      'usage.csv': MIN_USAGE,
      // JSON null is empty with nothing written; the string "NULL" is a marker.
      'nps.jsonl':
        '{"account_id":"A1","responded_at":null,"score":3}\n' +
        '{"account_id":"A1","responded_at":"NULL","score":3}\n',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: 3,
        column: 'contract_start',
        value: '-',
        message: 'a value is required (- means empty)',
      },
      // Only spaces: trimmed to nothing, so there is no value to show.
      {
        file: 'accounts.csv',
        row: 4,
        column: 'contract_start',
        value: null,
        message: 'a value is required',
      },
      // The marker as written, in its own case.
      {
        file: 'accounts.csv',
        row: 5,
        column: 'contract_start',
        value: 'Null',
        message: 'a value is required (Null means empty)',
      },
      {
        file: 'accounts.csv',
        row: 6,
        column: 'contract_start',
        value: 'n/a',
        message: 'a value is required (n/a means empty)',
      },
      {
        file: 'nps.jsonl',
        row: 1,
        column: 'responded_at',
        value: null,
        message: 'a value is required',
      },
      {
        file: 'nps.jsonl',
        row: 2,
        column: 'responded_at',
        value: 'NULL',
        message: 'a value is required (NULL means empty)',
      },
    ]);
  });

  it('refuses later-before-earlier pairs', async () => {
    const folder = await dataset({
      'accounts.csv': `account_id,contract_start,churned_on\nA1,2024-01-01,2023-12-31\nA2,2024-01-01,2024-01-01\n`,
      'usage.csv': MIN_USAGE,
      'emails.csv':
        'account_id,sent_at,replied_at\n' +
        'A1,2024-03-05T10:00:00Z,2024-03-05T09:59:59Z\n' +
        // 10:00+02:00 is 08:00 UTC, so a reply at 09:00 UTC is after it.
        'A1,2024-03-05T10:00:00+02:00,2024-03-05T09:00:00Z\n',
      'contacts.csv': 'account_id,contact_id,started_on,left_on\nA1,c1,2024-02-01,2024-01-31\n',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: 2,
        column: 'churned_on',
        value: '2023-12-31',
        message: 'must not be before contract_start, which is 2024-01-01',
      },
      {
        file: 'emails.csv',
        row: 2,
        column: 'replied_at',
        value: '2024-03-05T09:59:59Z',
        message: 'must not be before sent_at, which is 2024-03-05T10:00:00Z',
      },
      {
        file: 'contacts.csv',
        row: 2,
        column: 'left_on',
        value: '2024-01-31',
        message: 'must not be before started_on, which is 2024-02-01',
      },
    ]);
  });

  it('reports duplicate keys with both row numbers', async () => {
    const folder = await dataset({
      'accounts.csv': `account_id,contract_start\nA1,2024-01-01\nA2,2024-01-01\nA1,2024-02-01\n`,
      'usage.csv': MIN_USAGE,
      'contacts.csv':
        'account_id,contact_id,started_on\nA1,c1,2024-01-01\nA1,c2,2024-01-01\nA2,c1,2024-01-01\nA1,c1,2024-01-02\n',
      'tickets.csv':
        'account_id,ticket_id,opened_at\nA1,T1,2024-03-01\nA2,T1,2024-03-02\nA2,T1,2024-03-03\n',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: 4,
        column: 'account_id',
        value: 'A1',
        message: 'duplicate account_id: the same value is already in row 2',
      },
      {
        file: 'tickets.csv',
        row: 3,
        column: 'ticket_id',
        value: 'T1',
        message: 'duplicate ticket_id: the same value is already in row 2',
      },
      {
        file: 'tickets.csv',
        row: 4,
        column: 'ticket_id',
        value: 'T1',
        message: 'duplicate ticket_id: the same value is already in row 2',
      },
      // (A1, c1) is on rows 2 and 5; (A2, c1) is another contact.
      {
        file: 'contacts.csv',
        row: 5,
        column: 'account_id + contact_id',
        value: 'A1, c1',
        message: 'duplicate key account_id + contact_id: the same value is already in row 2',
      },
    ]);
  });

  it('reports rows whose account is not in accounts', async () => {
    const folder = await dataset({
      'accounts.csv': MIN_ACCOUNTS,
      'usage.csv':
        'account_id,date,events\nA1,2024-03-01,1\nA9,2024-03-01,1\nA2,2024-03-01,1\na1,2024-03-01,1\n',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'usage.csv',
        row: 3,
        column: 'account_id',
        value: 'A9',
        message: 'no account with this account_id in accounts.csv',
      },
      // Identifiers are compared exactly: a1 is not A1.
      {
        file: 'usage.csv',
        row: 5,
        column: 'account_id',
        value: 'a1',
        message: 'no account with this account_id in accounts.csv',
      },
    ]);
  });

  it('lists every bad row up to maxErrors and says when there were more', async () => {
    const bad = (count: number) =>
      'account_id,date,events\n' +
      Array.from({ length: count }, () => 'A1,2024-03-01,-1\n').join('');
    const five = await dataset({ 'accounts.csv': MIN_ACCOUNTS, 'usage.csv': bad(5) });

    const limited = await importDataset(workspace, five, { maxErrors: 3 });
    expect(errorsOf(limited).map((issue) => issue.row)).toEqual([2, 3, 4]);
    expect(limited.ok === false && limited.truncated).toBe(true);

    const exact = await importDataset(workspace, five, { maxErrors: 5 });
    expect(errorsOf(exact).map((issue) => issue.row)).toEqual([2, 3, 4, 5, 6]);
    expect(exact.ok === false && exact.truncated).toBe(false);

    const many = await dataset({ 'accounts.csv': MIN_ACCOUNTS, 'usage.csv': bad(250) });
    const byDefault = await importDataset(workspace, many);
    expect(errorsOf(byDefault)).toHaveLength(200);
    expect(byDefault.ok === false && byDefault.truncated).toBe(true);
  });

  it('refuses missing required columns and tables, and two files for one table', async () => {
    const folder = await dataset({
      'accounts.csv': 'account_id,account_name\nA1,Acme\n',
      'tickets.csv': 'account_id,ticket_id,opened_at\n',
      'tickets.ndjson': '',
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'tickets.ndjson',
        row: null,
        column: null,
        value: null,
        message: 'tickets.csv and tickets.ndjson both hold table tickets; keep only one',
      },
      {
        file: folder,
        row: null,
        column: null,
        value: null,
        message:
          'required table usage has no file (expected usage.csv, .parquet, .ndjson, .jsonl or .json)',
      },
      {
        file: 'accounts.csv',
        row: null,
        column: 'contract_start',
        value: null,
        message:
          "required column contract_start is missing (the file's columns are: account_id, account_name); rename it or add it to the column mapping",
      },
    ]);
  });

  it('refuses a folder that does not exist', async () => {
    const missing = join(tmpdir(), 'hs-import-no-such-folder');
    expect(errorsOf(await importDataset(workspace, missing))).toEqual([
      {
        file: missing,
        row: null,
        column: null,
        value: null,
        message: 'the dataset folder does not exist',
      },
    ]);
  });
});

describe('year-last dates', () => {
  const accountsWith = (...starts: string[]) =>
    `account_id,contract_start\n${starts.map((start, index) => `A${index + 1},${start}`).join('\n')}\n`;
  const usage = 'account_id,date,events\nA1,2024-03-01,1\n';

  it('refuses a column no value decides, naming examples and how to choose', async () => {
    const folder = await dataset({
      'accounts.csv': accountsWith('03/04/2025', '05/06/2025', '2025-01-01'),
      'usage.csv': usage,
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: null,
        column: 'contract_start',
        value: '03/04/2025, 05/06/2025',
        message:
          "dates such as 03/04/2025 can be read as day/month/year or month/day/year and no value in the column decides; choose the order with the dateOrder option ('dmy' or 'mdy'; on the command line --date-order dmy or --date-order mdy)",
      },
    ]);
  });

  it('lets one unambiguous value decide the whole column, and says so', async () => {
    const folder = await dataset({
      'accounts.csv': accountsWith('03/04/2025', '25/04/2025'),
      'usage.csv': usage,
    });
    const result = await importDataset(workspace, folder);
    expectOk(result);
    // 25 cannot be a month, so the column is day/month/year and 03/04/2025 is 3 April.
    expect(
      await rows(workspace, 'SELECT contract_start::VARCHAR FROM accounts ORDER BY account_id'),
    ).toEqual([['2025-04-03'], ['2025-04-25']]);
    expect(result.warnings).toEqual([
      {
        file: 'accounts.csv',
        row: 3,
        column: 'contract_start',
        value: '25/04/2025',
        message:
          'dates written year-last were read as day/month/year because 25/04/2025 can only be read that way',
      },
    ]);
  });

  it('decides month/day/year from a value like 04/25/2025', async () => {
    const folder = await dataset({
      'accounts.csv': accountsWith('04/25/2025', '03/04/2025'),
      'usage.csv': usage,
    });
    expectOk(await importDataset(workspace, folder));
    expect(
      await rows(workspace, 'SELECT contract_start::VARCHAR FROM accounts ORDER BY account_id'),
    ).toEqual([['2025-04-25'], ['2025-03-04']]);
  });

  it('applies a given date order and refuses values impossible under it', async () => {
    const ambiguous = await dataset({
      'accounts.csv': accountsWith('03/04/2025', '3.4.2025'),
      'usage.csv': usage,
    });
    const result = await importDataset(workspace, ambiguous, { dateOrder: 'mdy' });
    expectOk(result);
    expect(result.warnings).toEqual([]);
    expect(
      await rows(workspace, 'SELECT contract_start::VARCHAR FROM accounts ORDER BY account_id'),
    ).toEqual([['2025-03-04'], ['2025-03-04']]);

    const impossible = await dataset({
      'accounts.csv': accountsWith('03/04/2025', '25/04/2025'),
      'usage.csv': usage,
    });
    expect(errorsOf(await importDataset(workspace, impossible, { dateOrder: 'mdy' }))).toEqual([
      {
        file: 'accounts.csv',
        row: 3,
        column: 'contract_start',
        value: '25/04/2025',
        message:
          'not a valid date when read as month/day/year (the order given by the dateOrder option)',
      },
    ]);
  });

  it('refuses a column whose values contradict each other', async () => {
    const folder = await dataset({
      'accounts.csv': accountsWith('25/04/2025', '04/25/2025'),
      'usage.csv': usage,
    });
    expect(errorsOf(await importDataset(workspace, folder))).toEqual([
      {
        file: 'accounts.csv',
        row: null,
        column: 'contract_start',
        value: null,
        message:
          "some dates can only be day/month/year (row 2: 25/04/2025) and others only month/day/year (row 3: 04/25/2025); correct the file, or choose the order with the dateOrder option ('dmy' or 'mdy'; on the command line --date-order dmy or --date-order mdy) to list the values that do not fit",
      },
    ]);
  });

  it('decides each column by itself, also in timestamp columns', async () => {
    const folder = await dataset({
      'accounts.csv':
        'account_id,contract_start,renewal_date\nA1,25/04/2024,03/04/2026\nA2,01/02/2024,\n',
      'usage.csv': usage,
      'emails.csv': 'account_id,sent_at\nA1,13/01/2024 10:30\nA1,01/02/2024 23:59:59\n',
    });
    const errors = errorsOf(await importDataset(workspace, folder));
    expect(errors.map((issue) => [issue.file, issue.column, issue.value])).toEqual([
      ['accounts.csv', 'renewal_date', '03/04/2026'],
    ]);

    const decided = await dataset(
      { 'accounts.csv': accountsWith('2024-01-01', '2024-01-01') },
      folder,
    );
    expectOk(await importDataset(workspace, decided));
    expect(await rows(workspace, 'SELECT sent_at::VARCHAR FROM emails ORDER BY 1')).toEqual([
      ['2024-01-13 10:30:00'],
      ['2024-02-01 23:59:59'],
    ]);
  });
});

describe('column mapping', () => {
  it('imports an export with other file and column names through a mapping file', async () => {
    const loaded = await loadMappingFile(RENAMED_MAPPING);
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const result = await importDataset(workspace, RENAMED, { mapping: loaded.mapping });
    expectOk(result);
    expect(result.tables).toEqual([
      { table: 'accounts', file: 'crm_accounts.csv', rows: 2 },
      { table: 'usage', file: 'product_usage.csv', rows: 2 },
    ]);
    expect(
      await rows(
        workspace,
        'SELECT account_id, account_name, contract_start::VARCHAR, paid_seats::INTEGER, arr FROM accounts ORDER BY 1',
      ),
    ).toEqual([
      ['C-1', 'Delta Co', '2023-05-01', 12, 48000],
      ['C-2', 'Echo Ltd', '2023-09-15', 3, 7200],
    ]);
    expect(
      await rows(
        workspace,
        'SELECT account_id, user_id, date::VARCHAR, events::INTEGER FROM usage ORDER BY 1',
      ),
    ).toEqual([
      ['C-1', 'alice', '2024-04-01', 9],
      ['C-2', 'bob', '2024-04-01', 2],
    ]);
  });

  it('saves the mapping in the workspace and reuses it when none is given', async () => {
    const loaded = await loadMappingFile(RENAMED_MAPPING);
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    expectOk(await importDataset(workspace, RENAMED, { mapping: loaded.mapping }));
    const saved = await rows(
      workspace,
      "SELECT value FROM workspace_meta WHERE key = 'column_mapping'",
    );
    expect(JSON.parse(String(saved[0]?.[0]))).toEqual(loaded.mapping);

    await workspace.connection.run('DELETE FROM accounts');
    const again = await importDataset(workspace, RENAMED);
    expectOk(again);
    expect(again.tables.map((table) => table.rows)).toEqual([2, 2]);

    // Without the saved mapping the same folder has no table files at all.
    const fresh = await openWorkspace(':memory:');
    const unmapped = await importDataset(fresh, RENAMED);
    fresh.close();
    expect(errorsOf(unmapped).map((issue) => issue.message)).toEqual([
      'required table accounts has no file (expected accounts.csv, .parquet, .ndjson, .jsonl or .json)',
      'required table usage has no file (expected usage.csv, .parquet, .ndjson, .jsonl or .json)',
    ]);
  });

  it('refuses an invalid mapping before reading any file', async () => {
    const folder = await dataset({ 'accounts.csv': MIN_ACCOUNTS, 'usage.csv': MIN_USAGE });
    const mapping = { acounts: { id: 'account_id' }, usage: { Day: 'day' } } as never;
    expect(errorsOf(await importDataset(workspace, folder, { mapping }))).toEqual([
      {
        file: 'column mapping',
        row: null,
        column: null,
        value: null,
        message: expect.stringContaining('acounts: unknown table "acounts"'),
      },
      {
        file: 'column mapping',
        row: null,
        column: null,
        value: null,
        message: expect.stringContaining('usage.Day: "day" is not a column of usage'),
      },
    ]);
  });

  it('warns about mapping entries a file lacks and about a repeated column', async () => {
    const folder = await dataset({
      'accounts.csv': 'account_id,contract_start,Contract_Start\nA1,2024-01-01,2023-01-01\n',
      'usage.csv': MIN_USAGE,
    });
    const mapping = { usage: { 'Event Count': 'events' } };
    const result = await importDataset(workspace, folder, { mapping });
    expectOk(result);
    expect(
      result.warnings.map((warning) => [warning.file, warning.column, warning.message]),
    ).toEqual([
      ['accounts.csv', null, 'columns not in the contract are not imported: Contract_Start_1'],
      [
        'accounts.csv',
        'Contract_Start_1',
        'looks like a second column named contract_start; the first one was used',
      ],
      [
        'usage.csv',
        'Event Count',
        'the column mapping names this column for usage, but the file has no such column',
      ],
    ]);
    expect(await rows(workspace, 'SELECT contract_start::VARCHAR FROM accounts')).toEqual([
      ['2024-01-01'],
    ]);
  });

  it('refuses two file columns that give the same contract column', async () => {
    const folder = await dataset({
      'accounts.csv': 'Customer ID,account_id,contract_start\nA1,A1,2024-01-01\n',
      'usage.csv': MIN_USAGE,
    });
    const mapping = { accounts: { 'Customer ID': 'account_id' } };
    expect(errorsOf(await importDataset(workspace, folder, { mapping }))).toEqual([
      {
        file: 'accounts.csv',
        row: null,
        column: 'Customer ID, account_id',
        value: null,
        message:
          'columns Customer ID and account_id all give account_id; keep one, or change the column mapping',
      },
    ]);
  });
});

describe('all or nothing', () => {
  it('leaves the workspace exactly as it was when an import fails', async () => {
    const loaded = await loadMappingFile(RENAMED_MAPPING);
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    // A saved mapping that covers GOOD's names too, so the failing import must not replace it.
    expectOk(await importDataset(workspace, GOOD, { mapping: { ...loaded.mapping, files: {} } }));
    const before = await snapshot(workspace);
    expect(before['usage']).toHaveLength(5);

    const badRow = await dataset(
      { 'usage.csv': `${USAGE_HEADER}\nA1,u1,2024-03-01,-1,,,,\n` },
      GOOD,
    );
    expect((await importDataset(workspace, badRow, { mapping: {} })).ok).toBe(false);
    expect(await snapshot(workspace)).toEqual(before);

    const badLastTable = await dataset(
      { 'renewals.csv': 'account_id,renewal_date,outcome\nA1,2024-01-01,maybe\n' },
      GOOD,
    );
    expect((await importDataset(workspace, badLastTable)).ok).toBe(false);
    expect(await snapshot(workspace)).toEqual(before);

    const missingTable = await dataset({ 'usage.csv': null }, GOOD);
    expect((await importDataset(workspace, missingTable)).ok).toBe(false);
    expect(await snapshot(workspace)).toEqual(before);
  });

  it('never modifies an input file', async () => {
    const messy = await dataset({
      'accounts.csv': '\uFEFFaccount_id,contract_start,\r\nA1,25/04/2024,\r\n',
      'usage.csv': 'account_id,date,events\r\nA1,2024-03-01,4.0\r\n',
    });
    const broken = await dataset(
      { 'usage.csv': 'account_id,date,events\nA9,2024-03-01,x\n' },
      GOOD,
    );
    for (const folder of [GOOD, messy, broken, RENAMED]) {
      const before = await fingerprints(folder);
      await importDataset(workspace, folder);
      await previewDataset(folder);
      expect(await fingerprints(folder)).toEqual(before);
    }
  });
});

describe('previewDataset', () => {
  it('shows tables, sniffed types, how columns map, extra columns and undecided dates', async () => {
    const folder = await dataset({
      'accounts.csv': 'Customer ID,contract_start,notes\nA1,03/04/2025,x\nA2,05/06/2025,y\n',
      'usage.csv': 'account_id,date,events\nA1,2024-03-01,1\n',
      'exports.csv': 'a,b\n1,2\n',
    });
    const preview = await previewDataset(folder, {
      mapping: { accounts: { 'Customer ID': 'account_id' } },
    });

    const accounts = preview.files.find((file) => file.file === 'accounts.csv');
    expect(accounts).toMatchObject({
      table: 'accounts',
      format: 'csv',
      rows: 2,
      columns: [
        { name: 'Customer ID', sniffedType: 'VARCHAR', column: 'account_id', via: 'mapping' },
        { name: 'contract_start', sniffedType: 'DATE', column: 'contract_start', via: 'name' },
        { name: 'notes', sniffedType: 'VARCHAR', column: null, via: null },
      ],
      missingRequired: [],
      extraColumns: ['notes'],
      dateColumns: [
        {
          name: 'contract_start',
          column: 'contract_start',
          yearLastValues: 2,
          decision: { kind: 'ambiguous', examples: ['03/04/2025', '05/06/2025'] },
        },
      ],
    });
    expect(accounts?.missingOptional).toContain('arr');
    expect(preview.files.find((file) => file.file === 'usage.csv')?.columns).toEqual([
      { name: 'account_id', sniffedType: 'VARCHAR', column: 'account_id', via: 'name' },
      { name: 'date', sniffedType: 'DATE', column: 'date', via: 'name' },
      { name: 'events', sniffedType: 'BIGINT', column: 'events', via: 'name' },
    ]);
    expect(preview.files.find((file) => file.file === 'exports.csv')).toMatchObject({
      table: null,
      extraColumns: ['a', 'b'],
    });
    expect(preview.errors.map((issue) => [issue.file, issue.column, issue.value])).toEqual([
      ['accounts.csv', 'contract_start', '03/04/2025, 05/06/2025'],
    ]);

    const chosen = await previewDataset(folder, {
      mapping: { accounts: { 'Customer ID': 'account_id' } },
      dateOrder: 'dmy',
    });
    expect(chosen.errors).toEqual([]);
    expect(chosen.files[0]?.dateColumns[0]?.decision).toEqual({ kind: 'option', order: 'dmy' });
  });
  it('refuses a required table without data rows, as the import would, and not an optional one', async () => {
    const folder = await dataset({
      'accounts.csv': `${ACCOUNTS_HEADER}\n`,
      'usage.csv': MIN_USAGE,
      'tickets.csv': 'account_id,ticket_id,opened_at\n',
      'nps.json': '[]',
    });
    const preview = await previewDataset(folder);
    expect(preview.errors).toEqual([
      {
        file: 'accounts.csv',
        row: null,
        column: null,
        value: null,
        message: 'accounts.csv has no data rows; the accounts table is required',
      },
    ]);
    expect(preview.files.map((file) => [file.file, file.rows])).toEqual([
      ['accounts.csv', 0],
      ['usage.csv', 1],
      ['tickets.csv', 0],
      ['nps.json', 0],
    ]);
  });
  it('refuses empty and binary files as the import does, and counts the lines it refuses as rows', async () => {
    const folder = await dataset({
      'accounts.csv': 'account_id,contract_start\nA1,2024-01-01,x\nA2,2024-01-01\n',
      'usage.csv': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      'tickets.ndjson': '',
    });
    const preview = await previewDataset(folder);
    expect(preview.errors).toEqual([
      {
        file: 'accounts.csv',
        row: 2,
        column: null,
        value: 'A1,2024-01-01,x',
        message:
          'the line has more fields than the header (Expected Number of Columns: 2 Found: 3)',
      },
      {
        file: 'usage.csv',
        row: null,
        column: null,
        value: null,
        message: 'not a text CSV file (it holds binary data)',
      },
      {
        file: 'tickets.ndjson',
        row: null,
        column: null,
        value: null,
        message: 'the file is empty',
      },
    ]);
    // accounts.csv: one line refused plus one read is two data rows; the others are not read.
    expect(preview.files.map((file) => [file.file, file.rows])).toEqual([
      ['accounts.csv', 2],
      ['usage.csv', null],
      ['tickets.ndjson', null],
    ]);
  });
});
