// On-the-fly HLS against real ffmpeg: segments appear as ffmpeg finishes them, a far request restarts ffmpeg there
// with the same numbering and timestamps, stopping kills ffmpeg and removes the segments, failures are clear.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../e2e/support/processes.js';
import type { ProbeInfo } from '../api/api-types.js';
import { probeFile } from '../../native/ffprobe.js';
import { fixedSegmentPlan, keyframeSegmentPlan, segmentCount } from './hls-plan.js';
import { HlsSession, type HlsSessionOptions } from './hls-session.js';
import { readKeyframes } from './media-tools.js';
import type { PlaybackDecision } from './playback-types.js';

const TRANSCODE: PlaybackDecision = {
  method: 'transcode',
  reasons: [{ code: 'video-codec-not-supported', text: 'test' }],
  container: 'mpegts',
  video: { action: 'transcode', codec: 'h264', width: 320, height: 180, bitrate: 800_000 },
  audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 2, bitrate: 96_000 },
  subtitle: null,
};
const REMUX: PlaybackDecision = {
  ...TRANSCODE,
  method: 'remux',
  video: { action: 'copy', codec: 'h264', width: 640, height: 360, bitrate: null },
  audio: { stream: 1, action: 'copy', codec: 'aac', channels: 1, bitrate: null },
};
const software = { kind: 'software' } as const;

function streamStarts(file: string): number {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v',
    '-show_entries',
    'stream=start_time',
    '-of',
    'default=nw=1:nk=1',
    file,
  ]);
  // MPEG-TS lists the stream again under its program: the first line is enough
  return Number(String(out).trim().split('\n')[0]);
}

