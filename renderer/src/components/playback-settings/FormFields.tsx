// Small labelled inputs for the device profile editor (the look of Settings → Downloads and Release profiles).
import type { ReactNode } from 'react';

export function Field(props: { label: string; hint?: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <label className={props.wide ? 'field pp-wide' : 'field'}>
      <span>{props.label}</span>
      {props.children}
      {props.hint && <span className="ts-field-hint muted small">{props.hint}</span>}
    </label>
  );
}

/** A text input with an optional unit after it ("Mb/s"); `invalid` marks it red. */
export function TextField(props: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  hint?: ReactNode;
  unit?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  readOnly?: boolean;
  wide?: boolean;
  autoFocus?: boolean;
}) {
  const input = (
    <input
      className="input"
      type="text"
      autoComplete="off"
      spellCheck={false}
      data-testid={props.testId}
      inputMode={props.inputMode}
      placeholder={props.placeholder}
      readOnly={props.readOnly}
      autoFocus={props.autoFocus}
      aria-invalid={props.invalid || undefined}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
  return (
    <Field label={props.label} hint={props.hint} wide={props.wide}>
      {props.unit ? (
        <span className="ts-input-unit">
          {input}
          <span className="ts-unit muted small">{props.unit}</span>
        </span>
      ) : (
        input
      )}
    </Field>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  testId: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
  hint?: ReactNode;
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      <select
        className="input"
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
