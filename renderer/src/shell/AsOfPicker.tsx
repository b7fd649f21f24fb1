import { parseIsoDate } from '../../../core/dates.ts';

interface AsOfPickerProps {
  readonly value: string;
  /** The data's first and last day, `YYYY-MM-DD`; the picker allows nothing outside them. */
  readonly min: string;
  readonly max: string;
  readonly onChange: (asOf: string) => void;
}

/** The as-of date every view scores at, limited to the days the data covers. */
export function AsOfPicker({ value, min, max, onChange }: AsOfPickerProps) {
  const accept = (text: string) => {
    // A half-typed or out-of-range date is ignored until it is a whole day in range.
    if (parseIsoDate(text) !== undefined && text >= min && text <= max) onChange(text);
  };
  return (
    <div className="as-of">
      <label htmlFor="as-of-date">As of</label>
      <input
        id="as-of-date"
        type="date"
        value={value}
        min={min}
        max={max}
        required
        onChange={(event) => accept(event.target.value)}
      />
      {value === max ? null : (
        <button type="button" className="link-button" onClick={() => onChange(max)}>
          Latest
        </button>
      )}
    </div>
  );
}
