/**
 * The job queue: up to `workers` ffmpeg runs at once, oldest queued job first. A run probes its source, builds the
 * command, writes to `<output>.part` and renames it when ffmpeg succeeded and the result reads back, so a half-written
 * file is never taken for a result; the source is only ever read. A hardware encoder that fails falls back to the CPU
 * for that job; a size-limited result that came out too big is made again with a smaller budget.
 * Stopping the engine ends every ffmpeg and puts its job back in the queue; so does starting after a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProbeInfo, TranscodeJob } from '../api/api-types.js';
import type { Logger } from '../core/logger.js';
import type { WorkControl } from '../core/work-control.js';
import type { EncoderChoice } from '../../native/hwaccel.js';
import { FfmpegProcess, type FfmpegResult } from '../../native/ffmpeg-process.js';
import { progressPercent } from '../../native/ffmpeg-progress.js';
import { buildSegmentCopyCommand, buildTranscodeCommand, type CopyCommand, type Result } from './transcode-args.js';
import { isSegmentList, readSegmentList } from './segment-list.js';
import type { TranscodeJobPatch, TranscodeJobStore } from './transcode-job-store.js';
import { findTranscodeProfile, unknownProfileMessage } from './transcode-profiles.js';

export interface TranscodeQueueDeps {
  store: TranscodeJobStore;
  ffmpegPath: string;
  probe: (file: string) => Promise<ProbeInfo>;
  /** the encoder to use now (waits for the hardware probe when it is still running) */
  encoder: () => Promise<EncoderChoice>;
  workers: () => number;
  work?: WorkControl;
  onChange: (job: TranscodeJob) => void;
  log: Logger;
  /** SIGTERM → SIGKILL grace when stopping ffmpeg */
  graceMs?: number;
  /** progress is published and saved at most this often */
  progressIntervalMs?: number;
}

interface Slot {
  process: FfmpegProcess | null;
  cancelled: boolean;
  done: Promise<void>;
}

/** ffmpeg writes here; only a finished, readable result gets the real name. */
export const partPath = (output: string) => `${output}.part`;

const MAX_ATTEMPTS = 3;

/** What a job runs: the command for an attempt, whether it encodes (hardware can fail over to the CPU), a size cap. */
interface Recipe {
  ok: true;
  encodes: boolean;
  maxBytes: number | null;
  build: (temp: string, encoder: Pick<EncoderChoice, 'kind' | 'device'>, budgetScale: number) => Result<CopyCommand>;
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing to clean up
  }
}

/** `name.mp4`, else `name (2).mp4`, … : never overwrite a file the job did not make. */
function freePath(file: string): string {
  if (!fs.existsSync(file)) return file;
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!fs.existsSync(candidate)) return candidate;
  }
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

export class TranscodeQueue {
  private readonly running = new Map<number, Slot>();
  private started = false;
  private stopped = false;
  private unsubscribeWork: (() => void) | null = null;

  constructor(private readonly deps: TranscodeQueueDeps) {}

  /** Re-queues what was running when the engine last stopped, then starts work. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.deps.store.requeueInterrupted()) {
      removeQuietly(partPath(job.outputPath));
      this.deps.log.info({ job: job.id }, 'transcode job interrupted by the last stop: queued again');
      this.deps.onChange(job);
    }
    this.unsubscribeWork =
      this.deps.work?.onChange((paused) => {
        for (const slot of this.running.values()) {
          if (paused) slot.process?.suspend();
          else slot.process?.resume();
        }
        if (!paused) this.pump();
      }) ?? null;
    this.pump();
  }

  /** Ends every ffmpeg (their jobs go back to the queue) and waits for them. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribeWork?.();
    const slots = [...this.running.values()];
    await Promise.all(slots.map((slot) => slot.process?.stop()));
    await Promise.all(slots.map((slot) => slot.done));
  }

  isRunning(id: number): boolean {
    return this.running.has(id);
  }

  /** Starts queued jobs while there are free workers. */
  pump(): void {
    if (!this.started || this.stopped || this.deps.work?.isPaused()) return;
    while (this.running.size < Math.max(1, this.deps.workers())) {
      const next = this.deps.store.nextQueued(new Set(this.running.keys()));
      if (!next) return;
      this.launch(next);
    }
  }

