import { LAYERS, SIGNALS } from '../../../core/catalogue.ts';
import type { ModelConfig } from '../../../core/config.ts';
import { overrideNames, weakestSignal } from '../../../core/score.ts';
import type { AsOfScores } from '../data/scoring.ts';
import { formatPercent, formatScore } from '../format.ts';
import { OVERRIDE_LABELS } from '../labels.ts';
import { overrideEffect } from './overrides.ts';
import { PlaybookCard } from './PlaybookCard.tsx';
import { describeRawValues } from './rawValues.ts';

interface AdviceProps {
  readonly scores: AsOfScores;
  readonly config: ModelConfig;
  readonly row: number;
}

/** What acts on the score now (overrides), what weighs on it most, and what the band asks for. */
export function Advice({ scores, config, row }: AdviceProps) {
  const { matrix, table } = scores;
  const score = table.score[row] as number;
  const composite = table.rawComposite[row] as number;
  const overrides = overrideNames(table.overrides[row] as number);
  const weakest = weakestSignal(table, config, row);

  return (
    <>
      {overrides.length > 0 ? (
        <section className="overrides-fired" data-testid="overrides-fired">
          <h3>Overrides fired</h3>
          <ul>
            {overrides.map((name) => (
              <li key={name}>
                <strong>{OVERRIDE_LABELS[name]}.</strong> {overrideEffect(name, config)}
              </li>
            ))}
          </ul>
          {!Number.isNaN(composite) && composite !== score ? (
            <p className="muted">Before overrides the composite was {formatScore(composite)}.</p>
          ) : null}
        </section>
      ) : null}

      <section className="weakest" data-testid="weakest-signal">
        <h3>What pulls the score down most</h3>
        {weakest === undefined ? (
          <p>
            {Number.isNaN(composite)
              ? 'Nothing yet: no signal of the model has data for this account.'
              : 'No signal costs the score any points: every signal with data is at 100.'}
          </p>
        ) : (
          <p>
            <strong>{SIGNALS[weakest.signal].label}</strong> ({LAYERS[weakest.layer].label}). At{' '}
            {formatScore(weakest.points)} points and {formatPercent(weakest.effectiveWeight)} of the
            score&rsquo;s weight it costs the composite {formatScore(weakest.lostPoints)} points:{' '}
            {describeRawValues(matrix, weakest.signal, row)}.
          </p>
        )}
      </section>

      <PlaybookCard ragCode={table.rag[row] as number} />
    </>
  );
}
