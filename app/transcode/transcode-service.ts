/**
 * Transcode jobs as the API, the bot and the camera recorder use them: create (a profile transcode or a clip export),
 * list, cancel, remove, the result file; the settings (workers, hardware acceleration) and the hardware probe, which
 * runs in the background when the engine starts and never delays it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HwAccelReport, ProbeInfo, TranscodeJob, TranscodeProfileInfo, TranscodeSettings } from '../api/api-types.js';
import type { Db } from '../core/database.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import type { WorkControl } from '../core/work-control.js';
import { chooseEncoder, probeHardwareEncoders, type EncoderChoice } from '../../native/hwaccel.js';
import { probeFile } from '../../native/ffprobe.js';
import { checkSource } from './transcode-args.js';
import { TranscodeJobStore } from './transcode-job-store.js';
import { BUILT_IN_PROFILES, findTranscodeProfile, unknownProfileMessage } from './transcode-profiles.js';
import { partPath, TranscodeQueue } from './transcode-queue.js';
import {
  CAMERA_CLIP_PROFILE,
  isSegmentList,
  SEGMENT_LIST_EXT,
  writeSegmentList,
  type ListedClipSegment,
} from './segment-list.js';
import { TranscodeSettingsStore } from './transcode-settings.js';

export interface TranscodeServiceDeps {
  db: Db;
  bus: EventBus;
  log: Logger;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  /** where results go unless a job names its own folder (data/cache/transcodes) */
  outputDir: string;
  work?: WorkControl;
  /** reads a file's streams (default: ffprobe) */
  probe?: (file: string) => Promise<ProbeInfo>;
  /** finds the working hardware encoders (default: real test encodes with this ffmpeg) */
  probeHardware?: () => Promise<HwAccelReport>;
  graceMs?: number;
  progressIntervalMs?: number;
}

export interface CreateTranscodeJob {
  sourcePath: string;
  /** the library file it comes from, if any */
  fileId?: number | null;
  profile: string;
  /** a clip: start (s) and length (s) in the source */
  offsetSec?: number | null;
  durationSec?: number | null;
  /** an absolute folder for the result (e.g. a camera's clips); default: the transcode cache */
  outputDir?: string;
  /** what ffprobe already knows of the source (a library file): a hopeless request fails at once, not as a job */
  probe?: ProbeInfo | null;
}

/** A camera clip: its segments in order (the first and last cut at the clip's ends), named for the user. */
export interface CreateSegmentClip {
  /** e.g. "Porch 2024-05-01 10.00.00-10.05.00": the job's name and the result's file name */
  title: string;
  segments: ListedClipSegment[];
  /** seconds of footage in it (the base of the progress %) */
  durationSec: number;
}

const MAX_OFFSET_SEC = 7 * 24 * 3600;

/** A title as a file name: no path separators, reserved or control characters (Windows included). */
function fileSafe(title: string): string {
  const cleaned = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').replace(/^[.\s-]+|[.\s]+$/g, '');
  return (cleaned || 'clip').slice(0, 120);
}

/** A file-name-safe short form of the source's name. */
function slug(name: string): string {
  const cleaned = name
    .replace(/[^\p{L}\p{N}._-]+/gu, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
  return (cleaned || 'video').slice(0, 80);
}

function checkSeconds(field: string, value: number | null | undefined, min: number, exclusive: boolean): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < min || (exclusive && value === min) || value > MAX_OFFSET_SEC) {
    throw new UserError(`${field}: must be a number of seconds ${exclusive ? 'above' : 'from'} ${min} up to ${MAX_OFFSET_SEC}`);
  }
  return value;
}

export class TranscodeService {
  readonly store: TranscodeJobStore;
  readonly settingsStore: TranscodeSettingsStore;
  private readonly queue: TranscodeQueue;
  private readonly probe: (file: string) => Promise<ProbeInfo>;
  private hwReport: HwAccelReport | null = null;
  private hwProbe: Promise<HwAccelReport> | null = null;

