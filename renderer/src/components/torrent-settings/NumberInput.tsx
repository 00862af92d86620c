import type { FieldProps } from './types';

export function NumberInput(props: FieldProps & { label: string; placeholder: string; unit?: string; hint?: string }) {
  const { field, form } = props;
  return (
    <label className="field">
      <span>{props.label}</span>
      <span className="ts-input-unit">
        <input
          className="input"
          type="text"
          inputMode={field === 'ratioLimit' ? 'decimal' : 'numeric'}
          autoComplete="off"
          data-testid={props.testId}
          placeholder={props.placeholder}
          aria-invalid={props.bad.has(field) || undefined}
          value={form[field]}
          onChange={(e) => props.onChange({ [field]: e.target.value })}
        />
        {props.unit && <span className="ts-unit muted small">{props.unit}</span>}
      </span>
      {props.hint && <span className="ts-field-hint muted small">{props.hint}</span>}
    </label>
  );
}
