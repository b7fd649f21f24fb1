/**
 * Score and velocity as React components, for the account detail; the grid uses
 * the DOM renderers of gridCells.ts, which show the same thing.
 */
import type { RagName } from '../../../core/rag.ts';
import { formatChange, formatScore } from '../format.ts';

/** A score in its band's colour; an unscored account says so, in grey, never red. */
export function ScorePill({ score, rag }: { score: number | null; rag: RagName }) {
  return (
    <span className={`score-pill rag-${rag}`} data-rag={rag}>
      {score === null ? 'Unscored' : formatScore(score)}
    </span>
  );
}

/** ↑ / ↓ / → with the 14-day change; an urgent drop is flagged as well as coloured. */
export function Velocity({ change, urgent }: { change: number | null; urgent: boolean }) {
  if (change === null) return <span className="muted">–</span>;
  const arrow = change > 0 ? '↑' : change < 0 ? '↓' : '→';
  const direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  return (
    <span className={`velocity velocity-${direction}${urgent ? ' velocity-urgent' : ''}`}>
      <span aria-hidden="true">{arrow}</span> {formatChange(change)}
      {urgent ? <span className="velocity-flag">urgent</span> : null}
    </span>
  );
}
