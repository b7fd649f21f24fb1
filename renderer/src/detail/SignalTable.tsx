import { LAYERS, SIGNALS } from '../../../core/catalogue.ts';
import type { SignalMatrix } from '../../../core/matrix.ts';
import type { SignalContribution } from '../../../core/score.ts';
import { formatPercent, formatScore } from '../format.ts';
import { describeRawValues } from './rawValues.ts';

interface SignalTableProps {
  readonly matrix: SignalMatrix;
  readonly row: number;
  readonly contributions: readonly SignalContribution[];
  readonly weakest: SignalContribution | undefined;
}

/**
 * Every enabled signal: its raw values, its points, its share of the composite and
 * the composite points it supplies. A missing signal is shown as a gap, never as 0.
 */
export function SignalTable({ matrix, row, contributions, weakest }: SignalTableProps) {
  let previousLayer: string | null = null;
  return (
    <table className="signal-table" data-testid="signal-table">
      <thead>
        <tr>
          <th scope="col">Signal</th>
          <th scope="col">Raw values</th>
          <th scope="col" className="numeric">
            Points
          </th>
          <th scope="col" className="numeric">
            Weight
          </th>
          <th scope="col" className="numeric">
            Contribution
          </th>
        </tr>
      </thead>
      <tbody>
        {contributions.flatMap((entry) => {
          const missing = Number.isNaN(entry.points);
          const rows = [];
          if (entry.layer !== previousLayer) {
            previousLayer = entry.layer;
            rows.push(
              <tr key={`layer-${entry.layer}`} className="signal-layer-row">
                <th colSpan={5} scope="rowgroup">
                  {LAYERS[entry.layer].label}
                </th>
              </tr>,
            );
          }
          const isWeakest = weakest?.signal === entry.signal;
          rows.push(
            <tr
              key={entry.signal}
              className={`${missing ? 'signal-missing' : ''}${isWeakest ? ' signal-weakest' : ''}`}
            >
              <td title={SIGNALS[entry.signal].description}>{SIGNALS[entry.signal].label}</td>
              <td className="raw-values">{describeRawValues(matrix, entry.signal, row)}</td>
              <td className="numeric">{missing ? 'missing' : formatScore(entry.points)}</td>
              <td className="numeric">{missing ? '–' : formatPercent(entry.effectiveWeight)}</td>
              <td className="numeric">{missing ? '–' : formatScore(entry.contribution)}</td>
            </tr>,
          );
          return rows;
        })}
      </tbody>
    </table>
  );
}