  constructor(private readonly deps: TranscodeServiceDeps) {
    this.store = new TranscodeJobStore(deps.db);
    this.settingsStore = new TranscodeSettingsStore(deps.db);
    this.probe = deps.probe ?? ((file) => probeFile(deps.ffmpeg.ffprobe, file));
    this.queue = new TranscodeQueue({
      store: this.store,
      ffmpegPath: deps.ffmpeg.ffmpeg,
      probe: this.probe,
      encoder: () => this.encoderChoice(),
      workers: () => this.settingsStore.get().workers,
      work: deps.work,
      onChange: (job) => deps.bus.publish({ type: 'transcode.changed', job }),
      log: deps.log,
      graceMs: deps.graceMs,
      progressIntervalMs: deps.progressIntervalMs,
    });
  }

  /** Starts the hardware probe in the background and the queue (re-queuing jobs a stop interrupted). */
  start(): void {
    void this.hwaccel();
    this.queue.start();
  }

  /** Ends every running ffmpeg; their jobs run again at the next start. */
  async stop(): Promise<void> {
    await this.queue.stop();
  }

  profiles(): TranscodeProfileInfo[] {
    return BUILT_IN_PROFILES.map((p) => ({ ...p }));
  }

  list(): TranscodeJob[] {
    return this.store.list();
  }

  get(id: number): TranscodeJob | null {
    return this.store.get(id);
  }

