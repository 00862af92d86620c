import { useId } from 'react';
import { keyStatus, type KeyEdit } from '../../discovery-format';

/** A write-only API key: whether one is saved, a box for a new one, and "Remove". */
export function ApiKeyField(props: {
  label: string;
  testId: string;
  configured: boolean;
  edit: KeyEdit;
  hint: string;
  onChange: (edit: KeyEdit) => void;
}) {
  const { configured, edit } = props;
  const inputId = useId();
  const status = keyStatus(configured, edit);
  const tone = edit.remove && configured && !edit.value.trim() ? 'warn' : configured ? 'status-ok' : '';
  return (
    <div className="field ds-key">
      <span className="ds-key-label">
        <label htmlFor={inputId}>{props.label}</label>
        <span className={`badge ${tone}`} data-testid={`${props.testId}-status`}>
          {status}
        </span>
      </span>
      <span className="ds-key-row">
        <input
          id={inputId}
          className="input mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          data-testid={props.testId}
          placeholder={configured ? 'Saved · type a new key to replace it' : 'Paste the key'}
          value={edit.value}
          onChange={(e) => props.onChange({ value: e.target.value, remove: false })}
        />
        {configured && (
          <button
            type="button"
            className="btn ghost"
            data-testid={`${props.testId}-remove`}
            aria-pressed={edit.remove}
            title={edit.remove ? 'Keep the saved key' : 'Remove the saved key when you press Save'}
            onClick={() => props.onChange({ value: '', remove: !edit.remove })}
          >
            {edit.remove ? 'Keep' : 'Remove'}
          </button>
        )}
      </span>
      <span className="ts-field-hint muted small">{props.hint}</span>
    </div>
  );
}
