/**
 * Checks generated datasets against the data contract and against the dynamics the
 * generator promises, by reading the written files back with DuckDB. Every check is
 * computed from the files, never from the generator's own bookkeeping.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, type TableSpec } from '../core/contract.ts';
import { generateDataset } from './generator/dataset.ts';
import { sqlString } from './generator/writers.ts';

const START = '2023-01-01';
const END = '2024-12-31';
const scratch = mkdtempSync(join(tmpdir(), 'generate-test-'));
const main = join(scratch, 'main');

let instance: DuckDBInstance;
let db: DuckDBConnection;

function fileOf(folder: string, table: string): string {
  const name = readdirSync(folder).find((file) => file.startsWith(`${table}.`));
  if (!name) throw new Error(`no file for ${table} in ${folder}`);
  return join(folder, name);
}

async function scalar(sql: string): Promise<number> {
  const reader = await db.runAndReadAll(sql);
  return Number(reader.getRowsJS()[0]?.[0] ?? Number.NaN);
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

beforeAll(async () => {
  await generateDataset({ accounts: 2000, seed: 7, start: START, end: END, out: main });
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  // Every table is loaded as text, so the checks below see the values exactly as written.
  for (const table of CONTRACT) {
    const path = fileOf(main, table.name);
    const source = path.endsWith('.csv')
      ? `read_csv(${sqlString(path)}, header = true, all_varchar = true, nullstr = '')`
      : `read_parquet(${sqlString(path)})`;
    const columns = table.columns.map(
      (column) => `CAST(${ident(column.name)} AS VARCHAR) AS ${ident(column.name)}`,
    );
    await db.run(
      `CREATE TABLE ${ident(table.name)} AS SELECT ${columns.join(', ')} FROM ${source}`,
    );
  }
});

afterAll(() => {
  db?.closeSync();
  instance?.closeSync();
  rmSync(scratch, { recursive: true, force: true });
});

describe('determinism', () => {
  // DATASET.md names the output folder, so it is the one file allowed to differ between folders.
  function digests(folder: string): Record<string, string> {
    return Object.fromEntries(
      readdirSync(folder)
        .filter((name) => name !== 'DATASET.md')
        .sort()
        .map((name) => [
          name,
          createHash('sha256')
            .update(readFileSync(join(folder, name)))
            .digest('hex'),
        ]),
    );
  }

  it('writes byte-identical files for identical arguments, and different ones for another seed', async () => {
    const options = { accounts: 150, start: START, end: END };
    const first = join(scratch, 'first');
    const second = join(scratch, 'second');
    const other = join(scratch, 'other');
    await generateDataset({ ...options, seed: 99, out: first });
    await generateDataset({ ...options, seed: 99, out: second });
    await generateDataset({ ...options, seed: 100, out: other });

    const firstDigests = digests(first);
    expect(Object.keys(firstDigests)).toContain('usage.parquet');
    expect(digests(second)).toEqual(firstDigests);
    expect(digests(other)['accounts.csv']).not.toEqual(firstDigests['accounts.csv']);
    expect(digests(other)['usage.parquet']).not.toEqual(firstDigests['usage.parquet']);
    expect(readFileSync(join(first, 'DATASET.md'), 'utf8')).toContain(
      `npx tsx sample-data/generate.ts --accounts 150 --seed 99 --start ${START} --end ${END} --out ${first}`,
    );
  });

  it('reproduces the bundled default dataset exactly, and keeps it under 5 MB', async () => {
    const bundled = fileURLToPath(new URL('./default', import.meta.url));
    const note = readFileSync(join(bundled, 'DATASET.md'), 'utf8');
    const command = /--accounts (\d+) --seed (\d+) --start (\S+) --end (\S+)/.exec(note);
    expect(command).not.toBeNull();
    const [, accounts, seed, start, end] = command ?? [];
    const again = join(scratch, 'default-again');
    await generateDataset({
      accounts: Number(accounts),
      seed: Number(seed),
      start: start ?? '',
      end: end ?? '',
      out: again,
    });
    expect(digests(again)).toEqual(digests(bundled));
    const bytes = readdirSync(bundled).reduce(
      (sum, name) => sum + statSync(join(bundled, name)).size,
      0,
    );
    expect(bytes).toBeLessThanOrEqual(5_000_000);
  });

  it('refuses to overwrite a dataset unless forced, and rejects bad options', async () => {
    const folder = join(scratch, 'guarded');
    await generateDataset({ accounts: 5, seed: 1, start: START, end: END, out: folder });
    await expect(
      generateDataset({ accounts: 5, seed: 1, start: START, end: END, out: folder }),
    ).rejects.toThrow(/--force/);
    await expect(
      generateDataset({ accounts: 5, seed: 1, start: START, end: END, out: folder, force: true }),
    ).resolves.toMatchObject({ accounts: 5 });

    const fresh = join(scratch, 'never-written');
    await expect(
      generateDataset({ accounts: 0, seed: 1, start: START, end: END, out: fresh }),
    ).rejects.toThrow(/--accounts/);
    await expect(
      generateDataset({ accounts: 50_001, seed: 1, start: START, end: END, out: fresh }),
    ).rejects.toThrow(/--accounts/);
    await expect(
      generateDataset({ accounts: 5, seed: 1, start: '2023-02-30', end: END, out: fresh }),
    ).rejects.toThrow(/--start/);
    // 2023-01-01 .. 2023-06-28 is 179 days, one short of the 180-day minimum.
    await expect(
      generateDataset({ accounts: 5, seed: 1, start: START, end: '2023-06-28', out: fresh }),
    ).rejects.toThrow(/180 days/);
    await expect(
      generateDataset({ accounts: 5, seed: 1, start: START, end: '2023-06-29', out: fresh }),
    ).resolves.toMatchObject({ accounts: 5 });
  });

  it('leaves files that are not table files alone when forcing', async () => {
    const folder = join(scratch, 'notes');
    await generateDataset({ accounts: 3, seed: 1, start: START, end: END, out: folder });
    writeFileSync(join(folder, 'notes.txt'), 'keep me');
    await generateDataset({
      accounts: 3,
      seed: 1,
      start: START,
      end: END,
      out: folder,
      force: true,
    });
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});

describe('command line', () => {
  const cli = (args: readonly string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'sample-data/generate.ts', ...args], {
      encoding: 'utf8',
    });

  it('generates a dataset from its options and rejects malformed ones', () => {
    const folder = join(scratch, 'cli');
    const run = cli(['--accounts', '3', '--seed', '2', '--out', folder]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Wrote 3 accounts');
    expect(readdirSync(folder)).toContain('usage.parquet');

    const malformed = cli(['--accounts', 'many', '--out', join(scratch, 'cli-bad')]);
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr).toContain('expected a whole number');
    const missingOut = cli(['--accounts', '3']);
    expect(missingOut.status).not.toBe(0);
    expect(missingOut.stderr).toContain('--out');
  });
});

/** A SQL predicate that is true when `value` (text) is not a valid value of the column. */
function invalidValue(column: TableSpec['columns'][number], value: string): string {
  switch (column.type) {
    case 'date':
      return `NOT (regexp_full_match(${value}, '\\d{4}-\\d{2}-\\d{2}') AND TRY_CAST(${value} AS DATE) IS NOT NULL)`;
    case 'timestamp':
      return `NOT (regexp_full_match(${value}, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z') AND TRY_CAST(${value} AS TIMESTAMP) IS NOT NULL)`;
    case 'integer':
    case 'money':
    case 'number': {
      const pattern = column.type === 'integer' ? '-?\\d+' : '-?\\d+(\\.\\d+)?';
      const number = `TRY_CAST(${value} AS DOUBLE)`;
      const bounds = [
        column.min === undefined ? null : `${number} < ${column.min}`,
        column.max === undefined ? null : `${number} > ${column.max}`,
      ].filter((bound) => bound !== null);
      return `(NOT regexp_full_match(${value}, '${pattern}')${bounds.map((bound) => ` OR ${bound}`).join('')})`;
    }
    case 'bool':
      return `${value} NOT IN ('true', 'false')`;
    case 'enum':
      return `${value} NOT IN (${(column.values ?? []).map((allowed) => sqlString(allowed)).join(', ')})`;
    case 'string':
      return `${value} <> trim(${value})`;
  }
}

