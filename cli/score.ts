/**
 * `healthscore score`: one row per eligible account at one as-of date, with the
 * score, its band, its evidence (layer scores, points of every enabled signal,
 * overrides) and its velocity against the same account 14 days earlier.
 */
import { LAYER_IDS, SIGNAL_IDS, type SignalId } from '../core/catalogue.ts';
import type { ModelConfig } from '../core/config.ts';
import { formatDay } from '../core/dates.ts';
import type { SignalMatrix } from '../core/matrix.ts';
import { ragName } from '../core/rag.ts';
import { overrideNames, RENEWAL_RISK, scoreMatrix } from '../core/score.ts';
import { velocity } from '../core/velocity.ts';
import { buildSignalMatrix } from '../db/signals.ts';
import type { Workspace } from '../db/workspace.ts';
import { log } from '../db/log.ts';

export type ScoreValue = string | number | boolean | null;
export type ScoreRow = Record<string, ScoreValue>;

export interface ScoreReport {
  readonly asOf: string;
  readonly columns: readonly string[];
  readonly rows: readonly ScoreRow[];
  readonly bandCounts: Readonly<Record<string, number>>;
}

/** Velocity compares with the score 14 days earlier, so both dates are in one matrix. */
const VELOCITY_DAYS = 14;

function enabledSignals(config: ModelConfig): SignalId[] {
  return SIGNAL_IDS.filter((signal) => config.signals[signal].enabled);
}

function finite(value: number, digits?: number): number | null {
  if (!Number.isFinite(value)) return null;
  return digits === undefined ? value : Number(value.toFixed(digits));
}

/** The report's columns, in order; also the CSV header. */
export function scoreColumns(signals: readonly SignalId[]): string[] {
  return [
    'account_id',
    'account_name',
    'segment',
    'csm_owner',
    'arr',
    'score',
    'rag',
    'coverage',
    'low_coverage',
    ...LAYER_IDS.map((layer) => `${layer}_score`),
    ...signals.map((signal) => `points_${signal}`),
    'overrides',
    'renewal_risk',
    'velocity',
  ];
}

/** Scores every eligible account of `workspace` at `asOf` (a day number). */
export async function scoreAccounts(
  workspace: Workspace,
  asOf: number,
  config: ModelConfig,
): Promise<ScoreReport> {
  const started = performance.now();
  const matrix = await buildSignalMatrix(workspace, [asOf - VELOCITY_DAYS, asOf], {
    onProgress: (progress) =>
      log.debug(`signals: ${progress.step} ${progress.done}/${progress.total}`),
  });
  const report = scoreReport(matrix, asOf, config);
  log.info(
    `scored ${report.rows.length} eligible accounts at ${report.asOf} (${Math.round(performance.now() - started)} ms)`,
  );
  return report;
}

/** Turns a matrix holding `asOf` (and ideally `asOf − 14`) into report rows. */
export function scoreReport(matrix: SignalMatrix, asOf: number, config: ModelConfig): ScoreReport {
  const table = scoreMatrix(matrix, config);
  const change = velocity(matrix, table);
  const signals = enabledSignals(config);
  const target = matrix.asOfDates.indexOf(asOf);
  const { accounts } = matrix;
  const rows: ScoreRow[] = [];
  const bandCounts: Record<string, number> = { green: 0, yellow: 0, red: 0, unscored: 0 };

  for (let row = 0; row < matrix.accountIndex.length; row += 1) {
    if (matrix.asOfIndex[row] !== target) continue;
    const account = matrix.accountIndex[row]!;
    const rag = ragName(table.rag[row]!);
    bandCounts[rag] = (bandCounts[rag] ?? 0) + 1;
    const out: ScoreRow = {
      account_id: accounts.accountIds[account]!,
      account_name: accounts.accountNames[account] ?? null,
      segment: accounts.segments[account] ?? null,
      csm_owner: accounts.csmOwners[account] ?? null,
      arr: finite(accounts.arr[account]!),
      score: finite(table.score[row]!),
      rag,
      coverage: finite(table.coverage[row]!, 3),
      low_coverage: table.lowCoverage[row] === 1,
    };
    for (const layer of LAYER_IDS) out[`${layer}_score`] = finite(table.layerScore[layer][row]!, 1);
    for (const signal of signals) out[`points_${signal}`] = finite(table.points[signal][row]!, 1);
    out.overrides = overrideNames(table.overrides[row]!).join(';');
    out.renewal_risk = (table.overrides[row]! & RENEWAL_RISK) !== 0;
    out.velocity = finite(change[row]!, 1);
    rows.push(out);
  }

  return { asOf: formatDay(asOf), columns: scoreColumns(signals), rows, bandCounts };
}
