/**
 * A row of mutually exclusive choices as an ARIA radio group: click, or arrow keys to move
 * the choice (handled here, so the page's stage stepper does not also take them).
 */
import { useRef } from 'react';

interface Props<T extends string> {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  text: (value: T) => string;
}

const STEP: Record<string, number> = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 };

export function Segmented<T extends string>({ label, options, value, onChange, text }: Props<T>) {
  const group = useRef<HTMLDivElement>(null);
  const move = (from: T, key: string): T | null => {
    const step = STEP[key];
    if (step === undefined) return null;
    return options[(options.indexOf(from) + step + options.length) % options.length];
  };
  return (
    <div ref={group} role="radiogroup" aria-label={label} className="segmented">
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          tabIndex={value === option ? 0 : -1}
          data-value={option}
          onClick={() => onChange(option)}
          onKeyDown={(e) => {
            const next = move(option, e.key);
            if (next === null) return;
            e.preventDefault();
            onChange(next);
            group.current?.querySelector<HTMLButtonElement>(`[data-value="${next}"]`)?.focus();
          }}
        >
          {text(option)}
        </button>
      ))}
    </div>
  );
}

/** A Segmented with its label also shown before it, in a row of the given class. */
export function LabelledSegmented<T extends string>({ className, ...props }: Props<T> & { className: string }) {
  return (
    <div className={className}>
      <span>{props.label}</span>
      <Segmented {...props} />
    </div>
  );
}
