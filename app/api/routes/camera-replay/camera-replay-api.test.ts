import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraReplayInfo, CameraTimeline, TranscodeJob } from '../../api-types.js';
import type { Engine } from '../../../engine.js';
import { apiCaller, startTestEngine } from '../../api.test-support.js';
import { resolveFfmpegPaths } from '../../../../native/ffmpeg-paths.js';
import { ffmpegPidsMentioning, isAlive, processState } from '../../../../e2e/support/processes.js';
import { tempDir, waitFor } from '../../../transcode/transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();

/**
 * Real Matroska segments as the recorder writes them: one continuous ffmpeg run (H.264 with a keyframe a second, maybe
 * AAC sound) cut by the segment muxer every 4 s with its time stamps reset. testsrc burns in its own running clock.
 */
function makeRun(dir: string, opts: { segments: number; audio: boolean }): string[] {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(tools.ffmpeg, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25',
    ...(opts.audio ? ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'] : []),
    '-t', String(opts.segments * 4),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '25',
    ...(opts.audio ? ['-c:a', 'aac', '-b:a', '64k'] : []),
    '-f', 'segment', '-segment_time', '4', '-reset_timestamps', '1', '-segment_format', 'matroska',
    path.join(dir, '%03d.mkv'),
  ]); // prettier-ignore
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name));
}

function probe(file: string): {
  streams: Array<{ codec_type: string; start_time: string; duration?: string }>;
  format: { duration: string; start_time: string };
} {
  return JSON.parse(
    execFileSync(tools.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_type,start_time,duration:format=duration,start_time', '-of', 'json', file], {
      encoding: 'utf8',
    }),
  ); // prettier-ignore
}

interface Playlist {
  header: string[];
  segments: Array<{ url: string; duration: number; dateTime: string; discontinuity: boolean }>;
  endList: boolean;
}