describe('HlsSession (real ffmpeg)', () => {
  let dir: string;
  let source: string;
  let probe: ProbeInfo;
  const sessions: HlsSession[] = [];

  function session(overrides: Partial<HlsSessionOptions> = {}): HlsSession {
    const s = new HlsSession({
      id: `t${sessions.length}`,
      dir: path.join(dir, `s${sessions.length}`),
      ffmpeg: 'ffmpeg',
      input: source,
      probe,
      decision: TRANSCODE,
      plan: fixedSegmentPlan(probe.durationSec!),
      encoder: software,
      segmentTimeoutMs: 60_000,
      ...overrides,
    });
    sessions.push(s);
    return s;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-hls-'));
    source = path.join(dir, 'source.mkv');
    // 20 s, a keyframe every 25 frames (1 s): the remux plan has real choices to make
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440'],
      ...['-t', '20', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p', '-c:a', 'aac', source],
    ]);
    probe = await probeFile('ffprobe', source);
  });

  afterAll(async () => {
    await Promise.all(sessions.map((s) => s.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes the first segment, then restarts ffmpeg at a far segment with the same numbering and source timestamps', async () => {
    const s = session();
    expect(s.segmentCount).toBe(10);
    const first = await s.segment(0);
    expect(fs.statSync(first).size).toBeGreaterThan(1000);
    const firstPid = s.state.pid;
    expect(s.state.runStart).toBe(0);

    const far = await s.segment(7);
    expect(s.state.runStart).toBe(7);
    expect(s.state.pid).not.toBe(firstPid);
    if (firstPid) expect(isAlive(firstPid)).toBe(false);
    // segment 7 starts 14 s after segment 0 in stream time, as it would in one long run
    expect(streamStarts(far) - streamStarts(first)).toBeCloseTo(14, 2);
    // the next one comes from the same run
    await s.segment(8);
    expect(s.state.runStart).toBe(7);
    // an earlier, finished segment is still served without a restart
    expect(await s.segment(0)).toBe(first);
    expect(s.state.runStart).toBe(7);
  });

  it('stopping kills ffmpeg and removes every segment', async () => {
    const s = session();
    await s.segment(0);
    const pid = s.state.pid!;
    expect(isAlive(pid) || s.state.segmentsReady === 10).toBe(true);
    const folder = path.join(dir, `s${sessions.length - 1}`);
    expect(fs.existsSync(folder)).toBe(true);
    await s.stop();
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(folder)).toBe(false);
    await expect(s.segment(1)).rejects.toThrow(/stopped/);
  });

  it('pauses ffmpeg far ahead of the player and wakes it when the player asks further', async () => {
    const s = session({ maxAheadSegments: 2 });
    await s.segment(0);
    await expect.poll(() => s.state.paused, { timeout: 20_000 }).toBe(true);
    const pausedAt = s.state.segmentsReady;
    expect(pausedAt).toBeLessThan(10);
    await s.segment(pausedAt + 1);
    expect(s.state.segmentsReady).toBeGreaterThan(pausedAt);
  });

  it('a remux cuts on the source keyframes and copies the video', async () => {
    const keyframes = await readKeyframes('ffprobe', source);
    expect(keyframes.length).toBe(20);
    const plan = keyframeSegmentPlan(keyframes, probe.durationSec!);
    expect(segmentCount(plan)).toBe(10);
    const s = session({ decision: REMUX, plan });
    const seg = await s.segment(5);
    expect(plan.boundaries[5]).toBeCloseTo(10, 1);
    expect(streamStarts(seg) - 2.4).toBeCloseTo(plan.boundaries[5], 2);
    const codec = String(
      execFileSync('ffprobe', [
        '-v',
        'error',
        '-select_streams',
        'v',
        '-show_entries',
        'stream=width',
        '-of',
        'default=nw=1:nk=1',
        seg,
      ]),
    );
    expect(codec.trim().split('\n')[0]).toBe('640');
  });

  it('falls back to the CPU when the hardware encoder fails', async () => {
    // a VAAPI device that isn't there fails at once, as a broken driver would
    const s = session({ encoder: { kind: 'vaapi', device: path.join(dir, 'no-render-node') }, fallbackEncoder: software });
    await s.segment(0);
    expect(s.state.encoder).toBe('software');
  });

  it('burns a chosen text subtitle into the picture, also in a run that starts after a seek', async () => {
    const subbed = path.join(dir, 'subbed.mkv');
    const srt = path.join(dir, 'big.srt');
    fs.writeFileSync(srt, '1\n00:00:00,000 --> 00:00:20,000\nBURNT IN SUBTITLE TEXT\n');
    execFileSync('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=black:size=320x180:rate=25', '-i', srt, '-t', '8'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:s', 'srt', subbed],
    ]);
    const subProbe = await probeFile('ffprobe', subbed);
    const plain: PlaybackDecision = { ...TRANSCODE, audio: null };
    const burnt: PlaybackDecision = { ...plain, subtitle: { stream: subProbe.subtitles[0].index, delivery: 'burn' } };
    const frame = async (decision: PlaybackDecision, index: number) => {
      const s = session({ input: subbed, probe: subProbe, decision, plan: fixedSegmentPlan(subProbe.durationSec!) });
      const seg = await s.segment(index);
      // one decoded frame in grey levels: black everywhere, unless text was drawn on it
      return execFileSync('ffmpeg', ['-v', 'error', '-i', seg, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
    };
    const lit = (pixels: Buffer) => pixels.filter((v) => v > 128).length;
    expect(lit(await frame(plain, 0))).toBe(0);
    expect(lit(await frame(burnt, 0))).toBeGreaterThan(50);
    expect(lit(await frame(burnt, 3))).toBeGreaterThan(50);
  });

  it('an engine that dies outright (SIGKILL) leaves no ffmpeg behind', async () => {
    // a separate process hosts the session, as the engine does; its ffmpeg is held (throttled), so it is still alive
    const script = `
      import { HlsSession } from './app/stream/hls-session.ts';
      import { fixedSegmentPlan } from './app/stream/hls-plan.ts';
      const [input, dir, probe, decision] = JSON.parse(process.argv[1]);
      const s = new HlsSession({ id: 'child', dir, ffmpeg: 'ffmpeg', input, probe, decision,
        plan: fixedSegmentPlan(probe.durationSec), encoder: { kind: 'software' }, maxAheadSegments: 1 });
      await s.segment(0);
      console.log('PID ' + s.state.pid);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
        JSON.stringify([source, path.join(dir, 'child'), probe, TRANSCODE]),
      ],
      {
        cwd: path.resolve(__dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    await expect.poll(() => /PID (\d+)/.exec(out)?.[1], { timeout: 30_000 }).toBeDefined();
    const pid = Number(/PID (\d+)/.exec(out)![1]);
    expect(isAlive(pid)).toBe(true);
    child.kill('SIGKILL');
    await expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);
  });

  it('a missing ffmpeg, a segment out of range and an unreadable file give clear errors', async () => {
    await expect(session({ ffmpeg: path.join(dir, 'no-ffmpeg') }).segment(0)).rejects.toThrow(/ffmpeg not found/);
    await expect(session().segment(10)).rejects.toThrow(/No segment 10: this stream has 10/);
    const broken = path.join(dir, 'broken.mkv');
    fs.writeFileSync(broken, fs.readFileSync(source).subarray(0, 4096));
    await expect(session({ input: broken }).segment(3)).rejects.toThrow(/Transcoding failed|truncated/);
  });
});
