/**
 * The two ffmpeg chores a playback needs besides the stream itself: the video's keyframe times (a remux may only cut
 * there) and a text subtitle as WebVTT (what browsers show beside the video). Results are cached per file version.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HlsError } from './hls-session.js';

function run(tool: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        reject(new HlsError(`${path.basename(tool)} not found (${tool}); install ffmpeg or set FFMPEG_PATH`));
      else if (err.killed) reject(new HlsError(`${path.basename(tool)} took longer than ${timeoutMs / 1000} s`));
      else reject(new HlsError(stderr.trim().split('\n').pop() || err.message));
    });
  });
}

/** Seconds of every video keyframe, read from the packets (no decoding: a 2 GB film takes seconds). */
export async function readKeyframes(ffprobe: string, file: string, timeoutMs = 120_000): Promise<number[]> {
  const out = await run(
    ffprobe,
    ['-v', 'error', '-select_streams', 'V:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', '--', file],
    timeoutMs,
  );
  const times: number[] = [];
  for (const line of out.split('\n')) {
    const [time, flags] = line.split(',');
    if (flags?.includes('K')) {
      const t = Number(time);
      if (Number.isFinite(t)) times.push(t);
    }
  }
  return times;
}

export class MediaTools {
  private readonly keyframes = new Map<string, Promise<number[]>>();

  constructor(
    private readonly tools: { ffmpeg: string; ffprobe: string },
    /** data/cache/derived: subtitles and thumbnails made from library files */
    private readonly cacheDir: string,
  ) {}

  /** The keyframes of a file, read once per file version. */
  keyframesOf(file: string): Promise<number[]> {
    const key = versionKey(file);
    let pending = this.keyframes.get(key);
    if (!pending) {
      pending = readKeyframes(this.tools.ffprobe, file);
      pending.catch(() => this.keyframes.delete(key));
      this.keyframes.set(key, pending);
    }
    return pending;
  }

  /** A text subtitle stream as a WebVTT file (converted once per file version). */
  subtitleVtt(file: string, stream: number): Promise<string> {
    return this.derived(file, `${stream}.vtt`, ['-i', file, '-map', `0:${stream}`, '-f', 'webvtt']);
  }

  /** A text subtitle stream as SubRip, what DLNA TVs take (converted once per file version). */
  subtitleSrt(file: string, stream: number): Promise<string> {
    return this.derived(file, `${stream}.srt`, ['-i', file, '-map', `0:${stream}`, '-f', 'srt']);
  }

  /**
   * A 160-pixel-wide JPEG of the picture a tenth of the way in (past opening titles), for TVs' browse lists
   * (DLNA's JPEG_TN allows up to 160×160). Made once per file version.
   */
  thumbnailJpeg(file: string, durationSec: number | null): Promise<string> {
    const at = durationSec && durationSec > 0 ? Math.min(durationSec * 0.1, 300) : 0;
    return this.derived(file, 'thumb.jpg', [
      ...['-ss', at.toFixed(2), '-i', file, '-map', '0:V:0', '-frames:v', '1'],
      ...['-vf', 'scale=160:160:force_original_aspect_ratio=decrease', '-q:v', '4', '-f', 'mjpeg'],
    ]);
  }

  /** A file ffmpeg derives from a library file, cached under a name tied to that file's version. */
  private async derived(file: string, suffix: string, ffmpegArgs: string[]): Promise<string> {
    const target = path.join(this.cacheDir, `${hashKey(versionKey(file))}-${suffix}`);
    if (fs.existsSync(target)) return target;
    await fs.promises.mkdir(this.cacheDir, { recursive: true });
    const partial = `${target}.${process.pid}.part`;
    await run(this.tools.ffmpeg, ['-v', 'error', '-nostdin', '-y', ...ffmpegArgs, partial], 120_000);
    await fs.promises.rename(partial, target);
    return target;
  }
}

function versionKey(file: string): string {
  const stat = fs.statSync(file);
  return `${file}\0${stat.size}\0${stat.mtimeMs}`;
}

const hashKey = (key: string) => crypto.createHash('sha1').update(key).digest('hex').slice(0, 20);
