/**
 * Camera recording benchmark (a report, not a test: `npm run bench:cctv [-- --cameras 8 --seconds 60]`).
 *
 * --cameras simulated 1080p25 cameras: GStreamer RTSP servers on 127.0.0.1 (e2e/support/rtsp-camera.py --file) each
 * serving, in real time and without encoding, one H.264 file made by ffmpeg beforehand. In one run, each recorded for
 * --seconds:
 *   REFERENCE — one plain `ffmpeg -rtsp_transport tcp -i URL -c copy -f segment …` per camera;
 *   OURS      — CctvService (continuous mode, 10 s segments indexed in SQLite), which supervises one ffmpeg per camera.
 * CPU time: utime+stime of every recording ffmpeg (from /proc/<pid>/stat just before it is stopped), plus for ours the
 * CPU of the Node process hosting the service over the same window (process.cpuUsage). The RTSP servers are not counted.
 * Goal (issue 7): ours ≤ 1.1× the reference. Prints PASS/FAIL; exits 0 when it could measure.
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const count = intOption('cameras', 8);
  const seconds = intOption('seconds', 60);
  const tools = resolveFfmpegPaths();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-cctv-bench-'));
  const clip = path.join(dir, 'camera-1080p.mp4');
  console.log(`making a ${seconds + 40} s 1080p25 H.264 clip for the simulated cameras …`);
  execFileSync(tools.ffmpeg, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=25:duration=${seconds + 40}`],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-b:v',
      '4M',
      '-g',
      '50',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      clip,
    ],
  ]);
  const cameras: RtspCamera[] = [];
  const reference: ChildProcess[] = [];
  try {
    for (let i = 0; i < count; i++) cameras.push(await startRtspCamera({ file: clip, mount: `/cam${i}` }));

    // REFERENCE: plain ffmpeg, one per camera
    const refDir = path.join(dir, 'reference');
    for (const [i, camera] of cameras.entries()) {
      const out = path.join(refDir, String(i));
      fs.mkdirSync(out, { recursive: true });
      reference.push(
        spawn(
          tools.ffmpeg,
          [
            ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', camera.url],
            ...['-map', '0:v', '-c', 'copy', '-f', 'segment', '-segment_time', '10', '-reset_timestamps', '1'],
            ...['-segment_list', path.join(out, 'list.csv'), '-segment_list_type', 'csv', path.join(out, '%06d.mkv')],
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    console.log(`recording ${count} cameras for ${seconds} s with plain ffmpeg …`);
    await sleep(seconds * 1000);
    const referenceCpu = reference.reduce((sum, p) => sum + cpuSeconds(p.pid!), 0);
    for (const p of reference) p.kill('SIGTERM');
    await Promise.all(reference.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('close', r)))));

    // OURS: the camera service with its supervised recorders and SQLite index
    const db = openDatabase(path.join(dir, 'racoon.db'));
    const service = new CctvService({
      db,
      secrets: new EncryptedFileSecretStore(dir),
      recordingsDir: path.join(dir, 'recordings'),
      ffmpeg: tools,
      log: pino({ level: 'silent' }),
    });
    await service.start();
    const hostBefore = process.cpuUsage();
    for (const [i, camera] of cameras.entries()) await service.add({ name: `Camera ${i}`, url: camera.url, mode: 'continuous' });
    console.log(`recording ${count} cameras for ${seconds} s with Racoon …`);
    await sleep(seconds * 1000);
    const recorders = ffmpegPidsMentioning(path.join(dir, 'recordings'));
    const ffmpegCpu = recorders.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const host = process.cpuUsage(hostBefore);
    const hostCpu = (host.user + host.system) / 1e6;
    const segments = service.list().reduce((sum, c) => sum + service.recordings(c.id, 0, Date.now() + 60_000).length, 0);
    await service.stop();
    db.close();

    const ours = ffmpegCpu + hostCpu;
    const ratio = ours / referenceCpu;
    console.log(`\n${count} cameras × ${seconds} s of 1080p25 H.264 (4 Mb/s), stream copy (2 × ${os.cpus()[0]?.model ?? 'cpu'})`);
    console.log(`plain ffmpeg ×${count}     ${referenceCpu.toFixed(2)} CPU s`);
    console.log(
      `Racoon                ${ours.toFixed(2)} CPU s  (its ${recorders.length} ffmpeg ${ffmpegCpu.toFixed(2)} s + Node ${hostCpu.toFixed(2)} s; ${segments} segments indexed)`,
    );
    console.log(`ratio ours / plain     ${ratio.toFixed(2)}   goal ≤ ${GOAL_RATIO}: ${ratio <= GOAL_RATIO ? 'PASS' : 'FAIL'}`);
  } finally {
    for (const p of reference) p.kill('SIGKILL');
    for (const camera of cameras) await camera.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
