// The weekly plan of a camera in mode "By schedule": rows of weekdays, from, to and what to record. Outside every row
// the camera doesn't record. Each row says what it means ("runs overnight …") and what is wrong with it, right there.
import type { CameraFieldError } from '../../camera-form';
import {
  newScheduleRow,
  rowNote,
  SCHEDULE_MODES,
  scheduleFromRows,
  scheduleOverlaps,
  toggleScheduleDay,
  type ScheduleMode,
  type ScheduleRowForm,
} from '../../camera-schedule-form';
import { WEEKDAYS } from '../../torrent-settings-form';
import { FieldProblems, hasProblem } from './FieldProblems';

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
    <div className="ts-schedule cs-schedule" data-testid="camera-schedule">
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
                <div
                  className={hasProblem(errors, `schedule.${i}.days`) ? 'ts-days cs-invalid' : 'ts-days'}
                  role="group"
                  aria-label={`Row ${n} weekdays`}
                >
                  {WEEKDAYS.map((d) => {
                    const on = row.days.includes(d.day);
                    return (
                      <button
                        key={d.day}
                        type="button"
                        className={`chip${on ? ' on' : ''}`}
                        aria-pressed={on}
                        title={d.long}
                        data-day={d.day}
                        onClick={() => setRow(i, { days: toggleScheduleDay(row.days, d.day) })}
                      >
                        {d.short}
                      </button>
                    );
                  })}
                </div>
                <div className="ts-times">
                  <TimeInput
                    row={n}
                    end="from"
                    value={row.start}
                    invalid={hasProblem(errors, `schedule.${i}.start`)}
                    onChange={(start) => setRow(i, { start })}
                  />
                  <span className="muted">–</span>
                  <TimeInput
                    row={n}
                    end="to"
                    value={row.end}
                    invalid={hasProblem(errors, `schedule.${i}.end`)}
                    onChange={(end) => setRow(i, { end })}
                  />
                </div>
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
      <FieldProblems errors={errors} field="schedule" />
      <button
        type="button"
        className="btn"
        data-testid="camera-schedule-add"
        onClick={() => props.onChange([...rows, newScheduleRow()])}
      >
        + Add row
      </button>
    </div>
  );
}

/** 'HH:MM' as text: a time picker cannot hold the 24:00 that ends a day. */
function TimeInput(props: {
  row: number;
  end: 'from' | 'to';
  value: string;
  invalid?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <input
      className="input ts-time mono"
      type="text"
      inputMode="numeric"
      placeholder="HH:MM"
      maxLength={5}
      aria-label={`Row ${props.row} ${props.end}`}
      aria-invalid={props.invalid}
      data-testid={`camera-schedule-${props.end}`}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
