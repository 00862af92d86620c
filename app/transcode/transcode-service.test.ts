import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, TranscodeJob } from '../api/api-types.js';
import { openDatabase, type Db } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { UserError } from '../core/user-error.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { TranscodeService, type TranscodeServiceDeps } from './transcode-service.js';
import {
  makeAudioOnly,
  makeCrashingFfmpeg,
  makeGarbage,
  makeTruncated,
  makeVideo,
  tempDir,
  waitFor,
} from './transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();
const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** A service on a real temp SQLite database, with its own events. */
function harness(dir: string, name: string, over: Partial<TranscodeServiceDeps> = {}) {
  const db: Db = openDatabase(path.join(dir, `${name}.db`));
  const bus = new EventBus();
  const events: EngineEvent[] = [];
  bus.subscribe((e) => events.push(e));
  const service = new TranscodeService({
    db,
    bus,
    log: silentLogger(),
    ffmpeg: tools,
    outputDir: path.join(dir, `${name}-out`),
    progressIntervalMs: 100,
    ...over,
  });
  service.start();
  const finished = (id: number) =>
    waitFor(() => {
      const job = service.get(id);
      return job && FINISHED.has(job.state) ? job : undefined;
    }, `job ${id} to finish`);
  const close = async () => {
    await service.stop();
    db.close();
  };
  return { service, events, finished, close, db };
}

function streams(file: string): string {
  return execFileSync(tools.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', file], {
    encoding: 'utf8',
  }).trim();
}

