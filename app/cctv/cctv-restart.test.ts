import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { openDatabase } from '../core/database.js';
import { silentLogger } from '../core/logger.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import { INCOMING_DIR, parseSegmentListLine } from './segment-files.js';

const tools = resolveFfmpegPaths();
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENGINE_OPTIONS = {
  port: 0,
  adminPassword: 'restart password',
  watch: false,
  scanOnStart: false,
  torrent: { dht: false, lsd: false, utp: false },
  cctv: { segmentSeconds: 2, retry: { initialMs: 300, maxMs: 1000 } },
};
// a whole engine in its own process: it adds the camera (password in the URL) and records until it is killed
const CHILD = `
const { Engine } = await import('./app/engine.ts');
const { silentLogger } = await import('./app/core/logger.ts');
const [dataDir, url, options] = process.argv.slice(1);
const engine = await Engine.create({ dataDir, logger: silentLogger(), ...JSON.parse(options) });
await engine.start();
await engine.cctv.add({ name: 'Porch', url, mode: 'continuous' });
console.log('RECORDING');
`;

/** Segment files in the layout: recordings/<camera>/<YYYY-MM-DD>/<HH-MM-SS>.mkv, relative to recordings/. */
function layoutFiles(recordings: string, cameraId: number): string[] {
  const cameraDir = path.join(recordings, String(cameraId));
  if (!fs.existsSync(cameraDir)) return [];
  return fs
    .readdirSync(cameraDir)
    .filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day))
    .flatMap((day) => fs.readdirSync(path.join(cameraDir, day)).map((name) => path.join(String(cameraId), day, name)));
}

describe.runIf(process.platform === 'linux')('recording survives an engine killed outright (SIGKILL)', () => {
  let dir: string;
  let cam: RtspCamera;
  let child: ChildProcess | null = null;
  let second: Engine | null = null;

  beforeAll(async () => {
    dir = tempDir('cctv-restart');
    cam = await startRtspCamera({ user: 'keeper', password: 'Kill-9-proof' });
  }, 30_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await second?.stop();
    await cam?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every closed segment plays, the index stays, and the next engine indexes the rest and records on', async () => {
    const dataDir = path.join(dir, 'data');
    const recordings = path.join(dataDir, 'recordings');
    const args = [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      CHILD,
      dataDir,
      cam.urlWithCredentials,
      JSON.stringify(ENGINE_OPTIONS),
    ];
    child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    await waitFor(() => layoutFiles(recordings, 1).length >= 3, 'three closed segments', 45_000).catch((err) => {
      throw new Error(`${(err as Error).message}; the child said: ${output}`);
    });
    expect(ffmpegPidsMentioning(dataDir).length).toBe(1);

    child.kill('SIGKILL');
    await exited;
    child = null;
    // ffmpeg dies with the engine (it never writes on unsupervised)
    await waitFor(() => ffmpegPidsMentioning(dataDir).length === 0, 'ffmpeg to end with the engine', 10_000);

    // every closed segment plays: those already in the layout and those ffmpeg listed but the engine had not moved
    const incoming = path.join(recordings, '1', INCOMING_DIR);
    const listedButNotMoved = fs
      .readdirSync(incoming)
      .filter((name) => name.endsWith('.csv'))
      .flatMap((name) => fs.readFileSync(path.join(incoming, name), 'utf8').split('\n'))
      .flatMap((line) => parseSegmentListLine(line) ?? [])
      .map((entry) => path.join(incoming, entry.file))
      .filter((file) => fs.existsSync(file));
    const inLayout = layoutFiles(recordings, 1);
    const closed = [...inLayout.map((f) => path.join(recordings, f)), ...listedButNotMoved];
    expect(closed.length).toBeGreaterThanOrEqual(3);
    for (const file of closed) {
      const probe = await probeFile(tools.ffprobe, file);
      expect(probe.video, file).toMatchObject({ codec: 'h264', width: 320, height: 240 });
      expect(probe.durationSec!, file).toBeGreaterThan(1);
    }
    // the index the dead engine wrote is intact
    const db = openDatabase(path.join(dataDir, 'racoon.db'));
    const indexedBefore = db.prepare('SELECT id, path FROM recordings ORDER BY id').all() as { id: number; path: string }[];
    db.close();
    expect(indexedBefore.length).toBeGreaterThanOrEqual(inLayout.length - 1);

    // the next engine on the same data dir: catches up, then records again with the password from the secret store
    second = await Engine.create({ dataDir, logger: silentLogger(), ...ENGINE_OPTIONS });
    await second.start();
    const everything = second.cctv.index.between(1, 0, Date.now() + 60_000);
    for (const row of indexedBefore) expect(everything.find((r) => r.id === row.id)?.path).toBe(row.path);
    const indexedPaths = new Set(everything.map((r) => r.path));
    for (const file of layoutFiles(recordings, 1)) expect(indexedPaths.has(file), file).toBe(true);
    expect(everything.length).toBeGreaterThanOrEqual(closed.length);
    for (const leftover of listedButNotMoved) expect(fs.existsSync(leftover)).toBe(false);
    // segments follow each other in time
    for (let i = 1; i < everything.length; i++) expect(everything[i].startMs).toBeGreaterThanOrEqual(everything[i - 1].startMs);

    await waitFor(() => second!.cctv.get(1)?.status === 'online', 'the camera online again', 30_000);
    await waitFor(() => second!.cctv.index.count(1) >= everything.length + 2, 'recording to resume after the restart', 30_000);
    const resumed = second.cctv.index.between(1, 0, Date.now() + 60_000);
    expect(resumed[resumed.length - 1].startMs).toBeGreaterThan(everything[everything.length - 1].startMs);
    await second.stop();
    second = null;
    expect(ffmpegPidsMentioning(dataDir)).toEqual([]);
  }, 120_000);
});
