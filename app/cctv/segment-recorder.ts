/**
 * One supervised ffmpeg per recorded camera: stream copy (no re-encode) into short Matroska segments, each indexed as
 * soon as ffmpeg closes it (read from its csv segment list). When the camera drops or refuses us, the status says why
 * and ffmpeg is started again after a back-off that grows to a ceiling; stop() ends ffmpeg cleanly, which closes and
 * indexes the segment in progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FfmpegProcess } from '../../native/ffmpeg-process.js';
import type { Logger } from '../core/logger.js';
import { redactUrls } from './camera-url.js';
import type { RecordingIndex } from './recording-index.js';
import { classifyRtspError } from './rtsp-probe.js';
import { INCOMING_DIR, SEGMENT_EXT, parseSegmentListLine } from './segment-files.js';

export type CameraStatus = 'starting' | 'online' | 'offline' | 'error' | 'stopped';

export interface RecorderState {
  status: CameraStatus;
  /** why it is offline / in error (null when online) */
  reason: string | null;
  /** when the next attempt starts (epoch ms) while waiting to retry */
  retryAt: number | null;
}

export interface SegmentRecorderOptions {
  cameraId: number;
  /** the stream to record, credentials included (never logged) */
  url: string;
  ffmpegPath: string;
  index: RecordingIndex;
  log: Logger;
  /** segment length in seconds (cut on the next keyframe) */
  segmentSeconds: number;
  /** first and longest wait before trying again */
  retry?: { initialMs?: number; maxMs?: number };
  onState?: (state: RecorderState) => void;
}

const LIST_POLL_MS = 500;
/** a camera that sends nothing for this long is treated as gone (ffmpeg's RTSP socket timeout) */
const SOCKET_TIMEOUT_US = 10_000_000;

export class SegmentRecorder {
  private current: FfmpegProcess | null = null;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private stateNow: RecorderState = { status: 'stopped', reason: null, retryAt: null };

  constructor(private readonly options: SegmentRecorderOptions) {}

  state(): RecorderState {
    return this.stateNow;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.stop();
    await this.loop;
    this.loop = null;
    this.setState({ status: 'stopped', reason: null, retryAt: null });
  }

  private setState(state: RecorderState): void {
    const before = this.stateNow;
    this.stateNow = state;
    if (before.status !== state.status || before.reason !== state.reason) {
      this.options.log.info({ camera: this.options.cameraId, status: state.status, reason: state.reason }, 'camera status');
    }
    this.options.onState?.(state);
  }

  private cameraDir(): string {
    return path.join(this.options.index.root, String(this.options.cameraId));
  }

  private async run(): Promise<void> {
    const initialMs = this.options.retry?.initialMs ?? 1000;
    const maxMs = this.options.retry?.maxMs ?? 30_000;
    let waitMs = initialMs;
    while (!this.stopped) {
      this.setState({ status: 'starting', reason: null, retryAt: null });
      const { online, error } = await this.recordOnce();
      if (this.stopped) break;
      if (online) waitMs = initialMs; // it worked for a while: a fresh drop retries quickly
      const failure = classifyRtspError(error ?? '');
      const reason = error ? failure.error : 'The camera ended the stream';
      // a refused password or a wrong path needs a person; anything else is the camera being away
      const status = ['unauthorized', 'not-found', 'no-video'].includes(failure.reason) ? 'error' : 'offline';
      this.setState({ status, reason, retryAt: Date.now() + waitMs });
      await this.sleep(waitMs);
      waitMs = Math.min(maxMs, waitMs * 2);
    }
  }

  /** One ffmpeg run until it exits; indexes every segment it closes. */
  private async recordOnce(): Promise<{ online: boolean; error: string | null }> {
    const incoming = path.join(this.cameraDir(), INCOMING_DIR);
    fs.mkdirSync(incoming, { recursive: true });
    const runStartMs = Date.now();
    const list = path.join(incoming, `${runStartMs}.csv`);
    const args = [
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'error',
      '-rtsp_transport',
      'tcp',
      '-timeout',
      String(SOCKET_TIMEOUT_US),
      '-i',
      this.options.url,
      '-map',
      '0:v',
      '-map',
      '0:a?',
      '-c',
      'copy',
      '-f',
      'segment',
      '-segment_time',
      String(this.options.segmentSeconds),
      '-reset_timestamps',
      '1',
      '-segment_format',
      'matroska',
      '-segment_list',
      list,
      '-segment_list_type',
      'csv',
      '-progress',
      'pipe:1',
      path.join(incoming, `${runStartMs}-%06d.${SEGMENT_EXT}`),
    ];
    let online = false;
    const ffmpeg = new FfmpegProcess(this.options.ffmpegPath, args, {
      graceMs: 5000,
      onProgress: (progress) => {
        if (online || !(progress.frame && progress.frame > 0)) return;
        online = true;
        this.setState({ status: 'online', reason: null, retryAt: null });
      },
    });
    this.current = ffmpeg;
    let readBytes = 0;
    const consume = () => {
      readBytes = this.consumeList(list, readBytes, runStartMs);
    };
    const poll = setInterval(consume, LIST_POLL_MS);
    const result = await ffmpeg.done;
    clearInterval(poll);
    this.current = null;
    consume();
    // every closed segment is indexed; the list is spent (a cut-off segment is left for the next recover())
    fs.rmSync(list, { force: true });
    if (this.stopped) return { online, error: null };
    const error = result.ok ? null : redactUrls(result.error ?? 'ffmpeg failed');
    if (error) this.options.log.warn({ camera: this.options.cameraId, error }, 'camera recording stopped');
    return { online, error };
  }

  /** Indexes the list lines written since `from` bytes; returns how far it has read (whole lines only). */
  private consumeList(list: string, from: number, runStartMs: number): number {
    let text: string;
    try {
      text = fs.readFileSync(list, 'utf8');
    } catch {
      return from; // not written yet
    }
    if (text.length < from) from = 0; // rewritten
    const end = text.lastIndexOf('\n') + 1;
    if (end <= from) return from;
    for (const line of text.slice(from, end).split('\n')) {
      const entry = parseSegmentListLine(line);
      if (!entry) continue;
      const file = path.join(path.dirname(list), entry.file);
      try {
        this.options.index.addClosed(
          this.options.cameraId,
          file,
          runStartMs + entry.startSec * 1000,
          runStartMs + entry.endSec * 1000,
        );
      } catch (err) {
        this.options.log.error({ camera: this.options.cameraId, err }, 'could not index a closed segment');
      }
    }
    return end;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
