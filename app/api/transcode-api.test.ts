import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  HwAccelReport,
  LibraryItemSummary,
  LoginResponse,
  MovieDetail,
  TranscodeJob,
  TranscodeProfileInfo,
  TranscodeSettings,
} from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { makeAudioOnly, makeVideo, tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();

describe('HTTP API /api/v1/transcode against a real engine, library and ffmpeg', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let viewerToken: string;
  let movieFileId: number;
  let audioFileId: number;

  const call = (method: string, url: string, body?: unknown, as: string | null = token) =>
    fetch(base + url, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${as}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  const fileOf = async (title: string) => {
    const items = await json<LibraryItemSummary[]>(call('GET', '/api/v1/library/items'));
    const item = items.find((i) => i.title === title)!;
    return (await json<MovieDetail>(call('GET', `/api/v1/library/items/${item.id}`))).files[0].id;
  };
  const finished = (id: number) =>
    waitFor(async () => {
      const job = await json<TranscodeJob>(call('GET', `/api/v1/transcode/jobs/${id}`));
      return job.state !== 'queued' && job.state !== 'running' && job;
    }, `job ${id}`);

  beforeAll(async () => {
    dir = tempDir('transcode-api');
    const media = path.join(dir, 'media');
    makeVideo(path.join(media, 'Night Train (2019)', 'Night.Train.2019.mp4'), { seconds: 5, size: '480x270' });
    makeAudioOnly(path.join(media, 'Radio Play (2018)', 'Radio.Play.2018.mp4'));
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      mediaDirs: [media],
      port: 0,
      adminPassword: 'transcode password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      torrent: { dht: false, lsd: false, utp: false },
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    token = await engine.issueSessionToken();
    await engine.library.scan();
    engine.probes.start();
    await engine.probes.idle();
    movieFileId = await fileOf('Night Train');
    audioFileId = await fileOf('Radio Play');
    await engine.users.create('viewer', 'viewer password', false);
    viewerToken = (
      await json<LoginResponse>(call('POST', '/api/v1/auth/login', { username: 'viewer', password: 'viewer password' }, null))
    ).token;
  });

  afterAll(async () => {
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session everywhere', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/transcode/jobs'],
      ['POST', '/api/v1/transcode/jobs'],
      ['GET', '/api/v1/transcode/jobs/1'],
      ['POST', '/api/v1/transcode/jobs/1/cancel'],
      ['DELETE', '/api/v1/transcode/jobs/1'],
      ['GET', '/api/v1/transcode/jobs/1/output'],
      ['GET', '/api/v1/transcode/profiles'],
      ['GET', '/api/v1/transcode/hwaccel'],
      ['GET', '/api/v1/settings/transcode'],
      ['PUT', '/api/v1/settings/transcode'],
    ]) {
      expect((await call(method, url, undefined, null)).status, `${method} ${url}`).toBe(401);
    }
  });

  it('400 names the bad field; 404 for a file that is not in the library', async () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ profile: 'telegram' }, /fileId/],
      [{ fileId: movieFileId }, /profile/],
      [{ fileId: movieFileId, profile: 'telegram', offsetSec: -5 }, /offsetSec/],
      [{ fileId: movieFileId, profile: 'telegram', durationSec: 0 }, /durationSec/],
      [{ fileId: 'one', profile: 'telegram' }, /fileId/],
      [{ fileId: movieFileId, profile: 'telegram', output: '/etc' }, /output/],
      [
        { fileId: movieFileId, profile: 'betamax' },
        /^profile: Unknown transcode profile "betamax"; known: telegram, mobile-720p$/,
      ],
      [{ fileId: audioFileId, profile: 'telegram' }, /^This file has no video stream \(only audio\)/],
      [{ fileId: movieFileId, profile: 'telegram', offsetSec: 30 }, /^The clip starts at 0:30 but the video is only 0:05/],
    ];
    for (const [body, message] of bad) {
      const res = await call('POST', '/api/v1/transcode/jobs', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).message, JSON.stringify(body)).toMatch(message);
    }
    const missing = await call('POST', '/api/v1/transcode/jobs', { fileId: 9999, profile: 'telegram' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toMatch(/^fileId: no library file 9999/);
    expect((await call('GET', '/api/v1/transcode/jobs/abc')).status).toBe(400);
    expect((await call('GET', '/api/v1/transcode/jobs/9999')).status).toBe(404);
    expect((await call('POST', '/api/v1/transcode/jobs/9999/cancel')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/transcode/jobs/9999')).status).toBe(404);
    expect(await json(call('GET', '/api/v1/transcode/jobs'))).toEqual([]);
  });

  it('a clip export: 201, runs to done, its result served with Range and as a download, valid per ffprobe', async () => {
    const res = await call('POST', '/api/v1/transcode/jobs', {
      fileId: movieFileId,
      profile: 'telegram',
      offsetSec: 1,
      durationSec: 3,
    });
    expect(res.status).toBe(201);
    const job = (await res.json()) as TranscodeJob;
    expect(job).toMatchObject({
      fileId: movieFileId,
      profile: 'telegram',
      offsetSec: 1,
      durationSec: 3,
      sourceName: 'Night.Train.2019.mp4',
    });
    expect(['queued', 'running']).toContain(job.state);
    const early = await call('GET', `/api/v1/transcode/jobs/${job.id}/output`);
    if (early.status === 404) expect((await early.json()).message).toMatch(/has no result \(it is (queued|running)\)/);

    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'done', progress: 100, error: null });
    expect((await json<TranscodeJob[]>(call('GET', '/api/v1/transcode/jobs'))).map((j) => j.id)).toContain(job.id);

    const whole = await call('GET', `/api/v1/transcode/jobs/${job.id}/output`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBe(done.size);
    const ranged = await fetch(`${base}/api/v1/transcode/jobs/${job.id}/output`, {
      headers: { authorization: `Bearer ${token}`, range: 'bytes=0-99' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);
    const download = await call('GET', `/api/v1/transcode/jobs/${job.id}/output?download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-clip-1s-telegram\.mp4"/);
    await download.arrayBuffer();

    const saved = path.join(dir, 'downloaded.mp4');
    fs.writeFileSync(saved, bytes);
    const probe = await probeFile(tools.ffprobe, saved);
    expect(probe.video?.codec).toBe('h264');
    expect(probe.audio[0]?.codec).toBe('aac');
    expect(probe.durationSec).toBeGreaterThan(2.8);
    expect(probe.durationSec).toBeLessThan(3.2);

    const cancel = await call('POST', `/api/v1/transcode/jobs/${job.id}/cancel`);
    expect(cancel.status).toBe(400);
    expect((await cancel.json()).message).toBe(`Job ${job.id} has already finished; remove it instead`);
    expect((await call('DELETE', `/api/v1/transcode/jobs/${job.id}`)).status).toBe(204);
    expect(fs.existsSync(done.outputPath)).toBe(false);
    expect((await call('GET', `/api/v1/transcode/jobs/${job.id}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/transcode/jobs/${job.id}/output`)).status).toBe(404);
  });

  it('profiles and the hardware report: the CPU works, every GPU kind says why not (or works)', async () => {
    const profiles = await json<TranscodeProfileInfo[]>(call('GET', '/api/v1/transcode/profiles'));
    expect(profiles.map((p) => p.name)).toEqual(['telegram', 'mobile-720p']);
    expect(profiles[0]).toMatchObject({ container: 'mp4', videoCodec: 'h264', audioCodec: 'aac', maxBytes: 50_000_000 });
    const report = await json<HwAccelReport>(call('GET', '/api/v1/transcode/hwaccel'));
    expect(report.encoders.find((e) => e.kind === 'software')).toMatchObject({ encoder: 'libx264', available: true });
    for (const e of report.encoders) if (!e.available) expect(e.reason, e.kind).toBeTruthy();
    expect((await call('GET', '/api/v1/transcode/hwaccel?refresh=1', undefined, viewerToken)).status).toBe(403);
    const fresh = await json<HwAccelReport>(call('GET', '/api/v1/transcode/hwaccel?refresh=1'));
    expect(Date.parse(fresh.probedAt)).toBeGreaterThanOrEqual(Date.parse(report.probedAt));
  });

  it('settings are for administrators; bad values are a 400 naming the field; anyone signed in may start a job', async () => {
    expect(await json<TranscodeSettings>(call('GET', '/api/v1/settings/transcode'))).toEqual({ workers: 1, hwaccel: 'auto' });
    for (const [body, field] of [
      [{ workers: 0 }, 'workers'],
      [{ workers: 2.5 }, 'workers'],
      [{ hwaccel: 'cuda' }, 'hwaccel'],
    ] as const) {
      const res = await call('PUT', '/api/v1/settings/transcode', body);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(new RegExp(`^Invalid transcode settings: ${field}: `));
    }
    expect(await json(call('PUT', '/api/v1/settings/transcode', { workers: 2, hwaccel: 'off' }))).toEqual({
      workers: 2,
      hwaccel: 'off',
    });
    expect(await json(call('GET', '/api/v1/settings/transcode'))).toEqual({ workers: 2, hwaccel: 'off' });
    expect((await call('GET', '/api/v1/settings/transcode', undefined, viewerToken)).status).toBe(403);
    expect((await call('PUT', '/api/v1/settings/transcode', { workers: 3 }, viewerToken)).status).toBe(403);

    const res = await call('POST', '/api/v1/transcode/jobs', { fileId: movieFileId, profile: 'mobile-720p' }, viewerToken);
    expect(res.status).toBe(201);
    const job = (await res.json()) as TranscodeJob;
    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'done', encoder: 'libx264' });
  });
});