describe('TranscodeService with real ffmpeg and SQLite', () => {
  let dir: string;
  let source: string;
  let h: ReturnType<typeof harness>;

  beforeAll(() => {
    dir = tempDir('transcode-service');
    source = makeVideo(path.join(dir, 'media', 'Sample Movie (2020).mp4'), { seconds: 6, size: '480x270' });
    h = harness(dir, 'main');
  });

  afterAll(async () => {
    await h?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mobile-720p: queued → running → done; an H.264/AAC MP4 with its index first, progress events, no .part left', async () => {
    const before = fs.readFileSync(source);
    const job = h.service.create({ sourcePath: source, profile: 'mobile-720p' });
    expect(job).toMatchObject({ state: 'queued', progress: 0, sourceName: 'Sample Movie (2020).mp4', fileId: null });
    expect(job.outputPath).toBe(path.join(dir, 'main-out', `${job.id}-Sample.Movie.2020-mobile-720p.mp4`));
    const done = await h.finished(job.id);
    expect(done).toMatchObject({ state: 'done', progress: 100, error: null, encoder: 'libx264' });
    expect(done.size).toBe(fs.statSync(done.outputPath).size);
    expect(streams(done.outputPath)).toBe('h264,480,270\naac');
    const probe = await probeFile(tools.ffprobe, done.outputPath);
    expect(probe.container).toContain('mp4');
    expect(probe.durationSec).toBeCloseTo(6, 0);
    const bytes = fs.readFileSync(done.outputPath);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(fs.existsSync(done.outputPath + '.part')).toBe(false);
    expect(fs.readFileSync(source).equals(before)).toBe(true);
    const states = h.events
      .filter(
        (e): e is Extract<EngineEvent, { type: 'transcode.changed' }> => e.type === 'transcode.changed' && e.job.id === job.id,
      )
      .map((e) => e.job.state);
    expect(states[0]).toBe('queued');
    expect(states).toContain('running');
    expect(states.at(-1)).toBe('done');
  });

  it('clip export: offset + duration give a clip that long; telegram keeps it small and within 720p', async () => {
    const job = h.service.create({ sourcePath: source, profile: 'telegram', offsetSec: 2, durationSec: 2.5 });
    expect(job.outputPath).toMatch(/-clip-2s-telegram\.mp4$/);
    const done = await h.finished(job.id);
    expect(done.state).toBe('done');
    const probe = await probeFile(tools.ffprobe, done.outputPath);
    expect(probe.durationSec).toBeGreaterThan(2.3);
    expect(probe.durationSec).toBeLessThan(2.7);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 480, height: 270 });
    expect(done.size).toBeLessThan(50_000_000);
  });

  it('refuses bad requests at once with the field named', () => {
    const attempt = (input: Parameters<TranscodeService['create']>[0]) => {
      try {
        h.service.create(input);
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(attempt({ sourcePath: source, profile: 'vhs' })).toBe(
      'profile: Unknown transcode profile "vhs"; known: telegram, mobile-720p',
    );
    expect(attempt({ sourcePath: source, profile: 'telegram', offsetSec: -1 })).toMatch(/^offsetSec: /);
    expect(attempt({ sourcePath: source, profile: 'telegram', durationSec: 0 })).toMatch(/^durationSec: /);
    expect(attempt({ sourcePath: path.join(dir, 'missing.mkv'), profile: 'telegram' })).toBe(
      `The source file does not exist: ${path.join(dir, 'missing.mkv')}`,
    );
    expect(attempt({ sourcePath: dir, profile: 'telegram' })).toMatch(/does not exist/);
    expect(attempt({ sourcePath: source, profile: 'telegram', outputDir: 'relative/dir' })).toMatch(/^outputDir: /);
    // with the library's probe at hand, hopeless requests fail before any job exists
    const known = { container: 'mp4', durationSec: 6, bitRate: null, video: null, audio: [], subtitles: [] };
    expect(attempt({ sourcePath: source, profile: 'telegram', probe: known })).toMatch(/no video stream/);
    const count = h.service.list().length;
    expect(attempt({ sourcePath: source, profile: 'telegram', offsetSec: 9, probe: { ...known, video: {} as never } })).toBe(
      'The clip starts at 0:09 but the video is only 0:06 long',
    );
    expect(h.service.list()).toHaveLength(count);
  });

  it('bad sources fail as jobs with a clear error, the source untouched and the queue still working', async () => {
    const audio = makeAudioOnly(path.join(dir, 'media', 'song.m4a'));
    const cut = makeTruncated(makeVideo(path.join(dir, 'whole.mp4'), { faststart: false }), path.join(dir, 'media', 'cut.mp4'));
    const noise = makeGarbage(path.join(dir, 'media', 'noise.mkv'));
    const cases: Array<[string, Partial<Parameters<TranscodeService['create']>[0]>, RegExp]> = [
      [audio, {}, /^This file has no video stream \(only audio\)/],
      [cut, {}, /^Can't read the source: ffprobe could not read the file: .*(moov atom not found|Invalid data)/],
      [noise, {}, /^Can't read the source: ffprobe could not read the file: .*Invalid data/],
      [source, { offsetSec: 60 }, /^The clip starts at 1:00 but the video is only 0:06 long$/],
    ];
    const jobs = cases.map(([file, extra]) => h.service.create({ sourcePath: file, profile: 'mobile-720p', ...extra }));
    for (const [i, job] of jobs.entries()) {
      const failed = await h.finished(job.id);
      expect(failed.state, cases[i][0]).toBe('failed');
      expect(failed.error, cases[i][0]).toMatch(cases[i][2]);
      expect(fs.existsSync(failed.outputPath)).toBe(false);
      expect(fs.existsSync(failed.outputPath + '.part')).toBe(false);
    }
    expect(fs.statSync(noise).size).toBe(64 * 1024);
    const after = h.service.create({ sourcePath: source, profile: 'mobile-720p', durationSec: 1 });
    expect((await h.finished(after.id)).state).toBe('done');
  });

  it('removing a finished job deletes its result and says so on the bus', async () => {
    const job = h.service.create({ sourcePath: source, profile: 'mobile-720p', durationSec: 1 });
    const done = await h.finished(job.id);
    expect(fs.existsSync(done.outputPath)).toBe(true);
    expect(h.service.outputFile(job.id)).toBe(done.outputPath);
    await expect(h.service.cancel(job.id)).rejects.toThrow(`Job ${job.id} has already finished; remove it instead`);
    await h.service.remove(job.id);
    expect(fs.existsSync(done.outputPath)).toBe(false);
    expect(fs.existsSync(source)).toBe(true);
    expect(h.service.get(job.id)).toBeNull();
    expect(h.events.at(-1)).toEqual({ type: 'transcode.removed', id: job.id });
    await expect(h.service.remove(job.id)).rejects.toThrow(`No transcode job ${job.id}`);
  });

  it('a result never overwrites a file already in the output folder', async () => {
    const out = path.join(dir, 'clips');
    const first = h.service.create({ sourcePath: source, profile: 'mobile-720p', durationSec: 1, outputDir: out });
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(first.outputPath, 'somebody else’s file');
    const done = await h.finished(first.id);
    expect(done.outputPath).toBe(first.outputPath.replace(/\.mp4$/, ' (2).mp4'));
    expect(fs.readFileSync(first.outputPath, 'utf8')).toBe('somebody else’s file');
    expect(streams(done.outputPath)).toMatch(/^h264/);
  });
});

describe('TranscodeService when ffmpeg is missing or crashes', () => {
  let dir: string;
  let source: string;
  beforeAll(() => {
    dir = tempDir('transcode-broken');
    source = makeVideo(path.join(dir, 'clip.mp4'), { seconds: 2 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('missing: the job fails saying so (and what to do)', async () => {
    const missing = path.join(dir, 'no-ffmpeg');
    const h = harness(dir, 'missing', { ffmpeg: { ffmpeg: missing, ffprobe: tools.ffprobe } });
    try {
      const job: TranscodeJob = await h.finished(h.service.create({ sourcePath: source, profile: 'telegram' }).id);
      expect(job.state).toBe('failed');
      expect(job.error).toBe(`ffmpeg failed: ffmpeg not found (${missing}); install ffmpeg or set FFMPEG_PATH`);
      expect((await h.service.hwaccel()).best).toBe('software');
    } finally {
      await h.close();
    }
  });

  it('crashing: the job fails with how ffmpeg ended, and the next job is still taken', async () => {
    const h = harness(dir, 'crash', { ffmpeg: { ffmpeg: makeCrashingFfmpeg(dir), ffprobe: tools.ffprobe } });
    try {
      const a = h.service.create({ sourcePath: source, profile: 'telegram' });
      const b = h.service.create({ sourcePath: source, profile: 'mobile-720p' });
      expect(await h.finished(a.id)).toMatchObject({ state: 'failed', error: 'ffmpeg failed: ffmpeg was stopped by SIGSEGV' });
      expect(await h.finished(b.id)).toMatchObject({ state: 'failed', error: 'ffmpeg failed: ffmpeg was stopped by SIGSEGV' });
    } finally {
      await h.close();
    }
  });
});
