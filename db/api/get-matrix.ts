import type { SignalMatrix } from '../../core/matrix.ts';
import { parseIsoDate } from '../../core/dates.ts';
import { VELOCITY_DAYS } from '../../core/velocity.ts';
import { buildSignalMatrix } from '../signals.ts';
import { toNumber } from '../workspace.ts';
import type { ApiContext } from './context.ts';

// The same last day getWorkspace reports, so the renderer's default date and ours agree.
const LAST_USAGE_DAY_SQL = "SELECT (max(date) - DATE '1970-01-01')::INTEGER FROM usage";

/**
 * The signal matrix of every eligible account at asOf − 14 and asOf (`YYYY-MM-DD`,
 * already validated), the two dates a score and its velocity need. Without asOf it
 * scores the last usage day; a workspace without usage gives an empty matrix.
 */
export async function getMatrix(
  context: ApiContext,
  asOf: string | undefined,
): Promise<SignalMatrix> {
  const day = asOf === undefined ? await lastUsageDay(context) : parseIsoDate(asOf);
  if (day === undefined) return buildSignalMatrix(context.workspace, []);
  return buildSignalMatrix(context.workspace, [day - VELOCITY_DAYS, day]);
}

async function lastUsageDay(context: ApiContext): Promise<number | undefined> {
  const reader = await context.workspace.connection.runAndReadAll(LAST_USAGE_DAY_SQL);
  const day = toNumber(reader.getRows()[0]?.[0] ?? null);
  return Number.isNaN(day) ? undefined : day;
}
