/**
 * One camera stream (main or sub) relayed into the restream server: a single ffmpeg pulls the camera over RTSP/TCP
 * once and publishes it over RTMP, however many people watch. It runs while it is wanted (the live service wants it
 * while there are viewers, and for a grace period after the last one leaves); when the camera drops it shows the
 * reason and tries again with a growing back-off. Credentials never reach its state or the log.
 */
import type { Logger } from '../../core/logger.js';
import { FfmpegProcess } from '../../../native/ffmpeg-process.js';
import { InterruptibleSleep } from '../../core/interruptible-sleep.js';
import { redactUrls } from '../camera-url.js';
import { classifyRtspError, probeRtsp } from '../rtsp-probe.js';
import { restreamCodecPlan, type SourceCodecs } from './restream-codecs.js';

export type RelayState = 'idle' | 'starting' | 'live' | 'error';

export interface RelayStatus {
  relay: RelayState;
  /** why it is in error (or what it is waiting for) */
  reason: string | null;
  /** when it entered this state (epoch ms) */
  since: number;
  /** epoch ms of the next attempt while waiting to retry */
  retryAt: number | null;
}

export interface CameraRelayDeps {
  /** the stream key, e.g. camera-3 or camera-3-sub */
  key: string;
  /** the camera's URL with its credentials; null when the camera no longer exists */
  sourceUrl: () => Promise<string | null>;
  /** the signed rtmp:// URL to publish to */
  publishUrl: () => string;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  log: Logger;
  /** reconnect back-off (default 1 s doubling up to 30 s) */
  retry?: { initialMs?: number; maxMs?: number };
  /** deadline of the codec probe (default 10 s) */
  probeTimeoutMs?: number;
  /** the camera no longer exists (the relay has stopped trying) */
  onGone?: () => void;
  /** what each stream sends, from its last probe, kept across relays (a probe costs seconds on some cameras) */
  codecCache?: Map<string, SourceCodecs>;
}

/** Running this long counts as a good run: the next drop starts the back-off from the beginning. */
const STABLE_MS = 30_000;

export class CameraRelay {
  private wanted = false;
  private loop: Promise<void> | null = null;
  private process: FfmpegProcess | null = null;
  private status_: RelayStatus = { relay: 'idle', reason: null, since: Date.now(), retryAt: null };
  /** the wait before a retry, cut short by stop() */
  private readonly retryWait = new InterruptibleSleep();
  private backoffMs: number;
  /** what the camera sends, from the last probe (probed again after a failure: a camera may change codec) */
  private readonly codecs: Map<string, SourceCodecs>;
  private liveAt: number | null = null;

  constructor(private readonly deps: CameraRelayDeps) {
    this.backoffMs = this.initialBackoff;
    this.codecs = deps.codecCache ?? new Map();
  }

  get key(): string {
    return this.deps.key;
  }

  private get initialBackoff(): number {
    return this.deps.retry?.initialMs ?? 1000;
  }

  status(): RelayStatus {
    return { ...this.status_ };
  }

  /** ffmpeg's pid while one runs (tests, diagnostics). */
  pid(): number | undefined {
    return this.process?.pid;
  }

  /**
   * Starts relaying unless it already does. While it waits to retry a failed camera, it retries at once instead: a
   * viewer has just asked (a player's reconnects and the relay's back-off would otherwise add up to minutes).
   */
  start(): void {
    if (this.wanted) {
      if (this.status_.relay === 'error') this.retryWait.wake();
      return;
    }
    this.wanted = true;
    this.backoffMs = this.initialBackoff;
    this.loop = this.run().catch((err: Error) => {
      this.deps.log.error({ err, stream: this.deps.key }, 'camera relay failed');
      // not wanted any more: the next viewer starts it afresh
      this.wanted = false;
      this.set('error', `The relay failed: ${redactUrls(err.message)}`);
    });
  }

