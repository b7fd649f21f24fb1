/**
 * The evidence commands on the generated default sample, whose churners decay before
 * they leave: the backtest must show the score separating churners from stayers, so a
 * change that breaks the scoring or the signals fails here. Also the command line's
 * behaviour on bad input: a plain message, a non-zero exit, never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../cli/main.ts';
import { DEFAULT_MODEL } from '../../core/config.ts';
import { setLogLevel, setLogSink } from '../../db/log.ts';
import { openWorkspace, toNumber } from '../../db/workspace.ts';

const scratch = mkdtempSync(join(tmpdir(), 'healthscore-backtest-'));
const workspacePath = join(scratch, 'sample.duckdb');

interface Band {
  accounts: number;
  churned: number;
  churnRate: number | null;
}

interface BacktestJson {
  schema: string;
  headline: { auc: number; bands: { red: Band; yellow: Band; green: Band }; greenRenewed: number };
  snapshots: { asOf: string; censored: boolean; metrics: unknown }[];
  dataEnd: string;
  leadTime: { medianDaysFromRed: number | null };
}

interface DriftJson {
  schema: string;
  baselineAsOf: string;
  snapshots: { asOf: string; psi: number | null; psiVerdict: string | null }[];
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

beforeAll(async () => {
  setLogLevel('error');
  expect(await run(['import', 'sample-data/default', '--workspace', workspacePath])).toBe(0);
});

afterAll(() => {
  setLogLevel('info');
  rmSync(scratch, { recursive: true, force: true });
});

describe('healthscore backtest', () => {
  it('shows the default model separating churners from stayers on the generated sample', async () => {
    const out = join(scratch, 'backtest.json');
    expect(
      await run(['backtest', '--workspace', workspacePath, '--format', 'json', '--out', out]),
    ).toBe(0);
    const report = readJson<BacktestJson>(out);
    expect(report.schema).toBe('healthscore.backtest/1');
    expect(report.headline.auc).toBeGreaterThan(0.65);
    const { red, green } = report.headline.bands;
    expect(red.churnRate!).toBeGreaterThan(2 * green.churnRate!);
    expect(report.headline.greenRenewed).toBeGreaterThan(0.9);

    // Month ends from the first full month to the data end; the last 90 days are censored.
    const dataEnd = Date.parse(report.dataEnd);
    for (const snapshot of report.snapshots) {
      const censored = Date.parse(snapshot.asOf) + 90 * 86_400_000 > dataEnd;
      expect(snapshot.censored).toBe(censored);
      expect(snapshot.metrics === null).toBe(censored);
    }
  });

  it('stores the score history of every snapshot in the workspace', async () => {
    const out = join(scratch, 'backtest.md');
    expect(
      await run(['backtest', '--workspace', workspacePath, '--every', 'quarter', '--out', out]),
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('## Headline');
    const workspace = await openWorkspace(workspacePath);
    try {
      const reader = await workspace.connection.runAndReadAll(
        `SELECT count(DISTINCT as_of), count(*) FILTER (WHERE rag NOT IN ('red', 'yellow', 'green', 'unscored'))
         FROM score_history WHERE model = 'Default model'`,
      );
      const [dates, badBands] = reader.getRows()[0]!.map((value) => toNumber(value!));
      expect(dates).toBeGreaterThanOrEqual(8);
      expect(badBands).toBe(0);
    } finally {
      workspace.close();
    }
  });

  it('prints drift against a chosen baseline with verdicts matching the PSI bands', async () => {
    const out = join(scratch, 'drift.json');
    const args = ['drift', '--workspace', workspacePath, '--baseline', '2023-06-30'];
    expect(await run([...args, '--format', 'json', '--out', out])).toBe(0);
    const report = readJson<DriftJson>(out);
    expect(report.schema).toBe('healthscore.drift/1');
    expect(report.baselineAsOf).toBe('2023-06-30');
    const baseline = report.snapshots.find((snapshot) => snapshot.asOf === '2023-06-30')!;
    expect(baseline.psi).toBe(0);
    for (const { psi, psiVerdict } of report.snapshots) {
      const expected = psi! < 0.1 ? 'stable' : psi! <= 0.25 ? 'moderate_shift' : 'major_shift';
      expect(psiVerdict).toBe(expected);
    }
  });

  it('warns about the guardrails of a config, and still scores with it', async () => {
    const config = structuredClone(DEFAULT_MODEL);
    config.layers.usage.weight = 30; // 30 + 25 + 20 + 15 = 90
    const path = join(scratch, 'ninety.json');
    writeFileSync(path, JSON.stringify(config));
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    setLogLevel('warn');
    try {
      const out = join(scratch, 'ninety.csv');
      const args = ['score', '--workspace', workspacePath, '--as-of', '2024-06-30'];
      expect(await run([...args, '--config', path, '--out', out])).toBe(0);
    } finally {
      setLogSink((line) => process.stderr.write(`${line}\n`));
      setLogLevel('error');
    }
    expect(lines.some((line) => /Layer weights sum to 90, not 100/.test(line))).toBe(true);
  });

  it('refuses a baseline that is not a snapshot date', async () => {
    const code = await run(['drift', '--workspace', workspacePath, '--baseline', '2023-06-15']);
    expect(code).toBe(1);
  });
});

describe('the healthscore command on bad input', () => {
  it('refuses an --out that is the workspace itself, and leaves the workspace whole', async () => {
    const out = join(scratch, 'unchanged.csv');
    const args = ['score', '--workspace', workspacePath, '--as-of', '2024-06-30'];
    expect(await run([...args, '--out', workspacePath])).toBe(1);
    expect(await run([...args, '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^account_id,/);
  });

  it('refuses an as-of date outside the data instead of reading the gap as no usage', async () => {
    const args = ['score', '--workspace', workspacePath];
    expect(await run([...args, '--as-of', '2025-01-01'])).toBe(1);
    expect(await run([...args, '--as-of', '2022-12-31'])).toBe(1);
  });

  it('leaves no empty workspace behind when an import into a new file fails', async () => {
    const target = join(scratch, 'never.duckdb');
    expect(await run(['import', join(scratch, 'no-such-folder'), '--workspace', target])).toBe(1);
    expect(existsSync(target)).toBe(false);
  });

  it('exits quietly when the reader closes the pipe early', () => {
    const result = spawnSync(
      'bash',
      [
        '-c',
        `node bin/healthscore.mjs score --workspace ${workspacePath} --as-of 2024-06-30 --quiet | head -c 10`,
      ],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toBe('account_id');
    expect(result.stderr).toBe('');
  });

  function healthscore(...args: string[]) {
    const result = spawnSync(process.execPath, ['bin/healthscore.mjs', ...args], {
      encoding: 'utf8',
    });
    return { code: result.status, stderr: result.stderr, stdout: result.stdout };
  }

  it.each([
    [
      ['score', '--data', 'no/such/folder', '--as-of', '2024-12-31'],
      /No dataset folder at no\/such\/folder/,
    ],
    [
      ['score', '--workspace', 'missing.duckdb', '--as-of', '2024-12-31'],
      /No workspace at missing\.duckdb/,
    ],
    [
      ['score', '--data', 'sample-data/default', '--as-of', '31/12/2024'],
      /--as-of must be a date written YYYY-MM-DD/,
    ],
    [['score', '--as-of', '2024-12-31'], /--workspace <file.duckdb> or --data <dataset-folder>/],
    [
      ['backtest', '--data', 'sample-data/default', '--horizon', 'soon'],
      /--horizon must be a whole number/,
    ],
    [
      [
        'score',
        '--data',
        'sample-data/default',
        '--as-of',
        '2024-12-31',
        '--config',
        'package.json',
      ],
      /model config package\.json is not valid/,
    ],
    [
      ['score', '--workspace', 'package.json', '--as-of', '2024-12-31'],
      /package\.json is not a workspace/,
    ],
    [
      ['backtest', '--data', 'sample-data/default', '--from', '2024-06-01', '--to', '2024-01-01'],
      /--from 2024-06-01 is after --to 2024-01-01/,
    ],
    [
      [
        'score',
        '--data',
        'sample-data/default',
        '--as-of',
        '2024-12-31',
        '--out',
        'sample-data/default/x.csv',
      ],
      /inside the dataset folder/,
    ],
  ])('healthscore %j exits non-zero with a plain message', (args, message) => {
    const result = healthscore(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.stdout).toBe('');
  });
});
