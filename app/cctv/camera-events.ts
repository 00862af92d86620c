/**
 * Alarm events of the cameras (motion today; ONVIF events later), and the footage that belongs to them: the segments
 * from the pre-capture before an event's start to the post-capture after its end are flagged as event footage, which
 * retention keeps longer and an events-only camera keeps at all.
 */
import { statementCache, type Db } from '../core/database.js';

export interface CameraEvent {
  id: number;
  cameraId: number;
  kind: 'motion';
  startMs: number;
  /** null while it runs */
  endMs: number | null;
  /** the largest share of the picture that changed */
  peakArea: number | null;
}

interface EventRow {
  id: number;
  camera_id: number;
  kind: 'motion';
  start_ms: number;
  end_ms: number | null;
  peak_area: number | null;
}

const toEvent = (row: EventRow): CameraEvent => ({
  id: row.id,
  cameraId: row.camera_id,
  kind: row.kind,
  startMs: row.start_ms,
  endMs: row.end_ms,
  peakArea: row.peak_area,
});

/** Seconds of footage kept before an event starts and after it ends. */
export interface CaptureWindow {
  preSec: number;
  postSec: number;
}

export const DEFAULT_CAPTURE: CaptureWindow = { preSec: 5, postSec: 10 };

export class CameraEventStore {
  private readonly sql: ReturnType<typeof statementCache>;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  start(cameraId: number, kind: CameraEvent['kind'], startMs: number): CameraEvent {
    const { lastInsertRowid } = this.sql('INSERT INTO camera_events (camera_id, kind, start_ms) VALUES (?, ?, ?)').run(
      cameraId,
      kind,
      Math.round(startMs),
    );
    return this.get(Number(lastInsertRowid))!;
  }

  end(id: number, endMs: number, peakArea: number | null): void {
    this.sql('UPDATE camera_events SET end_ms = ?, peak_area = ? WHERE id = ?').run(Math.round(endMs), peakArea, id);
  }

  /** Events left running by a crash end where the engine stopped knowing (their start, at least). */
  closeOrphans(): void {
    this.sql('UPDATE camera_events SET end_ms = start_ms WHERE end_ms IS NULL').run();
  }

  get(id: number): CameraEvent | null {
    const row = this.sql('SELECT * FROM camera_events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  /** Events of a camera that overlap [fromMs, toMs], oldest first. */
  between(cameraId: number, fromMs: number, toMs: number): CameraEvent[] {
    const rows = this.sql(
      'SELECT * FROM camera_events WHERE camera_id = ? AND start_ms <= ? AND (end_ms IS NULL OR end_ms >= ?) ORDER BY start_ms',
    ).all(cameraId, toMs, fromMs) as EventRow[];
    return rows.map(toEvent);
  }

  /**
   * Flags as event footage every recording of the camera that overlaps an event's capture window (recent events and
   * running ones); returns how many recordings it flagged.
   */
  flagFootage(cameraId: number, window: CaptureWindow, sinceMs: number, nowMs: number): number {
    let flagged = 0;
    for (const event of this.between(cameraId, sinceMs, nowMs)) {
      const from = event.startMs - window.preSec * 1000;
      const to = (event.endMs ?? nowMs) + window.postSec * 1000;
      flagged += this.sql(
        'UPDATE recordings SET event = 1 WHERE camera_id = ? AND event = 0 AND end_ms >= ? AND start_ms <= ?',
      ).run(cameraId, from, to).changes;
    }
    return flagged;
  }
}
