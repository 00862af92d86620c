// Words for Settings → Playback → Device profiles: the one-line summary of each profile and the names its details use.
import type { DeviceProfile, TranscodeTarget, VideoCodecRule } from '../../app/api/api-types';
import { levelText } from './device-profile-form';
import { channelsLabel, codecLabel } from './format';

const CONTAINER_NAMES: Record<string, string> = {
  mp4: 'MP4',
  mkv: 'MKV',
  webm: 'WebM',
  mov: 'MOV',
  mpegts: 'MPEG-TS',
  m2ts: 'M2TS',
  avi: 'AVI',
  ogg: 'Ogg',
  mpeg: 'MPEG-PS',
  flv: 'FLV',
};

/** "mpegts" → "MPEG-TS"; unknown names in capitals */
export const containerName = (name: string) => CONTAINER_NAMES[name] ?? name.toUpperCase();

const FRAME_NAMES: Record<string, string> = {
  '7680x4320': '8K',
  '3840x2160': '4K',
  '2560x1440': '1440p',
  '1920x1080': '1080p',
  '1280x720': '720p',
  '1024x576': '576p',
  '720x576': '576p',
  '854x480': '480p',
  '720x480': '480p',
};

/** 3840×2160 → "4K", 1280×720 → "720p"; any other frame as it is ("1000×500") */
export const frameText = (width: number, height: number) => FRAME_NAMES[`${width}x${height}`] ?? `${width}×${height}`;

/** 3840×2160 → "up to 4K" */
export const maxResolutionText = (width: number, height: number) => `up to ${frameText(width, height)}`;

/** Bits per second, exact to 10 kb/s (settings show what was typed): 1_350_000 → "1.35 Mb/s", 192_000 → "192 kb/s" */
export function bitrateText(bps: number): string {
  if (bps >= 1_000_000) return `${Math.round(bps / 10_000) / 100} Mb/s`;
  return `${Math.round(bps / 100) / 10} kb/s`;
}

/** Codec names as people know them, each once (pcm_s16le and pcm_s24le are both "PCM") */
export const codecNames = (codecs: readonly string[]) => [...new Set(codecs.map((c) => codecLabel(c)))].join(', ');

/** "HLS MPEG-TS: H.264 1080p 8 Mb/s + AAC stereo" */
export function transcodeTargetText(t: TranscodeTarget): string {
  const delivery = t.protocol === 'hls' ? `HLS ${containerName(t.container)}` : `${containerName(t.container)} file`;
  const size = frameText(t.maxWidth, t.maxHeight);
  const channels = channelsLabel(t.maxAudioChannels)?.toLowerCase() ?? '';
  return `${delivery}: ${codecLabel(t.videoCodec)} ${size} ${bitrateText(t.videoBitrate)} + ${codecLabel(t.audioCodec)} ${channels}`.trim();
}

/**
 * The one-line summary of a profile, in parts: containers · video codecs · audio codecs · max resolution · max
 * bitrate · transcode target.
 */
export function profileSummary(p: DeviceProfile): string[] {
  return [
    p.containers.map(containerName).join(', '),
    codecNames(p.video.map((r) => r.codec)),
    codecNames(p.audioCodecs),
    maxResolutionText(p.maxWidth, p.maxHeight),
    `≤ ${bitrateText(p.maxBitrate)}`,
    `else ${transcodeTargetText(p.transcode)}`,
  ];
}

/** A video rule's limits in words: "high, main · level ≤ 5.2 · 8-bit"; "any" when it has none. */
export function videoRuleText(rule: VideoCodecRule): string {
  const parts = [
    rule.profiles?.length ? rule.profiles.join(', ') : null,
    rule.maxLevel !== undefined ? `level ≤ ${levelText(rule.codec, rule.maxLevel)}` : null,
    `${rule.maxBitDepth ?? 8}-bit`,
  ];
  return parts.filter(Boolean).join(' · ');
}
