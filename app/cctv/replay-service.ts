/**
 * Replay of a camera's recordings: the timeline (spans and event marks), the replay plan behind an HLS VOD playlist,
 * each Matroska segment remuxed to MPEG-TS on request (video copied, audio AAC or none, time stamps running on from
 * the previous segment), and clip export as a transcode job over the segments.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { PassThrough, type Readable } from 'node:stream';
import type { CameraEventInfo, TranscodeJob } from '../api/api-types.js';
import type { Logger } from '../core/logger.js';
import { NotFoundError, UpstreamError, UserError } from '../core/user-error.js';
import { FfmpegProcess } from '../../native/ffmpeg-process.js';
import type { Recording, RecordingIndex } from './recording-index.js';
import { clipSpans, mergeSpans, planFootage, windowError, type FootagePiece, type FootagePlan, type Span } from './timeline.js';

export interface ReplayServiceDeps {
  recordings: Pick<RecordingIndex, 'between' | 'get' | 'absolutePath'>;
  /** the camera's alarm events overlapping a window */
  events: (cameraId: number, fromMs: number, toMs: number) => CameraEventInfo[];
  /** the camera's name, null when there is no such camera */
  cameraName: (cameraId: number) => string | null;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  /** the transcode jobs (TranscodeService): a clip is a job whose source is a list of segments */
  clips: ClipJobs;
  log: Logger;
}

export interface ClipJobs {
  createSegmentClip(input: {
    title: string;
    segments: Array<{ file: string; inSec: number | null; outSec: number | null }>;
    durationSec: number;
  }): TranscodeJob;
}

/** A timeline request may look back a month at once. */
export const MAX_TIMELINE_MS = 31 * 24 * 3600_000;
/** A replay playlist covers up to a day (8,640 segments of 10 s). */
export const MAX_REPLAY_MS = 24 * 3600_000;
/** A clip is at most 6 hours. */
export const MAX_CLIP_MS = 6 * 3600_000;

export interface Timeline {
  spans: Span[];
  events: CameraEventInfo[];
}

export interface ReplayPlan extends FootagePlan {
  /** every segment carries AAC audio (the first recording has sound) or none does */
  audio: boolean;
  /** each piece's recording length, in seconds (a piece shorter than it is cut) */
  recordingSec: Map<number, number>;
}

export interface SegmentRequest {
  /** where the segment starts in the replay, seconds: its time stamps start there */
  offsetSec: number;
  /** seconds into the recording to start at, and to play */
  inSec?: number;
  durationSec?: number;
  /** true: AAC audio (silence where the recording has none); false: video only; undefined: the recording's own */
  audio?: boolean;
}

export interface SegmentStream {
  stream: Readable;
  /** ends ffmpeg (the client went away) */
  stop: () => void;
}

/** The last few probes: a player fetches segment after segment of the same camera. */
const PROBE_CACHE = 256;

const execFileAsync = promisify(execFile);

const recordingSeconds = (r: Recording) => (r.endMs - r.startMs) / 1000;

/** The sub/main stream of a recording when the index says (events+continuous cameras record both). */
const streamOf = (r: Recording): 'main' | 'sub' | undefined => (r as Recording & { stream?: 'main' | 'sub' }).stream;

export class ReplayService {
  private readonly running = new Set<FfmpegProcess>();
  private readonly probes = new Map<string, SegmentFacts>();

  constructor(private readonly deps: ReplayServiceDeps) {}

  private mustName(cameraId: number): string {
    const name = this.deps.cameraName(cameraId);
    if (name === null) throw new NotFoundError(`No camera ${cameraId}`);
    return name;
  }

  timeline(cameraId: number, fromMs: number, toMs: number): Timeline {
    this.mustName(cameraId);
    const bad = windowError(fromMs, toMs, MAX_TIMELINE_MS);
    if (bad) throw new UserError(bad.error);
    const recordings = this.deps.recordings.between(cameraId, fromMs, toMs);
    const spans = mergeSpans(recordings.map((r) => ({ ...r, stream: streamOf(r) })));
    return { spans: clipSpans(spans, fromMs, toMs), events: this.deps.events(cameraId, fromMs, toMs) };
  }

  /** Recordings in a window whose files are still there (a vanished file is skipped, never a broken segment). */
  private footage(cameraId: number, fromMs: number, toMs: number): Recording[] {
    return this.deps.recordings
      .between(cameraId, fromMs, toMs)
      .filter((r) => fs.existsSync(this.deps.recordings.absolutePath(r)));
  }

