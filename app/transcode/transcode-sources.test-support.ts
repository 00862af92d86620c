// Real sources for the transcode tests, made by ffmpeg (test pattern + tone, libx264 ultrafast): small and quick.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface SourceOptions {
  seconds?: number;
  size?: string;
  rate?: number;
  /** index at the front (default) or at the end, as a camera or a plain ffmpeg run writes it */
  faststart?: boolean;
  /** 0 = no audio track */
  audioChannels?: number;
}

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args], { stdio: 'pipe' });
}

/** An H.264/AAC MP4 with a moving test pattern and a tone. */
export function makeVideo(file: string, opts: SourceOptions = {}): string {
  const { seconds = 4, size = '320x180', rate = 25, faststart = true, audioChannels = 2 } = opts;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const audioIn = audioChannels > 0 ? ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'] : [];
  const audioOut = audioChannels > 0 ? ['-c:a', 'aac', '-b:a', '64k', '-ac', String(audioChannels)] : ['-an'];
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc=size=${size}:rate=${rate}`,
    ...audioIn,
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(rate * 2),
    ...audioOut,
    ...(faststart ? ['-movflags', '+faststart'] : []),
    file,
  ]);
  return file;
}

/** An audio-only file (what a transcode to video must refuse with a clear error). */
export function makeAudioOnly(file: string, seconds = 3): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=330:sample_rate=48000',
    '-t',
    String(seconds),
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    file,
  ]);
  return file;
}

/** The first `fraction` of a file's bytes: a download or a recording cut short. */
export function makeTruncated(src: string, dst: string, fraction = 0.5): string {
  const bytes = fs.readFileSync(src);
  fs.writeFileSync(dst, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return dst;
}

/** A "video" that is noise from start to end. */
export function makeGarbage(file: string, bytes = 64 * 1024): string {
  let seed = 7;
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = seed & 0xff;
  }
  fs.writeFileSync(file, data);
  return file;
}

/** A stand-in ffmpeg that crashes (SIGSEGV) the moment it starts. */
export function makeCrashingFfmpeg(dir: string): string {
  const file = path.join(dir, 'crashing-ffmpeg');
  fs.writeFileSync(file, '#!/bin/sh\nkill -SEGV $$\n', { mode: 0o755 });
  return file;
}

type Pending = undefined | null | false;

/** Polls `check` until it returns a value (not undefined/null/false) or the time is up. */
export async function waitFor<T>(check: () => T | Pending | Promise<T | Pending>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export { tempDir } from '../../e2e/support/media-fixtures.js';
