import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { openDatabase } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { TranscodeService } from './transcode-service.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { makeVideo, tempDir, waitFor } from './transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// argv: work dir, source: the long source, surely still encoding when the test kills the process
const CHILD = `
const path = await import('node:path');
const { openDatabase } = await import('./app/core/database.ts');
const { EventBus } = await import('./app/core/event-bus.ts');
const { silentLogger } = await import('./app/core/logger.ts');
const { TranscodeService } = await import('./app/transcode/transcode-service.ts');
const [work, source] = process.argv.slice(1);
const db = openDatabase(path.join(work, 'jobs.db'));
const service = new TranscodeService({ db, bus: new EventBus(), log: silentLogger(), ffmpeg: { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' }, outputDir: path.join(work, 'out') });
service.updateSettings({ hwaccel: 'off' });
service.start();
service.create({ sourcePath: source, profile: 'mobile-720p' });
setInterval(() => {}, 1000);
`;

describe('a transcode job survives an engine restart', () => {
  let dir: string;
  let source: string;
  const engines: Engine[] = [];

  const engineOn = async (dataDir: string) => {
    const engine = await Engine.create({
      dataDir,
      port: 0,
      adminPassword: 'restart password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      torrent: { dht: false, lsd: false, utp: false },
    });
    engines.push(engine);
    return engine;
  };

  beforeAll(() => {
    dir = tempDir('transcode-restart');
    // a longer source: the job is surely mid-way when the engine stops
    source = makeVideo(path.join(dir, 'recordings', 'Long Take.mp4'), { seconds: 90, size: '640x360' });
  });

  afterAll(async () => {
    for (const engine of engines) await engine.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stopped mid-job: ffmpeg ends with the engine, the next engine on the same data dir queues it again and finishes it', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await engineOn(dataDir);
    await first.start();
    const job = first.transcodes.create({ sourcePath: source, profile: 'mobile-720p' });
    expect(job.outputPath.startsWith(path.join(dataDir, 'cache', 'transcodes') + path.sep)).toBe(true);
    const midway = await waitFor(() => {
      const j = first.transcodes.get(job.id);
      return j && j.state === 'running' && j.progress > 0 && j;
    }, 'the job to make progress');
    expect(midway.progress).toBeLessThan(100);
    expect(ffmpegPidsMentioning(dataDir).length).toBe(1);

    await first.stop();
    expect(ffmpegPidsMentioning(dataDir)).toEqual([]);
    expect(fs.existsSync(job.outputPath + '.part')).toBe(false);
    expect(fs.existsSync(job.outputPath)).toBe(false);

    const second = await engineOn(dataDir);
    // before it starts, the job waits in the queue from the beginning
    expect(second.transcodes.get(job.id)).toMatchObject({ state: 'queued', progress: 0, startedAt: null, error: null });
    await second.start();
    const done = await waitFor(
      () => {
        const j = second.transcodes.get(job.id);
        return j && j.state !== 'queued' && j.state !== 'running' && j;
      },
      'the re-queued job to finish',
      180_000,
    );
    expect(done).toMatchObject({ state: 'done', progress: 100, error: null });
    const result = await probeFile(tools.ffprobe, done.outputPath);
    expect(result.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(result.audio[0]).toMatchObject({ codec: 'aac' });
    expect(result.durationSec).toBeGreaterThan(89);
    expect(result.durationSec).toBeLessThan(91);
    expect(fs.statSync(done.outputPath).size).toBe(done.size);
    expect((await second.transcodes.hwaccel()).encoders.find((e) => e.kind === 'software')?.available).toBe(true);
  }, 300_000);

  it.runIf(process.platform === 'linux')(
    'an engine killed outright (SIGKILL) leaves no ffmpeg behind, and the next start queues the job again',
    async () => {
      const work = path.join(dir, 'killed');
      fs.mkdirSync(work, { recursive: true });
      // a real engine process: the transcode service on its own database, killed mid-job
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, work, source], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      try {
        await waitFor(() => ffmpegPidsMentioning(work).length === 1, 'the child’s ffmpeg', 60_000).catch((err) => {
          throw new Error(`${(err as Error).message}; child said: ${output}`);
        });
        child.kill('SIGKILL');
        await waitFor(() => ffmpegPidsMentioning(work).length === 0, 'its ffmpeg to end with it', 3_000);
      } finally {
        child.kill('SIGKILL');
      }

      const db = openDatabase(path.join(work, 'jobs.db'));
      const after = new TranscodeService({
        db,
        bus: new EventBus(),
        log: silentLogger(),
        ffmpeg: tools,
        outputDir: path.join(work, 'out'),
      });
      const [job] = after.list();
      expect(job).toMatchObject({ state: 'running' });
      after.start();
      try {
        const done = await waitFor(
          () => after.get(job.id)?.state === 'done' && after.get(job.id),
          'the job after the kill',
          180_000,
        );
        expect(done.progress).toBe(100);
        expect((await probeFile(tools.ffprobe, done.outputPath)).durationSec).toBeCloseTo(90, 0);
        expect(fs.existsSync(done.outputPath + '.part')).toBe(false);
      } finally {
        await after.stop();
        db.close();
      }
    },
    120_000,
  );
});
