import type { CameraEventInfo } from '../../../../app/api/api-types';
import { clockTime, eventDuration, eventKindLabel } from '../../camera-format';

interface Props {
  events: CameraEventInfo[];
  now: number;
  /** the event being replayed */
  playingId: number | null;
  onPlay(event: CameraEventInfo): void;
}

/** The day's alarm events, newest first, each with its snapshot; a click replays it. */
export function EventList({ events, now, playingId, onPlay }: Props) {
  if (!events.length) {
    return (
      <p className="muted small" data-testid="camera-events-empty">
        No alarm events on this day.
      </p>
    );
  }
  const sorted = [...events].sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return (
    <ul className="stack-list cam-events" data-testid="camera-events">
      {sorted.map((ev) => (
        <li key={ev.id}>
          <button
            type="button"
            className={`cam-event${ev.id === playingId ? ' playing' : ''}`}
            onClick={() => onPlay(ev)}
            data-testid="camera-event"
            title="Play this event"
          >
            {ev.snapshotUrl ? (
              <img className="cam-event-thumb" src={ev.snapshotUrl} alt="" loading="lazy" />
            ) : (
              <span className="cam-event-thumb cam-event-thumb-none" aria-hidden="true">
                ◉
              </span>
            )}
            <span className="cam-event-text">
              <span className="cam-event-line">
                <strong>{eventKindLabel(ev.kind)}</strong>
                {ev.end === null && <span className="badge warn">Running</span>}
                {ev.armed && (
                  <span className="badge info" title="Notified: the camera was armed (away mode or its schedule)">
                    Armed
                  </span>
                )}
              </span>
              <span className="small muted">
                {clockTime(Date.parse(ev.start))} · {eventDuration(ev, now)}
                {ev.peakArea !== null && ev.peakArea !== undefined && ` · ${Math.round(ev.peakArea * 100)} % of the picture`}
              </span>
            </span>
            <span className="cam-event-play" aria-hidden="true">
              ▶
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
