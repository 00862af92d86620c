// Alarm events on a real SQLite store: the cooldown extends an event instead of raising another (one notification),
// a snapshot is stored at the start and named in the published event, and a camera offline past the threshold raises
// a malfunction event that ends when it is back. The snapshot source is a plain function here (the real ffmpeg grab
// is exercised against real cameras in camera-modes.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { silentLogger } from '../core/logger.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import type { CameraEventInfo } from '../api/api-types.js';
import { CameraAlarms } from './camera-alarms.js';
import { CameraEventStore } from './camera-events.js';
import { eventInfo } from './cctv-service.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

describe('CameraAlarms', () => {
  let dir: string;
  let db: Db;
  let events: CameraEventStore;
  let published: Array<{ phase: string; event: CameraEventInfo }>;
  let armed: boolean;
  let grab: () => Promise<Buffer>;

  const alarms = (options: { malfunctionAfterMs?: number; snapshotWaitMs?: number } = {}) =>
    new CameraAlarms({
      events,
      log: silentLogger(),
      recordingsDir: path.join(dir, 'recordings'),
      info: (e) => eventInfo(e, 'Porch'),
      publish: (phase, event) => published.push({ phase, event }),
      grabSnapshot: () => grab(),
      armed: () => armed,
      cooldownSec: () => 30,
      ...options,
    });

  beforeEach(() => {
    dir = tempDir('camera-alarms');
    db = openDatabase(path.join(dir, 'racoon.db'));
    db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (1, 'Porch', 'rtsp://127.0.0.1/cam', 'events')").run();
    events = new CameraEventStore(db);
    published = [];
    armed = true;
    grab = async () => JPEG;
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores a snapshot at the start and publishes start then end, armed, with the camera name', async () => {
    const a = alarms();
    a.begin(1, 'motion', 1_000_000, { snapshot: true });
    await a.end(1, 'motion', 1_010_000, 0.2);
    expect(published.map((p) => p.phase)).toEqual(['start', 'end']);
    const [start, end] = published.map((p) => p.event);
    expect(start).toMatchObject({ cameraId: 1, cameraName: 'Porch', kind: 'motion', armed: true, end: null });
    expect(start.snapshotUrl).toBe(`/api/v1/cameras/1/events/${start.id}/snapshot.jpg`);
    expect(end).toMatchObject({ id: start.id, peakArea: 0.2, end: new Date(1_010_000).toISOString() });
    const stored = events.get(start.id)!;
    expect(fs.readFileSync(path.join(dir, 'recordings', stored.snapshot!))).toEqual(JPEG);
  });

  it('the cooldown: motion back within cooldownSec of the end extends that event, with no second start', async () => {
    const a = alarms();
    a.begin(1, 'motion', 1_000_000);
    await a.end(1, 'motion', 1_010_000, 0.1);
    a.begin(1, 'motion', 1_030_000); // 20 s after the end: within 30 s
    await a.end(1, 'motion', 1_040_000, 0.3);
    expect(published.map((p) => `${p.phase}:${p.event.id}`)).toEqual(['start:1', 'end:1', 'end:1']);
    expect(events.get(1)).toMatchObject({ startMs: 1_000_000, endMs: 1_040_000, peakArea: 0.3 });
    a.begin(1, 'motion', 1_071_000); // 31 s after: a new event
    expect(events.between(1, 0, 2_000_000).map((e) => e.id)).toEqual([1, 2]);
  });

  it('an unarmed event says so; a snapshot that fails or takes too long does not hold the start back', async () => {
    armed = false;
    grab = () => new Promise(() => undefined); // never answers
    const a = alarms({ snapshotWaitMs: 200 });
    a.begin(1, 'motion', 1_000_000, { snapshot: true });
    const start = await waitFor(() => published[0], 'the start', 5000);
    expect(start.event).toMatchObject({ armed: false, snapshotUrl: null });
    grab = () => Promise.reject(new Error('camera gone'));
    a.begin(1, 'tamper', 1_000_000, { snapshot: true });
    await waitFor(() => published.length === 2, 'the second start', 5000);
    expect(published[1].event).toMatchObject({ kind: 'tamper', snapshotUrl: null });
  });

  it('offline past the threshold raises a malfunction (from when it went offline) that ends when the camera is back', async () => {
    const a = alarms({ malfunctionAfterMs: 300 });
    const before = Date.now();
    a.recorderState(1, { status: 'offline', reason: 'Connection refused', retryAt: null });
    a.recorderState(1, { status: 'starting', reason: null, retryAt: null });
    a.recorderState(1, { status: 'offline', reason: 'Connection refused', retryAt: null }); // still the first spell
    const start = await waitFor(() => published.find((p) => p.phase === 'start'), 'a malfunction', 5000);
    expect(start.event.kind).toBe('malfunction');
    expect(Date.parse(start.event.start)).toBeGreaterThanOrEqual(before - 5);
    expect(Date.parse(start.event.start)).toBeLessThan(before + 250);
    a.recorderState(1, { status: 'online', reason: null, retryAt: null });
    await waitFor(() => published.find((p) => p.phase === 'end'), 'its end', 5000);
    // a short drop raises nothing
    a.recorderState(1, { status: 'offline', reason: 'x', retryAt: null });
    a.recorderState(1, { status: 'online', reason: null, retryAt: null });
    await new Promise((r) => setTimeout(r, 500));
    expect(published.length).toBe(2);
    await a.stop();
  });
});
