// The weekly plan of a camera in mode "By schedule": rows of weekdays, from, to and what to record. Outside every row
// the camera doesn't record. Each row says what it means ("runs overnight …") and what is wrong with it, right there.
import type { CameraFieldError } from '../../camera-form';
import {
  newScheduleRow,
  rowNote,
  SCHEDULE_MODES,
  scheduleFromRows,
  scheduleOverlaps,
  type ScheduleMode,
  type ScheduleRowForm,
} from '../../camera-schedule-form';
import { TimeRange, WeekdayChips } from '../settings-kit/WeeklyRuleInputs';
import { AddRowFoot, FieldProblems, hasProblem } from './FieldProblems';

export function CameraScheduleEditor(props: {
  rows: ScheduleRowForm[];
  errors: readonly CameraFieldError[];
  onChange: (rows: ScheduleRowForm[]) => void;
}) {
  const { rows } = props;
  const overlaps = scheduleOverlaps(rows);
  // the rows are checked as they are typed ("25:00" is refused at once), besides what a save attempt found
  const live = scheduleFromRows(rows);
  const liveErrors = live.ok ? [] : live.errors.map((e) => ({ field: `schedule.${e.row}.${e.part}`, message: e.message }));
  const errors = [
    ...liveErrors,
    ...props.errors.filter((e) => !liveErrors.some((l) => l.field === e.field && l.message === e.message)),
  ];
  const setRow = (index: number, patch: Partial<ScheduleRowForm>) =>
    props.onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <div className="inset-panel ts-schedule cs-schedule" data-testid="camera-schedule">
      <div className="ts-schedule-head">
        <span className="ts-subtitle">Weekly schedule</span>
        <span className="muted small">
          The engine’s local time. Outside every row the camera doesn’t record; where rows overlap, continuous wins. 24:00 = the
          end of the day; a row whose end is before its start runs overnight.
        </span>
      </div>
      {rows.length === 0 && <p className="muted small ts-empty">No rows yet: the camera never records.</p>}
      {rows.length > 0 && (
        <ul className="ts-rules">
          {rows.map((row, i) => {
            const n = i + 1;
            const note = rowNote(row);
            const overlap = overlaps.find((o) => o.row === i);
            return (
              // rows have no id: the index is their identity while editing
              <li key={i} className="ts-rule cs-schedule-row" data-testid="camera-schedule-row">
                <WeekdayChips
                  days={row.days}
                  ariaLabel={`Row ${n} weekdays`}
                  invalid={hasProblem(errors, `schedule.${i}.days`)}
                  onChange={(days) => setRow(i, { days })}
                />
                <TimeRange
                  label={`Row ${n}`}
                  testIdPrefix="camera-schedule"
                  from={row.start}
                  to={row.end}
                  invalid={{
                    from: hasProblem(errors, `schedule.${i}.start`),
                    to: hasProblem(errors, `schedule.${i}.end`),
                  }}
                  onChange={(end, value) => setRow(i, end === 'from' ? { start: value } : { end: value })}
                />
                <select
                  className="input cs-schedule-mode"
                  aria-label={`Row ${n} records`}
                  data-testid="camera-schedule-mode"
                  value={row.mode}
                  onChange={(e) => setRow(i, { mode: e.target.value as ScheduleMode })}
                >
                  {SCHEDULE_MODES.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn ghost ts-remove"
                  aria-label={`Remove row ${n}`}
                  data-testid="camera-schedule-remove"
                  onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
                {(note || overlap) && (
                  <div className="muted small cs-schedule-note" data-testid="camera-schedule-note">
                    {[note, overlap?.message].filter(Boolean).join(' · ')}
                  </div>
                )}
                <div className="cs-schedule-problems">
                  <FieldProblems errors={errors} field={`schedule.${i}`} nested />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <AddRowFoot
        errors={errors}
        field="schedule"
        buttonClassName="btn"
        testId="camera-schedule-add"
        label="+ Add row"
        onAdd={() => props.onChange([...rows, newScheduleRow()])}
      />
    </div>
  );
}
