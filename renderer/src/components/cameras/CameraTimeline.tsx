import { useRef, useState, type PointerEvent } from 'react';
import type { CameraEventInfo } from '../../../../app/api/api-types';
import { clockTime, eventKindLabel } from '../../camera-format';
import { layoutSpans, ticks, timeToX, xToTime, type TimeWindow } from '../../camera-timeline';
import { useElementWidth } from './useInView';

export interface Span {
  start: number;
  end: number;
  event: boolean;
}

interface Props {
  view: TimeWindow;
  spans: Span[];
  events: CameraEventInfo[];
  /** the replay's wall-clock position (null: not replaying) */
  playhead: number | null;
  /** "now", drawn when it is inside the view */
  now: number;
  /** the clip being chosen */
  selection: { from: number; to: number } | null;
  /** dragging selects a clip instead of seeking */
  selecting: boolean;
  onSeek(ms: number): void;
  onSelect(from: number, to: number): void;
}

/** Pixels a pointer may move and still count as a click. */
const CLICK_SLOP = 4;

/**
 * A day (or part of it) as a bar: recorded spans (event footage in its own colour), event marks, ticks, the replay's
 * playhead and "now". A click plays from there; in clip mode a drag selects from → to.
 */
export function CameraTimeline({ view, spans, events, playhead, now, selection, selecting, onSeek, onSelect }: Props) {
  const barRef = useRef<HTMLDivElement | null>(null);
  const width = useElementWidth(barRef);
  const [drag, setDrag] = useState<{ x0: number; x: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);

  const localX = (e: PointerEvent) => e.clientX - (barRef.current?.getBoundingClientRect().left ?? 0);
  const x = (ms: number) => timeToX(ms, view, width);
  const inView = (ms: number) => ms >= view.start && ms <= view.end;

  // the press lives in a ref: a fast click's pointerup can come before React has rendered the pointerdown's state
  const press = useRef<number | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture?.(e.pointerId);
    press.current = localX(e);
    setDrag({ x0: localX(e), x: localX(e) });
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    setHover(localX(e));
    if (press.current !== null) setDrag({ x0: press.current, x: localX(e) });
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const x0 = press.current;
    press.current = null;
    setDrag(null);
    if (x0 === null || width <= 0) return;
    const end = localX(e);
    if (selecting && Math.abs(end - x0) > CLICK_SLOP) {
      const [a, b] = [x0, end].sort((p, q) => p - q);
      onSelect(xToTime(a, view, width), xToTime(b, view, width));
    } else {
      onSeek(xToTime(end, view, width));
    }
  };

  const shownSelection =
    drag && selecting && Math.abs(drag.x - drag.x0) > CLICK_SLOP
      ? { left: Math.min(drag.x, drag.x0), width: Math.abs(drag.x - drag.x0) }
      : selection
        ? { left: x(selection.from), width: Math.max(2, x(selection.to) - x(selection.from)) }
        : null;

  return (
    <div className="cam-timeline">
      <div
        ref={barRef}
        className={`cam-timeline-bar${selecting ? ' selecting' : ''}`}
        data-testid="camera-timeline"
        data-view-start={new Date(view.start).toISOString()}
        data-view-end={new Date(view.end).toISOString()}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          press.current = null;
          setDrag(null);
        }}
        onPointerLeave={() => setHover(null)}
        title={selecting ? 'Drag to choose the clip' : 'Click to play from there'}
      >
        {width > 0 &&
          layoutSpans(spans, view, width).map((b) => (
            <div
              key={`${b.start}-${b.event}`}
              className={`cam-span${b.event ? ' event' : ''}`}
              style={{ left: b.left, width: b.width }}
              data-testid="timeline-span"
              data-event={b.event}
              data-start={new Date(b.start).toISOString()}
              data-end={new Date(b.end).toISOString()}
            />
          ))}
        {width > 0 &&
          events
            .filter((ev) => inView(Date.parse(ev.start)))
            .map((ev) => (
              <div
                key={ev.id}
                className={`cam-event-mark${ev.end === null ? ' running' : ''}`}
                style={{ left: x(Date.parse(ev.start)) }}
                data-testid="timeline-event-mark"
                title={`${eventKindLabel(ev.kind)} at ${clockTime(Date.parse(ev.start))}`}
              />
            ))}
        {shownSelection && width > 0 && <div className="cam-selection" style={shownSelection} data-testid="timeline-selection" />}
        {width > 0 && now < view.end && (
          <div className="cam-future" style={{ left: Math.max(0, x(now)), right: 0 }} title="Not yet recorded" />
        )}
        {width > 0 && inView(now) && <div className="cam-now" style={{ left: x(now) }} title="Now" />}
        {width > 0 && playhead !== null && inView(playhead) && (
          <div className="cam-playhead" style={{ left: x(playhead) }} data-testid="timeline-playhead">
            <span className="cam-playhead-label">{clockTime(playhead)}</span>
          </div>
        )}
        {hover !== null && width > 0 && !drag && (
          <div className="cam-hover" style={{ left: hover }}>
            <span>{clockTime(xToTime(hover, view, width))}</span>
          </div>
        )}
      </div>
      <div className="cam-ticks" aria-hidden="true">
        {width > 0 &&
          ticks(view, width).map((t) => (
            <span key={t.ms} className="cam-tick" style={{ left: t.x }}>
              {t.label}
            </span>
          ))}
      </div>
    </div>
  );
}
