/**
 * The words of the playback decision: codec and container names as people know them, and one sentence per reason that
 * names the concrete value and the limit ("10-bit video; Chromium plays up to 8-bit"). Pure.
 */
import type { PlaybackReason, PlaybackReasonCode } from './playback-types.js';

const CODEC_LABELS: Record<string, string> = {
  h264: 'H.264',
  hevc: 'HEVC',
  mpeg1video: 'MPEG-1',
  mpeg2video: 'MPEG-2',
  mpeg4: 'MPEG-4 Part 2',
  msmpeg4v3: 'MS-MPEG4',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  vc1: 'VC-1',
  wmv3: 'WMV 9',
  theora: 'Theora',
  mjpeg: 'Motion JPEG',
  prores: 'ProRes',
  aac: 'AAC',
  ac3: 'AC-3',
  eac3: 'E-AC-3',
  dts: 'DTS',
  truehd: 'TrueHD',
  mp3: 'MP3',
  mp2: 'MP2',
  opus: 'Opus',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  alac: 'ALAC',
  wmav2: 'WMA',
  subrip: 'SubRip',
  ass: 'ASS',
  ssa: 'SSA',
  webvtt: 'WebVTT',
  mov_text: 'MP4 text',
  text: 'plain-text',
  hdmv_pgs_subtitle: 'PGS',
  dvd_subtitle: 'VobSub',
  dvb_subtitle: 'DVB',
  xsub: 'XSUB',
};

const CONTAINER_LABELS: Record<string, string> = {
  mp4: 'MP4',
  mov: 'MOV',
  '3gp': '3GP',
  mkv: 'MKV',
  webm: 'WebM',
  mpegts: 'MPEG-TS',
  m2ts: 'M2TS',
  avi: 'AVI',
  asf: 'WMV',
  flv: 'FLV',
  mpeg: 'MPEG-PS',
  vob: 'VOB',
  ogg: 'Ogg',
};

export function codecLabel(codec: string): string {
  if (CODEC_LABELS[codec]) return CODEC_LABELS[codec];
  if (codec.startsWith('pcm_')) return `PCM (${codec.slice(4)})`;
  return codec;
}

export const containerLabel = (name: string): string => CONTAINER_LABELS[name] ?? name.toUpperCase();

/** ffprobe's level number as people write it: H.264 41 → "4.1", HEVC 153 → "5.1"; other codecs as they are. */
export function levelLabel(codec: string, level: number): string {
  const divisor = codec === 'h264' ? 10 : codec === 'hevc' ? 30 : 0;
  if (!divisor) return String(level);
  const value = Math.round((level / divisor) * 10) / 10;
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** 45_200_000 → "45.2 Mbit/s", 640_000 → "640 kbit/s". */
export function bitrateLabel(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${Math.round(bitsPerSecond / 100_000) / 10} Mbit/s`;
  return `${Math.round(bitsPerSecond / 1000)} kbit/s`;
}

const listOf = (names: string[], label: (name: string) => string) => names.map(label).join(', ');

const reason = (code: PlaybackReasonCode, text: string): PlaybackReason => ({ code, text });

/** Sentences for each reason; `who` is the profile's label. */
export const reasonText = {
  container: (container: string, who: string, plays: string[]) =>
    reason(
      'container-not-supported',
      `${containerLabel(container)} container isn't supported by ${who} (plays ${listOf(plays, containerLabel)})`,
    ),
  videoCodec: (codec: string, who: string, plays: string[]) =>
    reason(
      'video-codec-not-supported',
      `${codecLabel(codec)} video isn't supported by ${who} (plays ${listOf(plays, codecLabel)})`,
    ),
  videoNotCopyable: (codec: string, who: string, output: string) =>
    reason(
      'video-codec-not-supported',
      `${codecLabel(codec)} video can't be carried in the ${output} stream ${who} gets, so it is converted`,
    ),
  videoProfile: (codec: string, profile: string, who: string, plays: string[]) =>
    reason(
      'video-profile-not-supported',
      `${codecLabel(codec)} profile "${profile}" isn't supported by ${who} (plays ${plays.join(', ')})`,
    ),
  videoLevel: (codec: string, level: number, max: number, who: string) =>
    reason(
      'video-level-not-supported',
      `${codecLabel(codec)} level ${levelLabel(codec, level)}; ${who} plays up to ${levelLabel(codec, max)}`,
    ),
  bitDepth: (depth: number, max: number, who: string, codecSupported: boolean) =>
    reason(
      'video-bit-depth-not-supported',
      codecSupported
        ? `${depth}-bit video; ${who} plays up to ${max}-bit`
        : `${depth}-bit video; ${who} gets ${max}-bit H.264 instead`,
    ),
  resolution: (width: number, height: number, maxWidth: number, maxHeight: number, who: string) =>
    reason('video-resolution-over-limit', `${width}×${height} video; ${who} plays up to ${maxWidth}×${maxHeight}`),
  bitrate: (rate: number, cap: number, who: string, chosen: boolean) =>
    reason(
      'bitrate-over-limit',
      chosen
        ? `${bitrateLabel(rate)} is over the ${bitrateLabel(cap)} limit asked for`
        : `${bitrateLabel(rate)} is over the ${bitrateLabel(cap)} ${who} streams`,
    ),
  audioCodec: (codec: string, who: string, plays: string[]) =>
    reason(
      'audio-codec-not-supported',
      `${codecLabel(codec)} audio isn't supported by ${who} (plays ${listOf(plays, codecLabel)})`,
    ),
  audioNotCopyable: (codec: string, who: string, output: string) =>
    reason(
      'audio-codec-not-supported',
      `${codecLabel(codec)} audio can't be carried in the ${output} stream ${who} gets, so it is converted`,
    ),
  audioChannels: (channels: number, max: number, who: string) =>
    reason('audio-channels-over-limit', `${channels}-channel audio; ${who} plays up to ${max} channels`),
  audioTrack: (index: number, language: string | null, codec: string, firstIndex: number, who: string) =>
    reason(
      'audio-track-not-first',
      `Audio track #${index} (${[language, codecLabel(codec)].filter(Boolean).join(', ')}) isn't the file's first: ` +
        `${who} would play #${firstIndex} of the file as it is`,
    ),
  subtitleImage: (codec: string, who: string) =>
    reason('subtitle-burn-in', `${codecLabel(codec)} subtitles are pictures: for ${who} they are drawn into the video`),
  subtitleText: (codec: string, who: string) =>
    reason('subtitle-burn-in', `${who} can't show ${codecLabel(codec)} subtitles beside the video: they are drawn into it`),
};

/** One fixed order for reasons (the order of the codes' type), so callers and tests see a stable list. */
const ORDER: PlaybackReasonCode[] = [
  'container-not-supported',
  'video-codec-not-supported',
  'video-profile-not-supported',
  'video-level-not-supported',
  'video-bit-depth-not-supported',
  'video-resolution-over-limit',
  'bitrate-over-limit',
  'audio-codec-not-supported',
  'audio-channels-over-limit',
  'audio-track-not-first',
  'subtitle-burn-in',
];

export function sortReasons(reasons: PlaybackReason[]): PlaybackReason[] {
  return [...reasons].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
}
