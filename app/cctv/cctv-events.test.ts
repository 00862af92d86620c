// Events-only cameras against real RTSP cameras (GStreamer): motion on a moving picture starts an event and its
// footage is kept; a static camera has no event and its rolling buffer keeps only the last seconds. And the capture
// window on a real SQLite index: pre- and post-capture around an event, nothing else.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { EncryptedFileSecretStore } from '../core/secret-store.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import type { CameraEventInfo } from '../api/api-types.js';
import { CameraEventStore } from './camera-events.js';
import { CctvService } from './cctv-service.js';
import { tearDownCctv } from './cctv.test-support.js';

describe('the capture window around an event (real SQLite)', () => {
  it('flags the segments from pre-capture before the start to post-capture after the end, and no others', () => {
    const dir = tempDir('capture-window');
    const db = openDatabase(path.join(dir, 'racoon.db'));
    try {
      db.prepare("INSERT INTO cameras (id, name, url, mode) VALUES (1, 'Porch', 'rtsp://127.0.0.1/cam', 'events')").run();
      const insert = db.prepare('INSERT INTO recordings (camera_id, path, start_ms, end_ms, size) VALUES (1, ?, ?, ?, 1)');
      // 10 s segments from 0 to 200 s
      for (let s = 0; s < 200; s += 10) insert.run(`s${s}.mkv`, s * 1000, (s + 10) * 1000);
      const events = new CameraEventStore(db);
      const event = events.start(1, 'motion', 100_000);
      events.end(event.id, 121_000, 0.2);
      expect(events.flagFootage(1, { preSec: 5, postSec: 10 }, 0, 300_000)).toBe(5);
      const flagged = db.prepare('SELECT start_ms FROM recordings WHERE event = 1 ORDER BY start_ms').all() as Array<{
        start_ms: number;
      }>;
      // the window is 95 s → 131 s: every segment that overlaps it
      expect(flagged.map((r) => r.start_ms / 1000)).toEqual([90, 100, 110, 120, 130]);
      // a running event flags up to now + post-capture
      const running = events.start(1, 'motion', 180_000);
      expect(events.flagFootage(1, { preSec: 5, postSec: 10 }, 0, 185_000)).toBeGreaterThan(0);
      expect(events.get(running.id)?.endMs).toBeNull();
      events.closeOrphans();
      expect(events.get(running.id)?.endMs).toBe(180_000);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('events-only cameras (real RTSP cameras, real ffmpeg motion detection)', () => {
  let dir: string;
  let db: Db;
  let service: CctvService;
  const published: Array<{ phase: string; event: CameraEventInfo }> = [];
  const cameras: RtspCamera[] = [];

  beforeAll(async () => {
    dir = tempDir('cctv-events');
    db = openDatabase(path.join(dir, 'racoon.db'));
    service = new CctvService({
      db,
      secrets: new EncryptedFileSecretStore(dir),
      recordingsDir: path.join(dir, 'recordings'),
      ffmpeg: resolveFfmpegPaths(),
      log: pino({ level: 'silent' }),
      segmentSeconds: 2,
      retry: { initialMs: 300, maxMs: 1000 },
      capture: { preSec: 3, postSec: 3 },
      bufferCheckMs: 500,
      onEvent: (phase, event) => published.push({ phase, event }),
    });
    await service.start();
  }, 30_000);

  afterAll(() => tearDownCctv({ service, cameras, db, dir }));

  const camera = async (pattern: 'ball' | 'black') => {
    const started = await startRtspCamera({ pattern });
    cameras.push(started);
    return started;
  };

  it('a moving picture starts a motion event: published, listed, and its footage flagged as event footage', async () => {
    const cam = await camera('ball');
    const added = await service.add({ name: 'Yard', url: cam.url, mode: 'events' });
    const event = await waitFor(
      () => published.find((p) => p.event.cameraId === added.id && p.phase === 'start'),
      'a motion event',
      30_000,
    );
    expect(event.event).toMatchObject({ kind: 'motion', end: null });
    expect(service.events(added.id, 0, Date.now() + 1000).map((e) => e.id)).toContain(event.event.id);
    await waitFor(() => service.recordings(added.id, 0, Date.now() + 60_000).some((r) => r.event), 'event footage', 30_000);
  }, 60_000);

  it('a static picture has no event, and its rolling buffer keeps only the last seconds', async () => {
    const cam = await camera('black');
    const added = await service.add({ name: 'Cellar', url: cam.url, mode: 'events' });
    // let it record ~8 s: four 2 s segments close, the older ones must have been trimmed
    // generous: on a loaded machine (the full suite, two workers) the simulated camera itself can be slow to start
    await waitFor(() => service.get(added.id)?.status === 'online', 'the camera online', 45_000);
    await new Promise((r) => setTimeout(r, 8000));
    expect(published.filter((p) => p.event.cameraId === added.id)).toEqual([]);
    const kept = service.recordings(added.id, 0, Date.now() + 60_000);
    const oldest = Date.now() - (3000 + 500 + 2000 + 1500); // pre-capture + a trim interval + a segment + slack
    expect(kept.every((r) => !r.event && r.endMs >= oldest)).toBe(true);
    const onDisk = fs
      .readdirSync(path.join(dir, 'recordings', String(added.id)), { recursive: true })
      .filter((f) => String(f).endsWith('.mkv'));
    expect(onDisk.length).toBeLessThanOrEqual(kept.length + 1); // + the segment being written
  }, 90_000);
});
