/**
 * Runs the RavenStack converter into a temporary folder and checks its output against
 * the raw files, recomputed here in plain TypeScript (no SQL, no converter code).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../core/contract.ts';
import { convertRavenStack, DEFAULT_INPUT } from './converter.ts';

type Row = Record<string, string>;

/** Parses a CSV file without quoting (both the export and the converted files have none). */
function readCsv(path: string): Row[] {
  const text = readFileSync(path, 'utf8');
  if (text.includes('"')) throw new Error(`${path} uses quoting; this test parser does not`);
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.length > 0);
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    if (fields.length !== names.length) throw new Error(`${path}: bad line ${line}`);
    return Object.fromEntries(names.map((name, index) => [name, fields[index] ?? '']));
  });
}

function headerOf(path: string): string[] {
  return (readFileSync(path, 'utf8').split(/\r?\n/, 1)[0] ?? '').split(',');
}

function sumBy(
  rows: readonly Row[],
  key: (row: Row) => string,
  value: (row: Row) => number,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row));
  return sums;
}

const raw = (name: string): Row[] => readCsv(join(DEFAULT_INPUT, `ravenstack_${name}.csv`));
const scratch = mkdtempSync(join(tmpdir(), 'ravenstack-test-'));
const out = join(scratch, 'converted');

let accounts: Row[];
let subscriptions: Row[];
let usage: Row[];
let tickets: Row[];
let churnEvents: Row[];
let converted: Record<string, Row[]>;

beforeAll(async () => {
  accounts = raw('accounts');
  subscriptions = raw('subscriptions');
  usage = raw('feature_usage');
  tickets = raw('support_tickets');
  churnEvents = raw('churn_events');
  await convertRavenStack({ input: DEFAULT_INPUT, out });
  converted = Object.fromEntries(
    ['accounts', 'usage', 'feature_usage', 'tickets', 'escalations'].map((table) => [
      table,
      readCsv(join(out, `${table}.csv`)),
    ]),
  );
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled copy of the export', () => {
  // Checksums of the published files, as listed in README.md.
  const CHECKSUMS: Readonly<Record<string, readonly [string, number]>> = {
    'ravenstack_accounts.csv': [
      '348d8ba906b7776894b5236b2e7aa91a503d41670dbc9aad30c37b503c9abef5',
      500,
    ],
    'ravenstack_churn_events.csv': [
      '6391c41d8291b7b4845ec9a84d3837c2ed230a33a32a854ec33d4e66dc150940',
      600,
    ],
    'ravenstack_feature_usage.csv': [
      'c081da2be8caf987d07f0f79ceb0619aba523d819529230ed6df77984fa21d4e',
      25_000,
    ],
    'ravenstack_subscriptions.csv': [
      'dcf1d93ca9a35e0dcba0ab686d255f0e9ec26512970bbf0944cf19cbef2d751a',
      5_000,
    ],
    'ravenstack_support_tickets.csv': [
      'ba0006951479771ee9f93c98789c96bc5fec892cf11f867afb28194f0b76d220',
      2_000,
    ],
  };

  it('is byte-identical to the published files', () => {
    const files = readdirSync(DEFAULT_INPUT)
      .filter((name) => name.endsWith('.csv'))
      .sort();
    expect(files).toEqual(Object.keys(CHECKSUMS).sort());
    for (const [file, [checksum, rows]] of Object.entries(CHECKSUMS)) {
      const bytes = readFileSync(join(DEFAULT_INPUT, file));
      expect(createHash('sha256').update(bytes).digest('hex'), file).toBe(checksum);
      expect(readCsv(join(DEFAULT_INPUT, file)).length, file).toBe(rows);
    }
  });
});