  /** Cancels a queued or running job; resolves once its ffmpeg has exited. */
  async cancel(id: number): Promise<void> {
    const slot = this.running.get(id);
    if (slot) {
      slot.cancelled = true;
      await slot.process?.stop();
      await slot.done;
      return;
    }
    const job = this.deps.store.get(id);
    if (job?.state === 'queued') this.set(id, { state: 'cancelled', finishedAt: new Date().toISOString() });
  }

  private launch(job: TranscodeJob): void {
    const slot: Slot = { process: null, cancelled: false, done: Promise.resolve() };
    this.running.set(job.id, slot);
    slot.done = this.run(job, slot)
      .catch((err: unknown) => {
        this.deps.log.error({ err, job: job.id }, 'transcode job crashed');
        this.fail(job, `Internal error: ${(err as Error).message}`);
      })
      .finally(() => {
        this.running.delete(job.id);
        removeQuietly(partPath(job.outputPath));
        this.pump();
      });
  }

  private set(id: number, patch: TranscodeJobPatch): TranscodeJob | null {
    const job = this.deps.store.update(id, patch);
    if (job) this.deps.onChange(job);
    return job;
  }

  private fail(job: TranscodeJob, error: string): void {
    this.deps.log.warn({ job: job.id, error }, 'transcode job failed');
    this.set(job.id, { state: 'failed', error, finishedAt: new Date().toISOString() });
  }

  /** Stopped by a cancel (→ cancelled) or by the engine stopping (→ queued again, from the start). */
  private interrupted(job: TranscodeJob, slot: Slot): void {
    if (slot.cancelled) {
      this.set(job.id, { state: 'cancelled', finishedAt: new Date().toISOString() });
    } else {
      this.set(job.id, { state: 'queued', progress: 0, startedAt: null });
    }
  }

