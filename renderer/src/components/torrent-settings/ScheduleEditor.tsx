import { newRule, type FormRule, type TorrentForm } from '../../torrent-settings-form';
import { ScheduleRule } from './ScheduleRule';

export function ScheduleEditor(props: {
  form: TorrentForm;
  onChangeRule: (index: number, patch: Partial<FormRule>) => void;
  onChange: (patch: Partial<TorrentForm>) => void;
}) {
  const { form } = props;
  const used = form.altMode === 'scheduled';
  return (
    <div className={`inset-panel ts-schedule${used ? '' : ' unused'}`}>
      <div className="ts-schedule-head">
        <span className="ts-subtitle">Schedule</span>
        <span className="muted small">
          {used
            ? 'The alternative limits apply during these times (your local time). 24:00 = end of the day.'
            : 'Only used when the alternative limits are set to “By schedule”.'}
        </span>
      </div>
      {form.schedule.length === 0 && (
        <p className="muted small ts-empty">No rules{used ? ': the alternative limits never switch on.' : '.'}</p>
      )}
      {form.schedule.length > 0 && (
        <ul className="ts-rules">
          {form.schedule.map((rule, i) => (
            <ScheduleRule
              // rules have no id; the index is their identity while editing
              key={i}
              index={i}
              rule={rule}
              onChange={(patch) => props.onChangeRule(i, patch)}
              onRemove={() => props.onChange({ schedule: form.schedule.filter((_, j) => j !== i) })}
            />
          ))}
        </ul>
      )}
      <button
        type="button"
        className="btn"
        data-testid="torrent-add-rule"
        onClick={() => props.onChange({ schedule: [...form.schedule, newRule()] })}
      >
        + Add rule
      </button>
    </div>
  );
}