  /** Ends ffmpeg (and any wait for a retry); resolves once nothing runs. */
  async stop(): Promise<void> {
    this.wanted = false;
    this.retryWait.wake();
    const process = this.process;
    if (process) await process.stop();
    await this.loop;
    this.loop = null;
  }

  /** The restream server saw our publisher arrive: the stream is on. */
  markLive(): void {
    if (!this.process?.running) return;
    this.liveAt = Date.now();
    this.set('live', null);
  }

  private set(relay: RelayState, reason: string | null, retryAt: number | null = null): void {
    if (this.status_.relay !== relay || this.status_.reason !== reason) {
      this.status_ = { relay, reason, since: Date.now(), retryAt };
    } else {
      this.status_.retryAt = retryAt;
    }
  }

  private async run(): Promise<void> {
    while (this.wanted) {
      this.set('starting', null);
      let url: string | null;
      try {
        url = await this.deps.sourceUrl();
      } catch (err) {
        // the secret store could not be read: say so, and try again later
        await this.retryLater(`The camera's address could not be read: ${(err as Error).message}`);
        continue;
      }
      if (!this.wanted) break;
      if (!url) {
        // the camera was removed: nothing to retry
        this.wanted = false;
        this.set('error', 'The camera no longer exists');
        this.deps.onGone?.();
        return;
      }
      let codecs = this.codecs.get(this.deps.key);
      if (!codecs) {
        const found = await probeRtsp(this.deps.ffmpeg.ffprobe, url, this.deps.probeTimeoutMs ?? 10_000, { quick: true });
        if (!this.wanted) break;
        if (!found.ok) {
          await this.retryLater(found.error);
          continue;
        }
        codecs = { video: found.codec, audio: found.audioCodec, fps: found.fps };
        this.codecs.set(this.deps.key, codecs);
      }
      const plan = restreamCodecPlan(codecs);
      this.deps.log.info({ stream: this.deps.key, plan: plan.reasons }, 'camera relay starting');
      const ffmpeg = new FfmpegProcess(this.deps.ffmpeg.ffmpeg, relayArgs(url, plan.args, this.deps.publishUrl()), {
        graceMs: 3000,
      });
      this.process = ffmpeg;
      this.liveAt = null;
      const result = await ffmpeg.done;
      this.process = null;
      if (!this.wanted) break;
      // it ended on its own: the camera dropped, refused us, or the restream server went away
      if (this.liveAt !== null && Date.now() - this.liveAt >= STABLE_MS) this.backoffMs = this.initialBackoff;
      this.codecs.delete(this.deps.key);
      const why = result.error ? classifyRtspError(result.error).error : 'The camera ended its stream';
      this.deps.log.warn({ stream: this.deps.key, why: redactRelayText(why) }, 'camera relay stopped; retrying');
      await this.retryLater(why);
    }
    this.set('idle', null);
  }

  /** Shows the error until the next attempt, then waits the back-off (cut short by stop()). */
  private async retryLater(reason: string): Promise<void> {
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.deps.retry?.maxMs ?? 30_000);
    // neither the camera's password nor our publish signature belongs in a state anyone signed in can read
    this.set('error', redactRelayText(reason), Date.now() + delay);
    await this.retryWait.sleep(delay);
  }
}

/** A camera password or a publish signature out of a text (ffmpeg's words) that users and the log may see. */
export function redactRelayText(text: string): string {
  return redactUrls(text).replace(/sign=[\w-]+/g, 'sign=***');
}

/** ffmpeg: RTSP over TCP in (a 10 s socket deadline, so a silent camera ends it), FLV over RTMP out. */
export function relayArgs(sourceUrl: string, codecArgs: string[], publishUrl: string): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...['-rtsp_transport', 'tcp', '-timeout', '10000000', '-fflags', '+genpts'],
    // the tracks are known from the probe (and declared by the camera's SDP): a short analysis starts the picture sooner
    ...['-analyzeduration', '1000000', '-probesize', '1000000', '-i', sourceUrl],
    ...codecArgs,
    ...['-f', 'flv', '-flvflags', 'no_duration_filesize', publishUrl],
  ];
}
