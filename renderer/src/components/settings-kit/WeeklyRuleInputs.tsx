// The parts of a weekly rule row the torrent speed schedule and a camera's recording schedule share: the weekday
// chips (Mon … Sun, each pressed or not) and the from – to times, each an 'HH:MM' typed as text.
import type { ReactNode } from 'react';
import { toggleDay, WEEKDAYS } from '../../torrent-settings-form';

/** Mon … Sun as toggle chips; `days` uses 0 = Sunday and comes back sorted. `invalid` rims them red. */
export function WeekdayChips(props: {
  days: readonly number[];
  ariaLabel: string;
  invalid?: boolean;
  onChange: (days: number[]) => void;
}) {
  return (
    <div className={props.invalid ? 'ts-days invalid' : 'ts-days'} role="group" aria-label={props.ariaLabel}>
      {WEEKDAYS.map((d) => {
        const on = props.days.includes(d.day);
        return (
          <button
            key={d.day}
            type="button"
            className={`chip${on ? ' on' : ''}`}
            aria-pressed={on}
            title={d.long}
            data-day={d.day}
            onClick={() => props.onChange(toggleDay(props.days, d.day))}
          >
            {d.short}
          </button>
        );
      })}
    </div>
  );
}

/**
 * From – to of a rule, and what follows them on the line (a note). Labels read "`${label}` from"; test ids are
 * `${testIdPrefix}-from` and -to.
 */
export function TimeRange(props: {
  label: string;
  testIdPrefix: string;
  from: string;
  to: string;
  invalid?: { from?: boolean; to?: boolean };
  onChange: (end: 'from' | 'to', value: string) => void;
  children?: ReactNode;
}) {
  const input = (end: 'from' | 'to') => (
    <TimeOfDayInput
      ariaLabel={`${props.label} ${end}`}
      testId={`${props.testIdPrefix}-${end}`}
      value={props[end]}
      invalid={props.invalid?.[end]}
      onChange={(value) => props.onChange(end, value)}
    />
  );
  return (
    <div className="ts-times">
      {input('from')}
      <span className="muted">–</span>
      {input('to')}
      {props.children}
    </div>
  );
}

/** 'HH:MM' as text: a time picker cannot hold the 24:00 that ends a day. */
function TimeOfDayInput(props: {
  ariaLabel: string;
  testId: string;
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
      aria-label={props.ariaLabel}
      aria-invalid={props.invalid}
      data-testid={props.testId}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
