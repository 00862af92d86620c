/**
 * The ffmpeg command of a DLNA transcode: one progressive MPEG-TS (what every TV since ~2010 plays) from a point in time,
 * written to `output`. Streams the device plays and MPEG-TS carries are copied; the others are encoded as the profile's
 * transcode target says. Also DLNA's time-seek header (`TimeSeekRange.dlna.org: npt=…`), both ways. Pure.
 */
import type { ProbeInfo } from '../api/api-types.js';
import { videoEncoderArgs, type VideoEncoderKind } from '../../native/hwaccel.js';
import { copyableCodecs } from '../stream/device-profiles.js';
import type { DeviceProfile, PlaybackDecision } from '../stream/playback-types.js';

export interface DlnaTranscodeSpec {
  input: string;
  probe: ProbeInfo;
  decision: PlaybackDecision;
  profile: DeviceProfile;
  encoder: { kind: VideoEncoderKind; device?: string };
  /** seconds into the file (a time seek) */
  startSec: number;
  /** how much to send (a time seek with an end); null = to the end */
  durationSec: number | null;
  /** where ffmpeg writes: pipe:1, unix:…, tcp://… */
  output: string;
}

/** What MPEG-TS takes when a stream is copied into it (the decision may allow more for a profile's other container). */
const TS_COPYABLE = copyableCodecs({
  protocol: 'file',
  container: 'mpegts',
  videoCodec: 'h264',
  audioCodec: 'ac3',
  maxWidth: 0,
  maxHeight: 0,
  videoBitrate: 0,
  audioBitrate: 0,
  maxAudioChannels: 0,
});

const fmt = (t: number) => String(Math.round(t * 1000) / 1000);

function videoArgs(spec: DlnaTranscodeSpec): { input: string[]; output: string[] } {
  const { decision, probe } = spec;
  const codec = probe.video?.codec ?? '';
  if (decision.video.action === 'copy' && TS_COPYABLE.video.includes(codec)) {
    return { input: [], output: ['-map', '0:V:0', '-c:v', 'copy'] };
  }
  const target = spec.profile.transcode;
  // the decision's size fits a portrait picture long side to long side; a copy it had planned has none
  const planned = decision.video.action === 'transcode' ? decision.video : null;
  const encoder = videoEncoderArgs(spec.encoder.kind, {
    bitrate: planned?.bitrate ?? target.videoBitrate,
    maxWidth: planned?.width ?? Math.min(target.maxWidth, spec.profile.maxWidth),
    maxHeight: planned?.height ?? Math.min(target.maxHeight, spec.profile.maxHeight),
    device: spec.encoder.device,
    // a keyframe every 2 s: a TV that joins or seeks finds a picture soon
    keyframeEverySec: 2,
  });
  return { input: encoder.inputArgs, output: ['-map', '0:V:0', '-vf', encoder.filter, ...encoder.outputArgs] };
}

function audioArgs(spec: DlnaTranscodeSpec): string[] {
  const audio = spec.decision.audio;
  if (!audio) return ['-an'];
  const map = ['-map', `0:${audio.stream}`];
  const source = spec.probe.audio.find((a) => a.index === audio.stream);
  if (audio.action === 'copy' && source && TS_COPYABLE.audio.includes(source.codec)) return [...map, '-c:a', 'copy'];
  const target = spec.profile.transcode;
  const channels = Math.min(source?.channels ?? target.maxAudioChannels, target.maxAudioChannels);
  return [...map, '-c:a', target.audioCodec, '-b:a', String(target.audioBitrate), '-ac', String(Math.max(1, channels))];
}

export function buildDlnaTranscodeArgs(spec: DlnaTranscodeSpec): string[] {
  const video = videoArgs(spec);
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...video.input,
    ...(spec.startSec > 0 ? ['-ss', fmt(spec.startSec)] : []),
    '-i',
    spec.input,
    ...(spec.durationSec !== null ? ['-t', fmt(spec.durationSec)] : []),
    ...video.output,
    ...audioArgs(spec),
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-f',
    'mpegts',
    // tables repeated: a TV that starts reading anywhere still finds the streams
    '-mpegts_flags',
    '+resend_headers',
    spec.output,
  ];
}

// ---- DLNA time seek -----------------------------------------------------------------------------------------------

export interface NptRange {
  startSec: number;
  endSec: number | null;
}

/** "123.4", "1:02:03.5", "01:02:03" → seconds; null when it isn't an NPT time. */
function parseNptTime(text: string): number | null {
  const seconds = /^(\d{1,9})(\.\d{1,9})?$/.exec(text);
  if (seconds) return Number(text);
  const clock = /^(\d{1,5}):([0-5]\d):([0-5]\d)(\.\d{1,9})?$/.exec(text);
  if (clock) return Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) + Number(clock[4] ?? 0);
  return null;
}

/** `npt=123.4-`, `npt=0:02:03-0:05:00` → the range; null when the header is malformed or the range is backwards. */
export function parseTimeSeekRange(header: string): NptRange | null {
  const match = /^\s*npt\s*=\s*([^-\s]+)\s*-\s*([^\s/]*)\s*(?:\/.*)?$/i.exec(header);
  if (!match) return null;
  const startSec = parseNptTime(match[1]);
  if (startSec === null) return null;
  if (!match[2]) return { startSec, endSec: null };
  const endSec = parseNptTime(match[2]);
  if (endSec === null || endSec <= startSec) return null;
  return { startSec, endSec };
}

/** Seconds as DLNA writes them in answers: H:MM:SS.sss. */
export function formatNpt(totalSec: number): string {
  const ms = Math.round(totalSec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

/** The answer's `TimeSeekRange.dlna.org`: `npt=START-END/DURATION` (`*` for an unknown length). */
export function timeSeekRangeHeader(range: NptRange, durationSec: number | null): string {
  const end = range.endSec ?? durationSec;
  return `npt=${formatNpt(range.startSec)}-${end !== null ? formatNpt(end) : ''}/${durationSec !== null ? formatNpt(durationSec) : '*'}`;
}
