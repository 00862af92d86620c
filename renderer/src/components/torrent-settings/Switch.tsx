export function Switch(props: {
  testId: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="ts-switch">
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
