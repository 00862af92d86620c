/**
 * A library file transcoded on the fly for a renderer that can't play it: progressive MPEG-TS from ffmpeg (through
 * FfmpegProcess, so it dies with the engine), DLNA time seek (`TimeSeekRange.dlna.org: npt=…` → `-ss`), at most
 * `maxTranscodes` at once (503 beyond), and ffmpeg killed as soon as the renderer hangs up.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { VideoEncoderKind } from '../../native/hwaccel.js';
import { FfmpegProcess } from '../../native/ffmpeg-process.js';
import type { Logger } from '../core/logger.js';
import { decidePlayback } from '../stream/playback-decision.js';
import type { DeviceProfile } from '../stream/playback-types.js';
import { contentFeatures, STREAMING_FLAGS, TRANSCODED_MIME, transcodeProfileName } from './dlna-protocol-info.js';
import { FfmpegOutputSocket } from './ffmpeg-output-socket.js';
import { asks, sendStatus, transferMode, type DlnaMediaLibrary, type MediaRequestContext } from './media-responder.js';
import { buildDlnaTranscodeArgs, parseTimeSeekRange, timeSeekRangeHeader, type NptRange } from './transcode-stream-args.js';

export interface TranscodeResponderOptions {
  library: DlnaMediaLibrary;
  profiles: { find(name: string): DeviceProfile | null };
  ffmpegPath: string;
  /** the H.264 encoder to use (native/hwaccel.ts chooseEncoder); default the CPU */
  encoder?: () => { kind: VideoEncoderKind; device?: string };
  maxTranscodes?: number;
  /** how long ffmpeg may take to open the file and start writing */
  startTimeoutMs?: number;
  log: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

type Request = http.IncomingMessage;
type Response = http.ServerResponse;

export class TranscodeResponder {
  private readonly running = new Set<FfmpegProcess>();
  private closed = false;
  /** taken before the first await, so concurrent requests can't all pass the limit */
  private slots = 0;

  constructor(private readonly options: TranscodeResponderOptions) {}

  get active(): number {
    return this.slots;
  }

  async serve(request: Request, response: Response, fileId: number, profileName: string | null, context: MediaRequestContext) {
    const name = profileName ?? context.quirks.deviceProfile;
    const profile = this.options.profiles.find(name);
    if (!profile) return sendStatus(request, response, 404, `No device profile named "${name}"`);
    const file = await this.options.library.playablePath(fileId);
    if (!file) return sendStatus(request, response, 404, 'No such media file');
    const probe = this.options.library.probe(fileId);
    if (!probe)
      return sendStatus(request, response, 503, 'This file has not been read yet; try again shortly', { 'Retry-After': '10' });
    if (!probe.video) return sendStatus(request, response, 415, 'This file has no video to transcode');
    const duration = probe.durationSec && probe.durationSec > 0 ? probe.durationSec : null;

    let seek: NptRange | null = null;
    const seekHeader = request.headers['timeseekrange.dlna.org'];
    if (typeof seekHeader === 'string') {
      seek = parseTimeSeekRange(seekHeader);
      if (!seek)
        return sendStatus(request, response, 400, 'TimeSeekRange.dlna.org must be like npt=123.4- or npt=0:02:03-0:05:00');
      if (duration !== null && seek.startSec >= duration)
        return sendStatus(request, response, 416, 'Seek past the end of the file');
    }
    let decision;
    try {
      const { size } = await fs.promises.stat(file);
      decision = decidePlayback({ path: file, size, probe }, profile);
    } catch (err) {
      return sendStatus(request, response, 400, `This file can't be transcoded for ${profile.label}: ${(err as Error).message}`);
    }
    const headers: Record<string, string> = {
      'Content-Type': TRANSCODED_MIME,
      'transferMode.dlna.org': transferMode(request, 'Streaming'),
    };
    if (asks(request, 'getcontentfeatures.dlna.org')) {
      const profileName = context.quirks.omitDlnaProfileName ? null : transcodeProfileName(probe, decision);
      headers['contentFeatures.dlna.org'] = contentFeatures({
        profileName,
        seek: 'time',
        converted: true,
        flags: STREAMING_FLAGS,
      });
    }
    if (seek) headers['TimeSeekRange.dlna.org'] = timeSeekRangeHeader(seek, duration);
    if (request.method === 'HEAD') {
      response.writeHead(200, headers);
      response.end();
      return;
    }
    if (this.closed) return sendStatus(request, response, 503, 'The media server is stopping');
    if (this.slots >= (this.options.maxTranscodes ?? 3)) {
      return sendStatus(request, response, 503, 'Too many transcodes at once; try again later', { 'Retry-After': '30' });
    }
    this.slots += 1;
    let sink: FfmpegOutputSocket;
    try {
      sink = await FfmpegOutputSocket.open();
    } catch (err) {
      this.slots -= 1;
      throw err;
    }
    const args = buildDlnaTranscodeArgs({
      input: file,
      probe,
      decision,
      profile,
      encoder: this.options.encoder?.() ?? { kind: 'software' },
      startSec: seek?.startSec ?? 0,
      durationSec: seek?.endSec != null ? seek.endSec - seek.startSec : null,
      output: sink.url,
    });
    const ffmpeg = new FfmpegProcess(this.options.ffmpegPath, args);
    this.running.add(ffmpeg);
    const stop = () => {
      void ffmpeg.kill();
      sink.close();
    };
    void ffmpeg.done.then((result) => {
      this.running.delete(ffmpeg);
      this.slots -= 1;
      sink.close();
      if (!result.ok && !result.stopped) this.options.log.warn({ fileId, error: result.error }, 'dlna: transcode failed');
    });
    // the renderer hung up (or the answer is complete): nothing ffmpeg would still write is wanted
    response.on('close', stop);
    this.options.log.info(
      { fileId, profile: profile.name, method: decision.method, startSec: seek?.startSec ?? 0 },
      'dlna: transcode',
    );

    let socket;
    try {
      socket = await sink.connection(this.options.startTimeoutMs ?? 30_000, ffmpeg.done);
    } catch (err) {
      stop();
      const result = await ffmpeg.done;
      return sendStatus(request, response, 500, `Transcoding failed: ${result.error ?? (err as Error).message}`);
    }
    if (response.destroyed) return stop();
    response.writeHead(200, headers);
    socket.on('error', () => response.destroy());
    socket.pipe(response);
    socket.resume();
  }

  /** Ends every transcode (the server stops). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running].map((ffmpeg) => ffmpeg.kill()));
  }
}
