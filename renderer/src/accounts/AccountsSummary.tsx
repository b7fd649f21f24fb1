import { useMemo } from 'react';
import type { ModelConfig } from '../../../core/config.ts';
import { formatCompactAmount } from '../format.ts';
import type { AccountRow } from './rows.ts';

interface Totals {
  readonly accounts: number;
  readonly arr: number;
  readonly redArr: number;
  readonly urgent: number;
  readonly renewalRisk: number;
  readonly lowCoverage: number;
}

function totals(rows: readonly AccountRow[]): Totals {
  let arr = 0;
  let redArr = 0;
  let urgent = 0;
  let renewalRisk = 0;
  let lowCoverage = 0;
  for (const row of rows) {
    arr += row.arr ?? 0;
    if (row.rag === 'red') redArr += row.arr ?? 0;
    if (row.urgentDrop) urgent += 1;
    if (row.renewalRisk) renewalRisk += 1;
    if (row.lowCoverage) lowCoverage += 1;
  }
  return { accounts: rows.length, arr, redArr, urgent, renewalRisk, lowCoverage };
}

/** The headline numbers of the as-of date, above the grid. */
export function AccountsSummary({
  rows,
  config,
}: {
  rows: readonly AccountRow[];
  config: ModelConfig;
}) {
  const figures = useMemo(() => totals(rows), [rows]);
  const share = figures.arr > 0 ? Math.round((figures.redArr / figures.arr) * 100) : 0;
  return (
    <dl className="summary">
      <div className="summary-item">
        <dt>Eligible accounts</dt>
        <dd data-testid="eligible-count">{figures.accounts.toLocaleString('en-US')}</dd>
      </div>
      <div className="summary-item">
        <dt>Total ARR</dt>
        <dd>{formatCompactAmount(figures.arr)}</dd>
      </div>
      <div className="summary-item summary-red">
        <dt>ARR in red</dt>
        <dd>
          {formatCompactAmount(figures.redArr)}
          <span className="summary-note">{share}% of ARR</span>
        </dd>
      </div>
      <div className="summary-item">
        <dt>Urgent drops</dt>
        <dd>
          {figures.urgent}
          <span className="summary-note">fell {config.urgentVelocityDrop}+ in 14 days</span>
        </dd>
      </div>
      <div className="summary-item">
        <dt>Renewal risk</dt>
        <dd>
          {figures.renewalRisk}
          <span className="summary-note">renewing soon, score low</span>
        </dd>
      </div>
      <div className="summary-item">
        <dt>Low coverage</dt>
        <dd>
          {figures.lowCoverage}
          <span className="summary-note">
            under {config.lowCoverageBelowPercent}% of the model has data
          </span>
        </dd>
      </div>
    </dl>
  );
}
