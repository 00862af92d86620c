import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { EncryptedFileSecretStore } from '../core/secret-store.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import { CctvService } from './cctv-service.js';
import { tearDownCctv } from './cctv.test-support.js';

const tools = resolveFfmpegPaths();

describe('CctvService against real RTSP cameras (GStreamer) and real ffmpeg', () => {
  let dir: string;
  let db: Db;
  let service: CctvService;
  let logLines: string[];
  const cameras: RtspCamera[] = [];

  beforeAll(async () => {
    dir = tempDir('cctv-service');
    db = openDatabase(path.join(dir, 'racoon.db'));
    logLines = [];
    service = new CctvService({
      db,
      secrets: new EncryptedFileSecretStore(dir),
      recordingsDir: path.join(dir, 'recordings'),
      ffmpeg: tools,
      log: pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) }),
      segmentSeconds: 2,
      retry: { initialMs: 300, maxMs: 1000 },
    });
    await service.start();
  }, 30_000);

  afterAll(() => tearDownCctv({ service, cameras, db, dir }));

  const camera = async (options: Parameters<typeof startRtspCamera>[0] = {}) => {
    const started = await startRtspCamera(options);
    cameras.push(started);
    return started;
  };
  const recordingsOf = (id: number) => service.recordings(id, 0, Date.now() + 60_000);

  it('tests a connection: codec, size and fps, or a clear reason', async () => {
    const cam = await camera({ user: 'viewer', password: 'right horse', pattern: 'smpte' });
    expect(await service.test({ url: cam.url, username: 'viewer', password: 'right horse' })).toMatchObject({
      ok: true,
      codec: 'h264',
      width: 320,
      height: 240,
      fps: 10,
    });
    expect(await service.test({ url: cam.urlWithCredentials })).toMatchObject({ ok: true, codec: 'h264' });
    const wrong = await service.test({ url: cam.url, username: 'viewer', password: 'wrong' });
    expect(wrong).toMatchObject({ ok: false, reason: 'unauthorized' });
    if (!wrong.ok) expect(wrong.error).toMatch(/password/);
    expect(await service.test({ url: `rtsp://127.0.0.1:${cam.port}/nothing-here` })).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    // port 1: nothing listens there, and unlike a port that was free a moment ago no other test can be given it
    expect(await service.test({ url: 'rtsp://127.0.0.1:1/cam' })).toMatchObject({
      ok: false,
      reason: 'unreachable',
    });
    await expect(service.test({ url: 'http://127.0.0.1/cam' })).rejects.toThrow(/url: only rtsp/);
  }, 60_000);

  it('records a camera into playable 2 s segments in the layout, indexed as they close', async () => {
    const cam = await camera({ pattern: 'ball' });
    const before = Date.now();
    const added = await service.add({ name: 'Porch', url: cam.url, mode: 'continuous' });
    await waitFor(() => service.get(added.id)?.status === 'online', 'the camera to go online', 30_000);
    const recordings = await waitFor(() => recordingsOf(added.id).length >= 3 && recordingsOf(added.id), '3 segments');
    for (const recording of recordings) {
      expect(recording.path).toMatch(new RegExp(`^${added.id}/\\d{4}-\\d{2}-\\d{2}/\\d{2}-\\d{2}-\\d{2}(-\\d+)?\\.mkv$`));
      const file = service.recordingFile(added.id, recording.id)!;
      expect(fs.statSync(file).size).toBe(recording.size);
      const probe = await probeFile(tools.ffprobe, file);
      expect(probe.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
      expect(probe.durationSec).toBeGreaterThan(1);
      expect(recording.endMs - recording.startMs).toBeGreaterThan(1000);
      expect(recording.startMs).toBeGreaterThan(before - 1000);
      expect(recording.event).toBe(false);
    }
    // one run's segments follow each other without gaps
    expect(recordings[1].startMs).toBe(recordings[0].endMs);
    // a query outside any recording is empty
    expect(service.recordings(added.id, 0, before - 60_000)).toEqual([]);
    expect(ffmpegPidsMentioning(path.join(dir, 'recordings', String(added.id))).length).toBe(1);
  }, 60_000);

  it('a wrong password is a clear error for that camera; the right one records; no password is stored or logged', async () => {
    const cam = await camera({ user: 'admin', password: 's3cret-Pa55' });
    const wrong = await service.add({
      name: 'Gate (wrong)',
      url: cam.url,
      mode: 'continuous',
      username: 'admin',
      password: 'nope-Pa55',
    });
    const right = await service.add({
      name: 'Gate',
      url: `rtsp://admin:s3cret-Pa55@127.0.0.1:${cam.port}/cam`,
      mode: 'continuous',
    });
    expect(right.url).toBe(cam.url);
    const failed = await waitFor(
      () => {
        const view = service.get(wrong.id);
        return view?.status === 'error' && view;
      },
      'the wrong password to show',
      30_000,
    );
    expect(failed.reason).toMatch(/401/);
    await waitFor(() => recordingsOf(right.id).length >= 1, 'the right password to record', 30_000);
    expect(recordingsOf(wrong.id)).toEqual([]);
    // the URLs in the database have no userinfo; neither the database nor the log holds a password
    const rows = db.prepare('SELECT url FROM cameras').all() as { url: string }[];
    expect(rows.every((r) => !r.url.includes('@'))).toBe(true);
    for (const file of ['racoon.db', 'racoon.db-wal']) {
      const bytes = fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file)) : Buffer.alloc(0);
      expect(bytes.includes('s3cret-Pa55'), file).toBe(false);
    }
    const log = logLines.join('');
    expect(log).toContain('camera status');
    expect(log).not.toContain('s3cret-Pa55');
    expect(log).not.toContain('nope-Pa55');
  }, 60_000);

  it('a camera that goes away is marked offline and retried, resumes when back, while another keeps recording', async () => {
    const flaky = await camera();
    const steady = await camera({ pattern: 'smpte' });
    const a = await service.add({ name: 'Flaky', url: flaky.url, mode: 'continuous' });
    const b = await service.add({ name: 'Steady', url: steady.url, mode: 'continuous' });
    await waitFor(() => recordingsOf(a.id).length >= 1 && recordingsOf(b.id).length >= 1, 'both cameras recording', 30_000);

    await flaky.stop();
    const offline = await waitFor(
      () => {
        const view = service.get(a.id);
        return view?.status === 'offline' && view;
      },
      'the camera to be marked offline',
      30_000,
    );
    expect(offline.reason).toBeTruthy();
    const whileAway = recordingsOf(a.id).length;
    const steadyBefore = recordingsOf(b.id).length;
    // retried: it keeps trying (the retry time moves on) and stays offline while the camera is away
    const firstRetry = offline.retryAt!;
    await waitFor(() => (service.get(a.id)?.retryAt ?? 0) > firstRetry, 'another attempt', 20_000);
    expect(service.get(a.id)?.status).not.toBe('online');
    // the other camera kept recording meanwhile
    await waitFor(() => recordingsOf(b.id).length >= steadyBefore + 2, 'the steady camera to go on', 30_000);

    await flaky.restart();
    await waitFor(() => service.get(a.id)?.status === 'online', 'the camera to come back online', 30_000);
    await waitFor(() => recordingsOf(a.id).length > whileAway, 'recording to resume', 30_000);
    expect(service.get(b.id)?.status).toBe('online');
  }, 90_000);

  it('a stream with no video: "test connection" says so and the camera shows an error, recording nothing', async () => {
    const cam = await camera({ audioOnly: true });
    expect(await service.test({ url: cam.url })).toEqual({
      ok: false,
      reason: 'no-video',
      error: 'The stream has no video track',
    });
    const added = await service.add({ name: 'Microphone', url: cam.url, mode: 'continuous' });
    const failed = await waitFor(
      () => {
        const view = service.get(added.id);
        return view?.status === 'error' && view;
      },
      'the no-video error',
      30_000,
    );
    expect(failed.reason).toBe('The stream has no video track');
    expect(recordingsOf(added.id)).toEqual([]);
    await service.remove(added.id, true);
  }, 60_000);

  it('a camera whose credentials cannot be read shows an error; the engine and the other cameras go on', async () => {
    const cam = await camera({ user: 'u', password: 'pw' });
    const open = await camera();
    const work = path.join(dir, 'unreadable');
    fs.mkdirSync(work);
    const otherDb = openDatabase(path.join(work, 'racoon.db'));
    const make = () =>
      new CctvService({
        db: otherDb,
        secrets: new EncryptedFileSecretStore(work),
        recordingsDir: path.join(work, 'recordings'),
        ffmpeg: tools,
        log: pino({ level: 'silent' }),
        segmentSeconds: 2,
      });
    const first = make(); // not started: adding records nothing yet
    const locked = await first.add({ name: 'Locked', url: cam.urlWithCredentials, mode: 'continuous' });
    const free = await first.add({ name: 'Free', url: open.url, mode: 'continuous' });
    fs.writeFileSync(path.join(work, 'secrets.json'), '{ this is not what was saved');
    const second = make();
    try {
      await second.start();
      expect(second.get(locked.id)).toMatchObject({ status: 'error', reason: expect.stringMatching(/secret store/) });
      await waitFor(() => second.recordings(free.id, 0, Date.now() + 60_000).length > 0, 'the other camera to record', 30_000);
    } finally {
      await second.stop();
      otherDb.close();
    }
  }, 60_000);

  it('mode off keeps the camera listed but records nothing; unknown modes, a sub-stream mode without one and bad URLs are refused', async () => {
    const cam = await camera();
    const off = await service.add({ name: 'Attic', url: cam.url, mode: 'off' });
    expect(service.get(off.id)).toMatchObject({ mode: 'off', status: 'stopped', effectiveMode: 'off' });
    await expect(service.add({ name: 'X', url: cam.url, mode: 'events+continuous' })).rejects.toThrow(
      /mode: "events\+continuous" needs a sub-stream \(subUrl\)/,
    );
    await expect(service.add({ name: 'X', url: cam.url, mode: 'sometimes' })).rejects.toThrow(/mode: must be one of/);
    await expect(service.add({ name: 'X', url: 'not a url', mode: 'off' })).rejects.toThrow(/url: not a valid URL/);
    await expect(service.add({ name: ' ', url: cam.url, mode: 'off' })).rejects.toThrow(/name/);
    expect(fs.existsSync(path.join(dir, 'recordings', String(off.id)))).toBe(false);
  }, 30_000);

  it('removing a camera stops its ffmpeg and keeps its files unless asked to delete them', async () => {
    const cam = await camera();
    const kept = await service.add({ name: 'Kept', url: cam.url, mode: 'continuous' });
    const gone = await service.add({ name: 'Gone', url: cam.url, mode: 'continuous' });
    await waitFor(() => recordingsOf(kept.id).length >= 1 && recordingsOf(gone.id).length >= 1, 'both recording', 30_000);
    await service.remove(kept.id);
    await service.remove(gone.id, true);
    expect(ffmpegPidsMentioning(path.join(dir, 'recordings', String(kept.id)))).toEqual([]);
    expect(ffmpegPidsMentioning(path.join(dir, 'recordings', String(gone.id)))).toEqual([]);
    expect(service.get(kept.id)).toBeNull();
    const keptDir = path.join(dir, 'recordings', String(kept.id));
    expect(fs.readdirSync(keptDir).some((d) => /^\d{4}-/.test(d))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'recordings', String(gone.id)))).toBe(false);
  }, 60_000);
});
