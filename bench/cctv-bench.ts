/**
 * Camera recording benchmark (a report, not a test: `npm run bench:cctv [-- --cameras 8 --seconds 60]`).
 *
 * --cameras simulated 1080p25 cameras: GStreamer RTSP servers on 127.0.0.1 (e2e/support/rtsp-camera.py --file) each
 * serving, in real time and without encoding, one H.264 file made by ffmpeg beforehand. Then, in one run:
 *   1. BASELINE — the camera service running with no camera, for --seconds: what the engine's Node process spends
 *      anyway (timers, GC). Reported on its own line, and the only thing taken off ours.
 *   2. RECORDING — for --seconds, at the same time and from the same cameras (the simulator serves every client the same
 *      packets), so both sides see the same streams and the same load on a shared machine:
 *      REFERENCE: one plain `ffmpeg -rtsp_transport tcp -i URL -c copy -f segment -segment_time 10 …` per camera, the
 *      command a user would type (ffmpeg's default stream choice: the video and the audio, as ours records);
 *      OURS: CctvService (continuous mode, 10 s segments indexed in SQLite as they close), one ffmpeg per camera.
 * CPU time: utime+stime of every recording ffmpeg from /proc/<pid>/stat, all read at the same moment just before they
 * are stopped, plus for ours the Node process hosting the service over the window (process.cpuUsage; the bench's own
 * spawning of the reference is measured and not counted). The RTSP servers are counted on neither side.
 * Goal (issue 7): ours ≤ 1.1× the reference. Prints the parts, the ratio and PASS/FAIL; exits 0 when it could measure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase } from '../app/core/database.js';
import { EncryptedFileSecretStore } from '../app/core/secret-store.js';
import { CctvService } from '../app/cctv/cctv-service.js';
import { resolveFfmpegPaths } from '../native/ffmpeg-paths.js';
import { ffmpegPidsMentioning } from '../e2e/support/processes.js';
import { startRtspCamera, type RtspCamera } from '../e2e/support/rtsp-camera.js';
import { intOption } from './bench-options.js';

const GOAL_RATIO = 1.1;
const TICKS = 100; // USER_HZ on Linux
/** how long before the window ends the running recorders are listed (a restart in between shows as changed ids) */
const PID_CHECK_AFTER_MS = 15_000;

/** CPU seconds (user + system) a process has used so far, from /proc (0 when it is gone). */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime, stime
  } catch {
    return 0;
  }
}

/** CPU seconds this Node process used while `work` ran (every thread: JS, GC, libuv). */
async function nodeCpuDuring(work: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const spread = (values: number[]) =>
  values.length ? `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)} s each` : 'none';

/** "video h264 1920x1080" for each stream of a recorded file: shows both sides kept the same tracks. */
function streamsOf(ffprobe: string, file: string | undefined): string {
  if (!file) return 'no file';
  const out = execFileSync(ffprobe, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height',
    '-of',
    'json',
    file,
  ]);
  const { streams = [] } = JSON.parse(out.toString()) as {
    streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[];
  };
  return streams.map((s) => [s.codec_type, s.codec_name, s.width ? `${s.width}x${s.height}` : ''].join(' ').trim()).join(' + ');
}

/** The first .mkv found under `dir` (depth-first), for streamsOf. */
function firstSegment(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.mkv')) return full;
    if (entry.isDirectory()) {
      const found = firstSegment(full);
      if (found) return found;
    }
  }
  return undefined;
}

function makeClip(ffmpeg: string, file: string, seconds: number): void {
  execFileSync(ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '4M', '-g', '50', '-pix_fmt', 'yuv420p'],
    ...['-movflags', '+faststart', file],
  ]);
}

/** The plain command a user would type to record a camera into 10 s segments. */
function startReference(ffmpeg: string, url: string, out: string): ChildProcess {
  fs.mkdirSync(out, { recursive: true });
  return spawn(
    ffmpeg,
    [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', url],
      ...['-c', 'copy', '-f', 'segment', '-segment_time', '10', '-reset_timestamps', '1'],
      ...['-segment_list', path.join(out, 'list.csv'), '-segment_list_type', 'csv', path.join(out, '%06d.mkv')],
    ],
    { stdio: 'ignore' },
  );
}