describe('converted dataset', () => {
  const EXTRA_COLUMNS: Readonly<Record<string, readonly string[]>> = {
    accounts: ['licensed_seats'],
    tickets: ['satisfaction_score'],
  };

  it('writes only the tables the export has data for, with contract columns plus documented extras', () => {
    const tableFiles = readdirSync(out)
      .filter((name) => name !== 'DATASET.md')
      .sort();
    expect(tableFiles).toEqual([
      'accounts.csv',
      'escalations.csv',
      'feature_usage.csv',
      'tickets.csv',
      'usage.csv',
    ]);
    for (const file of tableFiles) {
      const table = file.replace('.csv', '');
      const spec = CONTRACT.find((candidate) => candidate.name === table);
      const allowed = [
        ...(spec?.columns.map((column) => column.name) ?? []),
        ...(EXTRA_COLUMNS[table] ?? []),
      ];
      const header = headerOf(join(out, file));
      expect(
        header.filter((name) => !allowed.includes(name)),
        file,
      ).toEqual([]);
      for (const column of spec?.columns.filter((candidate) => candidate.required) ?? []) {
        expect(header, `${file} lacks ${column.name}`).toContain(column.name);
        const empty = (converted[table] ?? []).filter((row) => row[column.name] === '');
        expect(empty.length, `${file}.${column.name} empty`).toBe(0);
      }
    }
    expect(readFileSync(join(out, 'DATASET.md'), 'utf8')).toContain('River @ Rivalytics');
  });

  it('keeps every account once, with its name, industry, signup date and licensed seats', () => {
    const rows = converted.accounts ?? [];
    expect(rows.length).toBe(500);
    const byId = new Map(rows.map((row) => [row.account_id, row]));
    expect(byId.size).toBe(500);
    for (const source of accounts) {
      const row = byId.get(source.account_id ?? '');
      expect(row, source.account_id).toBeDefined();
      expect(row?.account_name).toBe(source.account_name);
      expect(row?.segment).toBe(source.industry);
      expect(row?.contract_start).toBe(source.signup_date);
      expect(row?.licensed_seats).toBe(source.seats);
    }
  });

  it('sets ARR to the annual value of the subscriptions still open at 2024-12-31', () => {
    // No subscription starts after 2024-12-31 and none ends after it, so "open" is "no end_date".
    expect(subscriptions.every((row) => (row.start_date ?? '') <= '2024-12-31')).toBe(true);
    const open = sumBy(
      subscriptions.filter((row) => row.end_date === ''),
      (row) => row.account_id ?? '',
      (row) => Number(row.arr_amount),
    );
    for (const row of converted.accounts ?? []) {
      expect(Number(row.arr), row.account_id).toBe(open.get(row.account_id ?? '') ?? 0);
    }
  });

  it('dates churn at the latest churn event of each account flagged as churned, and only those', () => {
    const flagged = new Set(
      accounts.filter((row) => row.churn_flag === 'True').map((row) => row.account_id),
    );
    const latest = new Map<string, string>();
    for (const event of churnEvents) {
      const id = event.account_id ?? '';
      const date = event.churn_date ?? '';
      if (flagged.has(id) && date > (latest.get(id) ?? '')) latest.set(id, date);
    }
    for (const row of converted.accounts ?? []) {
      expect(row.churned_on, row.account_id).toBe(latest.get(row.account_id ?? '') ?? '');
      if (row.churned_on) expect(row.churned_on >= (row.contract_start ?? '')).toBe(true);
    }
    // README.md: 110 flagged accounts, 75 of them with a dated event.
    expect(flagged.size).toBe(110);
    expect(latest.size).toBe(75);
    expect((converted.accounts ?? []).filter((row) => row.churned_on !== '').length).toBe(75);
  });

  it('sums usage_count into one usage row per account and day, over all the account’s subscriptions', () => {
    const accountOf = new Map(
      subscriptions.map((row) => [row.subscription_id, row.account_id ?? '']),
    );
    const perAccount = sumBy(
      usage,
      (row) => accountOf.get(row.subscription_id) ?? 'orphan',
      (row) => Number(row.usage_count),
    );
    expect(perAccount.has('orphan')).toBe(false);
    const days = new Set(
      usage.map((row) => `${accountOf.get(row.subscription_id)}|${row.usage_date}`),
    );

    const rows = converted.usage ?? [];
    expect(rows.length).toBe(days.size);
    expect(new Set(rows.map((row) => `${row.account_id}|${row.date}`)).size).toBe(rows.length);
    expect(rows.every((row) => row.user_id === '')).toBe(true);
    const convertedSums = sumBy(
      rows,
      (row) => row.account_id ?? '',
      (row) => Number(row.events),
    );
    expect(convertedSums).toEqual(perAccount);
    // Every one of the 25,000 source rows counts, duplicated usage_ids included.
    const total = usage.reduce((sum, row) => sum + Number(row.usage_count), 0);
    expect(rows.reduce((sum, row) => sum + Number(row.events), 0)).toBe(total);
  });

  it('sums usage_count per account, day and feature into feature_usage', () => {
    const accountOf = new Map(
      subscriptions.map((row) => [row.subscription_id, row.account_id ?? '']),
    );
    const expected = sumBy(
      usage,
      (row) => `${accountOf.get(row.subscription_id)}|${row.usage_date}|${row.feature_name}`,
      (row) => Number(row.usage_count),
    );
    const actual = sumBy(
      converted.feature_usage ?? [],
      (row) => `${row.account_id}|${row.date}|${row.feature}`,
      (row) => Number(row.events),
    );
    expect(actual).toEqual(expected);
    expect((converted.feature_usage ?? []).length).toBe(expected.size);
  });

  it('keeps every ticket with midnight-UTC opening, the recorded close, priority and raw CSAT', () => {
    const rows = new Map((converted.tickets ?? []).map((row) => [row.ticket_id, row]));
    expect(rows.size).toBe(2000);
    for (const source of tickets) {
      const row = rows.get(source.ticket_id);
      expect(row?.account_id).toBe(source.account_id);
      expect(row?.opened_at).toBe(`${source.submitted_at}T00:00:00Z`);
      expect(row?.closed_at).toBe(`${(source.closed_at ?? '').replace(' ', 'T')}Z`);
      expect(row?.priority).toBe(source.priority);
      expect(row?.satisfaction_score).toBe(
        source.satisfaction_score === '' ? '' : String(Number(source.satisfaction_score)),
      );
      expect((row?.closed_at ?? '') >= (row?.opened_at ?? '')).toBe(true);
    }
    expect(headerOf(join(out, 'tickets.csv'))).not.toContain('sentiment');
  });

  it('turns each escalated ticket into one escalation spanning the ticket', () => {
    const escalated = tickets.filter((row) => row.escalation_flag === 'True');
    expect(escalated.length).toBe(95);
    const rows = converted.escalations ?? [];
    expect(rows.length).toBe(escalated.length);
    const expected = escalated
      .map(
        (row) =>
          `${row.account_id}|${row.submitted_at}T00:00:00Z|escalated support ticket ${row.ticket_id}`,
      )
      .sort();
    expect(rows.map((row) => `${row.account_id}|${row.opened_at}|${row.reason}`).sort()).toEqual(
      expected,
    );
    expect(rows.every((row) => (row.resolved_at ?? '') >= (row.opened_at ?? ''))).toBe(true);
  });
});

describe('converter command', () => {
  const cli = (args: readonly string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'sample-data/ravenstack/convert.ts', ...args], {
      encoding: 'utf8',
    });

  it('writes the same bytes as the library call, and refuses to overwrite without --force', () => {
    const viaCli = join(scratch, 'cli');
    const first = cli(['--out', viaCli]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('River @ Rivalytics');
    for (const file of readdirSync(out)) {
      expect(readFileSync(join(viaCli, file)), file).toEqual(readFileSync(join(out, file)));
    }
    const again = cli(['--out', viaCli]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(cli(['--out', viaCli, '--force']).status).toBe(0);
  });

  it('names the file whose header is not the expected one', async () => {
    const input = join(scratch, 'renamed-column');
    mkdirSync(input);
    for (const file of readdirSync(DEFAULT_INPUT))
      copyFileSync(join(DEFAULT_INPUT, file), join(input, file));
    const path = join(input, 'ravenstack_accounts.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('signup_date', 'signed_up'));
    await expect(convertRavenStack({ input, out: join(scratch, 'never') })).rejects.toThrow(
      /ravenstack_accounts\.csv: expected the header/,
    );
    expect(existsSync(join(scratch, 'never'))).toBe(false);
  });
});
