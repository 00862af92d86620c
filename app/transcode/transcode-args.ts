/**
 * One job → one ffmpeg command line. Pure: the source's probe, the profile and the chosen encoder in, arguments (or the
 * reason there can be none) out. A clip is `-ss offset` before the input (fast, frame-exact when transcoding) and
 * `-t duration` on the output.
 */
import type { AudioStreamInfo, ProbeInfo } from '../api/api-types.js';
import { videoEncoderArgs, type EncoderChoice } from '../../native/hwaccel.js';
import { planEncode, type EncodePlan, type TranscodeProfile } from './transcode-profiles.js';

export interface TranscodeRequest {
  sourcePath: string;
  /** where ffmpeg writes: the job's temporary name */
  outputPath: string;
  offsetSec: number | null;
  durationSec: number | null;
}

export interface TranscodeCommand {
  args: string[];
  /** seconds of media the result will hold (the base of the progress %); null when unknown */
  outputDurationSec: number | null;
  plan: EncodePlan;
  /** ffmpeg's video encoder name */
  encoder: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** 83.5 → "1:23.5", 3725 → "1:02:05" */
export function clock(sec: number): string {
  const whole = Math.floor(sec);
  const frac = Math.round((sec - whole) * 10) / 10;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = (whole % 60) + frac;
  const ss = (s < 10 ? '0' : '') + (Number.isInteger(s) ? String(s) : s.toFixed(1));
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * How long the result will be: the clip's duration, cut at the end of the source. An offset at or past the end is an
 * error in words. Pure.
 */
export function outputDuration(
  sourceSec: number | null,
  offsetSec: number | null,
  durationSec: number | null,
): Result<number | null> {
  const offset = offsetSec ?? 0;
  if (sourceSec === null || sourceSec <= 0) return { ok: true, value: durationSec };
  if (offset >= sourceSec) {
    return { ok: false, error: `The clip starts at ${clock(offset)} but the video is only ${clock(sourceSec)} long` };
  }
  const rest = sourceSec - offset;
  return { ok: true, value: durationSec === null ? rest : Math.min(durationSec, rest) };
}

/** The track a player would pick: the default one, else the first. */
export function mainAudio(probe: ProbeInfo): AudioStreamInfo | null {
  return probe.audio.find((a) => a.isDefault) ?? probe.audio[0] ?? null;
}

/** Checks that hold before any encoding: a video stream, a clip inside the source. Pure. */
export function checkSource(probe: ProbeInfo, profile: TranscodeProfile, offsetSec: number | null, durationSec: number | null) {
  if (!probe.video) {
    const has = probe.audio.length > 0 ? 'only audio' : 'no audio or video';
    return { ok: false as const, error: `This file has no video stream (${has}); the "${profile.name}" profile makes a video` };
  }
  return outputDuration(probe.durationSec, offsetSec, durationSec);
}

const seconds = (sec: number) => String(Math.round(sec * 1000) / 1000);

export function buildTranscodeCommand(
  request: TranscodeRequest,
  profile: TranscodeProfile,
  probe: ProbeInfo,
  encoder: Pick<EncoderChoice, 'kind' | 'device'>,
  /** < 1 on a second try after a result came out over the profile's size limit */
  budgetScale = 1,
): Result<TranscodeCommand> {
  const checked = checkSource(probe, profile, request.offsetSec, request.durationSec);
  if (!checked.ok) return checked;
  const outputDurationSec = checked.value;
  const planned = planEncode(profile, outputDurationSec, budgetScale);
  if (!planned.ok) return planned;
  const plan = planned.plan;
  const video = videoEncoderArgs(encoder.kind, {
    bitrate: plan.videoBitrate,
    maxWidth: plan.maxWidth,
    maxHeight: plan.maxHeight,
    device: encoder.device,
  });
  const audio = mainAudio(probe);
  const channels = Math.min(audio?.channels ?? 2, 2);
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-nostats',
    '-progress',
    'pipe:1',
    '-y',
    ...video.inputArgs,
    ...(request.offsetSec ? ['-ss', seconds(request.offsetSec)] : []),
    '-i',
    request.sourcePath,
    ...(request.durationSec !== null ? ['-t', seconds(request.durationSec)] : []),
    // V: the video, never cover art
    '-map',
    '0:V:0',
    ...(audio ? ['-map', `0:${audio.index}`] : []),
    '-vf',
    video.filter,
    ...video.outputArgs,
    ...(audio ? ['-c:a', 'aac', '-b:a', String(plan.audioBitrate), '-ac', String(channels)] : ['-an']),
    '-sn',
    '-dn',
    '-map_chapters',
    '-1',
    '-max_muxing_queue_size',
    '1024',
    // the index at the front: a phone or a Telegram client starts playing before the whole file arrived
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    request.outputPath,
  ];
  return { ok: true, value: { args, outputDurationSec, plan, encoder: video.encoder } };
}

/** A run that copies the video (nothing is encoded, so there is no encode plan). */
export type CopyCommand = Omit<TranscodeCommand, 'plan'>;

export interface SegmentCopyRequest {
  /** the .ffconcat list of the clip's segments */
  listPath: string;
  outputPath: string;
  /** seconds the clip holds (the base of the progress %) */
  durationSec: number | null;
}

/**
 * A camera clip: the segments through ffmpeg's concat demuxer, video copied as recorded (no re-encode, no quality
 * loss), audio to AAC (what MP4 players take), the index at the front. `probe` is the first segment's. Pure.
 */
export function buildSegmentCopyCommand(request: SegmentCopyRequest, probe: ProbeInfo): Result<CopyCommand> {
  if (!probe.video) return { ok: false, error: 'The recording has no video stream' };
  const audio = probe.audio.length > 0;
  const args = [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-nostats', '-progress', 'pipe:1', '-y'],
    // absolute paths in the list need safe 0; the engine wrote the list itself
    ...['-f', 'concat', '-safe', '0', '-i', request.listPath],
    ...['-map', '0:v:0', '-c:v', 'copy'],
    // hvc1: the HEVC tag Apple players want in MP4
    ...(probe.video.codec === 'hevc' ? ['-tag:v', 'hvc1'] : []),
    ...(audio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', '128k'] : ['-an']),
    ...['-sn', '-dn', '-map_chapters', '-1', '-max_muxing_queue_size', '1024'],
    ...['-movflags', '+faststart', '-f', 'mp4', request.outputPath],
  ];
  return { ok: true, value: { args, outputDurationSec: request.durationSec, encoder: 'copy' } };
}