async function main(): Promise<void> {
  const count = intOption('cameras', 8);
  const seconds = intOption('seconds', 60);
  const tools = resolveFfmpegPaths();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-cctv-bench-'));
  const clip = path.join(dir, 'camera-1080p.mp4');
  console.log(`making a ${seconds + 40} s 1080p25 H.264 clip for the simulated cameras …`);
  makeClip(tools.ffmpeg, clip, seconds + 40);
  const cameras: RtspCamera[] = [];
  const reference: ChildProcess[] = [];
  const db = openDatabase(path.join(dir, 'racoon.db'));
  const recordingsDir = path.join(dir, 'recordings');
  const service = new CctvService({
    db,
    secrets: new EncryptedFileSecretStore(dir),
    recordingsDir,
    ffmpeg: tools,
    log: pino({ level: 'silent' }),
  });
  let stopped = false;
  try {
    for (let i = 0; i < count; i++) cameras.push(await startRtspCamera({ file: clip, mount: `/cam${i}` }));
    await service.start();
    await sleep(2000); // let start-up work (first retention pass, lazy compilation) settle

    console.log(`baseline: the camera service with no camera for ${seconds} s …`);
    const baselineNode = await nodeCpuDuring(() => sleep(seconds * 1000));

    console.log(`recording ${count} cameras for ${seconds} s with Racoon and with plain ffmpeg, at the same time …`);
    const refDir = path.join(dir, 'reference');
    let spawnCpu = 0;
    let pidsEarly: number[] = [];
    const hostCpu = await nodeCpuDuring(async () => {
      const windowEnd = Date.now() + seconds * 1000;
      for (const [i, camera] of cameras.entries()) {
        await service.add({ name: `Camera ${i}`, url: camera.url, mode: 'continuous' });
      }
      spawnCpu = await nodeCpuDuring(() => {
        for (const [i, camera] of cameras.entries())
          reference.push(startReference(tools.ffmpeg, camera.url, path.join(refDir, String(i))));
      });
      await sleep(Math.min(PID_CHECK_AFTER_MS, seconds * 500));
      pidsEarly = ffmpegPidsMentioning(recordingsDir).sort();
      await sleep(windowEnd - Date.now());
    });
    // every process read at the same moment, before any is stopped
    const oursPids = ffmpegPidsMentioning(recordingsDir).sort();
    const oursEach = oursPids.map(cpuSeconds);
    const referenceEach = reference.map((p) => (p.exitCode === null ? cpuSeconds(p.pid!) : 0));
    const referenceExited = reference.filter((p) => p.exitCode !== null).length;
    const states = service.list().map((c) => c.status);

    for (const p of reference) p.kill('SIGTERM');
    await Promise.all(reference.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('close', r)))));
    await service.stop();
    stopped = true;
    const segments = sum(service.list().map((c) => service.recordings(c.id, 0, Date.now() + 60_000).length));
    const referenceSegments = sum(
      reference.map(
        (_, i) =>
          fs
            .readFileSync(path.join(refDir, String(i), 'list.csv'), 'utf8')
            .trim()
            .split('\n').length,
      ),
    );

    const ffmpegCpu = sum(oursEach);
    const referenceCpu = sum(referenceEach);
    const nodeCpu = hostCpu - spawnCpu;
    const nodeRecording = Math.max(0, nodeCpu - baselineNode);
    const ours = ffmpegCpu + nodeRecording;
    const ratio = ours / referenceCpu;
    const grossRatio = (ffmpegCpu + nodeCpu) / referenceCpu;
    const restarted = oursPids.join() !== pidsEarly.join();

    console.log(
      `\n${count} cameras × ${seconds} s of 1080p25 H.264 (4 Mb/s), stream copy, both sides at once (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'})`,
    );
    console.log(
      `streams kept: plain ${streamsOf(tools.ffprobe, firstSegment(refDir))}; Racoon ${streamsOf(tools.ffprobe, firstSegment(recordingsDir))}`,
    );
    console.log(`engine baseline (no camera, ${seconds} s)   Node ${baselineNode.toFixed(2)} CPU s`);
    console.log(
      `plain ffmpeg ×${reference.length}                ${referenceCpu.toFixed(2)} CPU s  (${spread(referenceEach)}; ${referenceSegments} segments listed)`,
    );
    console.log(`Racoon ffmpeg ×${oursPids.length}               ${ffmpegCpu.toFixed(2)} CPU s  (${spread(oursEach)})`);
    console.log(
      `Racoon Node                   ${nodeCpu.toFixed(2)} CPU s  (− baseline ${baselineNode.toFixed(2)} = ${nodeRecording.toFixed(2)} s for recording; ${segments} segments indexed)`,
    );
    console.log(
      `Racoon recording              ${ours.toFixed(2)} CPU s  (ffmpeg ${ffmpegCpu.toFixed(2)} + Node ${nodeRecording.toFixed(2)})`,
    );
    console.log(
      `ratio ours / plain            ${ratio.toFixed(3)}  goal ≤ ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'PASS' : 'FAIL'}`,
    );
    console.log(`  with the Node baseline kept ${grossRatio.toFixed(3)}  ${grossRatio <= GOAL_RATIO ? 'PASS' : 'FAIL'} too`);
    const problems = [
      oursPids.length !== count && `Racoon ran ${oursPids.length} recorders, not ${count}`,
      restarted && 'a Racoon recorder restarted during the window (the CPU of its ended ffmpeg is not counted)',
      referenceExited && `${referenceExited} plain ffmpeg exited early (not counted)`,
      states.some((s) => s !== 'online') && `camera states at the end: ${states.join(', ')}`,
    ].filter(Boolean);
    for (const problem of problems) console.log(`WARNING: ${problem}: this run is not a fair comparison`);
  } finally {
    for (const p of reference) p.kill('SIGKILL');
    if (!stopped) await service.stop();
    db.close();
    for (const camera of cameras) await camera.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
