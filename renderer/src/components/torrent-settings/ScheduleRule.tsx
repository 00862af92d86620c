import { endsNextDay, type FormRule } from '../../torrent-settings-form';
import { TimeRange, WeekdayChips } from '../settings-kit/WeeklyRuleInputs';

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
      <WeekdayChips days={rule.days} ariaLabel={`Rule ${n} weekdays`} onChange={(days) => props.onChange({ days })} />
      <TimeRange
        label={`Rule ${n}`}
        testIdPrefix="torrent-rule"
        from={rule.from}
        to={rule.to}
        onChange={(end, value) => props.onChange({ [end]: value })}
      >
        {endsNextDay(rule.from, rule.to) && (
          <span className="muted small" data-testid="torrent-rule-next-day">
            (ends next day)
          </span>
        )}
      </TimeRange>
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
