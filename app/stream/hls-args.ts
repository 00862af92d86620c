/**
 * The ffmpeg command of one HLS run: from segment `startSegment` of the plan to the end. Pure.
 *
 * Timing (checked against ffmpeg 5.1): the input is seeked to the segment's start (`-ss` before `-i`: fast, and exact
 * for a transcode), the output timestamps are shifted back to source time (`-output_ts_offset`), so every run — the
 * first or one after a seek — numbers and stamps its segments alike and the player never sees a jump. The segment
 * muxer cuts at the plan's boundaries (absolute times); a transcode forces keyframes there (times relative to the run).
 */
import type { ProbeInfo } from '../api/api-types.js';
import type { PlaybackDecision } from './playback-types.js';
import { TEXT_SUBTITLE_CODECS } from './playback-decision.js';
import type { SegmentPlan } from './hls-plan.js';
import { videoEncoderArgs, type VideoEncoderKind } from '../../native/hwaccel.js';

export interface HlsRunSpec {
  input: string;
  probe: ProbeInfo;
  decision: PlaybackDecision;
  plan: SegmentPlan;
  startSegment: number;
  /** folder of this run: segments `seg<N>.ts` and the list of finished ones, `segments.csv` */
  outDir: string;
  /** the H.264 encoder of a transcoded video: the CPU or a hardware one (native/hwaccel.ts gives its arguments) */
  encoder: HlsEncoder;
}

export interface HlsEncoder {
  kind: VideoEncoderKind;
  /** VAAPI render node */
  device?: string;
}

export const SEGMENT_LIST = 'segments.csv';
export const segmentFileName = (index: number) => `seg${index}.ts`;

const fmt = (t: number) => String(Math.round(t * 1000) / 1000);

/** A value inside a filter option, escaped twice as ffmpeg reads it: as an option value, then as a filtergraph. */
export function escapeFilterValue(value: string): string {
  const option = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** Global, -map, filter and codec arguments of the video stream. */
function videoArgs(spec: HlsRunSpec, startSec: number): { input: string[]; output: string[] } {
  const { decision, probe } = spec;
  if (decision.video.action === 'copy') return { input: [], output: ['-map', '0:V:0', '-c:v', 'copy'] };
  const burn =
    decision.subtitle?.delivery === 'burn' ? probe.subtitles.find((s) => s.index === decision.subtitle?.stream) : undefined;
  // the decision's own list of text subtitles: those go through the subtitles filter, pictures are overlaid
  const textBurn = burn && TEXT_SUBTITLE_CODECS.includes(burn.codec);
  const encoder = videoEncoderArgs(spec.encoder.kind, {
    bitrate: decision.video.bitrate ?? 4_000_000,
    maxWidth: decision.video.width ?? undefined,
    maxHeight: decision.video.height ?? undefined,
    device: spec.encoder.device,
    // the subtitles filter reads the file itself in source time: shift the frames there and back
    preFilters: textBurn
      ? [
          `setpts=PTS+${fmt(startSec)}/TB`,
          `subtitles=${escapeFilterValue(spec.input)}:si=${probe.subtitles.indexOf(burn)}`,
          'setpts=PTS-STARTPTS',
        ]
      : [],
  });
  // picture subtitles are a stream of the same input: overlay keeps them in step after the seek
  const picture =
    burn && !textBurn
      ? ['-filter_complex', `[0:V:0][0:${burn.index}]overlay,${encoder.filter}[v]`, '-map', '[v]']
      : ['-map', '0:V:0', '-vf', encoder.filter];
  const keyframes = spec.plan.boundaries.slice(spec.startSegment, -1).map((t) => fmt(t - startSec));
  return { input: encoder.inputArgs, output: [...picture, ...encoder.outputArgs, '-force_key_frames', keyframes.join(',')] };
}

function audioArgs(decision: PlaybackDecision): string[] {
  const audio = decision.audio;
  if (!audio) return ['-an'];
  const map = ['-map', `0:${audio.stream}`];
  if (audio.action === 'copy') return [...map, '-c:a', 'copy'];
  const args = [...map, '-c:a', audio.codec];
  if (audio.bitrate) args.push('-b:a', String(audio.bitrate));
  if (audio.channels) args.push('-ac', String(audio.channels));
  return args;
}

export function buildHlsArgs(spec: HlsRunSpec): string[] {
  const { plan, startSegment } = spec;
  const startSec = plan.boundaries[startSegment];
  const cuts = plan.boundaries.slice(startSegment + 1, -1).map(fmt);
  const video = videoArgs(spec, startSec);
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...video.input,
    ...(startSec > 0 ? ['-ss', fmt(startSec)] : []),
    '-i',
    spec.input,
    ...video.output,
    ...audioArgs(spec.decision),
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    // one second of headroom: B-frames give the first run negative decode times, which the muxer would shift,
    // stamping run 0 apart from the others; with the headroom every run is stamped source time + 1 s alike
    '-avoid_negative_ts',
    'disabled',
    '-output_ts_offset',
    fmt(startSec + 1),
    '-f',
    'segment',
    '-segment_format',
    'mpegts',
    ...(cuts.length ? ['-segment_times', cuts.join(',')] : []),
    '-segment_start_number',
    String(startSegment),
    '-segment_list',
    `${spec.outDir}/${SEGMENT_LIST}`,
    '-segment_list_type',
    'csv',
    `${spec.outDir}/seg%d.ts`,
  ];
}
