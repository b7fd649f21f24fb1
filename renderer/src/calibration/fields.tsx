/** Small inputs of the Calibration view: a whole-number field and a weight slider with its value. */
import { useEffect, useState } from 'react';

interface NumberFieldProps {
  readonly label: string;
  readonly value: number;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  readonly suffix?: string;
  readonly onCommit: (value: number) => void;
}

/** A number input that commits each valid value and falls back to the model's value on blur. */
export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  suffix,
  onCommit,
}: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <label className="cal-number">
      <span>{label}</span>
      <span className="cal-number-input">
        <input
          type="number"
          value={text}
          min={min}
          max={max}
          step={step}
          onChange={(event) => {
            setText(event.target.value);
            const parsed = Number(event.target.value);
            if (event.target.value.trim() !== '' && Number.isFinite(parsed)) onCommit(parsed);
          }}
          onBlur={() => setText(String(value))}
        />
        {suffix ? <em>{suffix}</em> : null}
      </span>
    </label>
  );
}

interface WeightSliderProps {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly disabled?: boolean;
  readonly onChange: (value: number) => void;
  readonly onRelease?: () => void;
}

/** A 0..100 slider with its whole-number value beside it. */
export function WeightSlider({
  id,
  label,
  value,
  disabled,
  onChange,
  onRelease,
}: WeightSliderProps) {
  return (
    <div className={`cal-slider${disabled ? ' cal-slider-off' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={value}
        disabled={disabled}
        data-testid={id}
        onChange={(event) => onChange(Number(event.target.value))}
        onPointerUp={onRelease}
        onKeyUp={onRelease}
      />
      <output htmlFor={id} className="numeric">
        {value}
      </output>
    </div>
  );
}
