interface Props {
  /** 0..1, or null for an indeterminate (busy) bar */
  value: number | null;
  label: string;
  className?: string;
  testId?: string;
}

export function ProgressBar({ value, label, className, testId }: Props) {
  const pct = value == null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className={`progress ${pct == null ? 'indeterminate' : ''} ${className ?? ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      data-testid={testId}
    >
      <div className="progress-fill" style={pct == null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
