/**
 * The whole path a user takes, on both bundled datasets: convert (RavenStack), import,
 * score from the command line. The checks are what must hold whatever the weights:
 * one row per eligible account (counted independently in SQL), scores in range or
 * unscored, bands consistent with scores, and each override consistent with its
 * condition recomputed from the raw tables.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertRavenStack, DEFAULT_INPUT } from '../../sample-data/ravenstack/converter.ts';
import { run } from '../../cli/main.ts';
import { setLogLevel } from '../../db/log.ts';
import { openWorkspace, toNumber, toText, type Workspace } from '../../db/workspace.ts';

interface Row {
  account_id: string;
  score: number | null;
  rag: string;
  coverage: number | null;
  overrides: string;
  renewal_risk: boolean;
  usage_score: number | null;
}

const AS_OF = '2024-12-31';
const scratch = mkdtempSync(join(tmpdir(), 'healthscore-cli-'));

async function column(workspace: Workspace, sql: string): Promise<(string | null)[]> {
  const reader = await workspace.connection.runAndReadAll(sql);
  return reader.getRows().map((row) => toText(row[0]!));
}

async function scoreJson(args: string[]): Promise<Row[]> {
  const out = join(scratch, `score-${Math.random().toString(36).slice(2)}.json`);
  const code = await run(['score', ...args, '--as-of', AS_OF, '--format', 'json', '--out', out]);
  expect(code).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as { accounts: Row[] }).accounts;
}

const defaultWorkspace = join(scratch, 'default.duckdb');

async function checkInvariants(folder: string, workspacePath: string): Promise<Row[]> {
  expect(await run(['import', folder, '--workspace', workspacePath])).toBe(0);
  const rows = await scoreJson(['--workspace', workspacePath]);
  const workspace = await openWorkspace(workspacePath);
  try {
    const eligible = await column(
      workspace,
      `SELECT account_id FROM accounts
       WHERE contract_start <= DATE '${AS_OF}' AND (churned_on IS NULL OR churned_on > DATE '${AS_OF}')
       ORDER BY account_id`,
    );
    expect(rows.map((row) => row.account_id).sort()).toEqual(eligible);

    // Zero usage, recomputed from raw rows: no events over [t-13, t] for an account started by t-13.
    const idle = new Set(
      await column(
        workspace,
        `SELECT a.account_id FROM accounts a
         WHERE a.contract_start <= DATE '${AS_OF}' - INTERVAL 13 DAY
           AND coalesce((SELECT sum(events) FROM usage u WHERE u.account_id = a.account_id
                 AND u.date BETWEEN DATE '${AS_OF}' - INTERVAL 13 DAY AND DATE '${AS_OF}'), 0) = 0`,
      ),
    );
    const escalated = new Set(
      await column(
        workspace,
        `SELECT DISTINCT account_id FROM escalations
         WHERE opened_at < DATE '${AS_OF}' + INTERVAL 1 DAY
           AND (resolved_at IS NULL OR resolved_at >= DATE '${AS_OF}' + INTERVAL 1 DAY)`,
      ),
    );

    for (const row of rows) {
      const fired = row.overrides === '' ? [] : row.overrides.split(';');
      if (row.score === null) {
        expect(row.rag).toBe('unscored');
      } else {
        expect(row.score).toBeGreaterThanOrEqual(0);
        expect(row.score).toBeLessThanOrEqual(100);
        expect(row.rag).toBe(row.score >= 70 ? 'green' : row.score >= 40 ? 'yellow' : 'red');
      }
      expect(fired.includes('zero_usage')).toBe(idle.has(row.account_id));
      if (fired.includes('zero_usage')) expect(row.score).toBe(10);
      expect(fired.includes('active_escalation')).toBe(escalated.has(row.account_id));
      if (fired.includes('active_escalation')) expect(row.score!).toBeLessThanOrEqual(50);
      if (fired.includes('champion_departed')) expect(row.score!).toBeLessThanOrEqual(40);
      expect(row.renewal_risk).toBe(fired.includes('renewal_risk'));
      if (row.renewal_risk) expect(row.score!).toBeLessThan(60);
    }
    const rowsByAccount = new Map(rows.map((row) => [row.account_id, row]));
    expect(rowsByAccount.size).toBe(rows.length);
    const count = toNumber(
      (await workspace.connection.runAndReadAll('SELECT count(*) FROM accounts')).getRows()[0]![0]!,
    );
    expect(count).toBeGreaterThanOrEqual(rows.length);
  } finally {
    workspace.close();
  }
  return rows;
}

beforeAll(() => setLogLevel('error'));
afterAll(() => {
  setLogLevel('info');
  rmSync(scratch, { recursive: true, force: true });
});

describe('healthscore score on the bundled datasets', () => {
  it('scores the generated default sample consistently', async () => {
    const rows = await checkInvariants('sample-data/default', defaultWorkspace);
    expect(rows.length).toBeGreaterThan(100);
    // A model with four layers on data that has all of them: most accounts are fully covered.
    expect(rows.filter((row) => row.coverage === 1).length).toBeGreaterThan(rows.length / 2);
  });

  it('converts RavenStack and scores it consistently', async () => {
    const converted = join(scratch, 'ravenstack');
    await convertRavenStack({ input: DEFAULT_INPUT, out: converted, force: false });
    const rows = await checkInvariants(converted, join(scratch, 'ravenstack.duckdb'));
    expect(rows.length).toBeGreaterThan(100);
    // RavenStack has no contacts, emails, NPS or outcomes: only layers it can support are scored.
    for (const row of rows) if (row.score !== null) expect(row.coverage!).toBeLessThan(1);
  });

  it('gives the same scores for --data as for an imported --workspace', async () => {
    const direct = await scoreJson(['--data', 'sample-data/default']);
    expect(await scoreJson(['--workspace', defaultWorkspace])).toEqual(direct);
  });
});
