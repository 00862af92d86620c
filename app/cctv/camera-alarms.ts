/**
 * Alarm events of the cameras as they happen: motion from the watchers, a camera offline for too long (malfunction),
 * and whatever another source raises (ONVIF motion and tamper). Each event is stored, gets a JPEG snapshot at its
 * start where there is a picture, and is published (start, then end) for notifications. Per-camera cooldown: motion
 * back soon after an event ended extends that event instead of raising a new one (no second notification).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import type { CameraEventInfo } from '../api/api-types.js';
import type { CameraEvent, CameraEventKind, CameraEventStore } from './camera-events.js';
import type { RecorderState } from './segment-recorder.js';

export interface CameraAlarmsDeps {
  events: CameraEventStore;
  log: Pick<Logger, 'info' | 'warn'>;
  recordingsDir: string;
  /** the wire form of an event */
  info: (event: CameraEvent) => CameraEventInfo;
  publish?: (phase: 'start' | 'end', event: CameraEventInfo) => void;
  /** a JPEG of the camera now (from its detection stream) */
  grabSnapshot: (cameraId: number) => Promise<Buffer>;
  /** whether an event raised now would be armed (away, or a mode that records events) */
  armed: (cameraId: number) => boolean;
  cooldownSec: (cameraId: number) => number;
  /** offline this long → a malfunction event (default 30 s) */
  malfunctionAfterMs?: number;
  /** the start is published once the snapshot is stored, or after this long without it (default 5 s) */
  snapshotWaitMs?: number;
  now?: () => number;
}

interface Active {
  event: CameraEvent;
  /** resolves once the start was published (after its snapshot): the end is published after it */
  published: Promise<void>;
}

const key = (cameraId: number, kind: CameraEventKind) => `${cameraId}:${kind}`;

export class CameraAlarms {
  private readonly active = new Map<string, Active>();
  /** cameras seen offline: since when, and the timer that raises the malfunction */
  private readonly offline = new Map<number, { sinceMs: number; timer: NodeJS.Timeout | null }>();

  constructor(private readonly deps: CameraAlarmsDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  isActive(cameraId: number, kind: CameraEventKind): boolean {
    return this.active.has(key(cameraId, kind));
  }

  /** An event starts (a running one of the same kind goes on). */
  begin(cameraId: number, kind: CameraEventKind, atMs: number, options: { snapshot?: boolean } = {}): void {
    const k = key(cameraId, kind);
    if (this.active.has(k)) return;
    const armed = this.deps.armed(cameraId);
    const cooldownMs = kind === 'malfunction' ? 0 : this.deps.cooldownSec(cameraId) * 1000;
    const last = cooldownMs > 0 ? this.deps.events.latest(cameraId, kind) : null;
    if (last && last.endMs !== null && atMs - last.endMs <= cooldownMs) {
      // within the cooldown: the last event goes on, and nobody is notified twice
      this.active.set(k, { event: this.deps.events.reopen(last.id, armed), published: Promise.resolve() });
      this.deps.log.info({ camera: cameraId, event: last.id, kind }, 'event extended (cooldown)');
      return;
    }
    const event = this.deps.events.start(cameraId, kind, atMs, armed);
    this.deps.log.info({ camera: cameraId, event: event.id, kind, armed }, 'event started');
    const published = (options.snapshot ? this.snapshotOrTimeout(event) : Promise.resolve()).then(() =>
      this.publish('start', event.id),
    );
    this.active.set(k, { event, published });
  }

  /** The running event of this kind ends (nothing when none runs). */
  async end(cameraId: number, kind: CameraEventKind, atMs: number, peakArea: number | null = null): Promise<void> {
    const k = key(cameraId, kind);
    const running = this.active.get(k);
    if (!running) return;
    this.active.delete(k);
    const before = this.deps.events.get(running.event.id)?.peakArea ?? null;
    const peak = peakArea === null ? before : Math.max(before ?? 0, peakArea);
    this.deps.events.end(running.event.id, Math.max(atMs, running.event.startMs), peak);
    this.deps.log.info({ camera: cameraId, event: running.event.id, kind }, 'event ended');
    await running.published;
    this.publish('end', running.event.id);
  }

  /** A recorder's state: offline (or in error) longer than the threshold raises a malfunction; online ends it. */
  recorderState(cameraId: number, state: RecorderState): void {
    if (state.status === 'offline' || state.status === 'error') {
      if (this.offline.has(cameraId)) return;
      const sinceMs = this.now();
      const timer = setTimeout(() => {
        const entry = this.offline.get(cameraId);
        if (entry) entry.timer = null;
        this.begin(cameraId, 'malfunction', sinceMs);
      }, this.deps.malfunctionAfterMs ?? 30_000);
      timer.unref();
      this.offline.set(cameraId, { sinceMs, timer });
    } else if (state.status === 'online' || state.status === 'stopped') {
      this.clearOffline(cameraId);
      void this.end(cameraId, 'malfunction', this.now());
    }
  }

  /** The camera stops being watched (removed, turned off, the engine stops): its running events end now. */
  async forget(cameraId: number): Promise<void> {
    this.clearOffline(cameraId);
    const kinds = [...this.active.keys()].filter((k) => k.startsWith(`${cameraId}:`));
    await Promise.all(kinds.map((k) => this.end(cameraId, k.split(':')[1] as CameraEventKind, this.now())));
  }

  async stop(): Promise<void> {
    const cameras = new Set([...this.offline.keys(), ...[...this.active.keys()].map((k) => Number(k.split(':')[0]))]);
    await Promise.all([...cameras].map((id) => this.forget(id)));
  }

  private clearOffline(cameraId: number): void {
    const entry = this.offline.get(cameraId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.offline.delete(cameraId);
  }

  /** A notification should not wait long for its picture: the snapshot, or the timeout (it is still stored later). */
  private snapshotOrTimeout(event: CameraEvent): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.deps.snapshotWaitMs ?? 5000);
      timer.unref();
    });
    return Promise.race([this.snapshot(event), timeout]).finally(() => clearTimeout(timer));
  }

  /** The JPEG at an event's start, stored under `<camera>/snapshots/<event>.jpg`; an event without one is fine. */
  private async snapshot(event: CameraEvent): Promise<void> {
    try {
      const jpeg = await this.deps.grabSnapshot(event.cameraId);
      const relative = path.join(String(event.cameraId), 'snapshots', `${event.id}.jpg`);
      const file = path.join(this.deps.recordingsDir, relative);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.writeFile(file, jpeg);
      this.deps.events.setSnapshot(event.id, relative);
    } catch (err) {
      this.deps.log.warn({ camera: event.cameraId, event: event.id, err: (err as Error).message }, 'no snapshot for the event');
    }
  }

  private publish(phase: 'start' | 'end', eventId: number): void {
    const event = this.deps.events.get(eventId);
    if (!event) return; // its camera was removed meanwhile
    // a start published late (after its snapshot) still reads as a start, even when the event has ended since
    this.deps.publish?.(phase, this.deps.info(phase === 'start' ? { ...event, endMs: null, peakArea: null } : event));
  }
}
