import { endsNextDay, toggleDay, WEEKDAYS, type FormRule } from '../../torrent-settings-form';

export function ScheduleRule(props: {
  index: number;
  rule: FormRule;
  onChange: (patch: Partial<FormRule>) => void;
  onRemove: () => void;
}) {
  const { rule, index } = props;
  const n = index + 1;
  return (
    <li className="ts-rule" data-testid="torrent-schedule-rule">
      <div className="ts-days" role="group" aria-label={`Rule ${n} weekdays`}>
        {WEEKDAYS.map((d) => {
          const on = rule.days.includes(d.day);
          return (
            <button
              key={d.day}
              type="button"
              className={`chip${on ? ' on' : ''}`}
              aria-pressed={on}
              title={d.long}
              data-day={d.day}
              onClick={() => props.onChange({ days: toggleDay(rule.days, d.day) })}
            >
              {d.short}
            </button>
          );
        })}
      </div>
      <div className="ts-times">
        <TimeInput rule={n} end="from" value={rule.from} onChange={(from) => props.onChange({ from })} />
        <span className="muted">–</span>
        <TimeInput rule={n} end="to" value={rule.to} onChange={(to) => props.onChange({ to })} />
        {endsNextDay(rule.from, rule.to) && (
          <span className="muted small" data-testid="torrent-rule-next-day">
            (ends next day)
          </span>
        )}
      </div>
      <button
        type="button"
        className="btn ghost ts-remove"
        aria-label={`Remove rule ${n}`}
        title="Remove this rule"
        onClick={props.onRemove}
      >
        Remove
      </button>
    </li>
  );
}

/** 'HH:MM' as text: a time picker cannot hold the 24:00 that ends a day. */
function TimeInput(props: { rule: number; end: 'from' | 'to'; value: string; onChange: (value: string) => void }) {
  return (
    <input
      className="input ts-time mono"
      type="text"
      inputMode="numeric"
      placeholder="HH:MM"
      maxLength={5}
      aria-label={`Rule ${props.rule} ${props.end}`}
      data-testid={`torrent-rule-${props.end}`}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
