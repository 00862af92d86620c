/**
 * Cameras: the list (SQLite + secret store), "test connection", one segment recorder per camera whose mode records,
 * and the recordings index. Each camera fails alone: a wrong password or a camera that went away shows in its status
 * while the others keep recording.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../core/database.js';
import type { Logger } from '../core/logger.js';
import type { SecretStore } from '../core/secret-store.js';
import { NotFoundError, UpstreamError, UserError } from '../core/user-error.js';
import { probeFile } from '../../native/ffprobe.js';
import { CAMERA_MODES, CameraStore, type CameraMode, type CameraRecord } from './camera-store.js';
import { redactUrls, splitCameraUrl, urlWithCredentials, type CameraCredentials } from './camera-url.js';
import type { CameraEventInfo } from '../api/api-types.js';
import { CameraEventStore, DEFAULT_CAPTURE, type CameraEvent, type CaptureWindow } from './camera-events.js';
import { MotionWatcher } from './motion-watcher.js';
import { RecordingIndex, type Recording } from './recording-index.js';
import { RetentionPass, RetentionSettingsStore } from './retention-pass.js';
import { probeRtsp, type RtspProbeResult } from './rtsp-probe.js';
import { SegmentRecorder, type RecorderState } from './segment-recorder.js';

export interface CameraView extends CameraRecord, RecorderState {}

export interface AddCameraInput {
  name: string;
  url: string;
  mode: string;
  username?: string;
  password?: string;
  subUrl?: string;
}

export interface TestCameraInput {
  url: string;
  username?: string;
  password?: string;
}

export interface CctvServiceDeps {
  db: Db;
  secrets: SecretStore;
  /** data/recordings */
  recordingsDir: string;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  log: Logger;
  /** segment length in seconds (default 10) */
  segmentSeconds?: number;
  retry?: { initialMs?: number; maxMs?: number };
  /** deadline of "test connection" (default 10 s) */
  probeTimeoutMs?: number;
  /** an alarm event started or ended (the engine publishes it on its bus) */
  onEvent?: (phase: 'start' | 'end', event: CameraEventInfo) => void;
  /** footage kept around an event (default 5 s before, 10 s after) */
  capture?: CaptureWindow;
  /** how often an events-only camera's buffer is trimmed (default 5 s) */
  bufferCheckMs?: number;
}

/** Modes that record (the others in CAMERA_MODES only keep the camera listed). */
const RECORDING_MODES: ReadonlySet<CameraMode> = new Set(['continuous', 'events']);

/** The wire form of an event. */
export const eventInfo = (e: CameraEvent): CameraEventInfo => ({
  id: e.id,
  cameraId: e.cameraId,
  kind: e.kind,
  start: new Date(e.startMs).toISOString(),
  end: e.endMs === null ? null : new Date(e.endMs).toISOString(),
  peakArea: e.peakArea,
});