describe('contract validity', () => {
  it('writes every contract table, with exactly the contract columns in order', async () => {
    for (const table of CONTRACT) {
      const path = fileOf(main, table.name);
      const reader = await db.runAndReadAll(
        `DESCRIBE SELECT * FROM ${path.endsWith('.csv') ? `read_csv(${sqlString(path)})` : `read_parquet(${sqlString(path)})`}`,
      );
      const names = reader.getRowsJS().map((row) => String(row[0]));
      expect(names, table.name).toEqual(table.columns.map((column) => column.name));
      expect(await scalar(`SELECT count(*) FROM ${ident(table.name)}`), table.name).toBeGreaterThan(
        0,
      );
    }
  });

  it('fills every required column and writes only valid values', async () => {
    for (const table of CONTRACT) {
      for (const column of table.columns) {
        const value = ident(column.name);
        const missing = await scalar(
          `SELECT count(*) FROM ${ident(table.name)} WHERE ${value} IS NULL`,
        );
        if (column.required) expect(missing, `${table.name}.${column.name} empty`).toBe(0);
        const invalid = await scalar(
          `SELECT count(*) FROM ${ident(table.name)} WHERE ${value} IS NOT NULL AND (${invalidValue(column, value)})`,
        );
        expect(invalid, `${table.name}.${column.name} invalid`).toBe(0);
      }
    }
  });

  it('keeps keys unique, references only known accounts and respects every ordering rule', async () => {
    for (const table of CONTRACT) {
      const name = ident(table.name);
      if (table.key) {
        const key = table.key.map(ident).join(', ');
        const duplicates = await scalar(`SELECT count(*) - count(DISTINCT (${key})) FROM ${name}`);
        expect(duplicates, `${table.name} duplicate keys`).toBe(0);
      }
      if (table.referencesAccounts) {
        const orphans = await scalar(
          `SELECT count(*) FROM ${name} WHERE account_id NOT IN (SELECT account_id FROM accounts)`,
        );
        expect(orphans, `${table.name} orphans`).toBe(0);
      }
      for (const [earlier, later] of table.ordered ?? []) {
        const reversed = await scalar(
          `SELECT count(*) FROM ${name} WHERE CAST(${ident(later)} AS TIMESTAMP) < CAST(${ident(earlier)} AS TIMESTAMP)`,
        );
        expect(reversed, `${table.name}: ${later} before ${earlier}`).toBe(0);
      }
    }
  });

  it('exercises the optional shapes: no-seat contracts, account-level usage, unanswered emails, unrated tickets', async () => {
    expect(await scalar(`SELECT count(*) FROM accounts WHERE paid_seats IS NULL`)).toBeGreaterThan(
      0,
    );
    expect(await scalar(`SELECT count(*) FROM accounts WHERE paid_seats = '0'`)).toBeGreaterThan(0);
    expect(await scalar(`SELECT count(*) FROM usage WHERE user_id IS NULL`)).toBeGreaterThan(0);
    expect(await scalar(`SELECT count(*) FROM emails WHERE replied_at IS NULL`)).toBeGreaterThan(0);
    expect(await scalar(`SELECT count(*) FROM tickets WHERE sentiment IS NULL`)).toBeGreaterThan(0);
    const segments = await db.runAndReadAll(`SELECT DISTINCT segment FROM accounts ORDER BY 1`);
    expect(segments.getRowsJS().map((row) => row[0])).toEqual(['Enterprise', 'Mid-Market', 'SMB']);
    const kinds = await db.runAndReadAll(`SELECT DISTINCT kind FROM meetings ORDER BY 1`);
    expect(kinds.getRowsJS().map((row) => row[0])).toEqual([
      'csm_call',
      'other',
      'qbr',
      'training',
      'webinar',
    ]);
  });

  it('names only known features and contacts of the same account', async () => {
    expect(
      await scalar(
        `SELECT count(*) FROM feature_usage WHERE feature NOT IN (SELECT feature FROM features)`,
      ),
    ).toBe(0);
    expect(await scalar(`SELECT count(*) FROM features WHERE is_core = 'true'`)).toBeGreaterThan(0);
    for (const table of ['emails', 'meetings', 'nps']) {
      const unknown = await scalar(
        `SELECT count(*) FROM ${table} t WHERE contact_id IS NOT NULL AND NOT EXISTS
           (SELECT 1 FROM contacts c WHERE c.account_id = t.account_id AND c.contact_id = t.contact_id)`,
      );
      expect(unknown, table).toBe(0);
    }
  });

  // Activity columns: each must lie in the data window, after the contract start, and before churn.
  const ACTIVITY: readonly (readonly [string, string])[] = [
    ['usage', 'date'],
    ['feature_usage', 'date'],
    ['community', 'date'],
    ['emails', 'sent_at'],
    ['emails', 'replied_at'],
    ['meetings', 'scheduled_at'],
    ['tickets', 'opened_at'],
    ['tickets', 'closed_at'],
    ['nps', 'responded_at'],
    ['outcomes', 'recorded_at'],
    ['escalations', 'resolved_at'],
  ];

  it('produces no activity before the contract starts or on and after churn', async () => {
    for (const [table, column] of ACTIVITY) {
      const day = `CAST(CAST(t.${ident(column)} AS TIMESTAMP) AS DATE)`;
      const afterChurn = await scalar(
        `SELECT count(*) FROM ${table} t JOIN accounts a USING (account_id)
          WHERE a.churned_on IS NOT NULL AND ${day} >= CAST(a.churned_on AS DATE)`,
      );
      expect(afterChurn, `${table}.${column} after churn`).toBe(0);
      const beforeStart = await scalar(
        `SELECT count(*) FROM ${table} t JOIN accounts a USING (account_id)
          WHERE ${day} < CAST(a.contract_start AS DATE)`,
      );
      expect(beforeStart, `${table}.${column} before contract start`).toBe(0);
    }
  });

  it('covers the whole two-year window in every activity table', async () => {
    for (const [table, column] of ACTIVITY) {
      const day = `CAST(CAST(${ident(column)} AS TIMESTAMP) AS DATE)`;
      const first = await scalar(
        `SELECT date_diff('day', DATE '${START}', min(${day})) FROM ${table}`,
      );
      const last = await scalar(
        `SELECT date_diff('day', max(${day}), DATE '${END}') FROM ${table}`,
      );
      expect(first, `${table}.${column} starts late`).toBeGreaterThanOrEqual(0);
      expect(first, `${table}.${column} starts late`).toBeLessThanOrEqual(31);
      expect(last, `${table}.${column} ends early`).toBeGreaterThanOrEqual(0);
      expect(last, `${table}.${column} ends early`).toBeLessThanOrEqual(31);
    }
  });

  it('records each churn as a churned renewal on the churn date, and a pending renewal for active accounts', async () => {
    const churned = await scalar(`SELECT count(*) FROM accounts WHERE churned_on IS NOT NULL`);
    const matched = await scalar(
      `SELECT count(*) FROM accounts a JOIN renewals r
         ON r.account_id = a.account_id AND r.renewal_date = a.churned_on AND r.outcome = 'churned'`,
    );
    expect(matched).toBe(churned);
    const pendingMismatch = await scalar(
      `SELECT count(*) FROM accounts a WHERE churned_on IS NULL AND NOT EXISTS
         (SELECT 1 FROM renewals r WHERE r.account_id = a.account_id
            AND r.outcome = 'pending' AND r.renewal_date = a.renewal_date)`,
    );
    expect(pendingMismatch).toBe(0);
  });
});