/** A strict reader of the playlist lines we expect (RFC 8216 media playlist). */
function parsePlaylist(text: string): Playlist {
  const lines = text.trim().split('\n');
  const segments: Playlist['segments'] = [];
  const header: string[] = [];
  let pending: Partial<Playlist['segments'][number]> = { discontinuity: false };
  let endList = false;
  for (const line of lines) {
    if (line === '#EXT-X-ENDLIST') endList = true;
    else if (line === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pending.dateTime = line.slice(25);
    else if (line.startsWith('#EXTINF:')) pending.duration = Number(line.slice(8).replace(/,$/, ''));
    else if (line.startsWith('#')) header.push(line);
    else {
      expect(pending.duration).toBeGreaterThan(0);
      segments.push({ url: line, ...pending } as Playlist['segments'][number]);
      pending = { discontinuity: false };
    }
  }
  return { header, segments, endList };
}

describe('camera replay: timeline, HLS replay across segments and clip export, on a real engine with real ffmpeg', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let porch: number;
  let garage: number;
  /** local 10:00:00 on 1 May 2024: the recordings' clock */
  const T0 = new Date(2024, 4, 1, 10, 0, 0).getTime();
  const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();

  const { call } = apiCaller(
    () => base,
    () => token,
  );
  const window = (from: number, to: number) => `from=${encodeURIComponent(at(from))}&to=${encodeURIComponent(at(to))}`;

  /** Records a run of 4 s segments from startSec and indexes them as the recorder does (moved into the layout). */
  function record(cameraId: number, startSec: number, segments: number, audio: boolean): void {
    const incoming = path.join(dir, 'data', 'recordings', String(cameraId), '.incoming', `run-${startSec}`);
    const files = makeRun(incoming, { segments, audio });
    expect(files).toHaveLength(segments);
    for (const [i, file] of files.entries()) {
      const startMs = T0 + (startSec + i * 4) * 1000;
      expect(engine.cctv.index.addClosed(cameraId, file, startMs, startMs + 4000)).not.toBeNull();
    }
  }

  beforeAll(async () => {
    dir = tempDir('camera-replay');
    ({ engine, base, token } = await startTestEngine(dir, { adminPassword: 'replay password' }));
    // mode off: the recordings are ours, no recorder runs
    porch = (await engine.cctv.add({ name: 'Porch', url: 'rtsp://127.0.0.1:9/porch', mode: 'off' })).id;
    garage = (await engine.cctv.add({ name: 'Garage', url: 'rtsp://127.0.0.1:9/garage', mode: 'off' })).id;
    // three 4 s segments with sound, a 20 s gap, two more from a camera run without sound
    record(porch, 0, 3, true);
    record(porch, 32, 2, false);
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    expect(ffmpegPidsMentioning(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('timeline: spans merged across segments, split at the gap; nothing recorded is empty arrays, not an error', async () => {
    const res = await call('GET', `/api/v1/cameras/${porch}/timeline?${window(-60, 60)}`);
    expect(res.status).toBe(200);
    const timeline = (await res.json()) as CameraTimeline;
    expect(timeline).toEqual({
      from: at(-60),
      to: at(60),
      spans: [
        { start: at(0), end: at(12), event: false },
        { start: at(32), end: at(40), event: false },
      ],
      events: [],
    });
    // clipped to the window asked for
    const part = (await (await call('GET', `/api/v1/cameras/${porch}/timeline?${window(2, 34)}`)).json()) as CameraTimeline;
    expect(part.spans).toEqual([
      { start: at(2), end: at(12), event: false },
      { start: at(32), end: at(34), event: false },
    ]);
    const empty = await call('GET', `/api/v1/cameras/${porch}/timeline?${window(1000, 2000)}`);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ spans: [], events: [] });
  });

  it('replay: the playlist URL, its time 0, its length and each span with its offset', async () => {
    const res = await call('GET', `/api/v1/cameras/${porch}/replay?${window(1, 39)}`);
    expect(res.status).toBe(200);
    const info = (await res.json()) as CameraReplayInfo;
    expect(info).toEqual({
      playlistUrl: `${base}/api/v1/cameras/${porch}/replay.m3u8?${window(1, 39)}`,
      start: at(0),
      duration: 20,
      audio: true,
      spans: [
        { start: at(0), end: at(12), event: false, offset: 0 },
        { start: at(32), end: at(40), event: false, offset: 12 },
      ],
    });
  });

  it('the playlist is valid HLS VOD; every segment is MPEG-TS whose time stamps run on from the one before', async () => {
    const res = await call('GET', `/api/v1/cameras/${porch}/replay.m3u8?${window(1, 39)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.apple.mpegurl');
    const playlist = parsePlaylist(await res.text());
    expect(playlist.header.slice(0, 5)).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-TARGETDURATION:4',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-MEDIA-SEQUENCE:0',
    ]);
    expect(playlist.endList).toBe(true);
    expect(playlist.segments.map((s) => s.duration)).toEqual([4, 4, 4, 4, 4]);
    expect(playlist.segments.map((s) => s.discontinuity)).toEqual([false, false, false, true, false]);
    expect(playlist.segments.map((s) => s.dateTime)).toEqual([at(0), at(4), at(8), at(32), at(36)]);

    const playlistUrl = `${base}/api/v1/cameras/${porch}/replay.m3u8`;
    let previousEnd: number | null = null;
    for (const [i, segment] of playlist.segments.entries()) {
      const url = new URL(segment.url, playlistUrl);
      expect(url.pathname).toMatch(new RegExp(`^/api/v1/cameras/${porch}/recordings/\\d+/segment\\.ts$`));
      const got = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('video/mp2t');
      const file = path.join(dir, `segment-${i}.ts`);
      fs.writeFileSync(file, Buffer.from(await got.arrayBuffer()));
      const info = probe(file);
      // the same tracks in every one: the recordings without sound get silence
      expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
      const video = info.streams.find((s) => s.codec_type === 'video')!;
      const start = Number(video.start_time);
      if (previousEnd !== null) expect(Math.abs(start - previousEnd)).toBeLessThan(0.05);
      previousEnd = start + segment.duration;
    }
  }, 60_000);

  it('ffmpeg plays the whole playlist over HTTP across the segment boundaries and the gap without an error', async () => {
    const url = `${base}/api/v1/cameras/${porch}/replay.m3u8?${window(1, 39)}`;
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        tools.ffmpeg,
        [
          '-nostdin',
          '-v',
          'error',
          '-headers',
          `Authorization: Bearer ${token}\r\n`,
          '-i',
          url,
          '-progress',
          'pipe:1',
          '-f',
          'null',
          '-',
        ],
        { timeout: 60_000 },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve({ stdout: out, stderr: errOut })),
      );
    });
    expect(stderr.trim()).toBe('');
    // all 20 s of footage came through
    const outTimes = [...stdout.matchAll(/out_time_us=(\d+)/g)].map((m) => Number(m[1]) / 1e6);
    expect(Math.max(...outTimes)).toBeGreaterThan(19);
    expect(stdout).toContain('progress=end');
  }, 90_000);

  it('exports a clip across a segment boundary as an MP4 transcode job, downloadable from the job', async () => {
    // a copy starts at the keyframe at or before `from` (one a second here)
    const res = await call('POST', `/api/v1/cameras/${porch}/clips`, { from: at(4.5), to: at(10) });
    expect(res.status).toBe(201);
    const job = (await res.json()) as TranscodeJob;
    expect(job).toMatchObject({ profile: 'camera-clip', state: 'queued', fileId: null, durationSec: 5.5 });
    expect(job.sourceName).toBe('Porch 2024-05-01 10.00.04-10.00.10');
    expect(path.basename(job.outputPath)).toBe('Porch 2024-05-01 10.00.04-10.00.10.mp4');
    // the Jobs page lists it
    const jobs = (await (await call('GET', '/api/v1/transcode/jobs')).json()) as TranscodeJob[];
    expect(jobs.map((j) => j.id)).toContain(job.id);
    const done = await waitFor(async () => {
      const now = (await (await call('GET', `/api/v1/transcode/jobs/${job.id}`)).json()) as TranscodeJob;
      return ['done', 'failed', 'cancelled'].includes(now.state) ? now : undefined;
    }, 'the clip job to finish');
    expect(done).toMatchObject({ state: 'done', progress: 100, error: null, encoder: 'copy' });
    const download = await call('GET', `/api/v1/transcode/jobs/${job.id}/output?download=1`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('Porch 2024-05-01 10.00.04-10.00.10.mp4');
    const file = path.join(dir, 'clip.mp4');
    fs.writeFileSync(file, Buffer.from(await download.arrayBuffer()));
    const info = probe(file);
    expect(Math.abs(Number(info.format.duration) - 5.5)).toBeLessThanOrEqual(1);
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    // the index is at the front (faststart): moov before mdat
    const head = fs
      .readFileSync(file)
      .subarray(0, 64 * 1024)
      .toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(-1);
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'));
    // longer than any one segment: the picture runs on across the boundary at 8 s, and a frame after it decodes
    expect(Number(info.format.duration)).toBeGreaterThan(4.5);
    execFileSync(tools.ffmpeg, ['-v', 'error', '-ss', '5', '-i', file, '-frames:v', '1', '-f', 'null', '-']);
  }, 90_000);

  it('a window without footage is 404 "No footage between …" for the replay, the playlist and a clip', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/v1/cameras/${porch}/replay?${window(100, 200)}`, undefined],
      ['GET', `/api/v1/cameras/${porch}/replay.m3u8?${window(100, 200)}`, undefined],
      ['POST', `/api/v1/cameras/${porch}/clips`, { from: at(100), to: at(200) }],
    ] as const) {
      const res = await call(method, url, body);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { message: string }).message).toBe(`No footage between ${at(100)} and ${at(200)}`);
    }
    // an unknown camera or recording is a 404 too
    expect((await call('GET', `/api/v1/cameras/999/timeline?${window(0, 10)}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/cameras/${porch}/recordings/999/segment.ts`)).status).toBe(404);
  });

  it('the routes are in the OpenAPI document and need a session', async () => {
    const doc = (await (await call('GET', '/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const route of ['timeline', 'replay', 'replay.m3u8', 'recordings/{rid}/segment.ts', 'clips']) {
      expect(Object.keys(doc.paths)).toContain(`/api/v1/cameras/{id}/${route}`);
    }
    const anonymous = await fetch(`${base}/api/v1/cameras/${porch}/replay.m3u8?${window(1, 39)}`);
    expect(anonymous.status).toBe(401);
  });

  it('bad input is a 400 naming the field', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', `/api/v1/cameras/${porch}/replay?from=yesterday&to=${encodeURIComponent(at(10))}`, undefined, 'from:'],
      ['GET', `/api/v1/cameras/${porch}/replay.m3u8?from=${encodeURIComponent(at(0))}&to=soon`, undefined, 'to:'],
      ['GET', `/api/v1/cameras/${porch}/replay.m3u8?from=${encodeURIComponent(at(0))}`, undefined, 'to: required'],
      ['GET', `/api/v1/cameras/${porch}/replay?${window(10, 10)}`, undefined, 'to: must be after from'],
      ['GET', `/api/v1/cameras/${porch}/timeline?${window(10, 5)}`, undefined, 'to: must be after from'],
      ['GET', `/api/v1/cameras/${porch}/replay?${window(0, 25 * 3600)}`, undefined, 'to: the window may be at most 24 h'],
      ['POST', `/api/v1/cameras/${porch}/clips`, { from: at(0), to: at(6 * 3600 + 1) }, 'to: the window may be at most 6 h'],
      ['POST', `/api/v1/cameras/${porch}/clips`, { from: at(8), to: at(2) }, 'to: must be after from'],
      ['POST', `/api/v1/cameras/${porch}/clips`, { from: 'noon', to: at(2) }, 'from:'],
      ['POST', `/api/v1/cameras/${porch}/clips`, { to: at(2) }, 'from'],
      ['GET', `/api/v1/cameras/${porch}/recordings/1/segment.ts?offset=-1`, undefined, 'offset'],
      ['GET', `/api/v1/cameras/${porch}/recordings/1/segment.ts?offset=0&in=4`, undefined, 'in: past the end of recording 1'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await call(method, url, body);
      const text = ((await res.json()) as { message: string }).message;
      expect([res.status, text]).toEqual([400, expect.stringContaining(field)]);
    }
  });

  it('a client that hangs up ends the remux ffmpeg', async () => {
    // a big recording (noise does not compress) so that ffmpeg is still busy, held by the unread response
    const incoming = path.join(dir, 'data', 'recordings', String(garage), '.incoming', 'big.mkv');
    fs.mkdirSync(path.dirname(incoming), { recursive: true });
    execFileSync(tools.ffmpeg, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=10,noise=alls=80:allf=t', '-t', '6',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-g', '10', '-f', 'matroska', incoming,
    ]); // prettier-ignore
    const recording = engine.cctv.index.addClosed(garage, incoming, T0, T0 + 6000)!;
    const file = engine.cctv.index.absolutePath(recording);
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/cameras/${garage}/recordings/${recording.id}/segment.ts?offset=0`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect((await reader.read()).value!.length).toBeGreaterThan(0);
    // not read further: ffmpeg waits, held (stopped) by the full pipe rather than filling the engine's memory
    const [pid] = await waitFor(
      () => {
        const pids = ffmpegPidsMentioning(file);
        return pids.length === 1 && processState(pids[0]) === 'T' ? pids : undefined;
      },
      'the remux to be held by the unread response',
      30_000,
    );
    abort.abort();
    await waitFor(() => !isAlive(pid), 'the remux ffmpeg to end after the client left', 30_000);
    expect(ffmpegPidsMentioning(file)).toEqual([]);
  }, 60_000);

  it('a segment whose file vanished is a 404 for it alone; the playlist skips it', async () => {
    const recordings = engine.cctv.index.between(porch, T0 + 36_000, T0 + 40_000).filter((r) => r.startMs === T0 + 36_000);
    expect(recordings).toHaveLength(1);
    fs.rmSync(engine.cctv.index.absolutePath(recordings[0]));
    const gone = await call('GET', `/api/v1/cameras/${porch}/recordings/${recordings[0].id}/segment.ts?offset=16`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toContain('is gone');
    const playlist = parsePlaylist(await (await call('GET', `/api/v1/cameras/${porch}/replay.m3u8?${window(1, 39)}`)).text());
    expect(playlist.segments.map((s) => s.dateTime)).toEqual([at(0), at(4), at(8), at(32)]);
    expect(playlist.segments.reduce((sum, s) => sum + s.duration, 0)).toBe(16);
  });
});