  private async run(job: TranscodeJob, slot: Slot): Promise<void> {
    this.set(job.id, {
      state: 'running',
      progress: 0,
      error: null,
      encoder: null,
      size: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
    });
    const recipe = await this.recipeFor(job);
    if (!recipe.ok) return this.fail(job, recipe.error);
    // a copy encodes nothing: no need to wait for the hardware probe
    let choice: Pick<EncoderChoice, 'kind' | 'device'> = recipe.encodes ? await this.deps.encoder() : { kind: 'software' };
    const temp = partPath(job.outputPath);
    fs.mkdirSync(path.dirname(job.outputPath), { recursive: true });
    let budgetScale = 1;
    let note: string | null = null;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // a cancel or a stop that came while no ffmpeg ran (probing, between attempts)
      if (slot.cancelled || this.stopped) return this.interrupted(job, slot);
      const built = recipe.build(temp, choice, budgetScale);
      if (!built.ok) return this.fail(job, built.error);
      const command = built.value;
      this.set(job.id, { encoder: note ? `${command.encoder} (${note})` : command.encoder, progress: 0 });
      const result = await this.encode(job, slot, command);
      if (result.stopped) return this.interrupted(job, slot);
      if (!result.ok) {
        if (recipe.encodes && choice.kind !== 'software') {
          // the hardware path failed on this source: the CPU does this job, the setting stays as it is
          note = `${command.encoder} failed: ${result.error}`;
          this.deps.log.warn(
            { job: job.id, encoder: command.encoder, error: result.error },
            'hardware encode failed; using the CPU',
          );
          choice = { kind: 'software' };
          continue;
        }
        return this.fail(job, `ffmpeg failed: ${result.error}`);
      }
      const size = fs.statSync(temp).size;
      if (recipe.maxBytes !== null && size > recipe.maxBytes) {
        if (attempt === MAX_ATTEMPTS) {
          return this.fail(job, `The result is ${megabytes(size)}, over the ${megabytes(recipe.maxBytes)} this profile allows`);
        }
        budgetScale *= (recipe.maxBytes / size) * 0.95;
        continue;
      }
      try {
        const check = await this.deps.probe(temp);
        if (!check.video) throw new Error('no video stream in it');
      } catch (err) {
        return this.fail(job, `ffmpeg wrote a file that can't be read back: ${(err as Error).message}`);
      }
      const finalPath = freePath(job.outputPath);
      fs.renameSync(temp, finalPath);
      this.deps.log.info({ job: job.id, output: finalPath, size }, 'transcode job done');
      this.set(job.id, { state: 'done', progress: 100, size, outputPath: finalPath, finishedAt: new Date().toISOString() });
      return;
    }
  }

  /**
   * How a job's source becomes ffmpeg runs: a media file through its profile's encode, or a segment list (a camera
   * clip) copied through the concat demuxer. Probes the source; a source that can't be used is an error in words.
   */
  private async recipeFor(job: TranscodeJob): Promise<Recipe | { ok: false; error: string }> {
    if (!fs.existsSync(job.sourcePath)) return { ok: false, error: `The source file is gone: ${job.sourcePath}` };
    if (isSegmentList(job.sourcePath)) {
      const segments = readSegmentList(fs.readFileSync(job.sourcePath, 'utf8'));
      if (!segments) return { ok: false, error: `Not a segment list: ${job.sourcePath}` };
      const gone = segments.filter((s) => !fs.existsSync(s.file));
      if (gone.length) {
        const which = gone.map((s) => path.basename(s.file)).join(', ');
        return { ok: false, error: `${gone.length} of the clip's ${segments.length} recordings are gone (retention?): ${which}` };
      }
      const probe = await this.probeOrError(segments[0].file);
      if ('error' in probe) return { ok: false, error: probe.error };
      return {
        ok: true,
        encodes: false,
        maxBytes: null,
        build: (temp) =>
          buildSegmentCopyCommand({ listPath: job.sourcePath, outputPath: temp, durationSec: job.durationSec }, probe),
      };
    }
    const profile = findTranscodeProfile(job.profile);
    if (!profile) return { ok: false, error: unknownProfileMessage(job.profile) };
    const probe = await this.probeOrError(job.sourcePath);
    if ('error' in probe) return { ok: false, error: probe.error };
    return {
      ok: true,
      encodes: true,
      maxBytes: profile.maxBytes,
      build: (temp, choice, budgetScale) =>
        buildTranscodeCommand(
          { sourcePath: job.sourcePath, outputPath: temp, offsetSec: job.offsetSec, durationSec: job.durationSec },
          profile,
          probe,
          choice,
          budgetScale,
        ),
    };
  }

  private async probeOrError(file: string): Promise<ProbeInfo | { error: string }> {
    try {
      return await this.deps.probe(file);
    } catch (err) {
      return { error: `Can't read the source: ${(err as Error).message}` };
    }
  }

  /** One ffmpeg run with throttled progress. */
  private async encode(job: TranscodeJob, slot: Slot, command: CopyCommand): Promise<FfmpegResult> {
    const interval = this.deps.progressIntervalMs ?? 1000;
    let lastAt = 0;
    let lastPct = -1;
    const proc = new FfmpegProcess(this.deps.ffmpegPath, command.args, {
      graceMs: this.deps.graceMs,
      onProgress: (p) => {
        const pct = progressPercent(p.outTimeSec, command.outputDurationSec);
        const now = Date.now();
        if (pct === null || pct === lastPct || now - lastAt < interval) return;
        lastAt = now;
        lastPct = pct;
        if (!slot.cancelled && !this.stopped) this.set(job.id, { progress: pct });
      },
    });
    slot.process = proc;
    if (this.deps.work?.isPaused()) proc.suspend();
    try {
      return await proc.done;
    } finally {
      slot.process = null;
    }
  }
}
