/**
 * The choice of date order for year-last dates that no value decides: both
 * readings are shown on the file's own sample values, and nothing is assumed
 * until the user picks one.
 */
import type { DateOrder } from '../../../core/api.ts';
import { readAs, type UndecidedDates } from './dates.ts';

const ORDERS: readonly { order: DateOrder; title: string; pattern: string }[] = [
  { order: 'dmy', title: 'Day first', pattern: 'DD/MM/YYYY' },
  { order: 'mdy', title: 'Month first', pattern: 'MM/DD/YYYY' },
];

export interface DateOrderChoiceProps {
  readonly columns: readonly UndecidedDates[];
  readonly value: DateOrder | null;
  readonly disabled: boolean;
  readonly onChange: (order: DateOrder) => void;
}

export function DateOrderChoice({ columns, value, disabled, onChange }: DateOrderChoiceProps) {
  const samples = [...new Set(columns.flatMap((column) => column.samples))].slice(0, 3);
  return (
    <section className="import-panel import-dates" aria-labelledby="import-dates-title">
      <header className="import-panel-header">
        <h3 id="import-dates-title">Choose how to read dates written year-last</h3>
        <p>
          These columns hold dates such as {samples[0] ?? '03/04/2024'} that read either way, and no
          value in them decides. The order you choose applies to every year-last date of this
          import.
        </p>
      </header>
      <ul className="import-date-columns">
        {columns.map((column) => (
          <li key={`${column.file}/${column.column}`}>
            <span className="import-mono">{column.file}</span>
            <span className="import-muted"> · </span>
            <span className="import-mono">{column.column}</span>
            <span className="import-muted">
              {column.reading === 'conflicting' ? ' — values contradict each other: ' : ' — e.g. '}
            </span>
            <span className="import-mono">{column.samples.join(', ')}</span>
          </li>
        ))}
      </ul>
      <div className="import-date-options" role="radiogroup" aria-label="Date order">
        {ORDERS.map(({ order, title, pattern }) => (
          <label
            key={order}
            className={`import-date-option${value === order ? ' import-date-option-chosen' : ''}`}
          >
            <input
              type="radio"
              name="import-date-order"
              value={order}
              checked={value === order}
              disabled={disabled}
              onChange={() => onChange(order)}
            />
            <span className="import-date-option-title">
              {title} <span className="import-mono import-muted">{pattern}</span>
            </span>
            {samples.map((sample) => (
              <span key={sample} className="import-date-example">
                <span className="import-mono">{sample}</span> →{' '}
                {readAs(sample, order) ?? 'not a date this way'}
              </span>
            ))}
          </label>
        ))}
      </div>
    </section>
  );
}
