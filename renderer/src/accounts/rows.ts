/**
 * The Accounts grid's rows: one plain object per eligible account at the as-of
 * date, built once per scoring from the typed arrays. Values stay raw (numbers,
 * null for missing) so that sorting, filtering and CSV export see data, not text.
 */
import { LAYER_IDS, type LayerId } from '../../../core/catalogue.ts';
import { ragName, type RagName } from '../../../core/rag.ts';
import { overrideNames, RENEWAL_RISK, type OverrideName } from '../../../core/score.ts';
import { isUrgent } from '../../../core/velocity.ts';
import type { AsOfScores } from '../data/scoring.ts';
import { isoDayOrNull } from '../format.ts';

export interface AccountRow {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly segment: string | null;
  readonly csmOwner: string | null;
  readonly arr: number | null;
  /** The next renewal on or after the as-of date, `YYYY-MM-DD`. */
  readonly renewalDate: string | null;
  /** Final score, one decimal; null when unscored. */
  readonly score: number | null;
  readonly rag: RagName;
  /** Score change over 14 days; null when it cannot be told. */
  readonly velocity: number | null;
  readonly urgentDrop: boolean;
  readonly layers: Readonly<Record<LayerId, number | null>>;
  /** Share of the enabled layer weight present, 0..1. */
  readonly coverage: number;
  readonly lowCoverage: boolean;
  readonly overrides: readonly OverrideName[];
  readonly renewalRisk: boolean;
  /** The row of this account in the scored matrix. */
  readonly matrixRow: number;
}

function orNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** Layer scores are exact in the table; the grid shows and sorts them at one decimal. */
function oneDecimal(value: number): number | null {
  return Number.isNaN(value) ? null : Math.round(value * 10) / 10;
}

/** One grid row per account at the as-of date. */
export function buildAccountRows(scores: AsOfScores): AccountRow[] {
  const { matrix, table, config } = scores;
  const accounts = matrix.accounts;
  const nextRenewal = matrix.columns.next_renewal;

  return Array.from(scores.rows, (row) => {
    const account = matrix.accountIndex[row] as number;
    const change = scores.velocity[row] as number;
    const layers = {} as Record<LayerId, number | null>;
    for (const layer of LAYER_IDS)
      layers[layer] = oneDecimal(table.layerScore[layer][row] as number);
    const overrides = table.overrides[row] as number;
    return {
      accountId: accounts.accountIds[account] as string,
      accountName: accounts.accountNames[account] ?? null,
      segment: accounts.segments[account] ?? null,
      csmOwner: accounts.csmOwners[account] ?? null,
      arr: orNull(accounts.arr[account] as number),
      renewalDate: isoDayOrNull(nextRenewal[row] as number),
      score: orNull(table.score[row] as number),
      rag: ragName(table.rag[row] as number),
      velocity: orNull(change),
      urgentDrop: isUrgent(change, config),
      layers,
      coverage: table.coverage[row] as number,
      lowCoverage: table.lowCoverage[row] === 1,
      overrides: overrideNames(overrides),
      renewalRisk: (overrides & RENEWAL_RISK) !== 0,
      matrixRow: row,
    };
  });
}

export type RagCounts = Readonly<Record<RagName, number>>;

/** How many rows fall in each band. */
export function countBands(rows: readonly AccountRow[]): RagCounts {
  const counts: Record<RagName, number> = { red: 0, yellow: 0, green: 0, unscored: 0 };
  for (const row of rows) counts[row.rag] += 1;
  return counts;
}
