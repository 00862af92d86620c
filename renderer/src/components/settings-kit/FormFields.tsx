// Small labelled inputs for the settings editors (the look of Settings → Downloads and Release profiles).
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

/** A text (or password) input with an optional unit after it ("Mb/s"); `invalid` marks it red. */
export function TextField(props: {
  label: string;
  /** password: the text is hidden; give `autoComplete` (e.g. new-password) so browsers don't fill a saved one */
  type?: 'text' | 'password';
  autoComplete?: string;
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
      type={props.type ?? 'text'}
      autoComplete={props.autoComplete ?? 'off'}
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

/** A monospaced text area (one pattern a line); `invalid` marks it red. */
export function TextAreaField(props: {
  label: string;
  testId: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  hint?: ReactNode;
  rows?: number;
}) {
  return (
    <Field label={props.label} hint={props.hint}>
      <textarea
        className="input mono"
        rows={props.rows ?? 3}
        spellCheck={false}
        data-testid={props.testId}
        aria-invalid={props.invalid || undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
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

/** An on/off switch with its label and a line saying what it does. */
export function SwitchField(props: {
  /** extra class on the label */
  className?: string;
  testId: string;
  label: string;
  hint: ReactNode;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className={props.className ? `ts-switch ${props.className}` : 'ts-switch'}>
      <input
        type="checkbox"
        role="switch"
        className="switch"
        data-testid={props.testId}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className="ts-switch-text">
        <span>{props.label}</span>
        <span className="muted small">{props.hint}</span>
      </span>
    </label>
  );
}

/**
 * Name and Label side by side, as every "yours" editor has them: the name is the saved one's address, so it is locked
 * once saved (copy it to rename); a new one starts with the cursor in it. Test ids: `${prefix}-name`, `${prefix}-label`.
 */
export function NameLabelFields(props: {
  testIdPrefix: string;
  name: string;
  label: string;
  /** the saved one's name when editing it; null for a new one */
  original: string | null;
  invalid: (field: 'name' | 'label') => boolean | undefined;
  namePlaceholder: string;
  labelPlaceholder: string;
  labelHint: string;
  onChange: (patch: { name?: string; label?: string }) => void;
}) {
  const id = props.testIdPrefix;
  return (
    <div className="pp-pair">
      <TextField
        label="Name"
        testId={`${id}-name`}
        value={props.name}
        onChange={(name) => props.onChange({ name })}
        invalid={props.invalid('name')}
        readOnly={props.original !== null}
        autoFocus={props.original === null}
        placeholder={props.namePlaceholder}
        hint={props.original ? 'The name is its address; copy it to rename' : 'Lower-case letters, digits and dashes'}
      />
      <TextField
        label="Label"
        testId={`${id}-label`}
        value={props.label}
        onChange={(label) => props.onChange({ label })}
        invalid={props.invalid('label')}
        placeholder={props.labelPlaceholder}
        hint={props.labelHint}
      />
    </div>
  );
}
