import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { UserError } from '../core/user-error.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { readSegmentList, writeSegmentList } from './segment-list.js';
import { buildSegmentCopyCommand } from './transcode-args.js';
import { TranscodeService } from './transcode-service.js';
import { makeVideo, tempDir, waitFor } from './transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();

describe('segment lists: the source of a camera clip', () => {
  it('writes ffconcat with the first and last segment cut, and reads it back (quotes included)', () => {
    const segments = [
      { file: '/rec/1/2024-05-01/10-00-00.mkv', inSec: 2.5, outSec: null },
      { file: '/rec/1/2024-05-01/10-00-04.mkv', inSec: null, outSec: null },
      { file: "/rec/it's/10-00-08.mkv", inSec: null, outSec: 1.25 },
    ];
    const text = writeSegmentList(segments);
    expect(text).toBe(
      [
        'ffconcat version 1.0',
        "file '/rec/1/2024-05-01/10-00-00.mkv'",
        'inpoint 2.5',
        "file '/rec/1/2024-05-01/10-00-04.mkv'",
        "file '/rec/it'\\''s/10-00-08.mkv'",
        'outpoint 1.25',
        '',
      ].join('\n'),
    );
    expect(readSegmentList(text)).toEqual(segments);
    expect(readSegmentList('file x.mkv')).toBeNull();
    expect(() => writeSegmentList([])).toThrow();
    expect(() => writeSegmentList([{ file: 'relative.mkv', inSec: null, outSec: null }])).toThrow();
  });

  it('copies the video, encodes the sound to AAC (or leaves it out), faststart MP4', () => {
    const video = { codec: 'h264', profile: null, width: 320, height: 180, frameRate: 25, pixelFormat: null, bitDepth: null };
    const probe = { container: 'matroska', durationSec: 4, bitRate: null, video, audio: [], subtitles: [] };
    const built = buildSegmentCopyCommand(
      { listPath: '/c/clip.ffconcat', outputPath: '/o/clip.mp4.part', durationSec: 8 },
      probe,
    );
    expect(built.ok && built.value.args.join(' ')).toContain(
      '-f concat -safe 0 -i /c/clip.ffconcat -map 0:v:0 -c:v copy -an -sn -dn',
    );
    expect(built.ok && built.value.args.slice(-5)).toEqual(['-movflags', '+faststart', '-f', 'mp4', '/o/clip.mp4.part']);
    const hevc = buildSegmentCopyCommand(
      { listPath: '/c/l.ffconcat', outputPath: '/o/x.mp4', durationSec: 8 },
      { ...probe, video: { ...video, codec: 'hevc' }, audio: [{ index: 1, codec: 'pcm_mulaw' } as never] },
    );
    expect(hevc.ok && hevc.value.args.join(' ')).toContain('-c:v copy -tag:v hvc1 -map 0:a:0 -c:a aac');
    expect(buildSegmentCopyCommand({ listPath: 'l', outputPath: 'o', durationSec: 1 }, { ...probe, video: null })).toEqual({
      ok: false,
      error: 'The recording has no video stream',
    });
  });
});

describe('TranscodeService.createSegmentClip with real ffmpeg and SQLite', () => {
  let dir: string;
  let db: Db;
  let service: TranscodeService;
  let parts: string[];

  beforeAll(() => {
    dir = tempDir('segment-clip');
    db = openDatabase(path.join(dir, 'racoon.db'));
    service = new TranscodeService({
      db,
      bus: new EventBus(),
      log: silentLogger(),
      ffmpeg: tools,
      outputDir: path.join(dir, 'out'),
    });
    service.start();
    parts = [0, 1, 2].map((i) =>
      makeVideo(path.join(dir, 'rec', `part ${i}.mkv`), { seconds: 4, size: '160x90', faststart: false }),
    );
  });

  afterAll(async () => {
    await service.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const finished = (id: number) =>
    waitFor(() => {
      const job = service.get(id);
      return job && ['done', 'failed', 'cancelled'].includes(job.state) ? job : undefined;
    }, `job ${id}`);

  it('joins the segments into one MP4 named after the clip; removing the job removes its list and result', async () => {
    const job = service.createSegmentClip({
      title: 'Porch: 2024/05/01 10.00.02-10.00.11',
      segments: [
        // keyframes every 2 s: a copy starts at the one at or before 2.5 s
        { file: parts[0], inSec: 2.5, outSec: null },
        { file: parts[1], inSec: null, outSec: null },
        { file: parts[2], inSec: null, outSec: 3 },
      ],
      durationSec: 8.5,
    });
    // no path separators or colons from the title reach the file system
    expect(job).toMatchObject({ profile: 'camera-clip', sourceName: 'Porch- 2024-05-01 10.00.02-10.00.11', durationSec: 8.5 });
    expect(job.outputPath).toBe(path.join(dir, 'out', 'Porch- 2024-05-01 10.00.02-10.00.11.mp4'));
    // the same clip asked for again while the first is queued gets its own file
    const twin = service.createSegmentClip({
      title: 'Porch: 2024/05/01 10.00.02-10.00.11',
      segments: [{ file: parts[0], inSec: null, outSec: null }],
      durationSec: 4,
    });
    expect(twin.outputPath).toBe(path.join(dir, 'out', `Porch- 2024-05-01 10.00.02-10.00.11 (${twin.id}).mp4`));

    const done = await finished(job.id);
    expect(done).toMatchObject({ state: 'done', encoder: 'copy', progress: 100 });
    const seconds = Number(
      execFileSync(tools.ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', done.outputPath], {
        encoding: 'utf8',
      }),
    );
    expect(Math.abs(seconds - 8.5)).toBeLessThanOrEqual(1);
    await finished(twin.id);
    const list = job.sourcePath;
    expect(fs.existsSync(list)).toBe(true);
    await service.remove(job.id);
    expect(fs.existsSync(list)).toBe(false);
    expect(fs.existsSync(done.outputPath)).toBe(false);
    // the segments themselves are only ever read
    for (const part of parts) expect(fs.existsSync(part)).toBe(true);
  }, 60_000);

  it('a recording gone before the job runs fails it in words; one gone before it is asked for is a UserError', async () => {
    const doomed = makeVideo(path.join(dir, 'rec', 'doomed.mkv'), { seconds: 2, size: '160x90', faststart: false });
    expect(() =>
      service.createSegmentClip({
        title: 'x',
        segments: [{ file: path.join(dir, 'nope.mkv'), inSec: null, outSec: null }],
        durationSec: 1,
      }),
    ).toThrow(UserError);
    await service.updateSettings({ workers: 1 });
    // a long job first so the clip waits in the queue while its recording is deleted
    const blocker = service.create({
      sourcePath: makeVideo(path.join(dir, 'long.mp4'), { seconds: 20 }),
      profile: 'mobile-720p',
    });
    const job = service.createSegmentClip({
      title: 'Doomed',
      segments: [{ file: doomed, inSec: null, outSec: null }],
      durationSec: 2,
    });
    fs.rmSync(doomed);
    await service.cancel(blocker.id);
    const failed = await finished(job.id);
    expect(failed.state).toBe('failed');
    expect(failed.error).toBe("1 of the clip's 1 recordings are gone (retention?): doomed.mkv");
  }, 60_000);
});
