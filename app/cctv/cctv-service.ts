/**
 * Cameras: the list (SQLite + secret store), "test connection", what each camera runs (camera-processes.ts) as its
 * mode, schedule and the away switch decide, its alarm events (camera-alarms.ts), retention and the recordings' disk.
 * Each camera fails alone: a wrong password or a camera that went away shows in its status while the others record.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../core/database.js';
import type { Logger } from '../core/logger.js';
import type { SecretStore } from '../core/secret-store.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import { probeFile } from '../../native/ffprobe.js';
import { CameraStore, type CameraRecord } from './camera-store.js';
import { splitCameraUrl, urlWithCredentials, type CameraCredentials } from './camera-url.js';
import type { CameraEventInfo } from '../api/api-types.js';
import { CameraAlarms } from './camera-alarms.js';
import {
  cameraChanges,
  credentialsOf,
  requireSubStream,
  type AddCameraInput,
  type TestCameraInput,
  type UpdateCameraInput,
} from './camera-input.js';
import { EventFootage } from './event-footage.js';
import { grabJpeg } from './jpeg-grab.js';
import { AwayStore, type AwayState } from './camera-away.js';
import {
  CameraEventStore,
  DEFAULT_CAPTURE,
  type CameraEvent,
  type CameraEventKind,
  type CaptureWindow,
} from './camera-events.js';
import { CameraProcesses, NOTHING, type CameraWish } from './camera-processes.js';
import { machineTimeZone, scheduleAt } from './camera-schedule.js';
import { DEFAULT_DETECTION, parseMode, type CameraMode, type EffectiveMode } from './camera-settings.js';
import { RecordingIndex, type Recording } from './recording-index.js';
import { RetentionPass, RetentionSettingsStore } from './retention-pass.js';
import { probeRtsp, type RtspProbeResult } from './rtsp-probe.js';
import type { RecorderState } from './segment-recorder.js';
import { RecordingsDisk, type StorageInfo } from './recordings-disk.js';
import { OnvifEventBridge, type OnvifEventSource } from './onvif/onvif-event-bridge.js';

export interface CameraView extends CameraRecord, RecorderState {
  effectiveMode: EffectiveMode;
  /** why: "schedule: Mon 08:00-18:00 events", "records continuously" … */
  effectiveReason: string;
  /** epoch ms of the camera's last event start (null: none) */
  lastEventAt: number | null;
}

export type { AddCameraInput, TestCameraInput, UpdateCameraInput } from './camera-input.js';

export type { StorageInfo } from './recordings-disk.js';

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
  /** the clock and time zone schedules are read with (default: the machine's) */
  schedule?: { now?: () => number; timeZone?: string };
  /** a camera offline this long raises a malfunction event (default 30 s) */
  malfunctionAfterMs?: number;
  /** free bytes on the recordings' disk (default: statfs) */
  freeBytes?: (dir: string) => Promise<number | null>;
  /** how often the disk is checked (default 30 s) and under how many free bytes it is full (default 100 MiB) */
  storage?: { checkMs?: number; fullBelowBytes?: number };
}

const EVENT_MODES: ReadonlySet<EffectiveMode> = new Set(['events', 'events+continuous']);
const MODE_REASONS: Record<Exclude<CameraMode, 'schedule'>, string> = {
  off: 'turned off',
  continuous: 'records continuously',
  events: 'records events (pre- and post-capture around each)',
  'events+continuous': 'records events from the main stream, continuously from the sub-stream',
};

/** The URL of an event's snapshot, as the API serves it. */
export const eventSnapshotUrl = (e: Pick<CameraEvent, 'cameraId' | 'id' | 'snapshot'>) =>
  e.snapshot ? `/api/v1/cameras/${e.cameraId}/events/${e.id}/snapshot.jpg` : null;

