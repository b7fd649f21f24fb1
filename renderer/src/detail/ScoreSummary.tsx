import type { ModelConfig } from '../../../core/config.ts';
import { ragName } from '../../../core/rag.ts';
import { RENEWAL_RISK } from '../../../core/score.ts';
import { isUrgent } from '../../../core/velocity.ts';
import { ScorePill, Velocity } from '../accounts/cells.tsx';
import type { AsOfScores } from '../data/scoring.ts';
import { formatAmount, formatLongDay, formatPercent } from '../format.ts';
import { RAG_LABELS } from '../labels.ts';

interface ScoreSummaryProps {
  readonly scores: AsOfScores;
  readonly config: ModelConfig;
  readonly row: number;
}

/** The account's score, band and 14-day change at the as-of date, with its key facts. */
export function ScoreSummary({ scores, config, row }: ScoreSummaryProps) {
  const { matrix, table } = scores;
  const account = matrix.accountIndex[row] as number;
  const score = table.score[row] as number;
  const rag = ragName(table.rag[row] as number);
  const change = scores.velocity[row] as number;

  return (
    <section className="detail-score">
      <div className="detail-score-main">
        <ScorePill score={Number.isNaN(score) ? null : score} rag={rag} />
        <div>
          <div className="detail-band">{RAG_LABELS[rag]}</div>
          <div className="muted">on {formatLongDay(scores.asOf)}</div>
        </div>
        <div className="detail-velocity">
          <span className="muted">14-day change</span>
          <Velocity
            change={Number.isNaN(change) ? null : change}
            urgent={isUrgent(change, config)}
          />
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Coverage</dt>
          <dd>
            {formatPercent(table.coverage[row] as number)}
            {table.lowCoverage[row] === 1 ? (
              <span className="chip chip-warning">Low coverage</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>ARR</dt>
          <dd>{formatAmount(matrix.accounts.arr[account] as number)}</dd>
        </div>
        <div>
          <dt>Next renewal</dt>
          <dd>
            {formatLongDay(matrix.columns.next_renewal[row] as number)}
            {(table.overrides[row] as number) & RENEWAL_RISK ? (
              <span className="chip chip-danger">At risk</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Segment</dt>
          <dd>{matrix.accounts.segments[account] ?? '–'}</dd>
        </div>
        <div>
          <dt>CSM owner</dt>
          <dd>{matrix.accounts.csmOwners[account] ?? '–'}</dd>
        </div>
        <div>
          <dt>Customer since</dt>
          <dd>{formatLongDay(matrix.accounts.contractStart[account] as number)}</dd>
        </div>
      </dl>
    </section>
  );
}
