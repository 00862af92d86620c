/**
 * A library file published as a live stream (key item-<fileId>): ffmpeg reads it in real time (-re) and publishes it
 * to the restream server once, start to end, copying H.264/AAC and encoding anything else. Everyone who opens the
 * stream sees the same moment, as with a TV channel.
 */
import type { Logger } from '../../core/logger.js';
import { UserError } from '../../core/user-error.js';
import { FfmpegProcess, type FfmpegResult } from '../../../native/ffmpeg-process.js';
import { probeFile } from '../../../native/ffprobe.js';
import { redactRelayText, type RelayStatus } from './camera-relay.js';
import { restreamCodecPlan } from './restream-codecs.js';

export interface FilePublisherDeps {
  key: string;
  /** the file's absolute path (the library vouches for it) */
  file: string;
  /** the signed rtmp:// URL to publish to */
  publishUrl: () => string;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  log: Logger;
  /** it played to the end, failed, or was stopped */
  onEnd?: (result: FfmpegResult) => void;
}

export class FilePublisher {
  private process: FfmpegProcess | null = null;
  private status_: RelayStatus = { relay: 'starting', reason: null, since: Date.now(), retryAt: null };
  readonly startedAt = Date.now();

  constructor(private readonly deps: FilePublisherDeps) {}

  get key(): string {
    return this.deps.key;
  }

  status(): RelayStatus {
    return { ...this.status_ };
  }

  pid(): number | undefined {
    return this.process?.pid;
  }

  /** Probes the file and starts ffmpeg; a file with nothing to play is a UserError. */
  async start(): Promise<void> {
    let probe;
    try {
      probe = await probeFile(this.deps.ffmpeg.ffprobe, this.deps.file, 30_000);
    } catch (err) {
      this.set('error', `The file could not be read: ${(err as Error).message}`);
      throw new UserError(`The file could not be read: ${(err as Error).message}`);
    }
    const plan = restreamCodecPlan({
      video: probe.video?.codec ?? null,
      audio: probe.audio[0]?.codec ?? null,
      fps: probe.video?.frameRate ?? null,
    });
    if (plan.video === 'none' && plan.audio === 'none') {
      this.set('error', 'The file has no video or audio to stream');
      throw new UserError('The file has no video or audio to stream');
    }
    this.deps.log.info({ stream: this.deps.key, plan: plan.reasons }, 'publishing a library file');
    const args = [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-i', this.deps.file],
      ...plan.args,
      ...['-f', 'flv', '-flvflags', 'no_duration_filesize', this.deps.publishUrl()],
    ];
    const ffmpeg = new FfmpegProcess(this.deps.ffmpeg.ffmpeg, args, { graceMs: 3000 });
    this.process = ffmpeg;
    void ffmpeg.done.then((result) => {
      this.process = null;
      if (result.ok) this.set('idle', 'Played to the end');
      else if (result.stopped) this.set('idle', 'Stopped');
      else this.set('error', redactRelayText(result.error ?? 'ffmpeg failed'));
      if (!result.ok && !result.stopped) {
        this.deps.log.warn({ stream: this.deps.key, why: redactRelayText(result.error ?? '') }, 'file restream failed');
      }
      this.deps.onEnd?.(result);
    });
  }

  /** The restream server saw our publisher arrive. */
  markLive(): void {
    if (this.process?.running) this.set('live', null);
  }

  get running(): boolean {
    return this.process?.running ?? false;
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  private set(relay: RelayStatus['relay'], reason: string | null): void {
    this.status_ = { relay, reason, since: Date.now(), retryAt: null };
  }
}