/** The wire form of an event. */
export const eventInfo = (e: CameraEvent, cameraName = ''): CameraEventInfo => ({
  id: e.id,
  cameraId: e.cameraId,
  cameraName,
  kind: e.kind,
  start: new Date(e.startMs).toISOString(),
  end: e.endMs === null ? null : new Date(e.endMs).toISOString(),
  peakArea: e.peakArea,
  armed: e.armed,
  snapshotUrl: eventSnapshotUrl(e),
});

export class CctvService {
  private readonly store: CameraStore;
  readonly index: RecordingIndex;
  private readonly processes: CameraProcesses;
  private readonly footage: EventFootage;
  /** cameras whose recorder could not even start (their credentials could not be read), with the reason */
  private readonly failures = new Map<number, string>();
  private running = false;
  /** retention for every camera, and the pass that applies it */
  readonly retentionSettings: RetentionSettingsStore;
  readonly retention: RetentionPass;
  readonly eventStore: CameraEventStore;
  readonly alarms: CameraAlarms;
  private readonly awayStore: AwayStore;
  /** per camera: the applies in flight, one after another */
  private readonly applying = new Map<number, Promise<void>>();
  private readonly scheduleTimers = new Map<number, NodeJS.Timeout>();
  /** the detection stream of each watched camera (event snapshots come from it) */
  private readonly detectionUrls = new Map<number, string>();
  private readonly grabs = new Set<AbortController>();
  private bufferTimer: NodeJS.Timeout | null = null;
  private storageTimer: NodeJS.Timeout | null = null;
  private readonly disk: RecordingsDisk;
  /** PullPoint alarms of the cameras added by ONVIF */
  private readonly onvifEvents: OnvifEventBridge;

  constructor(private readonly deps: CctvServiceDeps) {
    this.store = new CameraStore(deps.db, deps.secrets);
    this.retentionSettings = new RetentionSettingsStore(deps.db);
    this.eventStore = new CameraEventStore(deps.db);
    this.awayStore = new AwayStore(deps.db);
    this.index = new RecordingIndex(deps.db, deps.recordingsDir, async (file) => {
      try {
        return (await probeFile(deps.ffmpeg.ffprobe, file, 30_000)).durationSec;
      } catch {
        return null;
      }
    });
    this.retention = new RetentionPass({
      index: this.index,
      settings: () => this.retentionSettings.get(),
      cameraDays: () => new Map(this.store.list().map((c) => [c.id, c.retention] as const)),
      afterPass: () => this.footage.pruneEvents(this.store.list(), this.retentionSettings.get().eventDays),
      freeBytes: deps.freeBytes,
      log: deps.log,
    });
    this.disk = new RecordingsDisk({
      db: deps.db,
      recordingsDir: deps.recordingsDir,
      settings: () => this.retentionSettings.get(),
      log: deps.log,
      freeBytes: deps.freeBytes,
      fullBelowBytes: deps.storage?.fullBelowBytes,
      onFull: () => void this.retention.run().catch(() => undefined),
    });
    this.alarms = new CameraAlarms({
      events: this.eventStore,
      log: deps.log,
      recordingsDir: deps.recordingsDir,
      info: (e) => eventInfo(e, this.store.get(e.cameraId)?.name ?? ''),
      publish: deps.onEvent,
      // from the detection stream when motion is watched; else (an ONVIF alarm) from the sub-stream or the main one
      grabSnapshot: async (cameraId) => {
        const url = this.detectionUrls.get(cameraId) ?? (await this.streamUrl(cameraId, 'sub'));
        if (!url) throw new Error('no such camera');
        return this.grabJpeg(url);
      },
      armed: (cameraId) => this.armed(cameraId),
      cooldownSec: (cameraId) => this.store.get(cameraId)?.detection.cooldownSec ?? DEFAULT_DETECTION.cooldownSec,
      malfunctionAfterMs: deps.malfunctionAfterMs,
    });
    this.footage = new EventFootage({
      db: deps.db,
      index: this.index,
      events: this.eventStore,
      recordingsDir: deps.recordingsDir,
      capture: deps.capture ?? DEFAULT_CAPTURE,
      log: deps.log,
      eventRunning: (cameraId) => (['motion', 'tamper', 'onvif'] as const).some((kind) => this.alarms.isActive(cameraId, kind)),
    });
    this.onvifEvents = new OnvifEventBridge({
      onAlarm: (cameraId, kind, phase, atMs) => this.raiseEvent(cameraId, kind, phase, atMs),
      onState: (cameraId, state) => deps.log.info({ camera: cameraId, ...state }, 'ONVIF events'),
      log: deps.log,
    });
    this.processes = new CameraProcesses({
      ffmpeg: deps.ffmpeg.ffmpeg,
      index: this.index,
      log: deps.log,
      segmentSeconds: deps.segmentSeconds ?? 10,
      retry: deps.retry,
      onMainState: (cameraId, state) => this.alarms.recorderState(cameraId, state),
      onMotion: (cameraId, motion) => {
        if (motion.type === 'start') this.alarms.begin(cameraId, 'motion', motion.atMs, { snapshot: true });
        else void this.alarms.end(cameraId, 'motion', motion.atMs, motion.peakArea);
      },
    });
  }

