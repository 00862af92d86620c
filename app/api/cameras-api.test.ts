import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { apiCaller, signInViewer, startTestEngine } from './api.test-support.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();

interface CameraWire {
  id: number;
  name: string;
  url: string;
  mode: string;
  status: string;
  reason: string | null;
  hasCredentials: boolean;
}
interface RecordingWire {
  id: number;
  start: string;
  end: string;
  size: number;
  event: boolean;
}

describe('HTTP API /api/v1/cameras against a real engine, a real RTSP camera and ffmpeg', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let viewerToken: string;
  let cam: RtspCamera;

  const { call, json } = apiCaller(
    () => base,
    () => token,
  );

  const startEngine = async () => {
    ({ engine, base, token } = await startTestEngine(dir, {
      adminPassword: 'cameras password',
      cctv: { segmentSeconds: 2, retry: { initialMs: 300, maxMs: 1000 } },
    }));
  };

  beforeAll(async () => {
    dir = tempDir('cameras-api');
    cam = await startRtspCamera({ user: 'admin', password: 'cam-Pa55word' });
    await startEngine();
    viewerToken = await signInViewer(engine, { call, json });
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await cam?.stop();
    expect(ffmpegPidsMentioning(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session everywhere, and an administrator to add, test or remove', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/cameras'],
      ['POST', '/api/v1/cameras'],
      ['POST', '/api/v1/cameras/test'],
      ['GET', '/api/v1/cameras/1'],
      ['DELETE', '/api/v1/cameras/1'],
      ['GET', '/api/v1/cameras/1/recordings'],
      ['GET', '/api/v1/cameras/1/recordings/1/file'],
      ['PATCH', '/api/v1/cameras/1'],
      ['GET', '/api/v1/cameras/away'],
      ['PUT', '/api/v1/cameras/away'],
      ['GET', '/api/v1/cameras/storage'],
      ['GET', '/api/v1/cameras/1/events/1/snapshot.jpg'],
    ]) {
      expect((await call(method, url, undefined, null)).status, `${method} ${url}`).toBe(401);
    }
    const body = { name: 'Porch', url: cam.url, mode: 'off' };
    expect((await call('POST', '/api/v1/cameras', body, viewerToken)).status).toBe(403);
    expect((await call('POST', '/api/v1/cameras/test', { url: cam.url }, viewerToken)).status).toBe(403);
    expect((await call('DELETE', '/api/v1/cameras/1', undefined, viewerToken)).status).toBe(403);
    // a fresh engine has no camera and runs no recorder
    expect(await json(call('GET', '/api/v1/cameras'))).toEqual([]);
    expect(ffmpegPidsMentioning(dir)).toEqual([]);
  });

  it('retention: settings read and changed by an administrator, bad fields named, a pass on demand', async () => {
    expect((await call('GET', '/api/v1/settings/cameras/retention', undefined, viewerToken)).status).toBe(403);
    expect(await json(call('GET', '/api/v1/settings/cameras/retention'))).toEqual({
      continuousDays: 7,
      eventDays: 30,
      quotaGb: null,
      minFreeGb: 2,
    });
    const bad = await call('PUT', '/api/v1/settings/cameras/retention', { continuousDays: 'a week' });
    expect(bad.status).toBe(400);
    expect((await json<{ message: string }>(bad)).message).toMatch(/continuousDays/);
    const saved = await json<{ quotaGb: number }>(call('PUT', '/api/v1/settings/cameras/retention', { quotaGb: 250 }));
    expect(saved.quotaGb).toBe(250);
    const report = await json<{ removed: number; shortBy: number }>(call('POST', '/api/v1/cameras/retention/run'));
    expect(report).toMatchObject({ removed: 0, shortBy: 0 });
    expect((await call('POST', '/api/v1/cameras/retention/run', undefined, viewerToken)).status).toBe(403);
  });

  it('answers 400 naming the bad field', async () => {
    const bad = async (body: unknown, field: RegExp) => {
      const res = await call('POST', '/api/v1/cameras', body);
      const answer = await json<{ message: string }>(res);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(answer.message).toMatch(field);
    };
    await bad({ url: cam.url, mode: 'continuous' }, /name/);
    await bad({ name: 'X', mode: 'continuous' }, /url/);
    await bad({ name: 'X', url: 'http://127.0.0.1/cam', mode: 'continuous' }, /url: only rtsp/);
    await bad({ name: 'X', url: 'rtsp://', mode: 'continuous' }, /url/);
    await bad({ name: 'X', url: cam.url, mode: 'events+continuous' }, /mode: "events\+continuous" needs a sub-stream \(subUrl\)/);
    await bad(
      { name: 'X', url: cam.url, mode: 'schedule', schedule: [{ day: 1, start: '25:00', end: '06:00', mode: 'events' }] },
      /schedule\/0\/start/,
    );
    await bad({ name: 'X', url: cam.url, mode: 'always-ish' }, /mode: must be one of/);
    await bad({ name: 'X', url: cam.url, mode: 'off', subUrl: 'ftp://x' }, /subUrl/);
    await bad({ name: 'X', url: cam.url, mode: 'off', colour: 'red' }, /colour|Unrecognized/i);
    expect(await json(call('GET', '/api/v1/cameras'))).toEqual([]);
  });

  it('tests a connection', async () => {
    const ok = await json(call('POST', '/api/v1/cameras/test', { url: cam.url, username: 'admin', password: 'cam-Pa55word' }));
    expect(ok).toMatchObject({ ok: true, codec: 'h264', width: 320, height: 240, fps: 10 });
    const wrong = await json<{ ok: boolean; reason: string; error: string }>(
      call('POST', '/api/v1/cameras/test', { url: cam.url, username: 'admin', password: 'nope' }),
    );
    expect(wrong).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect(JSON.stringify(wrong)).not.toContain('nope');
  }, 30_000);

  it('a snapshot on demand: a JPEG of the camera now; 404 for no camera, 502 with the reason for one that is gone', async () => {
    const added = await json<CameraWire>(
      call('POST', '/api/v1/cameras', { name: 'Gate', url: cam.urlWithCredentials, mode: 'off' }),
    );
    const res = await call('GET', `/api/v1/cameras/${added.id}/snapshot`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await res.arrayBuffer());
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    expect((await call('GET', '/api/v1/cameras/9999/snapshot')).status).toBe(404);
    const gone = await json<CameraWire>(
      call('POST', '/api/v1/cameras', { name: 'Gone', url: 'rtsp://127.0.0.1:9/nothing', mode: 'off' }),
    );
    const failed = await call('GET', `/api/v1/cameras/${gone.id}/snapshot`);
    expect(failed.status).toBe(502);
    expect((await json<{ message: string }>(failed)).message).toMatch(/^The camera gave no snapshot: /);
    await call('DELETE', `/api/v1/cameras/${added.id}`);
    await call('DELETE', `/api/v1/cameras/${gone.id}`);
  });

  it('adds a camera that records; lists it with its status; serves its recordings by time and their bytes', async () => {
    const before = Date.now();
    const res = await call('POST', '/api/v1/cameras', {
      name: 'Porch',
      url: cam.urlWithCredentials,
      mode: 'continuous',
    });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('cam-Pa55word');
    const created = JSON.parse(text) as CameraWire;
    expect(created).toMatchObject({ name: 'Porch', url: cam.url, mode: 'continuous', hasCredentials: true });

    const online = await waitFor(
      async () => {
        const list = await json<CameraWire[]>(call('GET', '/api/v1/cameras'));
        return list.find((c) => c.id === created.id && c.status === 'online');
      },
      'the camera online',
      30_000,
    );
    expect(online).toMatchObject({ id: created.id, name: 'Porch', mode: 'continuous', status: 'online' });
    expect(await json(call('GET', `/api/v1/cameras/${created.id}`))).toMatchObject({ id: created.id, status: 'online' });
    expect((await call('GET', '/api/v1/cameras/9999')).status).toBe(404);

    const recordings = await waitFor(
      async () => {
        const list = await json<RecordingWire[]>(call('GET', `/api/v1/cameras/${created.id}/recordings`));
        return list.length >= 2 && list;
      },
      'two recordings',
      30_000,
    );
    for (const r of recordings) {
      expect(r.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(r.end)).toBeGreaterThan(Date.parse(r.start));
      expect(Date.parse(r.start)).toBeGreaterThan(before - 1000);
      expect(r.size).toBeGreaterThan(0);
      expect(r.event).toBe(false);
    }
    const from = new Date(before - 60_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const byTime = await json<RecordingWire[]>(
      call('GET', `/api/v1/cameras/${created.id}/recordings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
    );
    expect(byTime.length).toBeGreaterThanOrEqual(recordings.length);
    // outside any recording: []
    const long = encodeURIComponent(new Date(before - 3600_000).toISOString());
    const ago = encodeURIComponent(new Date(before - 1800_000).toISOString());
    expect(await json(call('GET', `/api/v1/cameras/${created.id}/recordings?from=${long}&to=${ago}`))).toEqual([]);
    const badTime = await call('GET', `/api/v1/cameras/${created.id}/recordings?from=yesterday`);
    expect(badTime.status).toBe(400);
    expect((await json<{ message: string }>(badTime)).message).toMatch(/^from:/);
    expect((await call('GET', `/api/v1/cameras/${created.id}/recordings?from=${ago}&to=${long}`)).status).toBe(400);
    expect((await call('GET', '/api/v1/cameras/9999/recordings')).status).toBe(404);

    // the segment itself, whole and by Range
    const first = recordings[0];
    const whole = await call('GET', `/api/v1/cameras/${created.id}/recordings/${first.id}/file`);
    expect(whole.status).toBe(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBe(first.size);
    const saved = path.join(dir, 'downloaded.mkv');
    fs.writeFileSync(saved, bytes);
    expect((await probeFile(tools.ffprobe, saved)).video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    const part = await call('GET', `/api/v1/cameras/${created.id}/recordings/${first.id}/file`, undefined, token, {
      range: 'bytes=0-99',
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(0, 100));
    expect((await call('GET', `/api/v1/cameras/${created.id}/recordings/99999/file`)).status).toBe(404);

    // removing it stops its ffmpeg and leaves the files; ?deleteRecordings=1 on another removes them
    const cameraDir = path.join(dir, 'data', 'recordings', String(created.id));
    expect((await call('DELETE', `/api/v1/cameras/${created.id}`)).status).toBe(204);
    expect(ffmpegPidsMentioning(cameraDir)).toEqual([]);
    expect(fs.readdirSync(cameraDir).some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect((await call('GET', `/api/v1/cameras/${created.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/cameras/${created.id}`)).status).toBe(404);
  }, 90_000);

  it('a wrong password shows as that camera’s error; ?deleteRecordings=1 removes a camera’s files', async () => {
    const wrong = await json<CameraWire>(
      call('POST', '/api/v1/cameras', { name: 'Gate', url: cam.url, mode: 'continuous', username: 'admin', password: 'x' }),
    );
    const failed = await waitFor(
      async () => {
        const c = await json<CameraWire>(call('GET', `/api/v1/cameras/${wrong.id}`));
        return c.status === 'error' && c;
      },
      'the error status',
      30_000,
    );
    expect(failed.reason).toMatch(/password.*401/);
    const right = await json<CameraWire>(
      call('POST', '/api/v1/cameras', {
        name: 'Yard',
        url: cam.url,
        mode: 'continuous',
        username: 'admin',
        password: 'cam-Pa55word',
      }),
    );
    await waitFor(
      async () => (await json<RecordingWire[]>(call('GET', `/api/v1/cameras/${right.id}/recordings`))).length > 0,
      'a recording',
      30_000,
    );
    const cameraDir = path.join(dir, 'data', 'recordings', String(right.id));
    expect(fs.existsSync(cameraDir)).toBe(true);
    expect((await call('DELETE', `/api/v1/cameras/${right.id}?deleteRecordings=1`)).status).toBe(204);
    expect(fs.existsSync(cameraDir)).toBe(false);
    expect((await call('DELETE', `/api/v1/cameras/${wrong.id}`)).status).toBe(204);
  }, 60_000);
  it('PATCH: every bad field named; settings kept; the camera JSON carries detection, schedule, retention and its effective mode', async () => {
    type Wire = CameraWire & Record<string, unknown>;
    const added = await json<Wire>(call('POST', '/api/v1/cameras', { name: 'Shed', url: cam.url, mode: 'off' }));
    expect(added).toMatchObject({
      detection: { sensitivity: 60, minArea: 0.01, zones: [], cooldownSec: 30 },
      schedule: [],
      retention: { continuousDays: null, eventDays: null },
      effectiveMode: 'off',
      effectiveReason: 'turned off',
      lastEventAt: null,
    });
    const patch = (body: unknown, as = token) => call('PATCH', `/api/v1/cameras/${added.id}`, body, as);
    const bad = async (body: unknown, ...fields: RegExp[]) => {
      const res = await patch(body);
      const message = (await json<{ message: string }>(res)).message;
      expect(res.status, JSON.stringify(body)).toBe(400);
      for (const field of fields) expect(message).toMatch(field);
    };
    await bad(
      { detection: { zones: [{ x: 0.5, y: 0, w: 0.6, h: 0.5 }] } },
      /detection\/zones\/0\/w: x \+ w must not pass the right edge/,
    );
    await bad({ detection: { zones: [{ x: -1, y: 0, w: 0.5, h: 2 }] } }, /detection\/zones\/0\/x/, /detection\/zones\/0\/h/);
    await bad({ detection: { sensitivity: 101, cooldownSec: -1 } }, /detection\/sensitivity/, /detection\/cooldownSec/);
    await bad(
      { schedule: [{ day: 1, start: '25:00', end: '08:00', mode: 'events' }] },
      /schedule\/0\/start: "25:00" is not a time/,
    );
    await bad(
      {
        schedule: [
          { day: 1, start: '08:00', end: '08:00', mode: 'events' },
          { day: 9, start: '08:00', end: '9:00', mode: 'always' },
        ],
      },
      /schedule\/0\/end: must differ from start/,
      /schedule\/1\/day/,
      /schedule\/1\/end/,
      /schedule\/1\/mode/,
    );
    await bad({ mode: 'sometimes' }, /mode: must be one of off, continuous, events, events\+continuous, schedule/);
    await bad({ mode: 'events+continuous' }, /mode: "events\+continuous" needs a sub-stream \(subUrl\)/);
    await bad({ retention: { continuousDays: -1 } }, /retention\/continuousDays/);
    await bad({ url: 'http://127.0.0.1/cam' }, /url: only rtsp/);
    await bad({ colour: 'red' }, /colour|Unrecognized/i);
    expect((await patch({ name: 'X' }, viewerToken)).status).toBe(403);
    expect((await call('PATCH', '/api/v1/cameras/9999', { name: 'X' })).status).toBe(404);

    const changed = await json<Wire>(
      patch({
        name: 'Shed 2',
        mode: 'schedule',
        detection: { sensitivity: 80, zones: [{ x: 0, y: 0, w: 0.5, h: 0.25 }] },
        schedule: [{ day: 1, start: '22:00', end: '06:00', mode: 'continuous' }],
        retention: { eventDays: 60 },
      }),
    );
    expect(changed).toMatchObject({
      name: 'Shed 2',
      mode: 'schedule',
      detection: { sensitivity: 80, minArea: 0.01, zones: [{ x: 0, y: 0, w: 0.5, h: 0.25 }], cooldownSec: 30 },
      schedule: [{ day: 1, start: '22:00', end: '06:00', mode: 'continuous' }],
      retention: { continuousDays: null, eventDays: 60 },
    });
    expect(changed.effectiveReason).toMatch(/^schedule: /);

    // events + continuous with a sub-stream (its credentials kept): the recorders run; taking the sub-stream away is refused
    const both = await json<Wire>(patch({ mode: 'events+continuous', subUrl: cam.urlWithCredentials }));
    expect(both).toMatchObject({
      mode: 'events+continuous',
      subUrl: cam.url,
      effectiveMode: 'events+continuous',
      hasCredentials: true,
    });
    await waitFor(
      async () => (await json<Wire>(call('GET', `/api/v1/cameras/${added.id}`))).status === 'online',
      'the camera online',
      30_000,
    );
    await bad({ subUrl: null }, /needs a sub-stream/);
    const off = await json<Wire>(patch({ mode: 'off', subUrl: null }));
    expect(off).toMatchObject({ mode: 'off', subUrl: null, status: 'stopped', effectiveMode: 'off' });
    expect(ffmpegPidsMentioning(path.join(dir, 'data', 'recordings', String(added.id)))).toEqual([]);
    expect(await json(call('GET', `/api/v1/cameras/${added.id}`))).toMatchObject({
      name: 'Shed 2',
      detection: { sensitivity: 80 },
    });
    expect((await call('GET', `/api/v1/cameras/${added.id}/events/999/snapshot.jpg`)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/cameras/${added.id}`)).status).toBe(204);
  }, 60_000);

  it("storage: the recordings' disk with its limits and status", async () => {
    const storage = await json<Record<string, unknown>>(call('GET', '/api/v1/cameras/storage', undefined, viewerToken));
    expect(storage).toMatchObject({ recordingsDir: path.join(dir, 'data', 'recordings'), quotaBytes: 250e9, minFreeBytes: 2e9 });
    expect(storage.freeBytes).toBeGreaterThan(0);
    expect(storage.usedBytes).toBeGreaterThanOrEqual(0);
    expect(['ok', 'low']).toContain(storage.status);
  });

  it('away: read by anyone signed in, switched by an administrator, kept across an engine restart', async () => {
    expect(await json(call('GET', '/api/v1/cameras/away', undefined, viewerToken))).toEqual({ away: false, since: null });
    expect((await call('PUT', '/api/v1/cameras/away', { away: true }, viewerToken)).status).toBe(403);
    const bad = await call('PUT', '/api/v1/cameras/away', { away: 'yes' });
    expect(bad.status).toBe(400);
    expect((await json<{ message: string }>(bad)).message).toMatch(/away/);
    const on = await json<{ away: boolean; since: string }>(call('PUT', '/api/v1/cameras/away', { away: true }));
    expect(on.away).toBe(true);
    expect(Math.abs(Date.parse(on.since) - Date.now())).toBeLessThan(60_000);
    await engine.stop();
    await startEngine();
    expect(await json(call('GET', '/api/v1/cameras/away'))).toEqual(on);
    expect(await json(call('PUT', '/api/v1/cameras/away', { away: false }))).toEqual({ away: false, since: null });
  }, 60_000);
});
