/**
 * Watches one camera for motion: ffmpeg pulls the stream (the sub-stream when there is one) and hands over small grey
 * frames at a low rate; FrameComparer and MotionEvents (motion-detector.ts) turn them into event starts and ends.
 * ffmpeg is supervised like the recorder's: restarted with back-off when the camera drops, ended with the engine.
 */
import type { Logger } from '../core/logger.js';
import { FfmpegProcess } from '../../native/ffmpeg-process.js';
import { DEFAULT_MOTION, FrameComparer, MotionEvents, type MotionEvent, type MotionSettings } from './motion-detector.js';

export const MOTION_WIDTH = 64;
export const MOTION_HEIGHT = 36;
export const MOTION_FPS = 2;

export interface MotionWatcherOptions {
  ffmpeg: string;
  /** the stream URL with its credentials (never logged) */
  url: string;
  settings?: Partial<Omit<MotionSettings, 'width' | 'height'>>;
  /** an event started or ended; `atMs` is wall-clock time */
  onEvent: (event: MotionEvent & { atMs: number }) => void;
  log: Pick<Logger, 'info' | 'warn'>;
  retry?: { initialMs?: number; maxMs?: number };
}

export class MotionWatcher {
  private proc: FfmpegProcess | null = null;
  private stopped = false;
  private retryMs: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: MotionWatcherOptions) {
    this.retryMs = options.retry?.initialMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.proc?.kill();
    this.proc = null;
  }

  private run(): void {
    const settings: MotionSettings = { ...DEFAULT_MOTION, ...this.options.settings, width: MOTION_WIDTH, height: MOTION_HEIGHT };
    const comparer = new FrameComparer(settings);
    const events = new MotionEvents(settings);
    const frameSize = MOTION_WIDTH * MOTION_HEIGHT;
    const startedMs = Date.now();
    let pending: Buffer = Buffer.alloc(0);
    let frames = 0;
    const emit = (event: MotionEvent | null) => {
      if (event) this.options.onEvent({ ...event, atMs: startedMs + event.atSec * 1000 });
    };
    const proc = new FfmpegProcess(
      this.options.ffmpeg,
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '10000000'],
        ...['-i', this.options.url, '-an', '-sn', '-vf', `fps=${MOTION_FPS},scale=${MOTION_WIDTH}:${MOTION_HEIGHT},format=gray`],
        ...['-f', 'rawvideo', 'pipe:1'],
      ],
      {
        onStdout: (chunk) => {
          pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
          while (pending.length >= frameSize) {
            const frame = new Uint8Array(pending.subarray(0, frameSize));
            pending = pending.subarray(frameSize);
            emit(events.push(comparer.push(frame), frames++ / MOTION_FPS));
            this.retryMs = this.options.retry?.initialMs ?? 1000; // frames flow: the camera is fine
          }
        },
      },
    );
    this.proc = proc;
    void proc.done.then((result) => {
      // the stream ended: an event still running ends with it
      emit(events.flush(frames / MOTION_FPS));
      if (this.stopped || this.proc !== proc) return;
      this.options.log.warn({ reason: result.error }, 'motion detection lost its stream; retrying');
      this.timer = setTimeout(() => this.run(), this.retryMs);
      this.timer.unref();
      this.retryMs = Math.min(this.retryMs * 2, this.options.retry?.maxMs ?? 30_000);
    });
  }
}