  /** Queues a job; bad input is a UserError naming the field. */
  create(input: CreateTranscodeJob): TranscodeJob {
    const profile = findTranscodeProfile(input.profile);
    if (!profile) throw new UserError(`profile: ${unknownProfileMessage(input.profile)}`);
    const offsetSec = checkSeconds('offsetSec', input.offsetSec, 0, false) || null;
    const durationSec = checkSeconds('durationSec', input.durationSec, 0, true);
    const source = path.resolve(input.sourcePath);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(source);
    } catch {
      // reported below
    }
    if (!stat?.isFile()) throw new UserError(`The source file does not exist: ${source}`);
    if (input.probe) {
      const checked = checkSource(input.probe, profile, offsetSec, durationSec);
      if (!checked.ok) throw new UserError(checked.error);
    }
    if (input.outputDir !== undefined && !path.isAbsolute(input.outputDir)) {
      throw new UserError(`outputDir: must be an absolute folder path, got "${input.outputDir}"`);
    }
    const dir = input.outputDir ?? this.deps.outputDir;
    const stem = slug(path.basename(source, path.extname(source)));
    const clip = offsetSec !== null || durationSec !== null ? `-clip-${Math.floor(offsetSec ?? 0)}s` : '';
    const job = this.store.insert(
      { sourcePath: source, fileId: input.fileId ?? null, profile: profile.name, offsetSec, durationSec },
      (id) => path.join(dir, `${id}-${stem}${clip}-${profile.name}.mp4`),
    );
    this.deps.log.info({ job: job.id, source, profile: profile.name, offsetSec, durationSec }, 'transcode job queued');
    this.deps.bus.publish({ type: 'transcode.changed', job });
    this.queue.pump();
    return job;
  }

  /**
   * Queues a camera clip: the segments are written to a segment list (the job's source) and copied into one MP4
   * named after the title, in the folder results go to.
   */
  createSegmentClip(input: CreateSegmentClip): TranscodeJob {
    if (!input.segments.length) throw new UserError('segments: a clip needs at least one recording');
    const missing = input.segments.find((s) => !fs.existsSync(s.file));
    if (missing) throw new UserError(`The recording ${missing.file} is gone`);
    const title = fileSafe(input.title);
    const listsDir = this.segmentListsDir();
    fs.mkdirSync(listsDir, { recursive: true });
    const listPath = path.join(fs.mkdtempSync(path.join(listsDir, 'clip-')), `${title}${SEGMENT_LIST_EXT}`);
    fs.writeFileSync(listPath, writeSegmentList(input.segments));
    const active = new Set(
      this.store
        .list()
        .filter((j) => j.state === 'queued' || j.state === 'running')
        .map((j) => j.outputPath),
    );
    const job = this.store.insert(
      { sourcePath: listPath, fileId: null, profile: CAMERA_CLIP_PROFILE, offsetSec: null, durationSec: input.durationSec },
      // the same clip asked for twice at once: each run writes its own file
      (id) => {
        const plain = path.join(this.deps.outputDir, `${title}.mp4`);
        return active.has(plain) ? path.join(this.deps.outputDir, `${title} (${id}).mp4`) : plain;
      },
    );
    this.deps.log.info({ job: job.id, segments: input.segments.length, durationSec: input.durationSec }, 'camera clip queued');
    this.deps.bus.publish({ type: 'transcode.changed', job });
    this.queue.pump();
    return job;
  }

  /** Where the segment lists of camera clips live while their jobs exist. */
  private segmentListsDir(): string {
    return path.join(this.deps.outputDir, '.segment-lists');
  }

  private mustGet(id: number): TranscodeJob {
    const job = this.store.get(id);
    if (!job) throw new NotFoundError(`No transcode job ${id}`);
    return job;
  }

  /** Stops a queued or running job (its ffmpeg ends, its partial output is deleted). */
  async cancel(id: number): Promise<TranscodeJob> {
    const job = this.mustGet(id);
    if (job.state === 'done' || job.state === 'failed') {
      throw new UserError(`Job ${id} has already ${job.state === 'done' ? 'finished' : 'failed'}; remove it instead`);
    }
    if (job.state !== 'cancelled') await this.queue.cancel(id);
    return this.mustGet(id);
  }

  /** Removes a job and the file it made (stopping it first when it runs). */
  async remove(id: number): Promise<void> {
    const job = this.mustGet(id);
    if (job.state === 'queued' || job.state === 'running') await this.queue.cancel(id);
    const latest = this.store.get(id) ?? job;
    this.store.remove(id);
    if (isSegmentList(latest.sourcePath) && path.dirname(path.dirname(latest.sourcePath)) === this.segmentListsDir()) {
      fs.rmSync(path.dirname(latest.sourcePath), { recursive: true, force: true });
    }
    for (const file of [partPath(latest.outputPath), ...(latest.state === 'done' ? [latest.outputPath] : [])]) {
      try {
        fs.rmSync(file, { force: true });
      } catch (err) {
        this.deps.log.warn({ err, file }, 'could not delete a transcode result');
      }
    }
    this.deps.bus.publish({ type: 'transcode.removed', id });
  }

  /** The finished result's path, or null (not done, or deleted since). */
  outputFile(id: number): string | null {
    const job = this.mustGet(id);
    if (job.state !== 'done' || !fs.existsSync(job.outputPath)) return null;
    return job.outputPath;
  }

  settings(): TranscodeSettings {
    return this.settingsStore.get();
  }

  updateSettings(patch: unknown): TranscodeSettings {
    const next = this.settingsStore.update(patch);
    this.queue.pump(); // more workers start at once; fewer take effect as running jobs end
    return next;
  }

  /** The hardware encoder report (probed once in the background; `fresh` probes again, e.g. after a driver install). */
  hwaccel(fresh = false): Promise<HwAccelReport> {
    if (!this.hwProbe || fresh) {
      const probing = (this.deps.probeHardware ?? (() => probeHardwareEncoders(this.deps.ffmpeg.ffmpeg)))();
      this.hwProbe = probing.then(
        (report) => {
          this.hwReport = report;
          const found = report.encoders.map((e) => `${e.kind}: ${e.available ? 'yes' : e.reason}`).join('; ');
          this.deps.log.info({ best: report.best }, `hardware encoders probed (${found})`);
          return report;
        },
        (err: unknown) => {
          this.deps.log.warn({ err }, 'hardware encoder probe failed; using the CPU');
          const report: HwAccelReport = { probedAt: new Date().toISOString(), encoders: [], best: 'software' };
          this.hwReport = report;
          return report;
        },
      );
    }
    return this.hwProbe;
  }

  /** The last report, without waiting (null while the first probe runs). */
  hwaccelNow(): HwAccelReport | null {
    return this.hwReport;
  }

  /** The encoder the settings and the probe pick now; what HLS sessions and jobs both use. */
  async encoderChoice(): Promise<EncoderChoice> {
    const preference = this.settingsStore.get().hwaccel;
    if (preference === 'off') return chooseEncoder('off', null);
    return chooseEncoder(preference, await this.hwaccel());
  }
}
