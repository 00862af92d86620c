import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HwAccelReport } from '../api/api-types.js';
import { openDatabase } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { WorkControl } from '../core/work-control.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { TranscodeService, type TranscodeServiceDeps } from './transcode-service.js';
import { ffmpegPidsMentioning, processState } from '../../e2e/support/processes.js';
import { makeVideo, tempDir, waitFor } from './transcode-sources.test-support.js';

const tools = resolveFfmpegPaths();

describe('TranscodeQueue: workers, cancel, pause, hardware fallback (real ffmpeg)', () => {
  let dir: string;
  let long: string;
  let short: string;
  const services: Array<{ service: TranscodeService; close: () => Promise<void> }> = [];

  function build(name: string, over: Partial<TranscodeServiceDeps> = {}) {
    const db = openDatabase(path.join(dir, `${name}.db`));
    const outputDir = path.join(dir, `${name}-out`);
    const service = new TranscodeService({
      db,
      bus: new EventBus(),
      log: silentLogger(),
      ffmpeg: tools,
      outputDir,
      graceMs: 3000,
      progressIntervalMs: 100,
      ...over,
    });
    const close = async () => {
      await service.stop();
      db.close();
    };
    services.push({ service, close });
    service.start();
    const state = (id: number) => service.get(id)?.state;
    const until = (id: number, wanted: string) => waitFor(() => state(id) === wanted, `job ${id} ${wanted}`);
    return { service, outputDir, state, until };
  }

  beforeAll(() => {
    dir = tempDir('transcode-queue');
    // long enough that a job is surely still encoding when the test acts on it
    long = makeVideo(path.join(dir, 'long.mp4'), { seconds: 60, size: '640x360' });
    short = makeVideo(path.join(dir, 'short.mp4'), { seconds: 2 });
  });

  afterAll(async () => {
    for (const s of services) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cancel: a running job’s ffmpeg ends (no orphan), its partial output goes, the source stays; a queued one never starts', async () => {
    const { service, outputDir, until, state } = build('cancel');
    const before = fs.statSync(long);
    const running = service.create({ sourcePath: long, profile: 'mobile-720p' });
    const queued = service.create({ sourcePath: short, profile: 'mobile-720p' });
    await until(running.id, 'running');
    const [pid] = await waitFor(() => {
      const pids = ffmpegPidsMentioning(outputDir);
      return pids.length > 0 && pids;
    }, 'ffmpeg to start');
    await waitFor(() => fs.existsSync(running.outputPath + '.part'), 'the partial output');
    expect(state(queued.id)).toBe('queued');
    expect((await service.cancel(queued.id)).state).toBe('cancelled');

    const cancelled = await service.cancel(running.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    expect(processState(pid)).toBe('');
    expect(ffmpegPidsMentioning(outputDir)).toEqual([]);
    expect(fs.existsSync(running.outputPath + '.part')).toBe(false);
    expect(fs.existsSync(running.outputPath)).toBe(false);
    expect(fs.statSync(long)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });
    // cancelling again is harmless; the queued one never ran
    expect((await service.cancel(running.id)).state).toBe('cancelled');
    expect(service.get(queued.id)!.startedAt).toBeNull();
  });

  it('workers: one at a time by default, two at once after the setting changes (applied live)', async () => {
    const { service, outputDir, until, state } = build('workers');
    const a = service.create({ sourcePath: long, profile: 'mobile-720p' });
    const b = service.create({ sourcePath: long, profile: 'mobile-720p' });
    await until(a.id, 'running');
    expect(state(b.id)).toBe('queued');
    expect(service.updateSettings({ workers: 2 })).toEqual({ workers: 2, hwaccel: 'auto' });
    await until(b.id, 'running');
    expect(state(a.id)).toBe('running');
    await waitFor(() => ffmpegPidsMentioning(outputDir).length === 2, 'two ffmpeg processes');
    expect(() => service.updateSettings({ workers: 0 })).toThrow('Invalid transcode settings: workers: ');
    expect(() => service.updateSettings({ hwaccel: 'gpu' })).toThrow(/hwaccel: /);
    expect(() => service.updateSettings({ colour: 'red' })).toThrow(/Unrecognized key/i);
    await service.remove(a.id);
    await service.remove(b.id);
    expect(ffmpegPidsMentioning(outputDir)).toEqual([]);
    expect(service.list()).toEqual([]);
  });

  it('pause all work: no job starts, a running ffmpeg is suspended; resume carries on to a valid result', async () => {
    const work = new WorkControl();
    const { service, outputDir, until, state } = build('pause', { work });
    work.pause();
    const job = service.create({ sourcePath: short, profile: 'mobile-720p' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(state(job.id)).toBe('queued');
    work.resume();
    expect((await waitFor(() => service.get(job.id)?.state === 'done' && service.get(job.id), 'short job')).size).toBeGreaterThan(
      0,
    );

    const big = service.create({ sourcePath: long, profile: 'mobile-720p', durationSec: 20 });
    await until(big.id, 'running');
    const [pid] = await waitFor(() => {
      const pids = ffmpegPidsMentioning(outputDir);
      return pids.length > 0 && pids;
    }, 'ffmpeg to start');
    work.pause();
    await waitFor(() => processState(pid).startsWith('T'), 'ffmpeg suspended');
    work.resume();
    await waitFor(() => !processState(pid).startsWith('T'), 'ffmpeg running again');
    const done = await waitFor(() => service.get(big.id)?.state === 'done' && service.get(big.id), 'the job', 120_000);
    expect(done.progress).toBe(100);
  });

  it('a hardware encoder that fails on the job falls back to the CPU for that job only', async () => {
    // a GPU the probe found working whose driver then fails: a render node that is no device
    const node = path.join(dir, 'renderD128');
    fs.writeFileSync(node, '');
    const report: HwAccelReport = {
      probedAt: new Date().toISOString(),
      best: 'vaapi',
      encoders: [
        { kind: 'vaapi', encoder: 'h264_vaapi', available: true, reason: null, device: node },
        { kind: 'software', encoder: 'libx264', available: true, reason: null },
      ],
    };
    const { service } = build('fallback', { probeHardware: async () => report });
    expect(await service.encoderChoice()).toEqual({ kind: 'vaapi', device: node, reason: 'vaapi (auto)' });
    const job = service.create({ sourcePath: short, profile: 'telegram' });
    const done = await waitFor(() => {
      const j = service.get(job.id);
      return j && j.state !== 'queued' && j.state !== 'running' && j;
    }, 'the job');
    expect(done.state).toBe('done');
    expect(done.encoder).toMatch(/^libx264 \(h264_vaapi failed: .+\)$/);
    expect(done.encoder).toContain(node);
    // the setting still says auto: the next job tries the hardware again
    expect(service.settings().hwaccel).toBe('auto');
    service.updateSettings({ hwaccel: 'off' });
    expect(await service.encoderChoice()).toEqual({ kind: 'software', reason: 'hardware acceleration is off' });
  });
});
