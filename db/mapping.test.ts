import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tableSpec } from '../core/contract.ts';
import {
  loadMappingFile,
  matchColumns,
  parseColumnMapping,
  readSavedMapping,
  tableForFile,
} from './mapping.ts';
import { openWorkspace } from './workspace.ts';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function tempFile(name: string, content: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'hs-mapping-'));
  folders.push(folder);
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

describe('parseColumnMapping', () => {
  it('accepts a valid mapping and lower-cases table and contract names', () => {
    const result = parseColumnMapping({
      Accounts: { 'Customer ID': 'Account_ID', Seats: 'paid_seats' },
      files: { 'CRM Export.csv': 'Accounts' },
    });
    expect(result).toEqual({
      ok: true,
      mapping: {
        accounts: { 'Customer ID': 'account_id', Seats: 'paid_seats' },
        files: { 'CRM Export.csv': 'accounts' },
      },
    });
  });

  it('lists every problem with the path of the entry at fault', () => {
    const result = parseColumnMapping({
      acounts: { id: 'account_id' },
      usage: { Day: 'day', ' ': 'date', day: 'date' },
      files: { 'x.csv': 'customers' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^acounts: unknown table "acounts" \(tables are accounts, usage, /),
      expect.stringMatching(
        /^usage\.Day: "day" is not a column of usage \(columns are account_id, /,
      ),
      'usage. : an export name may not be empty',
      'usage.day: "day" is mapped twice (names are compared ignoring case and spaces)',
      expect.stringMatching(/^files\.x\.csv: "customers" is not a table/),
    ]);
  });

  it('allows several export names for one contract column (different exports)', () => {
    const result = parseColumnMapping({
      accounts: { 'Customer ID': 'account_id', cust: 'account_id' },
    });
    expect(result.ok).toBe(true);
  });

  it('refuses values of the wrong shape', () => {
    for (const value of [
      null,
      [],
      'accounts',
      { accounts: 'account_id' },
      { accounts: { id: 7 } },
    ]) {
      expect(parseColumnMapping(value).ok).toBe(false);
    }
  });
});

describe('loadMappingFile', () => {
  it('reads a mapping file, with or without a byte-order mark', async () => {
    const path = await tempFile('mapping.json', '\uFEFF{"usage": {"Day": "date"}}');
    expect(await loadMappingFile(path)).toEqual({ ok: true, mapping: { usage: { Day: 'date' } } });
  });

  it('reports a missing file, bad JSON and a bad mapping as errors, never by throwing', async () => {
    const missing = join(tmpdir(), 'hs-mapping-none', 'mapping.json');
    const missingResult = await loadMappingFile(missing);
    expect(missingResult.ok === false && missingResult.errors[0]).toContain(
      `cannot read ${missing}`,
    );

    const broken = await tempFile('broken.json', '{"usage": ');
    const brokenResult = await loadMappingFile(broken);
    expect(brokenResult.ok === false && brokenResult.errors[0]).toContain(
      `${broken} is not valid JSON`,
    );

    const invalid = await tempFile('invalid.json', '{"usage": {"Day": "dayz"}}');
    const invalidResult = await loadMappingFile(invalid);
    expect(invalidResult.ok === false && invalidResult.errors[0]).toContain('usage.Day: "dayz"');
  });
});

describe('readSavedMapping', () => {
  it('is null in a new workspace', async () => {
    const workspace = await openWorkspace(':memory:');
    expect(await readSavedMapping(workspace)).toBeNull();
    workspace.close();
  });
});

describe('tableForFile', () => {
  it('uses the files mapping by full name or stem, else the name itself, case-insensitively', () => {
    const mapping = { files: { 'CRM Export.csv': 'accounts', product_usage: 'usage' } } as const;
    expect(tableForFile('crm export.CSV', 'crm export', mapping)).toBe('accounts');
    expect(tableForFile('product_usage.parquet', 'product_usage', mapping)).toBe('usage');
    expect(tableForFile('Tickets.ndjson', 'Tickets', null)).toBe('tickets');
    expect(tableForFile('ticket.ndjson', 'ticket', null)).toBeNull();
  });
});

describe('matchColumns', () => {
  const usage = tableSpec('usage');

  it('matches names trimmed and case-insensitively, in any order, and lists the rest', () => {
    const matching = matchColumns(usage, ['Events', ' DATE ', 'Account_Id', 'Region'], null);
    expect(matching.matches).toEqual([
      { header: 'Account_Id', column: 'account_id', via: 'name' },
      { header: ' DATE ', column: 'date', via: 'name' },
      { header: 'Events', column: 'events', via: 'name' },
    ]);
    expect(matching.extra).toEqual(['Region']);
    expect(matching.missing).toEqual([
      'user_id',
      'workflows_started',
      'workflows_completed',
      'records_created',
      'api_calls',
    ]);
    expect(matching.conflicts).toEqual([]);
  });

  it('lets a mapping entry win over the name and reports columns claimed twice', () => {
    const mapping = { usage: { 'event count': 'events', Events: 'api_calls', day: 'date' } };
    const matching = matchColumns(usage, ['Event Count', 'events', 'date', 'account_id'], mapping);
    expect(matching.matches).toEqual([
      { header: 'account_id', column: 'account_id', via: 'name' },
      { header: 'date', column: 'date', via: 'name' },
      { header: 'Event Count', column: 'events', via: 'mapping' },
      { header: 'events', column: 'api_calls', via: 'mapping' },
    ]);
    expect(matching.conflicts).toEqual([]);
    expect(matching.unusedMappings).toEqual(['day']);

    const doubled = matchColumns(usage, ['Event Count', 'api_calls', 'events'], mapping);
    expect(doubled.conflicts).toEqual([{ column: 'api_calls', headers: ['api_calls', 'events'] }]);
  });
});
