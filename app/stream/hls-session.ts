/**
 * One on-the-fly HLS stream: runs ffmpeg from the segment the player asks for, hands out segments once ffmpeg has
 * finished them, restarts ffmpeg at once for a segment far from what it is making (a seek), pauses it when it runs far
 * ahead of the player, falls back to the CPU encoder when a hardware one fails, and cleans everything up when stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProbeInfo } from '../api/api-types.js';
import { NotFoundError } from '../core/user-error.js';
import { FfmpegProcess, type FfmpegResult } from '../../native/ffmpeg-process.js';
import { buildHlsArgs, SEGMENT_LIST, type HlsEncoder } from './hls-args.js';

export type { HlsEncoder };
import { segmentCount, type SegmentPlan } from './hls-plan.js';
import type { PlaybackDecision } from './playback-types.js';

export interface HlsSessionOptions {
  id: string;
  dir: string;
  ffmpeg: string;
  input: string;
  probe: ProbeInfo;
  decision: PlaybackDecision;
  plan: SegmentPlan;
  encoder: HlsEncoder;
  /** used when `encoder` fails: the CPU */
  fallbackEncoder?: HlsEncoder;
  log?: { info(data: object, msg: string): void; warn(data: object, msg: string): void };
  /** a request this many segments beyond what ffmpeg has made waits for it instead of restarting it */
  lookaheadSegments?: number;
  /** ffmpeg is paused when it is this many segments ahead of the player */
  maxAheadSegments?: number;
  segmentTimeoutMs?: number;
  /** how often the list of finished segments is read */
  pollMs?: number;
}

/** This playback failed (ffmpeg crashed, the file is cut short): 422 with what ffmpeg said. */
export class HlsError extends Error {
  readonly statusCode = 422;
}

interface Run {
  number: number;
  dir: string;
  proc: FfmpegProcess;
  startSegment: number;
  /** highest segment this run has finished (startSegment - 1 before the first) */
  produced: number;
  paused: boolean;
  killedByUs: boolean;
}

interface Waiter {
  index: number;
  resolve: (file: string) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class HlsSession {
  readonly id: string;
  readonly createdAt = Date.now();
  lastAccess = Date.now();
  private readonly done = new Map<number, string>();
  private readonly waiters = new Set<Waiter>();
  private run: Run | null = null;
  private runs = 0;
  private lastRequested = 0;
  private encoder: HlsEncoder;
  private failures = 0;
  private lastError: string | null = null;
  private stopped = false;
  private poller: NodeJS.Timeout | null = null;
  private listSize = 0;

  constructor(private readonly options: HlsSessionOptions) {
    this.id = options.id;
    this.encoder = options.encoder;
    fs.mkdirSync(options.dir, { recursive: true });
  }

  get segmentCount(): number {
    return segmentCount(this.options.plan);
  }

  /** What the stream was made from: the playlists are drawn from it. */
  get info(): Pick<HlsSessionOptions, 'decision' | 'probe' | 'plan'> {
    const { decision, probe, plan } = this.options;
    return { decision, probe, plan };
  }

  /** What the engine status and tests see. */
  get state() {
    return {
      id: this.id,
      encoder: this.encoder.kind,
      running: this.run !== null,
      paused: this.run?.paused ?? false,
      runStart: this.run?.startSegment ?? null,
      segmentsReady: this.done.size,
      pid: this.run?.proc.pid ?? null,
      error: this.lastError,
    };
  }

  /** The path of finished segment `index`, starting or moving ffmpeg as needed. */
  async segment(index: number): Promise<string> {
    if (this.stopped) throw new NotFoundError('This playback was stopped');
    if (!Number.isInteger(index) || index < 0 || index >= this.segmentCount) {
      throw new NotFoundError(`No segment ${index}: this stream has ${this.segmentCount} (0–${this.segmentCount - 1})`);
    }
    this.lastAccess = Date.now();
    this.lastRequested = index;
    const ready = this.done.get(index);
    if (ready) {
      this.throttle();
      return ready;
    }
    if (this.failures >= 2 && this.lastError) throw new HlsError(`Transcoding failed: ${this.lastError}`);
    const run = this.run;
    const lookahead = this.options.lookaheadSegments ?? 4;
    if (!run || index < run.startSegment || index > run.produced + lookahead) await this.startRun(index);
    this.throttle();
    return this.waitFor(index);
  }

  /** Starts the first run before the player asks (its first request then waits less). */
  async prepare(index = 0): Promise<void> {
    if (!this.run && !this.stopped && !this.done.has(index)) await this.startRun(index);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const waiter of [...this.waiters]) this.settle(waiter, new NotFoundError('This playback was stopped'));
    await this.killRun();
    await fs.promises.rm(this.options.dir, { recursive: true, force: true });
  }

