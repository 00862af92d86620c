// Which cameras have an alarm event running (the red dot) and when each last had one, folded from the events the
// engine reports (GET /cameras/:id/events, and camera.event over SSE when it is routed here). Pure: data in, data out.
import type { CameraEventInfo } from '../../app/api/api-types';

export interface CameraActivity {
  /** ids of the events still running */
  running: number[];
  /** ISO start of the latest event seen */
  lastEventAt: string | null;
}

export type ActivityByCamera = Readonly<Record<number, CameraActivity>>;

const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : Date.parse(b) > Date.parse(a) ? b : a);

/** One camera.event (phase start/end) folded in; the same object back when nothing changed. */
export function applyCameraEvent(
  state: ActivityByCamera,
  phase: 'start' | 'end',
  event: Pick<CameraEventInfo, 'id' | 'cameraId' | 'start' | 'end'>,
): ActivityByCamera {
  const before = state[event.cameraId] ?? { running: [], lastEventAt: null };
  const ended = phase === 'end' || event.end !== null;
  const running = ended ? before.running.filter((id) => id !== event.id) : [...new Set([...before.running, event.id])];
  const lastEventAt = later(before.lastEventAt, event.start);
  if (
    running.length === before.running.length &&
    running.every((id, i) => id === before.running[i]) &&
    lastEventAt === before.lastEventAt
  )
    return state;
  return { ...state, [event.cameraId]: { running, lastEventAt } };
}

/** A camera's recent events as fetched: which run now and the latest start. */
export function activityFromEvents(events: ReadonlyArray<Pick<CameraEventInfo, 'id' | 'start' | 'end'>>): CameraActivity {
  let lastEventAt: string | null = null;
  for (const e of events) lastEventAt = later(lastEventAt, e.start);
  return { running: events.filter((e) => e.end === null).map((e) => e.id), lastEventAt };
}