  /** The plan behind the replay playlist: whole segments covering the window. */
  async replay(cameraId: number, fromMs: number, toMs: number): Promise<ReplayPlan> {
    this.mustName(cameraId);
    const recordings = this.footage(cameraId, fromMs, toMs);
    const planned = planFootage(
      recordings.map((r) => ({ ...r, stream: streamOf(r) })),
      fromMs,
      toMs,
      { maxWindowMs: MAX_REPLAY_MS },
    );
    if (!planned.ok) throw planned.reason === 'no-footage' ? new NotFoundError(planned.error) : new UserError(planned.error);
    const byId = new Map(recordings.map((r) => [r.id, r]));
    const first = byId.get(planned.plan.pieces[0].recordingId)!;
    const audio = await this.hasAudio(this.deps.recordings.absolutePath(first));
    const recordingSec = new Map(planned.plan.pieces.map((p) => [p.recordingId, recordingSeconds(byId.get(p.recordingId)!)]));
    return { ...planned.plan, audio, recordingSec };
  }

  private async hasAudio(file: string): Promise<boolean> {
    return (await this.probeSegment(file)).audioCodec !== null;
  }

  /** What the remux needs to know of a recording (cached: a player fetches segment after segment). */
  private async probeSegment(file: string): Promise<SegmentFacts> {
    const known = this.probes.get(file);
    if (known) return known;
    let facts: SegmentFacts = { audioCodec: null, videoStartSec: 0 };
    try {
      facts = await probeSegmentFacts(this.deps.ffmpeg.ffprobe, file);
    } catch (err) {
      this.deps.log.warn({ err, file }, 'could not probe a recording');
    }
    if (this.probes.size >= PROBE_CACHE) this.probes.delete(this.probes.keys().next().value!);
    this.probes.set(file, facts);
    return facts;
  }

