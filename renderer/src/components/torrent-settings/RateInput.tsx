import type { FieldProps } from './types';

export function RateInput(props: FieldProps & { label: string }) {
  const { field, form } = props;
  return (
    <span className="ts-input-unit">
      <input
        className="input"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        aria-label={`${props.label} (KiB/s)`}
        data-testid={props.testId}
        placeholder="unlimited"
        aria-invalid={props.bad.has(field) || undefined}
        value={form[field]}
        onChange={(e) => props.onChange({ [field]: e.target.value })}
      />
      <span className="ts-unit muted small">KiB/s</span>
    </span>
  );
}
