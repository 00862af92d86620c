/**
 * The fixed shape of an on-the-fly HLS stream: where every segment starts and ends, decided before ffmpeg runs, so the
 * playlist is complete (VOD, seekable at once) and a restart of ffmpeg at any segment keeps the numbering. Pure.
 */

export interface SegmentPlan {
  /** start of segment i in seconds of the source; the last entry is the end of the media */
  boundaries: number[];
}

export const DEFAULT_SEGMENT_SECONDS = 2;

/** timestamps in milliseconds make 4.023 - 2.023 a hair under 2 */
const EPSILON = 0.001;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Segments of `segmentSec` each (the last one shorter): for a transcode, where keyframes are forced on the boundaries. */
export function fixedSegmentPlan(durationSec: number, segmentSec = DEFAULT_SEGMENT_SECONDS): SegmentPlan {
  if (!(durationSec > 0)) throw new Error('the media has no duration');
  const boundaries: number[] = [];
  for (let t = 0; t < durationSec - 0.05; t += segmentSec) boundaries.push(round3(t));
  boundaries.push(round3(durationSec));
  return { boundaries };
}

/**
 * Segments cut only on the source's keyframes, each at least `targetSec` long: for a remux, where the video is copied
 * and a cut anywhere else would start a segment without a keyframe.
 */
export function keyframeSegmentPlan(keyframes: number[], durationSec: number, targetSec = DEFAULT_SEGMENT_SECONDS): SegmentPlan {
  if (!(durationSec > 0)) throw new Error('the media has no duration');
  const boundaries = [0];
  for (const k of [...keyframes].sort((a, b) => a - b)) {
    const last = boundaries[boundaries.length - 1];
    // a tail shorter than half a segment joins the segment before it
    if (k - last >= targetSec - EPSILON && durationSec - k >= targetSec / 2) boundaries.push(round3(k));
  }
  boundaries.push(round3(durationSec));
  return { boundaries };
}

export const segmentCount = (plan: SegmentPlan) => plan.boundaries.length - 1;

/** The segment that holds second `t` of the media (clamped to the plan). */
export function segmentAt(plan: SegmentPlan, t: number): number {
  const { boundaries } = plan;
  let lo = 0;
  let hi = boundaries.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boundaries[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The media playlist: every segment listed up front, so the player knows the whole duration and can seek anywhere. */
export function mediaPlaylist(plan: SegmentPlan, segmentUri: (index: number) => string): string {
  const count = segmentCount(plan);
  let longest = 0;
  for (let i = 0; i < count; i++) longest = Math.max(longest, plan.boundaries[i + 1] - plan.boundaries[i]);
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXT-X-TARGETDURATION:${Math.ceil(longest)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
  ];
  for (let i = 0; i < count; i++) {
    lines.push(`#EXTINF:${(plan.boundaries[i + 1] - plan.boundaries[i]).toFixed(3)},`, segmentUri(i));
  }
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

export interface VariantInfo {
  /** peak bits per second of the variant */
  bandwidth: number;
  width: number | null;
  height: number | null;
  /** RFC 6381 codecs ("avc1.640028,mp4a.40.2"), when known */
  codecs: string | null;
}

export function masterPlaylist(variant: VariantInfo, mediaUri: string): string {
  const attrs = [`BANDWIDTH=${Math.round(variant.bandwidth)}`];
  if (variant.width && variant.height) attrs.push(`RESOLUTION=${variant.width}x${variant.height}`);
  if (variant.codecs) attrs.push(`CODECS="${variant.codecs}"`);
  return ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-STREAM-INF:${attrs.join(',')}`, mediaUri, ''].join('\n');
}

const H264_PROFILE_IDC: Record<string, number> = {
  baseline: 66,
  'constrained baseline': 66,
  main: 77,
  extended: 88,
  high: 100,
  'high 10': 110,
};
const AUDIO_CODEC_TAGS: Record<string, string> = { aac: 'mp4a.40.2', mp3: 'mp4a.40.34', ac3: 'ac-3', eac3: 'ec-3' };

/** The CODECS attribute for H.264 video (+ audio): lets hls.js check support before it fetches a segment. */
export function codecsAttribute(
  video: { codec: string; profile: string | null; level: number | null },
  audioCodec: string | null,
): string | null {
  if (video.codec !== 'h264') return null;
  const profile = H264_PROFILE_IDC[(video.profile ?? 'high').toLowerCase()];
  if (!profile || !video.level) return null;
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  const constraint = profile === 66 ? 'e0' : '00';
  const parts = [`avc1.${hex(profile)}${constraint}${hex(video.level)}`];
  if (audioCodec) {
    const tag = AUDIO_CODEC_TAGS[audioCodec];
    if (!tag) return null;
    parts.push(tag);
  }
  return parts.join(',');
}
