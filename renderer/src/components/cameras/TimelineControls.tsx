import { useCallback, useMemo, useState } from 'react';
import { dateInputValue, dayLabel, parseDateInput } from '../../camera-format';
import { ZOOMS, dayWindow, panWindow, shiftDay, zoomWindow, type TimeWindow, type ZoomHours } from '../../camera-timeline';

export interface TimelineView {
  day: TimeWindow;
  zoom: ZoomHours;
  view: TimeWindow;
  setDay(ms: number): void;
  shiftDay(by: number): void;
  setZoom(hours: ZoomHours, focus?: number): void;
  pan(share: number): void;
  /** make sure `ms` is shown: its day, and the window moved to it when it is outside */
  follow(ms: number): void;
}

/** Which day and which part of it the timeline shows (today, whole day, at first). */
export function useTimelineView(): TimelineView {
  const [state, setState] = useState(() => {
    const day = dayWindow(Date.now());
    return { day, zoom: 24 as ZoomHours, view: day };
  });

  const setDay = useCallback((ms: number) => {
    setState((s) => {
      const day = dayWindow(ms);
      return { ...s, day, view: zoomWindow(day, s.zoom, day.start + (s.view.start - s.day.start)) };
    });
  }, []);

  const follow = useCallback((ms: number) => {
    setState((s) => {
      const day = ms >= s.day.start && ms < s.day.end ? s.day : dayWindow(ms);
      if (day === s.day && ms >= s.view.start && ms <= s.view.end) return s;
      return { ...s, day, view: zoomWindow(day, s.zoom, ms) };
    });
  }, []);

  return useMemo(
    () => ({
      ...state,
      setDay,
      follow,
      shiftDay: (by: number) => setDay(shiftDay(state.day, by).start + 12 * 3600_000),
      setZoom: (hours: ZoomHours, focus?: number) =>
        setState((s) => ({
          ...s,
          zoom: hours,
          view: zoomWindow(s.day, hours, focus ?? (s.view.start + s.view.end) / 2),
        })),
      pan: (share: number) => setState((s) => ({ ...s, view: panWindow(s.day, s.view, share) })),
    }),
    [state, setDay, follow],
  );
}

const ZOOM_LABELS: Record<ZoomHours, string> = { 24: '24 h', 6: '6 h', 1: '1 h' };

/** Date picker, previous/next day, zoom and pan. */
export function TimelineControls({ tl, now }: { tl: TimelineView; now: number }) {
  const today = dayWindow(now);
  const isToday = tl.day.start === today.start;
  const whole = tl.view.start === tl.day.start && tl.view.end === tl.day.end;
  // zooming in on today shows the last hours up to now (now near the right edge); another day zooms on the middle
  // of what is shown
  const focusFor = (hours: ZoomHours) => (isToday && whole ? now - hours * 3600_000 * 0.4 : undefined);
  return (
    <div className="cam-tl-controls">
      <div className="cam-tl-group">
        <button
          type="button"
          className="btn"
          onClick={() => tl.shiftDay(-1)}
          aria-label="Previous day"
          data-testid="timeline-prev-day"
        >
          ‹
        </button>
        <input
          type="date"
          className="input cam-tl-date"
          value={dateInputValue(tl.day.start)}
          max={dateInputValue(now)}
          onChange={(e) => {
            const ms = parseDateInput(e.target.value);
            if (ms !== null) tl.setDay(ms);
          }}
          aria-label="Day"
          data-testid="timeline-date"
        />
        <button
          type="button"
          className="btn"
          onClick={() => tl.shiftDay(1)}
          disabled={isToday}
          aria-label="Next day"
          data-testid="timeline-next-day"
        >
          ›
        </button>
        {!isToday && (
          <button type="button" className="btn ghost" onClick={() => tl.setDay(now)}>
            Today
          </button>
        )}
        <span className="small muted cam-tl-day">{dayLabel(tl.day.start)}</span>
      </div>
      <div className="cam-tl-group">
        <button type="button" className="btn ghost" onClick={() => tl.pan(-0.5)} disabled={whole} aria-label="Earlier">
          ◀
        </button>
        <div className="cam-zoom" role="group" aria-label="Zoom">
          {ZOOMS.map((h) => (
            <button
              key={h}
              type="button"
              className={`btn${tl.zoom === h ? ' primary' : ''}`}
              aria-pressed={tl.zoom === h}
              onClick={() => tl.setZoom(h, focusFor(h))}
              data-testid={`timeline-zoom-${h}`}
            >
              {ZOOM_LABELS[h]}
            </button>
          ))}
        </div>
        <button type="button" className="btn ghost" onClick={() => tl.pan(0.5)} disabled={whole} aria-label="Later">
          ▶
        </button>
      </div>
    </div>
  );
}