describe('dynamics', () => {
  it('churns 10–15 % of the accounts active on January 1 during each year', async () => {
    for (const year of [2023, 2024]) {
      const january = `DATE '${year}-01-01'`;
      const active = `CAST(contract_start AS DATE) <= ${january} AND (churned_on IS NULL OR CAST(churned_on AS DATE) > ${january})`;
      const base = await scalar(`SELECT count(*) FROM accounts WHERE ${active}`);
      const lost = await scalar(
        `SELECT count(*) FROM accounts WHERE ${active} AND year(CAST(churned_on AS DATE)) = ${year}`,
      );
      expect(base, `${year} base`).toBeGreaterThan(500);
      expect(lost / base, `${year} churn rate`).toBeGreaterThanOrEqual(0.1);
      expect(lost / base, `${year} churn rate`).toBeLessThanOrEqual(0.15);
    }
  });

  it('lets new accounts join throughout the window', async () => {
    for (const year of [2023, 2024]) {
      const joined = await scalar(
        `SELECT count(*) FROM accounts WHERE year(CAST(contract_start AS DATE)) = ${year}`,
      );
      expect(joined, `${year}`).toBeGreaterThan(200);
    }
  });

  it('shows usage decay before churn: the last 30 days are far below days 90–120 before', async () => {
    await db.run(`CREATE TABLE daily AS
      SELECT account_id, CAST(date AS DATE) AS day, sum(CAST(events AS INTEGER)) AS events
      FROM usage GROUP BY ALL`);
    // Only churners whose 120 days before churn lie inside the data can be compared.
    const windows = `
      SELECT a.account_id,
        coalesce(sum(d.events) FILTER (WHERE d.day >= c.churned - 30), 0) AS recent,
        coalesce(sum(d.events) FILTER (WHERE d.day < c.churned - 90), 0) AS earlier
      FROM (SELECT account_id, CAST(churned_on AS DATE) AS churned FROM accounts
            WHERE churned_on IS NOT NULL) c
      JOIN accounts a USING (account_id)
      LEFT JOIN daily d ON d.account_id = c.account_id
        AND d.day >= c.churned - 120 AND d.day < c.churned
      WHERE c.churned >= DATE '${START}' + 120
      GROUP BY a.account_id`;
    const churners = await scalar(`SELECT count(*) FROM (${windows})`);
    const ratio = await scalar(`SELECT sum(recent) / sum(earlier) FROM (${windows})`);
    const decayed = await scalar(`SELECT count(*) FROM (${windows}) WHERE recent < 0.6 * earlier`);
    expect(churners).toBeGreaterThan(100);
    expect(ratio).toBeLessThan(0.6);
    expect(decayed / churners).toBeGreaterThan(0.6);

    // Accounts that never churned show no such drop over the same kind of span.
    const stable = await scalar(`
      SELECT sum(events) FILTER (WHERE day >= DATE '${END}' - 29)
           / sum(events) FILTER (WHERE day BETWEEN DATE '${END}' - 119 AND DATE '${END}' - 90)
      FROM daily WHERE account_id IN (SELECT account_id FROM accounts
        WHERE churned_on IS NULL AND CAST(contract_start AS DATE) < DATE '${END}' - 365)`);
    expect(stable).toBeGreaterThan(0.8);
  });

  it('leaves some accounts without contacts and some without NPS answers', async () => {
    const accounts = await scalar(`SELECT count(*) FROM accounts`);
    const withContacts = await scalar(`SELECT count(DISTINCT account_id) FROM contacts`);
    const withNps = await scalar(`SELECT count(DISTINCT account_id) FROM nps`);
    expect(1 - withContacts / accounts).toBeGreaterThan(0.05);
    expect(1 - withContacts / accounts).toBeLessThan(0.25);
    expect(1 - withNps / accounts).toBeGreaterThan(0.1);
    expect(withNps / accounts).toBeGreaterThan(0.4);
  });

  it('lets champions leave, with and without a successor', async () => {
    const departed = await scalar(
      `SELECT count(*) FROM contacts WHERE role = 'champion' AND left_on IS NOT NULL`,
    );
    const successors = await scalar(`
      SELECT count(*) FROM contacts gone WHERE role = 'champion' AND left_on IS NOT NULL AND EXISTS
        (SELECT 1 FROM contacts next WHERE next.account_id = gone.account_id AND next.role = 'champion'
           AND CAST(next.started_on AS DATE) > CAST(gone.left_on AS DATE))`);
    expect(departed).toBeGreaterThan(50);
    expect(successors).toBeGreaterThan(0);
    expect(successors).toBeLessThan(departed);
  });

  it('makes weak accounts churn more: detractors and slow repliers churn at a higher rate', async () => {
    const churnRateOf = async (accounts: string): Promise<number> =>
      scalar(
        `SELECT avg(CAST(churned_on IS NOT NULL AS INTEGER)) FROM accounts WHERE account_id IN (${accounts})`,
      );
    const detractors = await churnRateOf(
      `SELECT account_id FROM nps GROUP BY 1 HAVING avg(CAST(score AS INTEGER)) <= 6`,
    );
    const promoters = await churnRateOf(
      `SELECT account_id FROM nps GROUP BY 1 HAVING avg(CAST(score AS INTEGER)) >= 9`,
    );
    expect(detractors).toBeGreaterThan(2 * promoters);

    const replyHours = `epoch(CAST(replied_at AS TIMESTAMP) - CAST(sent_at AS TIMESTAMP)) / 3600`;
    const slow = await churnRateOf(
      `SELECT account_id FROM emails GROUP BY 1 HAVING median(${replyHours}) > 48`,
    );
    const fast = await churnRateOf(
      `SELECT account_id FROM emails GROUP BY 1 HAVING median(${replyHours}) < 8`,
    );
    expect(slow).toBeGreaterThan(2 * fast);
  });
});
