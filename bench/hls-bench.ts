/**
 * On-the-fly HLS benchmark (a report, not a test: `npm run bench:hls [-- --runs N]`).
 *
 * Source: a 60 s 1080p25 H.264/AAC file made by ffmpeg, in an MKV (so Chromium's profile needs a remux at least) and
 * capped at 4 Mb/s for the client, so the engine transcodes it to 720p. In one run, each measured --runs times (median):
 *   OURS  — the real engine over HTTP, as a player does it: GET /items/{id}/playback, the master and media playlists,
 *           then segment 0 (time to first segment); then, in a fresh stream, the segment at 50 % (time to a seek).
 *   FLOOR — a plain ffmpeg HLS command with the same encoder settings (`-f hls -hls_time 2`), timed until ffmpeg
 *           lists its first segment; for the seek the same command with `-ss 30`.
 * Goals (issue 5): first segment ≤ 1.0 s and seek ≤ 1.0 s, each within 1.2× of the floor. Prints PASS/FAIL; exits 0.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LibraryItemSummary, PlaybackInfo } from '../app/api/api-types.js';
import { silentLogger } from '../app/core/logger.js';
import { Engine } from '../app/engine.js';
import { videoEncoderArgs } from '../native/hwaccel.js';
import { intOption } from './bench-options.js';

const GOAL_SECONDS = 1.0;
const GOAL_RATIO = 1.2;
const CAP_BPS = 4_000_000;
const SOURCE_SECONDS = 60;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function makeSource(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=25'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(SOURCE_SECONDS)],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '8M', '-pix_fmt', 'yuv420p', '-g', '50'],
    ...['-c:a', 'aac', '-b:a', '160k', file],
  ]);
}

/** Seconds until a plain `ffmpeg -f hls` lists its first segment (the floor: nothing but ffmpeg's own work). */
async function floorFirstSegment(source: string, startSec: number, videoBitrate: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-hls-floor-'));
  const playlist = path.join(dir, 'out.m3u8');
  // the same encoder settings as the engine's CPU path
  const encoder = videoEncoderArgs('software', { bitrate: videoBitrate, maxWidth: 1280, maxHeight: 720 });
  const started = performance.now();
  const ffmpeg = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      ...(startSec ? ['-ss', String(startSec)] : []),
      ...['-i', source, '-map', '0:V:0', '-map', '0:a:0', '-vf', encoder.filter],
      ...encoder.outputArgs,
      ...['-force_key_frames', 'expr:gte(t,n_forced*2)', '-c:a', 'aac', '-b:a', '128000', '-ac', '2'],
      ...['-f', 'hls', '-hls_time', '2', '-hls_playlist_type', 'event', '-hls_segment_filename', `${dir}/s%d.ts`, playlist],
    ],
    { stdio: 'ignore' },
  );
  try {
    for (;;) {
      if (fs.existsSync(playlist) && /\.ts$/m.test(fs.readFileSync(playlist, 'utf8'))) break;
      if (ffmpeg.exitCode !== null) throw new Error(`ffmpeg exited (${ffmpeg.exitCode}) before its first segment`);
      await new Promise((r) => setTimeout(r, 5));
    }
    return (performance.now() - started) / 1000;
  } finally {
    ffmpeg.kill('SIGKILL');
    await new Promise((r) => ffmpeg.once('close', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = intOption('runs', 5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-hls-bench-'));
  const source = path.join(dir, 'media', 'Movies', 'Bench Movie (2024)', 'Bench Movie (2024).mkv');
  console.log(`making the source: ${SOURCE_SECONDS} s of 1080p25 H.264 + AAC …`);
  makeSource(source);

  const engine = await Engine.create({
    dataDir: path.join(dir, 'data'),
    mediaDirs: [path.join(dir, 'media')],
    port: 0,
    adminPassword: 'bench password',
    logger: silentLogger(),
    watch: false,
    scanOnStart: false,
  });
  try {
    const base = (await engine.start()).url.replace(/\/$/, '');
    await engine.library.scan();
    engine.probes.start();
    await engine.probes.idle();
    const token = await engine.issueSessionToken();
    const get = async (url: string) => {
      const res = await fetch(url.startsWith('http') ? url : base + url, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return res;
    };
    const [item] = (await (await get('/api/v1/library/items')).json()) as LibraryItemSummary[];

    /** Seconds from asking for playback to holding the whole first segment the player needs. */
    const ours = async (startSec: number): Promise<{ seconds: number; info: PlaybackInfo }> => {
      const started = performance.now();
      const query = `profile=chromium&maxBitrate=${CAP_BPS}${startSec ? `&start=${startSec}` : ''}`;
      const info = (await (await get(`/api/v1/items/${item.id}/playback?${query}`)).json()) as PlaybackInfo;
      await (await get(info.url)).text();
      await (await get(new URL('media.m3u8', info.url).href)).text();
      await (await get(new URL(`seg/${Math.floor(startSec / 2)}.ts`, info.url).href)).arrayBuffer();
      const seconds = (performance.now() - started) / 1000;
      await fetch(`${base}/api/v1/hls/${info.session!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
      return { seconds, info };
    };

    const warm = await ours(0);
    if (warm.info.method !== 'transcode' || warm.info.video.height !== 720) {
      throw new Error(`expected a transcode to 720p, got ${warm.info.method} ${warm.info.video.height}p`);
    }
    const videoBitrate = warm.info.video.bitrate ?? 3_000_000;
    console.log(
      `decision: ${warm.info.method} → ${warm.info.video.width}x${warm.info.video.height} at ${videoBitrate} b/s (${warm.info.reasons.join(', ')})`,
    );
    await floorFirstSegment(source, 0, videoBitrate);

    const results = {
      first: { ours: [] as number[], floor: [] as number[] },
      seek: { ours: [] as number[], floor: [] as number[] },
    };
    for (let i = 0; i < runs; i++) {
      results.first.ours.push((await ours(0)).seconds);
      results.first.floor.push(await floorFirstSegment(source, 0, videoBitrate));
      results.seek.ours.push((await ours(SOURCE_SECONDS / 2)).seconds);
      results.seek.floor.push(await floorFirstSegment(source, SOURCE_SECONDS / 2, videoBitrate));
    }

    console.log(`\n${runs} runs each, medians (machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'})`);
    for (const [name, r] of Object.entries(results)) {
      const ourMedian = median(r.ours);
      const floorMedian = median(r.floor);
      const ratio = ourMedian / floorMedian;
      const pass = ourMedian <= GOAL_SECONDS && ratio <= GOAL_RATIO;
      const label = name === 'first' ? 'time to first segment' : 'time to a seek at 50 %';
      console.log(
        `${label.padEnd(24)} ours ${ourMedian.toFixed(3)} s   plain ffmpeg ${floorMedian.toFixed(3)} s   ratio ${ratio.toFixed(2)}   ` +
          `goal ≤ ${GOAL_SECONDS} s and ≤ ${GOAL_RATIO}×: ${pass ? 'PASS' : 'FAIL'}`,
      );
      console.log(
        `${''.padEnd(24)} ours runs ${r.ours.map((s) => s.toFixed(3)).join(' ')} | floor runs ${r.floor.map((s) => s.toFixed(3)).join(' ')}`,
      );
    }
  } finally {
    await engine.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
