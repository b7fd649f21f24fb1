/**
 * One account at the as-of date: its score and band, the history behind it, the
 * layers and signals that make it up, what pulls it down most, and the playbook
 * its band asks for. All of it under the model the scores were computed with,
 * with the days saved versions of the model took effect marked on the history.
 */
import { useEffect, useMemo } from 'react';
import type { ModelVersion } from '../../../core/api.ts';
import { parseIsoDate } from '../../../core/dates.ts';
import { weakestSignal, weightedContributions } from '../../../core/score.ts';
import type { AsOfScores } from '../data/scoring.ts';
import { formatCountOf, formatLongDay } from '../format.ts';
import { versionEffectiveDay } from '../model/ModelContext.tsx';
import { Advice } from './Advice.tsx';
import { accountHistory, type HistoryScores } from './history.ts';
import { LayerBreakdown } from './LayerBreakdown.tsx';
import { ScoreHistoryChart } from './ScoreHistoryChart.tsx';
import { ScoreSummary } from './ScoreSummary.tsx';
import { SignalTable } from './SignalTable.tsx';
import { historyRange, versionMarks, type DatedVersion } from './versionMarks.ts';

interface AccountDetailProps {
  readonly accountId: string;
  readonly scores: AsOfScores;
  readonly history: HistoryScores | null;
  readonly historyError: string | null;
  /** The saved model versions, oldest first. */
  readonly versions: readonly ModelVersion[];
  readonly onClose: () => void;
}

export function AccountDetail(props: AccountDetailProps) {
  const { accountId, scores, history, historyError, versions, onClose } = props;
  const { matrix, table, config } = scores;

  const row = useMemo(() => {
    const index = matrix.accounts.accountIds.indexOf(accountId);
    return Array.from(scores.rows).find((candidate) => matrix.accountIndex[candidate] === index);
  }, [matrix, scores.rows, accountId]);
  const points = useMemo(
    () => (history ? accountHistory(history, accountId) : []),
    [history, accountId],
  );
  const range = useMemo(
    () =>
      historyRange(
        points.map((point) => point.day),
        scores.asOf,
      ),
    [points, scores.asOf],
  );
  const marks = useMemo(() => {
    const dated: DatedVersion[] = versions.map((version) => ({
      name: version.name,
      day: parseIsoDate(versionEffectiveDay(version)) ?? Number.NaN,
    }));
    return versionMarks(
      dated.filter((version) => !Number.isNaN(version.day)),
      range,
    );
  }, [versions, range]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const accountIndex = matrix.accounts.accountIds.indexOf(accountId);
  const name = matrix.accounts.accountNames[accountIndex] ?? accountId;

  return (
    <aside className="detail" aria-label={`Account ${name}`} data-testid="account-detail">
      <header className="detail-header">
        <div>
          <div className="detail-eyebrow">Account · {accountId}</div>
          <h2>{name}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close account" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="detail-body">
        {row === undefined ? (
          <p className="notice">
            This account is not eligible on {formatLongDay(scores.asOf)}: it had not started yet or
            had already churned. Its history is below.
          </p>
        ) : (
          <ScoreSummary scores={scores} config={config} row={row} />
        )}

        <section className="card">
          <h3>Score history</h3>
          {history === null ? (
            <p className="muted">
              {historyError === null
                ? 'Loading the history…'
                : `The history could not be loaded: ${historyError}`}
            </p>
          ) : points.length === 0 ? (
            <p className="muted">The account is not eligible at any snapshot date.</p>
          ) : (
            <>
              <ScoreHistoryChart
                points={points}
                config={config}
                asOf={scores.asOf}
                range={range}
                marks={marks}
              />
              <p className="caption">
                Month-end scores, {formatCountOf(points.length, 'snapshot', 'snapshots')}. Diamonds
                mark overrides; the dotted line is the as-of date
                {marks.lines.length === 0
                  ? '.'
                  : '; a dashed line marks the day a saved model version took effect.'}
              </p>
            </>
          )}
        </section>

        {row === undefined ? null : (
          <>
            <Advice scores={scores} config={config} row={row} />
            <section className="card">
              <h3>Layers</h3>
              <LayerBreakdown table={table} config={config} row={row} />
            </section>
            <section className="card">
              <h3>Signals</h3>
              <SignalTable
                matrix={matrix}
                row={row}
                contributions={weightedContributions(table, config, row)}
                weakest={weakestSignal(table, config, row)}
              />
            </section>
          </>
        )}
      </div>
    </aside>
  );
}