export class CctvService {
  private readonly store: CameraStore;
  readonly index: RecordingIndex;
  private readonly recorders = new Map<number, SegmentRecorder>();
  /** cameras whose recorder could not even start (their credentials could not be read), with the reason */
  private readonly failures = new Map<number, string>();
  private running = false;
  /** retention for every camera, and the pass that applies it */
  readonly retentionSettings: RetentionSettingsStore;
  readonly retention: RetentionPass;
  readonly eventStore: CameraEventStore;
  private readonly watchers = new Map<number, MotionWatcher>();
  /** the running event of each camera that has one */
  private readonly activeEvents = new Map<number, CameraEvent>();
  private bufferTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: CctvServiceDeps) {
    this.store = new CameraStore(deps.db, deps.secrets);
    this.retentionSettings = new RetentionSettingsStore(deps.db);
    this.eventStore = new CameraEventStore(deps.db);
    this.index = new RecordingIndex(deps.db, deps.recordingsDir, async (file) => {
      try {
        return (await probeFile(deps.ffmpeg.ffprobe, file, 30_000)).durationSec;
      } catch {
        return null;
      }
    });
    this.retention = new RetentionPass({ index: this.index, settings: () => this.retentionSettings.get(), log: deps.log });
  }

  /** Catches up the index after a crash, then records every camera whose mode records. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.eventStore.closeOrphans();
    for (const camera of this.store.list()) {
      try {
        const added = await this.index.recover(camera.id);
        if (added) this.deps.log.info({ camera: camera.id, added }, 'indexed segments left by the last run');
      } catch (err) {
        this.deps.log.error({ camera: camera.id, err }, 'could not check the recordings left by the last run');
      }
      if (RECORDING_MODES.has(camera.mode)) await this.startRecorder(camera);
    }
    // a first pass now (the disk may have filled while the engine was down), then every few minutes
    void this.retention.run().catch((err: Error) => this.deps.log.warn({ err }, 'retention pass failed'));
    this.retention.start();
    this.bufferTimer = setInterval(() => this.trimEventBuffers(), this.deps.bufferCheckMs ?? 5000);
    this.bufferTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.retention.stop();
    if (this.bufferTimer) clearInterval(this.bufferTimer);
    this.bufferTimer = null;
    const watchers = [...this.watchers.values()];
    this.watchers.clear();
    await Promise.all(watchers.map((w) => w.stop()));
    const recorders = [...this.recorders.values()];
    this.recorders.clear();
    await Promise.all(recorders.map((r) => r.stop()));
  }

  list(): CameraView[] {
    return this.store.list().map((camera) => this.view(camera));
  }

  get(id: number): CameraView | null {
    const camera = this.store.get(id);
    return camera ? this.view(camera) : null;
  }

  private view(camera: CameraRecord): CameraView {
    const failure = this.failures.get(camera.id);
    const state =
      this.recorders.get(camera.id)?.state() ??
      (failure
        ? { status: 'error' as const, reason: failure, retryAt: null }
        : { status: 'stopped' as const, reason: null, retryAt: null });
    return { ...camera, ...state };
  }

  async add(input: AddCameraInput): Promise<CameraView> {
    const name = input.name.trim();
    if (!name) throw new UserError('name: must not be empty');
    const mode = parseMode(input.mode);
    const main = splitCameraUrl(input.url, 'url');
    const sub = input.subUrl ? splitCameraUrl(input.subUrl, 'subUrl') : null;
    const credentials = credentialsOf(input, main.credentials ?? sub?.credentials ?? null);
    const camera = await this.store.add({ name, url: main.url, subUrl: sub?.url ?? null, mode, credentials });
    this.deps.log.info({ camera: camera.id, url: camera.url, mode }, 'camera added');
    if (this.running && RECORDING_MODES.has(mode)) await this.startRecorder(camera);
    return this.view(camera);
  }

  /** Removes a camera; its recordings stay on disk unless `deleteRecordings`. */
  async remove(id: number, deleteRecordings = false): Promise<void> {
    if (!this.store.get(id)) throw new NotFoundError(`No camera ${id}`);
    const recorder = this.recorders.get(id);
    this.recorders.delete(id);
    this.failures.delete(id);
    await recorder?.stop();
    await this.watchers.get(id)?.stop();
    this.watchers.delete(id);
    this.activeEvents.delete(id);
    await this.store.remove(id);
    if (deleteRecordings) fs.rmSync(path.join(this.deps.recordingsDir, String(id)), { recursive: true, force: true });
    this.deps.log.info({ camera: id, deleteRecordings }, 'camera removed');
  }

  /** "Test connection": the stream's codec, size and fps, or why it cannot be opened. */
  async test(input: TestCameraInput): Promise<RtspProbeResult> {
    const split = splitCameraUrl(input.url, 'url');
    const credentials = credentialsOf(input, split.credentials);
    return probeRtsp(this.deps.ffmpeg.ffprobe, urlWithCredentials(split.url, credentials), this.deps.probeTimeoutMs);
  }

  recordings(cameraId: number, fromMs: number, toMs: number): Recording[] {
    if (!this.store.get(cameraId)) throw new NotFoundError(`No camera ${cameraId}`);
    return this.index.between(cameraId, fromMs, toMs);
  }

  events(cameraId: number, fromMs: number, toMs: number): CameraEventInfo[] {
    if (!this.store.get(cameraId)) throw new NotFoundError(`No camera ${cameraId}`);
    return this.eventStore.between(cameraId, fromMs, toMs).map(eventInfo);
  }

  /**
   * Events-only cameras record into a rolling buffer: segments around an event (pre- and post-capture) are flagged
   * as event footage; the others go once they are too old to be any event's pre-capture.
   */
  private trimEventBuffers(): void {
    const window = this.deps.capture ?? DEFAULT_CAPTURE;
    const now = Date.now();
    for (const camera of this.store.list()) {
      if (camera.mode !== 'events') continue;
      try {
        this.eventStore.flagFootage(camera.id, window, now - 60 * 60_000, now);
        const stale = this.index
          .between(camera.id, 0, now - window.preSec * 1000)
          .filter((r) => !r.event && r.endMs < now - window.preSec * 1000 && !this.activeEvents.has(camera.id));
        if (stale.length) this.index.remove(stale);
      } catch (err) {
        this.deps.log.warn({ camera: camera.id, err }, 'could not trim the event buffer');
      }
    }
  }

  private startMotion(camera: CameraRecord, url: string): void {
    if (this.watchers.has(camera.id)) return;
    const watcher = new MotionWatcher({
      ffmpeg: this.deps.ffmpeg.ffmpeg,
      url,
      log: this.deps.log,
      retry: this.deps.retry,
      onEvent: (motion) => {
        if (motion.type === 'start') {
          const event = this.eventStore.start(camera.id, 'motion', motion.atMs);
          this.activeEvents.set(camera.id, event);
          this.deps.log.info({ camera: camera.id, event: event.id }, 'motion started');
          this.deps.onEvent?.('start', eventInfo(event));
        } else {
          const active = this.activeEvents.get(camera.id);
          if (!active) return;
          this.activeEvents.delete(camera.id);
          this.eventStore.end(active.id, motion.atMs, motion.peakArea);
          this.deps.log.info({ camera: camera.id, event: active.id }, 'motion ended');
          this.deps.onEvent?.('end', eventInfo(this.eventStore.get(active.id)!));
        }
      },
    });
    this.watchers.set(camera.id, watcher);
    watcher.start();
  }

  /** A JPEG of what the camera sees now (its main stream), or an UpstreamError saying why not. */
  async snapshot(cameraId: number): Promise<Buffer> {
    const camera = this.store.get(cameraId);
    if (!camera) throw new NotFoundError(`No camera ${cameraId}`);
    const credentials = camera.hasCredentials ? await this.store.credentials(camera.id) : null;
    const url = urlWithCredentials(camera.url, credentials);
    return new Promise((resolve, reject) => {
      execFile(
        this.deps.ffmpeg.ffmpeg,
        [
          ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '10000000'],
          ...['-i', url, '-an', '-frames:v', '1', '-q:v', '3', '-f', 'mjpeg', 'pipe:1'],
        ],
        { encoding: 'buffer', timeout: 20_000, maxBuffer: 32 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (!err && stdout.length) return resolve(stdout);
          const why = redactUrls(
            String(stderr).trim().split('\n').pop() || (err?.killed ? 'no picture within 20 s' : 'no picture'),
          );
          reject(new UpstreamError(`The camera gave no snapshot: ${why}`, 502));
        },
      );
    });
  }

  /** The file of one recording, or null when it is gone. */
  recordingFile(cameraId: number, recordingId: number): string | null {
    const recording = this.index.get(cameraId, recordingId);
    if (!recording) return null;
    const file = this.index.absolutePath(recording);
    return fs.existsSync(file) ? file : null;
  }

  private async startRecorder(camera: CameraRecord): Promise<void> {
    if (this.recorders.has(camera.id)) return;
    let credentials = null;
    try {
      credentials = camera.hasCredentials ? await this.store.credentials(camera.id) : null;
    } catch (err) {
      // this camera alone cannot record; the others go on
      const reason = `Its user name and password could not be read from the secret store: ${(err as Error).message}`;
      this.failures.set(camera.id, reason);
      this.deps.log.error({ camera: camera.id, err }, 'camera credentials unreadable');
      return;
    }
    this.failures.delete(camera.id);
    const recorder = new SegmentRecorder({
      cameraId: camera.id,
      url: urlWithCredentials(camera.url, credentials),
      ffmpegPath: this.deps.ffmpeg.ffmpeg,
      index: this.index,
      log: this.deps.log,
      segmentSeconds: this.deps.segmentSeconds ?? 10,
      retry: this.deps.retry,
    });
    this.recorders.set(camera.id, recorder);
    recorder.start();
    if (camera.mode === 'events') {
      // detection on the sub-stream when the camera has one: smaller to decode, the same scene
      this.startMotion(camera, urlWithCredentials(camera.subUrl ?? camera.url, credentials));
    }
  }
}

function parseMode(mode: string): CameraMode {
  if ((CAMERA_MODES as readonly string[]).includes(mode)) return mode as CameraMode;
  if (['events+continuous', 'schedule'].includes(mode)) {
    throw new UserError(`mode: "${mode}" is not supported yet; use one of ${CAMERA_MODES.join(', ')}`);
  }
  throw new UserError(`mode: must be one of ${CAMERA_MODES.join(', ')} (got "${mode}")`);
}

/** username/password fields win over the URL's userinfo. */
function credentialsOf(
  input: { username?: string; password?: string },
  fromUrl: CameraCredentials | null,
): CameraCredentials | null {
  if (input.username !== undefined || input.password !== undefined) {
    return { username: input.username ?? fromUrl?.username ?? '', password: input.password ?? fromUrl?.password ?? '' };
  }
  return fromUrl;
}
