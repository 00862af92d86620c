/**
 * The ffmpeg processes of each camera: the main-stream recorder, the sub-stream recorder ("events + continuous") and
 * the motion watcher. The service says what each camera should run (a URL and settings, or nothing); only what
 * changed is stopped and started again, so renaming a camera or changing its cooldown never cuts a recording.
 */
import type { Logger } from '../core/logger.js';
import { MotionWatcher, type MotionWatcherOptions } from './motion-watcher.js';
import type { RecordingIndex } from './recording-index.js';
import type { SegmentStream } from './segment-files.js';
import { SegmentRecorder, type RecorderState } from './segment-recorder.js';

export interface WatchWish {
  /** the detection stream, credentials included */
  url: string;
  settings: NonNullable<MotionWatcherOptions['settings']>;
}

/** What one camera should run: a URL per recorded stream (null: not recorded), the watcher (null: none). */
export interface CameraWish {
  main: string | null;
  sub: string | null;
  watch: WatchWish | null;
}

export const NOTHING: CameraWish = { main: null, sub: null, watch: null };

export interface CameraProcessesDeps {
  ffmpeg: string;
  index: RecordingIndex;
  log: Logger;
  segmentSeconds: number;
  retry?: { initialMs?: number; maxMs?: number };
  /** the main recorder's state changed (online, offline …) */
  onMainState: (cameraId: number, state: RecorderState) => void;
  onMotion: (cameraId: number, event: Parameters<MotionWatcherOptions['onEvent']>[0]) => void;
}

interface Running<T> {
  key: string;
  process: T;
}

export class CameraProcesses {
  private readonly main = new Map<number, Running<SegmentRecorder>>();
  private readonly sub = new Map<number, Running<SegmentRecorder>>();
  private readonly watchers = new Map<number, Running<MotionWatcher>>();

  constructor(private readonly deps: CameraProcessesDeps) {}

  /** The state of the camera's recording (its main recorder; the sub one when only that runs); null: not recording. */
  state(cameraId: number): RecorderState | null {
    return (this.main.get(cameraId) ?? this.sub.get(cameraId))?.process.state() ?? null;
  }

  recording(cameraId: number): boolean {
    return this.main.has(cameraId) || this.sub.has(cameraId);
  }

  watching(cameraId: number): boolean {
    return this.watchers.has(cameraId);
  }

  /** Brings the camera's processes to the wish: the unchanged ones keep running. */
  async apply(cameraId: number, wish: CameraWish): Promise<void> {
    await Promise.all([
      this.recorder(this.main, cameraId, 'main', wish.main),
      this.recorder(this.sub, cameraId, 'sub', wish.sub),
      this.watcher(cameraId, wish.watch),
    ]);
  }

  async stopAll(): Promise<void> {
    const ids = new Set([...this.main.keys(), ...this.sub.keys(), ...this.watchers.keys()]);
    await Promise.all([...ids].map((id) => this.apply(id, NOTHING)));
  }

  private async recorder(
    map: Map<number, Running<SegmentRecorder>>,
    cameraId: number,
    stream: SegmentStream,
    url: string | null,
  ): Promise<void> {
    const current = map.get(cameraId);
    if (current && current.key === url) return;
    if (current) {
      map.delete(cameraId);
      await current.process.stop();
    }
    if (url === null) return;
    const recorder = new SegmentRecorder({
      cameraId,
      url,
      stream,
      ffmpegPath: this.deps.ffmpeg,
      index: this.deps.index,
      log: this.deps.log,
      segmentSeconds: this.deps.segmentSeconds,
      retry: this.deps.retry,
      onState: stream === 'main' ? (state) => this.deps.onMainState(cameraId, state) : undefined,
    });
    map.set(cameraId, { key: url, process: recorder });
    recorder.start();
  }

  private async watcher(cameraId: number, wish: WatchWish | null): Promise<void> {
    const key = wish ? JSON.stringify([wish.url, wish.settings]) : null;
    const current = this.watchers.get(cameraId);
    if (current && current.key === key) return;
    if (current) {
      this.watchers.delete(cameraId);
      await current.process.stop();
    }
    if (!wish || key === null) return;
    const watcher = new MotionWatcher({
      ffmpeg: this.deps.ffmpeg,
      url: wish.url,
      settings: wish.settings,
      log: this.deps.log,
      retry: this.deps.retry,
      onEvent: (event) => this.deps.onMotion(cameraId, event),
    });
    this.watchers.set(cameraId, { key, process: watcher });
    watcher.start();
  }
}
