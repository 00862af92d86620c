/**
 * Alarm events of the cameras (motion, ONVIF motion/tamper, a camera gone offline), and the footage that belongs to
 * them: the main-stream segments
 * from the pre-capture before an event's start to the post-capture after its end are flagged as event footage, which
 * retention keeps longer and an events-only camera keeps at all.
 */
import { statementCache, type Db } from '../core/database.js';

export const EVENT_KINDS = ['motion', 'tamper', 'onvif', 'malfunction'] as const;
export type CameraEventKind = (typeof EVENT_KINDS)[number];

export interface CameraEvent {
  id: number;
  cameraId: number;
  kind: CameraEventKind;
  startMs: number;
  /** null while it runs */
  endMs: number | null;
  /** the largest share of the picture that changed */
  peakArea: number | null;
  /** raised while away, or by a camera whose mode records events (notifications go out for armed events) */
  armed: boolean;
  /** the JPEG taken at its start, relative to the recordings root (null: none) */
  snapshot: string | null;
}

interface EventRow {
  id: number;
  camera_id: number;
  kind: CameraEventKind;
  start_ms: number;
  end_ms: number | null;
  peak_area: number | null;
  armed: number;
  snapshot: string | null;
}

const toEvent = (row: EventRow): CameraEvent => ({
  id: row.id,
  cameraId: row.camera_id,
  kind: row.kind,
  startMs: row.start_ms,
  endMs: row.end_ms,
  peakArea: row.peak_area,
  armed: row.armed === 1,
  snapshot: row.snapshot,
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

  start(cameraId: number, kind: CameraEventKind, startMs: number, armed = false): CameraEvent {
    const { lastInsertRowid } = this.sql('INSERT INTO camera_events (camera_id, kind, start_ms, armed) VALUES (?, ?, ?, ?)').run(
      cameraId,
      kind,
      Math.round(startMs),
      armed ? 1 : 0,
    );
    return this.get(Number(lastInsertRowid))!;
  }

  /** The camera's latest event of a kind (the cooldown extends it instead of starting another). */
  latest(cameraId: number, kind: CameraEventKind): CameraEvent | null {
    const row = this.sql(
      'SELECT * FROM camera_events WHERE camera_id = ? AND kind = ? ORDER BY start_ms DESC, id DESC LIMIT 1',
    ).get(cameraId, kind) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }

  /** Runs an ended event again (motion back within the cooldown); armed once, armed for good. */
  reopen(id: number, armed: boolean): CameraEvent {
    this.sql('UPDATE camera_events SET end_ms = NULL, armed = MAX(armed, ?) WHERE id = ?').run(armed ? 1 : 0, id);
    return this.get(id)!;
  }

  setSnapshot(id: number, relative: string): void {
    this.sql('UPDATE camera_events SET snapshot = ? WHERE id = ?').run(relative, id);
  }

  /** When the camera's last event started (null: never). */
  lastEventAt(cameraId: number): number | null {
    const row = this.sql('SELECT MAX(start_ms) AS at FROM camera_events WHERE camera_id = ?').get(cameraId) as {
      at: number | null;
    };
    return row.at;
  }

  /** Ended events of a camera that ended before `beforeMs` (what retention removes). */
  endedBefore(cameraId: number, beforeMs: number): CameraEvent[] {
    return (
      this.sql('SELECT * FROM camera_events WHERE camera_id = ? AND end_ms IS NOT NULL AND end_ms < ?').all(
        cameraId,
        beforeMs,
      ) as EventRow[]
    ).map(toEvent);
  }

  remove(ids: readonly number[]): void {
    const del = this.sql('DELETE FROM camera_events WHERE id = ?');
    for (const id of ids) del.run(id);
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
        "UPDATE recordings SET event = 1 WHERE camera_id = ? AND event = 0 AND stream = 'main' AND end_ms >= ? AND start_ms <= ?",
      ).run(cameraId, from, to).changes;
    }
    return flagged;
  }
}