  /** Catches up the index after a crash, then runs every camera as its mode says. */
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
      await this.apply(camera.id);
    }
    // a first pass now (the disk may have filled while the engine was down), then every few minutes
    void this.retention.run().catch((err: Error) => this.deps.log.warn({ err }, 'retention pass failed'));
    this.retention.start();
    this.bufferTimer = setInterval(() => this.trimEventBuffers(), this.deps.bufferCheckMs ?? 5000);
    this.bufferTimer.unref();
    this.storageTimer = setInterval(
      () => void this.storage().catch((err: Error) => this.deps.log.warn({ err }, 'could not check the recordings disk')),
      this.deps.storage?.checkMs ?? 30_000,
    );
    this.storageTimer.unref();
    await this.syncOnvif();
  }

  /** One PullPoint subscription per ONVIF camera that is not turned off. */
  private async syncOnvif(): Promise<void> {
    if (!this.running) return;
    const sources: OnvifEventSource[] = [];
    for (const camera of this.store.list()) {
      if (!camera.onvifXaddr || camera.mode === 'off') continue;
      try {
        const credentials = camera.hasCredentials ? await this.store.credentials(camera.id) : null;
        sources.push({ cameraId: camera.id, xaddr: camera.onvifXaddr, ...credentials });
      } catch (err) {
        this.deps.log.error({ camera: camera.id, err }, 'camera credentials unreadable: no ONVIF events');
      }
    }
    await this.onvifEvents.sync(sources);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.retention.stop();
    for (const timer of [this.bufferTimer, this.storageTimer, ...this.scheduleTimers.values()]) {
      if (timer) clearInterval(timer);
    }
    this.scheduleTimers.clear();
    this.bufferTimer = this.storageTimer = null;
    for (const grab of this.grabs) grab.abort();
    await Promise.all([...this.applying.values()]);
    await this.processes.stopAll();
    await this.onvifEvents.stop(); // before the alarms: stopping ends any ONVIF alarm still on through them
    await this.alarms.stop();
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
    let state: RecorderState =
      this.processes.state(camera.id) ??
      (failure ? { status: 'error', reason: failure, retryAt: null } : { status: 'stopped', reason: null, retryAt: null });
    const full = this.disk.fullReason;
    if (full && this.processes.recording(camera.id)) state = { ...state, status: 'error', reason: full };
    const effective = this.effective(camera);
    return {
      ...camera,
      ...state,
      effectiveMode: effective.mode,
      effectiveReason: effective.reason,
      lastEventAt: this.eventStore.lastEventAt(camera.id),
    };
  }

  /** What the camera does now, why, and when that changes (schedules only). */
  private effective(camera: CameraRecord): { mode: EffectiveMode; reason: string; nextChangeAt: number | null } {
    if (camera.mode !== 'schedule') return { mode: camera.mode, reason: MODE_REASONS[camera.mode], nextChangeAt: null };
    const now = (this.deps.schedule?.now ?? Date.now)();
    return scheduleAt(camera.schedule, now, this.deps.schedule?.timeZone ?? machineTimeZone());
  }

  /** An event raised now is armed when away, or when the camera's effective mode records events. */
  private armed(cameraId: number): boolean {
    const camera = this.store.get(cameraId);
    return this.awayStore.get().away || (camera !== null && EVENT_MODES.has(this.effective(camera).mode));
  }

  async add(input: AddCameraInput): Promise<CameraView> {
    const name = input.name.trim();
    if (!name) throw new UserError('name: must not be empty');
    const mode = parseMode(input.mode);
    const main = splitCameraUrl(input.url, 'url');
    const sub = input.subUrl ? splitCameraUrl(input.subUrl, 'subUrl') : null;
    requireSubStream(mode, sub?.url ?? null);
    const credentials = credentialsOf(input, main.credentials ?? sub?.credentials ?? null);
    let camera = await this.store.add({
      name,
      url: main.url,
      subUrl: sub?.url ?? null,
      mode,
      credentials,
      detection: { ...DEFAULT_DETECTION, ...input.detection },
      schedule: input.schedule ?? [],
      onvifXaddr: input.onvif?.xaddr ?? null,
      idFloor: highestFolderId(this.deps.recordingsDir),
    });
    if (input.retention) camera = this.store.update(camera.id, { retention: { ...camera.retention, ...input.retention } })!;
    this.deps.log.info({ camera: camera.id, url: camera.url, mode }, 'camera added');
    await this.apply(camera.id);
    await this.syncOnvif();
    return this.view(camera);
  }

  /** Changes a camera; restarts only what the change needs (a URL or mode: the recorder; detection: the watcher). */
  async update(id: number, input: UpdateCameraInput): Promise<CameraView> {
    const camera = this.store.get(id);
    if (!camera) throw new NotFoundError(`No camera ${id}`);
    const { changes, credentials } = await cameraChanges(camera, input, () => this.store.credentials(id));
    if (credentials !== undefined) await this.store.setCredentials(id, credentials);
    this.store.update(id, changes);
    this.deps.log.info({ camera: id, changed: Object.keys(changes) }, 'camera changed');
    await this.apply(id);
    if (changes.retention) void this.retention.run().catch(() => undefined);
    if (changes.onvifXaddr !== undefined || changes.mode !== undefined || credentials !== undefined) await this.syncOnvif();
    return this.get(id)!;
  }

  /** Removes a camera; its recordings stay on disk unless `deleteRecordings`. */
  async remove(id: number, deleteRecordings = false): Promise<void> {
    if (!this.store.get(id)) throw new NotFoundError(`No camera ${id}`);
    await this.applying.get(id);
    await this.processes.apply(id, NOTHING); // the recorders close and index their last segments first
    await this.store.remove(id);
    this.failures.delete(id);
    await this.apply(id); // no camera any more: its schedule timer goes too
    await this.syncOnvif();
    await this.alarms.forget(id);
    if (deleteRecordings) fs.rmSync(path.join(this.deps.recordingsDir, String(id)), { recursive: true, force: true });
    this.deps.log.info({ camera: id, deleteRecordings }, 'camera removed');
  }

  away(): AwayState {
    return this.awayStore.get();
  }

  /** Away on: every camera that is not turned off watches for motion and its events are armed. */
  async setAway(away: boolean): Promise<AwayState> {
    const state = this.awayStore.set(away, Date.now());
    this.deps.log.info({ away }, 'away mode');
    await Promise.all(this.store.list().map((c) => this.apply(c.id)));
    return state;
  }

  /** An event from another source (ONVIF motion or tamper) starts or ends; `start` takes a snapshot. */
  raiseEvent(cameraId: number, kind: CameraEventKind, phase: 'start' | 'end', atMs = Date.now()): void {
    if (!this.store.get(cameraId)) return;
    if (phase === 'start') this.alarms.begin(cameraId, kind, atMs, { snapshot: true });
    else void this.alarms.end(cameraId, kind, atMs);
  }

  /** "Test connection": the stream's codec, size and fps, or why it cannot be opened. */
  async test(input: TestCameraInput): Promise<RtspProbeResult> {
    const split = splitCameraUrl(input.url, 'url');
    const saved =
      input.cameraId && this.store.get(input.cameraId)?.hasCredentials ? await this.store.credentials(input.cameraId) : null;
    const credentials = credentialsOf(input, split.credentials ?? saved);
    return probeRtsp(this.deps.ffmpeg.ffprobe, urlWithCredentials(split.url, credentials), this.deps.probeTimeoutMs);
  }

  recordings(cameraId: number, fromMs: number, toMs: number): Recording[] {
    if (!this.store.get(cameraId)) throw new NotFoundError(`No camera ${cameraId}`);
    return this.index.between(cameraId, fromMs, toMs);
  }

  events(cameraId: number, fromMs: number, toMs: number): CameraEventInfo[] {
    const camera = this.store.get(cameraId);
    if (!camera) throw new NotFoundError(`No camera ${cameraId}`);
    return this.eventStore.between(cameraId, fromMs, toMs).map((e) => eventInfo(e, camera.name));
  }

  /** The JPEG taken at an event's start, or null when there is none (any more). */
  eventSnapshotFile(cameraId: number, eventId: number): string | null {
    const event = this.eventStore.get(eventId);
    if (!event || event.cameraId !== cameraId || !event.snapshot) return null;
    const file = path.join(this.deps.recordingsDir, event.snapshot);
    return fs.existsSync(file) ? file : null;
  }

  /** The recordings' disk: used, free, the limits and whether it is ok, low or full (full: a retention pass at once). */
  storage(): Promise<StorageInfo> {
    return this.disk.check();
  }

  /** Brings a camera's processes to what its mode, schedule and the away switch say (one apply at a time per camera). */
  private apply(cameraId: number): Promise<void> {
    const next = (this.applying.get(cameraId) ?? Promise.resolve())
      .then(() => this.applyNow(cameraId))
      .catch((err: Error) => this.deps.log.error({ camera: cameraId, err }, 'could not apply the camera settings'));
    this.applying.set(cameraId, next);
    void next.finally(() => {
      if (this.applying.get(cameraId) === next) this.applying.delete(cameraId);
    });
    return next;
  }

  private async applyNow(cameraId: number): Promise<void> {
    const timer = this.scheduleTimers.get(cameraId);
    if (timer) clearTimeout(timer);
    this.scheduleTimers.delete(cameraId);
    const camera = this.store.get(cameraId);
    if (!camera || !this.running) {
      await this.processes.apply(cameraId, NOTHING);
      this.detectionUrls.delete(cameraId);
      return;
    }
    const effective = this.effective(camera);
    if (effective.nextChangeAt !== null) {
      const now = (this.deps.schedule?.now ?? Date.now)();
      // a little after the boundary, so the schedule reads the new side of it
      const wait = Math.min(2 ** 31 - 1, Math.max(0, effective.nextChangeAt - now) + 50);
      const next = setTimeout(() => void this.apply(cameraId), wait);
      next.unref();
      this.scheduleTimers.set(cameraId, next);
    }
    const wish = await this.wish(camera, effective.mode);
    const buffering = EVENT_MODES.has(effective.mode);
    if (buffering && camera.bufferSinceMs === null) this.store.setBufferSince(cameraId, Date.now());
    if (wish.watch) this.detectionUrls.set(cameraId, wish.watch.url);
    await this.processes.apply(cameraId, wish);
    if (!wish.watch) this.detectionUrls.delete(cameraId);
    if (!buffering && camera.bufferSinceMs !== null) {
      // out of an events mode: what the buffer held apart from event footage goes, then the camera keeps what it records
      this.footage.trimBuffer(this.store.get(cameraId)!, Number.MAX_SAFE_INTEGER);
      this.store.setBufferSince(cameraId, null);
    }
    if (effective.mode !== camera.mode) {
      this.deps.log.info({ camera: cameraId, mode: effective.mode, reason: effective.reason }, 'camera mode now');
    }
  }

  /** What the camera should run in this mode (its credentials read from the secret store). */
  private async wish(camera: CameraRecord, mode: EffectiveMode): Promise<CameraWish> {
    const watch = EVENT_MODES.has(mode) || (this.awayStore.get().away && camera.mode !== 'off');
    if (mode === 'off' && !watch) return NOTHING;
    let credentials: CameraCredentials | null = null;
    try {
      credentials = camera.hasCredentials ? await this.store.credentials(camera.id) : null;
    } catch (err) {
      // this camera alone cannot record; the others go on
      const reason = `Its user name and password could not be read from the secret store: ${(err as Error).message}`;
      this.failures.set(camera.id, reason);
      this.deps.log.error({ camera: camera.id, err }, 'camera credentials unreadable');
      return NOTHING;
    }
    this.failures.delete(camera.id);
    const main = urlWithCredentials(camera.url, credentials);
    const sub = camera.subUrl ? urlWithCredentials(camera.subUrl, credentials) : null;
    const { sensitivity, minArea, zones } = camera.detection;
    return {
      main: mode === 'off' ? null : main,
      sub: mode === 'events+continuous' ? sub : null,
      // detection on the sub-stream when the camera has one: smaller to decode, the same scene
      watch: watch
        ? {
            url: sub ?? main,
            settings: { sensitivity, minArea, masks: zones.map((z) => ({ x: z.x, y: z.y, width: z.w, height: z.h })) },
          }
        : null,
    };
  }

  /**
   * Cameras in an events mode record their main stream into a rolling buffer: segments around an event (pre- and
   * post-capture) are flagged as event footage; the others go once they are too old to be any event's pre-capture.
   */
  private trimEventBuffers(): void {
    const window = this.deps.capture ?? DEFAULT_CAPTURE;
    for (const camera of this.store.list()) {
      if (camera.bufferSinceMs === null || !EVENT_MODES.has(this.effective(camera).mode)) continue;
      this.footage.trimBuffer(camera, Date.now() - window.preSec * 1000);
    }
  }

  /** A JPEG of what the camera sees now (its main stream), or an UpstreamError saying why not. */
  async snapshot(cameraId: number): Promise<Buffer> {
    const camera = this.store.get(cameraId);
    if (!camera) throw new NotFoundError(`No camera ${cameraId}`);
    const credentials = camera.hasCredentials ? await this.store.credentials(camera.id) : null;
    return this.grabJpeg(urlWithCredentials(camera.url, credentials));
  }

  /** One frame of a stream as a JPEG (aborted when the service stops). */
  private grabJpeg(url: string): Promise<Buffer> {
    const abort = new AbortController();
    this.grabs.add(abort);
    return grabJpeg(this.deps.ffmpeg.ffmpeg, url, abort.signal).finally(() => this.grabs.delete(abort));
  }

  /** The file of one recording, or null when it is gone. */
  recordingFile(cameraId: number, recordingId: number): string | null {
    const recording = this.index.get(cameraId, recordingId);
    if (!recording) return null;
    const file = this.index.absolutePath(recording);
    return fs.existsSync(file) ? file : null;
  }

  /** A stream's URL with the camera's credentials, for the live relay (sub falls back to main); null: no such camera. */
  async streamUrl(cameraId: number, stream: 'main' | 'sub'): Promise<string | null> {
    const camera = this.store.get(cameraId);
    if (!camera) return null;
    const credentials = camera.hasCredentials ? await this.store.credentials(camera.id) : null;
    return urlWithCredentials(stream === 'sub' ? (camera.subUrl ?? camera.url) : camera.url, credentials);
  }
}

/** The highest camera id among the recordings' folders (a removed camera's footage may still be there). */
function highestFolderId(recordingsDir: string): number {
  let highest = 0;
  try {
    for (const name of fs.readdirSync(recordingsDir)) if (/^\d+$/.test(name)) highest = Math.max(highest, Number(name));
  } catch {
    // no recordings yet
  }
  return highest;
}
