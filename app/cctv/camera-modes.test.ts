// Recording modes against real RTSP cameras (GStreamer), real ffmpeg and real SQLite: "events + continuous" keeps the
// sub-stream continuously and the main stream only around motion; a schedule switches at its boundary (clock and
// zone injected); away arms a continuous camera; a killed camera raises a malfunction; a full disk shows on cameras.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { EncryptedFileSecretStore } from '../core/secret-store.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import type { CameraEventInfo } from '../api/api-types.js';
import { CctvService } from './cctv-service.js';
import { tearDownCctv } from './cctv.test-support.js';

const tools = resolveFfmpegPaths();

describe('camera modes (real RTSP cameras, real ffmpeg)', () => {
  let dir: string;
  let db: Db;
  let service: CctvService;
  const published: Array<{ phase: string; event: CameraEventInfo }> = [];
  const cameras: RtspCamera[] = [];
  /** what the schedule clock is ahead of the real one */
  let clockShiftMs = 0;
  /** what the recordings' disk reports as free (null: statfs) */
  let freeBytes: number | null = null;

  beforeAll(async () => {
    dir = tempDir('camera-modes');
    db = openDatabase(path.join(dir, 'racoon.db'));
    service = new CctvService({
      db,
      secrets: new EncryptedFileSecretStore(dir),
      recordingsDir: path.join(dir, 'recordings'),
      ffmpeg: tools,
      log: pino({ level: 'silent' }),
      segmentSeconds: 2,
      retry: { initialMs: 300, maxMs: 1000 },
      capture: { preSec: 3, postSec: 3 },
      bufferCheckMs: 500,
      malfunctionAfterMs: 1500,
      schedule: { now: () => Date.now() + clockShiftMs, timeZone: 'UTC' },
      freeBytes: async () => freeBytes ?? (await fs.promises.statfs(dir)).bavail * (await fs.promises.statfs(dir)).bsize,
      onEvent: (phase, event) => published.push({ phase, event }),
    });
    await service.start();
  }, 30_000);

  afterAll(() => tearDownCctv({ service, cameras, db, dir }));

  // SQLite hands a removed camera's id to the next one: each test reads only what was published since it began
  beforeEach(() => {
    published.length = 0;
  });

  const camera = async (pattern: 'ball' | 'black') => {
    const started = await startRtspCamera({ pattern });
    cameras.push(started);
    return started;
  };
  const recordingsOf = (id: number, stream: 'main' | 'sub') =>
    service.recordings(id, 0, Date.now() + 60_000).filter((r) => r.stream === stream);
  const eventsOf = (id: number) => published.filter((p) => p.event.cameraId === id);
  const recorderPids = (id: number, incoming: string) =>
    ffmpegPidsMentioning(path.join(dir, 'recordings', String(id), incoming) + path.sep);

  it('events + continuous: the sub-stream records all the time, the main stream only around motion (seen on the sub-stream)', async () => {
    const moving = await camera('ball');
    const still = await camera('black');
    // the main stream moves but detection watches the sub-stream, which is static: no event, main footage trimmed
    const added = await service.add({ name: 'Drive', url: moving.url, subUrl: still.url, mode: 'events+continuous' });
    expect(added).toMatchObject({ mode: 'events+continuous', effectiveMode: 'events+continuous' });
    await waitFor(() => recordingsOf(added.id, 'sub').length >= 4, 'four sub-stream segments', 40_000);
    const sub = recordingsOf(added.id, 'sub');
    expect(sub.every((r) => !r.event && /-sub\.mkv$/.test(r.path))).toBe(true);
    // continuous: no gap between sub segments
    for (let i = 1; i < sub.length; i++) expect(sub[i].startMs - sub[i - 1].endMs).toBeLessThan(1500);
    const oldest = Date.now() - (3000 + 500 + 2000 + 2500); // pre-capture + a trim interval + a segment + slack
    expect(recordingsOf(added.id, 'main').every((r) => !r.event && r.endMs >= oldest)).toBe(true);
    expect(eventsOf(added.id)).toEqual([]);

    // the sub-stream now moves: only the sub recorder and the watcher restart, the main recorder goes on
    const mainPids = recorderPids(added.id, '.incoming');
    const subPids = recorderPids(added.id, '.incoming-sub');
    expect([mainPids.length, subPids.length]).toEqual([1, 1]);
    await service.update(added.id, { subUrl: moving.url });
    expect(recorderPids(added.id, '.incoming')).toEqual(mainPids);
    expect(recorderPids(added.id, '.incoming-sub')).not.toEqual(subPids);

    const start = await waitFor(() => eventsOf(added.id).find((p) => p.phase === 'start'), 'a motion event', 40_000);
    expect(start.event).toMatchObject({ kind: 'motion', armed: true, cameraName: 'Drive' });
    await waitFor(() => recordingsOf(added.id, 'main').some((r) => r.event), 'main-stream event footage', 30_000);
    expect(recordingsOf(added.id, 'sub').some((r) => r.event)).toBe(false); // sub footage stays continuous footage

    // the event's snapshot: a real JPEG of the sub-stream's picture
    const withSnapshot = await waitFor(
      () => service.events(added.id, 0, Date.now() + 1000).find((e) => e.id === start.event.id && e.snapshotUrl),
      'the event snapshot',
      30_000,
    );
    expect(withSnapshot.snapshotUrl).toBe(`/api/v1/cameras/${added.id}/events/${start.event.id}/snapshot.jpg`);
    const file = service.eventSnapshotFile(added.id, start.event.id)!;
    const jpeg = fs.readFileSync(file);
    expect([jpeg[0], jpeg[1], jpeg[2]]).toEqual([0xff, 0xd8, 0xff]);
    expect(await probeFile(tools.ffprobe, file, 20_000)).toMatchObject({ video: { width: 320, height: 240 } });
    expect(service.get(added.id)?.lastEventAt).toBe(Date.parse(start.event.start));
    await service.remove(added.id);
  }, 120_000);

  it('a schedule switches the camera on at its boundary, and says why', async () => {
    const still = await camera('black');
    // the schedule clock reads Monday 08:59:55 UTC: recording starts at 09:00, five seconds from now
    const boundaryRealMs = Date.now() + 5000;
    clockShiftMs = Date.parse('2024-01-01T09:00:00Z') - boundaryRealMs;
    const added = await service.add({
      name: 'Office',
      url: still.url,
      mode: 'schedule',
      schedule: [{ day: 1, start: '09:00', end: '10:00', mode: 'continuous' }],
    });
    expect(added).toMatchObject({ effectiveMode: 'off', effectiveReason: 'schedule: outside every interval', status: 'stopped' });
    expect(recorderPids(added.id, '.incoming')).toEqual([]);
    const on = await waitFor(
      () => {
        const now = service.get(added.id)!;
        return now.effectiveMode === 'continuous' && now.status === 'online' && now;
      },
      'the camera recording at 09:00',
      30_000,
    );
    expect(on.effectiveReason).toBe('schedule: Mon 09:00-10:00 continuous');
    const first = await waitFor(() => recordingsOf(added.id, 'main')[0], 'a segment', 30_000);
    expect(first.startMs).toBeGreaterThanOrEqual(boundaryRealMs - 1000);
    // a new schedule puts it in events mode at once (the same recorder keeps running: no gap)
    const pids = recorderPids(added.id, '.incoming');
    const events = await service.update(added.id, { schedule: [{ day: 1, start: '08:00', end: '18:00', mode: 'events' }] });
    expect(events).toMatchObject({ effectiveMode: 'events', effectiveReason: 'schedule: Mon 08:00-18:00 events' });
    expect(recorderPids(added.id, '.incoming')).toEqual(pids);
    await service.remove(added.id);
    clockShiftMs = 0;
  }, 90_000);

  it('away arms a continuous camera: it watches for motion while away, and stops watching when home', async () => {
    const moving = await camera('ball');
    const added = await service.add({ name: 'Hall', url: moving.url, mode: 'continuous' });
    await waitFor(() => service.get(added.id)?.status === 'online', 'online', 30_000);
    const ffmpegs = () => ffmpegPidsMentioning(moving.url).length;
    expect(ffmpegs()).toBe(1); // the recorder alone
    expect(service.away()).toEqual({ away: false, sinceMs: null });
    const away = await service.setAway(true);
    expect(away.away).toBe(true);
    const start = await waitFor(() => eventsOf(added.id).find((p) => p.phase === 'start'), 'an armed event', 40_000);
    expect(start.event).toMatchObject({ kind: 'motion', armed: true });
    expect(ffmpegs()).toBeGreaterThanOrEqual(2);
    expect((await service.setAway(false)).away).toBe(false);
    await waitFor(() => ffmpegs() === 1, 'the watcher stopped', 20_000);
    await service.remove(added.id);
  }, 90_000);

  it('a camera killed for longer than the threshold raises a malfunction event, ended when it is back', async () => {
    const cam = await camera('black');
    const added = await service.add({ name: 'Garage', url: cam.url, mode: 'continuous' });
    await waitFor(() => service.get(added.id)?.status === 'online', 'online', 30_000);
    await cam.stop();
    const start = await waitFor(() => eventsOf(added.id).find((p) => p.phase === 'start'), 'a malfunction', 40_000);
    expect(start.event).toMatchObject({ kind: 'malfunction', end: null, armed: false, snapshotUrl: null });
    expect(service.get(added.id)?.status).toMatch(/offline|starting/);
    await cam.restart();
    const end = await waitFor(() => eventsOf(added.id).find((p) => p.phase === 'end'), 'the malfunction ended', 40_000);
    expect(end.event).toMatchObject({ id: start.event.id, kind: 'malfunction' });
    expect(Date.parse(end.event.end!)).toBeGreaterThan(Date.parse(start.event.start));
    await service.remove(added.id);
  }, 120_000);

  it('a full disk: the storage status says so, recording cameras show "disk full", and a retention pass runs at once', async () => {
    const cam = await camera('black');
    const added = await service.add({ name: 'Loft', url: cam.url, mode: 'continuous' });
    await waitFor(() => recordingsOf(added.id, 'main').length > 0, 'a segment', 30_000);
    expect((await service.storage()).status).not.toBe('full');
    const passesBefore = service.retention.last?.at;
    freeBytes = 20_000_000;
    const full = await service.storage();
    expect(full).toMatchObject({ status: 'full', freeBytes: 20_000_000, minFreeBytes: 2_000_000_000 });
    expect(full.reason).toMatch(/^disk full: 20 MB free/);
    expect(full.usedBytes).toBeGreaterThan(0);
    expect(service.get(added.id)).toMatchObject({ status: 'error', reason: full.reason });
    await waitFor(() => service.retention.last && service.retention.last.at !== passesBefore, 'a retention pass', 10_000);
    freeBytes = 1_000_000_000;
    expect(await service.storage()).toMatchObject({ status: 'low' });
    expect(service.get(added.id)?.reason).toBeNull();
    freeBytes = null;
    await service.remove(added.id);
  }, 90_000);
});
