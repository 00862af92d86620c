// GET /items/{id}/playback against a real engine, real sources made by ffmpeg and real ffmpeg HLS: the decision and
// its reasons, a URL the client plays as is, segments that are real MPEG-TS, a seek, stopping (ffmpeg killed, segments
// removed), idle streams reaped, WebVTT subtitles, and every bad input with a clear error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../e2e/support/processes.js';
import type { LibraryItemSummary, PlaybackInfo } from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { makeDirectPlayMp4, makeMpeg2Ac3Mkv, makeMultiTrackMkv, makeNoVideoFile } from '../stream/media-sources.test-support.js';

const PASSWORD = 'correct horse battery';

describe('playback API: decision, direct file or on-the-fly HLS (real engine, real ffmpeg)', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let otherToken: string;
  const items = new Map<string, number>();

  const get = (url: string, as = token, headers: Record<string, string> = {}) =>
    fetch(url.startsWith('http') ? url : base + url, { headers: { authorization: `Bearer ${as}`, ...headers } });
  const playback = async (url: string, as = token) => {
    const res = await get(url, as);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body as PlaybackInfo;
  };
  const sessions = async () =>
    (await (await get('/api/v1/playback/sessions')).json()) as Array<{ id: string; pid: number | null; userId: number }>;

  beforeAll(async () => {
    dir = tempDir('playback-api');
    const media = path.join(dir, 'media', 'Movies');
    await Promise.all([
      makeDirectPlayMp4(path.join(media, 'Plain Movie (2020)', 'Plain Movie (2020).mp4'), { seconds: 6 }),
      makeMpeg2Ac3Mkv(path.join(media, 'Old Movie (1999)', 'Old Movie (1999).mkv'), { seconds: 12 }),
      makeMultiTrackMkv(path.join(media, 'Tracks Movie (2021)', 'Tracks Movie (2021).mkv'), { seconds: 6 }),
      makeNoVideoFile(path.join(media, 'Radio Play (2001)', 'Radio Play (2001).mkv'), { seconds: 3 }),
    ]);
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      mediaDirs: [path.join(dir, 'media')],
      port: 0,
      adminPassword: PASSWORD,
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      playback: { idleMs: 3_000 },
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    await engine.library.scan();
    engine.probes.start();
    await engine.probes.idle();
    token = await engine.issueSessionToken();
    await engine.users.create('guest', 'guest password 1');
    otherToken = engine.users.createSession(engine.users.getUser('guest')!.id);
    const list = (await (await get('/api/v1/library/items')).json()) as LibraryItemSummary[];
    for (const item of list) items.set(item.title, item.id);
  });

  afterAll(async () => {
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('wants a session', async () => {
    expect((await fetch(`${base}/api/v1/items/1/playback`)).status).toBe(401);
  });

  it('H.264/AAC MP4 plays directly in Chromium: the URL is the file, with Range support', async () => {
    const info = await playback(`/api/v1/items/${items.get('Plain Movie')}/playback?profile=chromium`);
    expect(info).toMatchObject({ method: 'direct', reasons: [], explanation: [], session: null, profile: 'chromium' });
    expect(info.url).toBe(`${base}/api/v1/files/${info.fileId}/stream`);
    const range = await get(info.url, token, { range: 'bytes=0-99' });
    expect(range.status).toBe(206);
    expect((await range.arrayBuffer()).byteLength).toBe(100);
  });

  it('the profile comes from the User-Agent when none is named', async () => {
    const firefox = await get(`/api/v1/items/${items.get('Plain Movie')}/playback`, token, {
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    });
    expect(((await firefox.json()) as PlaybackInfo).profile).toBe('firefox');
  });

  it('MPEG-2 + AC-3 in MKV is transcoded for Chromium: reasons, a master playlist, real MPEG-TS segments, a seek, stop', async () => {
    const info = await playback(`/api/v1/items/${items.get('Old Movie')}/playback?profile=chromium`);
    expect(info.method).toBe('transcode');
    expect(info.reasons).toEqual(
      expect.arrayContaining(['container-not-supported', 'video-codec-not-supported', 'audio-codec-not-supported']),
    );
    expect(info.explanation.map((r) => r.text).join(' ')).toMatch(/AC-3|ac3/i);
    expect(info.url).toBe(`${base}/api/v1/hls/${info.session!.id}/master.m3u8`);

    const master = await get(info.url);
    expect(master.headers.get('content-type')).toMatch(/mpegurl/);
    const masterText = await master.text();
    expect(masterText).toMatch(/#EXT-X-STREAM-INF:BANDWIDTH=\d+,RESOLUTION=\d+x\d+,CODECS="avc1\.\w+,mp4a\.40\.2"/);
    const media = await (await get(new URL('media.m3u8', info.url).href)).text();
    expect(media).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(media).toContain('#EXT-X-ENDLIST');
    expect(media.match(/^seg\/\d+\.ts$/gm)).toHaveLength(info.session!.segments);

    const first = await get(new URL('seg/0.ts', info.url).href);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/video\/mp2t/);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
    const segFile = path.join(dir, 'seg0.ts');
    fs.writeFileSync(segFile, bytes);
    const codecs = String(
      execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', segFile]),
    );
    expect(codecs).toContain('h264');
    expect(codecs).toContain('aac');

    // a seek to the last segment restarts ffmpeg there and answers at once
    const last = info.session!.segments - 1;
    expect((await get(new URL(`seg/${last}.ts`, info.url).href)).status).toBe(200);
    const running = (await sessions()).find((s) => s.id === info.session!.id)!;
    expect(running).toBeDefined();
    const streamDir = path.join(engine.paths.cache, 'hls', info.session!.id);
    expect(fs.existsSync(streamDir)).toBe(true);

    // somebody else can't use or stop this stream
    expect((await get(info.url, otherToken)).status).toBe(404);
    // stopping kills its ffmpeg and removes its segments
    const stop = await fetch(`${base}/api/v1/hls/${info.session!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stop.status).toBe(204);
    if (running.pid) expect(isAlive(running.pid)).toBe(false);
    expect(fs.existsSync(streamDir)).toBe(false);
    expect((await get(info.url)).status).toBe(404);
  });

  it('a stream nobody asks anything of is stopped: ffmpeg killed, segments removed', async () => {
    const info = await playback(`/api/v1/items/${items.get('Old Movie')}/playback?profile=chromium&start=4`);
    expect((await get(new URL('seg/2.ts', info.url).href)).status).toBe(200);
    const running = (await sessions()).find((s) => s.id === info.session!.id)!;
    const streamDir = path.join(engine.paths.cache, 'hls', info.session!.id);
    await expect.poll(async () => (await sessions()).some((s) => s.id === info.session!.id), { timeout: 20_000 }).toBe(false);
    // the reaper removes the stream from the list first, then kills and cleans: give it a moment
    if (running.pid) await expect.poll(() => isAlive(running.pid!), { timeout: 5_000 }).toBe(false);
    await expect.poll(() => fs.existsSync(streamDir), { timeout: 5_000 }).toBe(false);
  });

  it('two audio tracks and a subtitle: choosing the second track remuxes, the subtitle comes as WebVTT', async () => {
    const id = items.get('Tracks Movie');
    const plain = await playback(`/api/v1/items/${id}/playback?profile=chromium`);
    expect(plain.audioTracks.length).toBe(2);
    expect(plain.subtitles.length).toBe(1);
    const second = plain.audioTracks[1].index;
    const sub = plain.subtitles[0].index;
    const chosen = await playback(`/api/v1/items/${id}/playback?profile=chromium&audio=${second}&subtitle=${sub}`);
    expect(chosen.method).not.toBe('direct');
    expect(chosen.audio?.stream).toBe(second);
    expect(chosen.subtitle).toEqual({ stream: sub, delivery: 'vtt' });
    const vtt = await get(chosen.subtitles[0].url!);
    expect(vtt.status).toBe(200);
    expect(vtt.headers.get('content-type')).toMatch(/text\/vtt/);
    expect(await vtt.text()).toMatch(/^WEBVTT/);
    await fetch(`${base}/api/v1/hls/${chosen.session!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
  });

  it('bad input gets a clear error and the engine keeps running', async () => {
    const old = items.get('Old Movie');
    const cases: Array<[string, number, RegExp]> = [
      [`/api/v1/items/${old}/playback?profile=toaster`, 404, /Unknown device profile "toaster"/],
      [`/api/v1/items/${items.get('Radio Play')}/playback?profile=chromium`, 400, /no video stream/i],
      [`/api/v1/items/${old}/playback?profile=chromium&start=500`, 400, /past the end/],
      [`/api/v1/items/${old}/playback?profile=chromium&audio=9`, 400, /audio stream #9/i],
      [`/api/v1/items/999999/playback`, 404, /Item 999999 not found/],
      [`/api/v1/items/${old}/playback?start=-3`, 400, /start/],
      [`/api/v1/files/${old}/subtitles/7.vtt`, 404, /No subtitle stream #7/],
      ['/api/v1/hls/aaaaaaaaaaaa/master.m3u8', 404, /No such playback/],
    ];
    for (const [url, status, message] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(status);
      expect(((await res.json()) as { message: string }).message, url).toMatch(message);
    }
    const info = await playback(`/api/v1/items/${old}/playback?profile=chromium`);
    const beyond = await get(new URL(`seg/${info.session!.segments}.ts`, info.url).href);
    expect(beyond.status).toBe(404);
    expect(((await beyond.json()) as { message: string }).message).toMatch(/No segment/);
    expect((await get('/api/v1/health')).status).toBe(200);
  });

  it('the stream list is for the admin only', async () => {
    expect((await get('/api/v1/playback/sessions', otherToken)).status).toBe(403);
  });
});
