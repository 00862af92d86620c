/**
 * One supervised ffmpeg per recorded camera: stream copy (no re-encode) into short Matroska segments, each indexed as
 * soon as ffmpeg closes it (read from its csv segment list). When the camera drops or refuses us, the status says why
 * and ffmpeg is started again after a back-off that grows to a ceiling; stop() ends ffmpeg cleanly, which closes and
 * indexes the segment in progress.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FfmpegProcess } from '../../native/ffmpeg-process.js';
import { InterruptibleSleep } from '../core/interruptible-sleep.js';
import type { Logger } from '../core/logger.js';
import { redactUrls } from './camera-url.js';
import type { RecordingIndex } from './recording-index.js';
import { classifyRtspError } from './rtsp-probe.js';
import { SEGMENT_EXT, incomingDirOf, parseSegmentListLine, type SegmentStream } from './segment-files.js';

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
  /** which of the camera's streams this records (default main); sub segments are laid out as `<time>-sub.mkv` */
  stream?: SegmentStream;
}

/*
 * Cost: recording should cost about what a plain `ffmpeg -c copy` does (bench/cctv-bench.ts). So no `-progress` (a block
 * every 0.5 s per camera for Node to parse) and no polling of the segment list: a file watch on the list wakes us once
 * per closed segment. Timers run only while ffmpeg connects, plus a slow safety net.
 */
/** while ffmpeg connects: how often to look for its first segment file (it exists once media flows) */
const STARTUP_CHECK_MS = 250;
/** re-reading the list when it cannot be watched (fs.watch refused, e.g. out of inotify watches) */
const LIST_POLL_MS = 500;
/** beside the watch, in case a file system drops change events: a closed segment is indexed this late at worst */
export const LIST_SAFETY_POLL_MS = 30_000;
/** a camera that sends nothing for this long is treated as gone (ffmpeg's RTSP socket timeout) */
const SOCKET_TIMEOUT_US = 10_000_000;

export class SegmentRecorder {
  private current: FfmpegProcess | null = null;
  private stopped = true;
  private loop: Promise<void> | null = null;
  /** the wait before a retry, cut short by stop() */
  private readonly retryWait = new InterruptibleSleep();
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
    this.retryWait.wake();
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
      await this.retryWait.sleep(waitMs);
      waitMs = Math.min(maxMs, waitMs * 2);
    }
  }

  /** One ffmpeg run until it exits; indexes every segment it closes. */
  private async recordOnce(): Promise<{ online: boolean; error: string | null }> {
    const incoming = path.join(this.cameraDir(), incomingDirOf(this.options.stream ?? 'main'));
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
      path.join(incoming, `${runStartMs}-%06d.${SEGMENT_EXT}`),
    ];
    // made before ffmpeg runs so it can be watched at once; ffmpeg opens it with O_TRUNC, the same file
    fs.writeFileSync(list, '');
    let online = false;
    const ffmpeg = new FfmpegProcess(this.options.ffmpegPath, args, { graceMs: 5000 });
    this.current = ffmpeg;
    const follower = this.followList(list, runStartMs, () => {
      online = true;
      this.setState({ status: 'online', reason: null, retryAt: null });
    });
    const result = await ffmpeg.done;
    this.current = null;
    follower.close(); // reads the list a last time: the segment stop() closed is indexed too
    // every closed segment is indexed; the list is spent (a cut-off segment is left for the next recover())
    fs.rmSync(list, { force: true });
    if (this.stopped) return { online, error: null };
    const error = result.ok ? null : redactUrls(result.error ?? 'ffmpeg failed');
    if (error) this.options.log.warn({ camera: this.options.cameraId, error }, 'camera recording stopped');
    return { online, error };
  }

  /**
   * Follows one run's segment list: indexes each line as ffmpeg appends it (woken by a file watch) and says once when
   * the camera is online. Online = ffmpeg opened its first segment, which it does only after the camera answered
   * and sent media (its stream info is read from packets). close() stops following after a last read.
   */
  private followList(list: string, runStartMs: number, onOnline: () => void): { close(): void } {
    const firstSegment = list.replace(/\.csv$/, `-000000.${SEGMENT_EXT}`);
    let readBytes = 0;
    let online = false;
    let closed = false;
    let timer: NodeJS.Timeout | null = null;
    let watcher: fs.FSWatcher | null = null;
    const check = (last = false) => {
      if (closed) return;
      readBytes = this.consumeList(list, readBytes, runStartMs);
      // a listed segment proves it too (and may already have been moved out of .incoming)
      if (!online && !last && (readBytes > 0 || fs.existsSync(firstSegment))) {
        online = true;
        onOnline();
      }
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      const ms = !online ? STARTUP_CHECK_MS : watcher ? LIST_SAFETY_POLL_MS : LIST_POLL_MS;
      timer = setTimeout(() => {
        check();
        if (!closed) schedule();
      }, ms);
    };
    try {
      watcher = fs.watch(list, { persistent: false }, () => check());
      watcher.on('error', (err) => {
        this.options.log.warn({ camera: this.options.cameraId, err }, 'segment list watch failed; reading it every 0.5 s');
        watcher?.close();
        watcher = null;
        schedule();
      });
    } catch (err) {
      this.options.log.warn({ camera: this.options.cameraId, err }, 'cannot watch the segment list; reading it every 0.5 s');
    }
    schedule();
    return {
      close: () => {
        check(true); // ffmpeg has exited: index what it listed last, but it is no longer online
        closed = true;
        if (timer) clearTimeout(timer);
        watcher?.close();
      },
    };
  }

  /**
   * Indexes the list lines written since byte `from`; returns how far it has read (whole lines only). Reads only the
   * new bytes: a run lasts days and its list grows by a line per segment.
   */
  private consumeList(list: string, from: number, runStartMs: number): number {
    let text: string;
    try {
      const fd = fs.openSync(list, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        if (size < from) from = 0; // rewritten
        const fresh = Buffer.alloc(size - from);
        const got = fresh.length ? fs.readSync(fd, fresh, 0, fresh.length, from) : 0;
        text = fresh.subarray(0, got).toString('utf8');
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return from; // not written yet
    }
    const whole = text.lastIndexOf('\n') + 1;
    if (whole === 0) return from;
    const end = from + Buffer.byteLength(text.slice(0, whole));
    for (const line of text.slice(0, whole).split('\n')) {
      const entry = parseSegmentListLine(line);
      if (!entry) continue;
      const file = path.join(path.dirname(list), entry.file);
      try {
        this.options.index.addClosed(
          this.options.cameraId,
          file,
          runStartMs + entry.startSec * 1000,
          runStartMs + entry.endSec * 1000,
          this.options.stream ?? 'main',
        );
      } catch (err) {
        this.options.log.error({ camera: this.options.cameraId, err }, 'could not index a closed segment');
      }
    }
    return end;
  }
}
