/**
 * The footage side of events. Cameras in an events mode record their main stream into a rolling buffer: segments
 * around an event (pre- and post-capture) are flagged as event footage, the others go once they are too old to be any
 * event's pre-capture. After each retention pass, events whose footage is gone go too, with their snapshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../core/database.js';
import type { Logger } from '../core/logger.js';
import type { CameraEventStore, CaptureWindow } from './camera-events.js';
import type { CameraRecord } from './camera-store.js';
import type { RecordingIndex } from './recording-index.js';

const DAY_MS = 24 * 3600_000;

export interface EventFootageDeps {
  db: Db;
  index: RecordingIndex;
  events: CameraEventStore;
  recordingsDir: string;
  capture: CaptureWindow;
  log: Pick<Logger, 'warn'>;
  /** whether an event (other than a malfunction) runs on the camera now */
  eventRunning: (cameraId: number) => boolean;
}

export class EventFootage {
  constructor(private readonly deps: EventFootageDeps) {}

  /** Flags the buffer's event footage, then removes its other main-stream segments that ended before `cutoffMs`. */
  trimBuffer(camera: CameraRecord, cutoffMs: number): void {
    const since = camera.bufferSinceMs;
    if (since === null) return;
    try {
      const now = Date.now();
      const window = this.deps.capture;
      this.deps.events.flagFootage(camera.id, window, Math.max(since, now - DAY_MS) - window.postSec * 1000, now);
      // while an event runs, everything since its pre-capture is its footage (flagged as segments close)
      if (this.deps.eventRunning(camera.id)) return;
      const stale = this.deps.index
        .between(camera.id, since, Math.min(cutoffMs, now), 'main')
        .filter((r) => !r.event && r.startMs >= since && r.endMs < cutoffMs);
      if (stale.length) this.deps.index.remove(stale);
    } catch (err) {
      this.deps.log.warn({ camera: camera.id, err }, 'could not trim the event buffer');
    }
  }

  /**
   * Events whose footage is gone (they ended before the camera's oldest recording, or past their days) are removed
   * with their snapshots.
   */
  pruneEvents(cameras: readonly CameraRecord[], globalEventDays: number | null): number {
    const oldest = this.deps.db.prepare('SELECT MIN(start_ms) AS at FROM recordings WHERE camera_id = ?');
    let removed = 0;
    for (const camera of cameras) {
      const days = camera.retention.eventDays ?? globalEventDays;
      let before = days === null ? -Infinity : Date.now() - days * DAY_MS;
      const { at } = oldest.get(camera.id) as { at: number | null };
      if (at !== null) before = Math.max(before, at - this.deps.capture.preSec * 1000);
      if (before === -Infinity) continue;
      const gone = this.deps.events.endedBefore(camera.id, before);
      for (const event of gone) {
        if (event.snapshot) fs.rmSync(path.join(this.deps.recordingsDir, event.snapshot), { force: true });
      }
      if (gone.length) this.deps.events.remove(gone.map((e) => e.id));
      removed += gone.length;
    }
    return removed;
  }
}