  /**
   * One recording as MPEG-TS: video copied, audio as asked, time stamps offset to its place in the replay. Resolves
   * once ffmpeg has written its first bytes (so a broken file is an error, not an empty 200).
   */
  async segment(cameraId: number, recordingId: number, request: SegmentRequest): Promise<SegmentStream> {
    const recording = this.deps.recordings.get(cameraId, recordingId);
    if (!recording) throw new NotFoundError(`Camera ${cameraId} has no recording ${recordingId}`);
    const file = this.deps.recordings.absolutePath(recording);
    if (!fs.existsSync(file)) throw new NotFoundError(`The file of recording ${recordingId} is gone (removed by retention?)`);
    const facts = await this.probeSegment(file);
    const own = facts.audioCodec;
    const audio = request.audio ?? own !== null;
    const seconds = request.durationSec ?? recordingSeconds(recording) - (request.inSec ?? 0);
    if (seconds <= 0 || (request.inSec ?? 0) >= recordingSeconds(recording)) {
      throw new UserError(`in: past the end of recording ${recordingId} (${recordingSeconds(recording)} s long)`);
    }
    // the picture starts exactly at its place in the replay, even when the file's first frame is not at its 0 (the
    // first segment of a run often starts with sound from before the first keyframe)
    const tsOffset = Math.round((request.offsetSec - (request.inSec ? 0 : facts.videoStartSec)) * 1e6) / 1e6;
    const args = [
      ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
      ...(request.inSec ? ['-ss', String(request.inSec)] : []),
      ...['-i', file],
      // a recording without sound in a replay with sound: silence keeps every segment's tracks the same
      ...(audio && !own ? ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'] : []),
      ...['-t', String(Math.round(seconds * 1000) / 1000)],
      ...['-map', '0:v:0', '-c:v', 'copy'],
      ...(audio ? audioArgs(own) : ['-an']),
      // disabled: every segment is shifted the same way, so the time stamps of one run on from the one before
      ...['-sn', '-dn', '-avoid_negative_ts', 'disabled', '-output_ts_offset', String(tsOffset)],
      ...['-f', 'mpegts', 'pipe:1'],
    ];
    const out = new PassThrough();
    // a failed remux is logged below; the HTTP reply sees the stream end early (never an uncaught error)
    out.on('error', () => undefined);
    let wrote = false;
    let held = false;
    let first: (() => void) | null = null;
    const started = new Promise<void>((resolve) => (first = resolve));
    const ffmpeg = new FfmpegProcess(this.deps.ffmpeg.ffmpeg, args, {
      graceMs: 2000,
      onStdout: (chunk) => {
        wrote = true;
        first?.();
        // a slow client holds ffmpeg (SIGSTOP) instead of the engine buffering the whole segment
        if (!out.destroyed && !out.write(chunk) && !held) {
          held = true;
          ffmpeg.suspend();
          out.once('drain', () => {
            held = false;
            ffmpeg.resume();
          });
        }
      },
    });
    this.running.add(ffmpeg);
    const exited = ffmpeg.done.then((result) => {
      this.running.delete(ffmpeg);
      if (result.ok) out.end();
      else if (!result.stopped) {
        this.deps.log.warn({ camera: cameraId, recording: recordingId, error: result.error }, 'segment remux failed');
        out.destroy(new Error(result.error ?? 'ffmpeg failed'));
      } else out.destroy();
      return result;
    });
    // the client went away (or the response was sent): nothing more is wanted from ffmpeg
    out.once('close', () => void ffmpeg.kill());
    const result = await Promise.race([started.then(() => null), exited]);
    if (result && !wrote) {
      throw new UpstreamError(`Recording ${recordingId} could not be remuxed: ${result.error ?? 'no output'}`, 500);
    }
    return { stream: out, stop: () => void ffmpeg.kill() };
  }

  /** Queues the footage of a window as one MP4 (a transcode job, profile "camera-clip"). */
  exportClip(cameraId: number, fromMs: number, toMs: number): TranscodeJob {
    const name = this.mustName(cameraId);
    const recordings = this.footage(cameraId, fromMs, toMs);
    const planned = planFootage(
      recordings.map((r) => ({ ...r, stream: streamOf(r) })),
      fromMs,
      toMs,
      { maxWindowMs: MAX_CLIP_MS, clip: true },
    );
    if (!planned.ok) throw planned.reason === 'no-footage' ? new NotFoundError(planned.error) : new UserError(planned.error);
    const byId = new Map(recordings.map((r) => [r.id, r]));
    const segments = planned.plan.pieces.map((piece: FootagePiece) => {
      const recording = byId.get(piece.recordingId)!;
      const cutEnd = piece.inSec + piece.durationSec < recordingSeconds(recording) - 0.001;
      return {
        file: this.deps.recordings.absolutePath(recording),
        inSec: piece.inSec > 0 ? piece.inSec : null,
        outSec: cutEnd ? piece.inSec + piece.durationSec : null,
      };
    });
    return this.deps.clips.createSegmentClip({
      title: `${name} ${clipTime(fromMs)}-${clipTime(toMs, fromMs)}`,
      segments,
      durationSec: planned.plan.durationSec,
    });
  }

  /** Ends every remux still running (the engine stops). */
  async stop(): Promise<void> {
    await Promise.all([...this.running].map((p) => p.kill()));
  }
}

/**
 * AAC in every segment. The camera's own AAC is copied: exact, and its packets run on from one segment to the next.
 * Anything else (G.711, silence) is encoded, delayed by the encoder's 1024 priming samples so its first packet starts
 * at the segment's 0 and never before the end of the previous segment's sound.
 */
function audioArgs(own: string | null): string[] {
  if (own === 'aac') return ['-map', '0:a:0', '-c:a', 'copy'];
  return [
    ...['-map', own ? '0:a:0' : '1:a:0', '-af', 'asetpts=PTS+1024/(SR*TB)'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-ar', '48000'],
  ];
}

interface SegmentFacts {
  audioCodec: string | null;
  /** when the first video frame is shown, seconds into the file */
  videoStartSec: number;
}

async function probeSegmentFacts(ffprobe: string, file: string): Promise<SegmentFacts> {
  const { stdout } = await execFileAsync(
    ffprobe,
    ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,start_time', '-of', 'json', file],
    { timeout: 15_000 },
  );
  const streams =
    (JSON.parse(stdout) as { streams?: Array<{ codec_type?: string; codec_name?: string; start_time?: string }> }).streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const start = Number(video?.start_time);
  return { audioCodec: audio?.codec_name ?? null, videoStartSec: Number.isFinite(start) ? start : 0 };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local time for a clip's name: `2024-05-01 10.00.00`, the end without its date when it is the same day. */
function clipTime(ms: number, sameDayAs?: number): string {
  const d = new Date(ms);
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}.${pad(d.getMinutes())}.${pad(d.getSeconds())}`;
  if (sameDayAs !== undefined) {
    const s = new Date(sameDayAs);
    if (s.getFullYear() === d.getFullYear() && s.getMonth() === d.getMonth() && s.getDate() === d.getDate()) return time;
  }
  return `${day} ${time}`;
}
