/** A labelled slider with its value written next to it and a one-line hint. */
export interface RangeControlProps {
  label: string;
  /** Accessible name; kept in English so it stays stable across languages. */
  name: string;
  min: number;
  max: number;
  step: number;
  value: number;
  hint: string;
  onChange: (v: number) => void;
  testId?: string;
}

export function RangeControl({ label, name, min, max, step, value, hint, onChange, testId }: RangeControlProps) {
  return (
    <label className="control">
      <span>{label}</span>
      <input
        type="range"
        aria-label={name}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(e.target.valueAsNumber)}
      />
      <output data-testid={testId}>{value.toFixed(2)}</output>
      <small className="muted">{hint}</small>
    </label>
  );
}