  private async startRun(index: number): Promise<void> {
    await this.killRun();
    if (this.stopped) return;
    const number = ++this.runs;
    const dir = path.join(this.options.dir, `run${number}`);
    await fs.promises.mkdir(dir, { recursive: true });
    const { options } = this;
    const args = buildHlsArgs({
      input: options.input,
      probe: options.probe,
      decision: options.decision,
      plan: options.plan,
      startSegment: index,
      outDir: dir,
      encoder: this.encoder,
    });
    // its own process group, and on Linux tied to the engine: a crash of the engine leaves no ffmpeg behind
    const proc = new FfmpegProcess(options.ffmpeg, args);
    const run: Run = { number, dir, proc, startSegment: index, produced: index - 1, paused: false, killedByUs: false };
    void proc.done.then((result) => this.onExit(run, result));
    this.run = run;
    this.listSize = 0;
    options.log?.info({ session: this.id, segment: index, encoder: this.encoder.kind, pid: proc.pid }, 'hls run started');
    this.startPolling();
  }

  private async killRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = null;
    run.killedByUs = true;
    await run.proc.kill();
  }

  private async onExit(run: Run, result: FfmpegResult): Promise<void> {
    this.readList(run);
    if (run.killedByUs || this.stopped) return;
    if (this.run === run) this.run = null;
    if (result.ok) {
      this.failures = 0;
      // everything ffmpeg could make is made: a segment still missing lies past the end of a truncated file
      for (const waiter of [...this.waiters]) {
        if (!this.done.has(waiter.index)) {
          this.settle(waiter, new HlsError(`The file ends before segment ${waiter.index}; it may be truncated`));
        }
      }
      return;
    }
    const reason = result.error ?? 'ffmpeg stopped';
    this.options.log?.warn({ session: this.id, encoder: this.encoder.kind, reason }, 'hls run failed');
    const fallback = this.options.fallbackEncoder;
    if (fallback && this.encoder !== fallback) {
      // the hardware path failed on this file: the CPU takes over for the rest of this session
      this.encoder = fallback;
      await this.startRun(Math.max(run.produced + 1, this.lastRequested));
      return;
    }
    this.failures++;
    this.lastError = reason;
    for (const waiter of [...this.waiters]) this.settle(waiter, new HlsError(`Transcoding failed: ${reason}`));
  }

  private waitFor(index: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.segmentTimeoutMs ?? 60_000;
      const waiter: Waiter = {
        index,
        resolve,
        reject,
        timer: setTimeout(
          () => this.settle(waiter, new HlsError(`Segment ${index} was not ready within ${timeoutMs / 1000} s`)),
          timeoutMs,
        ),
      };
      this.waiters.add(waiter);
      // it may have finished between the check and now, or ffmpeg may already have given up (it failed to start)
      const ready = this.done.get(index);
      if (ready) this.settle(waiter, ready);
      else if (!this.run) this.settle(waiter, new HlsError(`Transcoding failed: ${this.lastError ?? 'ffmpeg ended early'}`));
    });
  }

  private settle(waiter: Waiter, result: string | Error): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    if (typeof result === 'string') waiter.resolve(result);
    else waiter.reject(result);
  }

  private startPolling(): void {
    if (this.poller) return;
    this.poller = setInterval(() => {
      const run = this.run;
      if (!run) {
        clearInterval(this.poller!);
        this.poller = null;
        return;
      }
      this.readList(run);
    }, this.options.pollMs ?? 25);
    this.poller.unref();
  }

  /** Reads the run's list of finished segments (ffmpeg appends a line when it closes one). */
  private readList(run: Run): void {
    const file = path.join(run.dir, SEGMENT_LIST);
    let text: string;
    try {
      const size = fs.statSync(file).size;
      if (size === this.listSize && this.run === run) return;
      text = fs.readFileSync(file, 'utf8');
      if (this.run === run) this.listSize = size;
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      const match = /^seg(\d+)\.ts,/.exec(line);
      if (!match) continue;
      const index = Number(match[1]);
      const segment = path.join(run.dir, `seg${index}.ts`);
      run.produced = Math.max(run.produced, index);
      if (this.done.get(index) === segment) continue;
      this.done.set(index, segment);
      for (const waiter of [...this.waiters]) if (waiter.index === index) this.settle(waiter, segment);
    }
    this.throttle();
  }

  /** Pauses ffmpeg far ahead of the player (disk and CPU stay free) and wakes it when the player catches up. */
  private throttle(): void {
    const run = this.run;
    if (!run || !run.proc.running) return;
    const maxAhead = this.options.maxAheadSegments ?? 30;
    const ahead = run.produced - this.lastRequested;
    if (!run.paused && ahead > maxAhead && this.waiters.size === 0) {
      run.proc.suspend();
      run.paused = true;
    } else if (run.paused && (ahead <= maxAhead / 2 || this.waiters.size > 0)) {
      run.proc.resume();
      run.paused = false;
    }
  }
}
