/**
 * Transcode profiles (what a job makes) and the pure plan of one encode: bitrates and picture size for a given output
 * duration. A profile with a size limit (a Telegram bot may send at most 50 MB) spreads its byte budget over the
 * duration, lowering the audio rate and then the resolution as the video rate drops, and refuses what can't fit.
 */
import type { TranscodeProfileInfo } from '../api/api-types.js';

export type TranscodeProfile = TranscodeProfileInfo;

/** Telegram's bot API sends videos up to 50 MB; decimal megabytes keep us under it whichever MB it means. */
export const TELEGRAM_MAX_BYTES = 50_000_000;

export const BUILT_IN_PROFILES: readonly TranscodeProfile[] = [
  {
    name: 'telegram',
    description: 'H.264 + AAC MP4 under 50 MB for a Telegram bot message: 720p at most, a longer video gets a lower bitrate',
    container: 'mp4',
    videoCodec: 'h264',
    audioCodec: 'aac',
    maxWidth: 1280,
    maxHeight: 720,
    videoBitrate: 1_500_000,
    audioBitrate: 128_000,
    maxBytes: TELEGRAM_MAX_BYTES,
  },
  {
    name: 'mobile-720p',
    description: 'H.264 (High) 720p at about 2.5 Mbit/s + AAC 128 kbit/s stereo MP4 that starts playing at once',
    container: 'mp4',
    videoCodec: 'h264',
    audioCodec: 'aac',
    maxWidth: 1280,
    maxHeight: 720,
    videoBitrate: 2_500_000,
    audioBitrate: 128_000,
    maxBytes: null,
  },
];

export function findTranscodeProfile(name: string): TranscodeProfile | null {
  return BUILT_IN_PROFILES.find((p) => p.name === name) ?? null;
}

export function unknownProfileMessage(name: string): string {
  return `Unknown transcode profile "${name}"; known: ${BUILT_IN_PROFILES.map((p) => p.name).join(', ')}`;
}

/** Share of the byte budget the encoder aims at: MP4 overhead and rate-control error need the rest. */
export const SIZE_SAFETY = 0.92;
/** Below this the picture is mush: better to refuse and say how long a clip may be. */
export const MIN_VIDEO_BITRATE = 150_000;
const MIN_AUDIO_BITRATE = 48_000;

export interface EncodePlan {
  videoBitrate: number;
  audioBitrate: number;
  maxWidth: number;
  maxHeight: number;
  /** why the plan differs from the profile's plain values, in words */
  notes: string[];
}

export type PlanResult = { ok: true; plan: EncodePlan } | { ok: false; error: string };

const mbit = (bits: number) => `${(bits / 1e6).toFixed(2).replace(/\.?0+$/, '')} Mbit/s`;
const kbit = (bits: number) => `${Math.round(bits / 1000)} kbit/s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Audio for a total rate: the profile's own when there is room, less when every bit counts. */
function audioFor(total: number, preferred: number): number {
  if (total >= 1_000_000) return preferred;
  if (total >= 400_000) return Math.min(preferred, 96_000);
  if (total >= 250_000) return Math.min(preferred, 64_000);
  return Math.min(preferred, MIN_AUDIO_BITRATE);
}

/** A smaller picture for a low video rate, so it stays clean instead of blocky. */
function boxFor(videoBitrate: number, profile: TranscodeProfile): { maxWidth: number; maxHeight: number } {
  if (videoBitrate < 700_000) return { maxWidth: Math.min(profile.maxWidth, 640), maxHeight: Math.min(profile.maxHeight, 360) };
  if (videoBitrate < 1_400_000) return { maxWidth: Math.min(profile.maxWidth, 854), maxHeight: Math.min(profile.maxHeight, 480) };
  return { maxWidth: profile.maxWidth, maxHeight: profile.maxHeight };
}

/**
 * Bitrates and picture box for an output `durationSec` long. `budgetScale` < 1 shrinks the byte budget (a second try
 * after a result came out too big). Pure.
 */
export function planEncode(profile: TranscodeProfile, durationSec: number | null, budgetScale = 1): PlanResult {
  if (profile.maxBytes === null) {
    return {
      ok: true,
      plan: {
        videoBitrate: profile.videoBitrate,
        audioBitrate: profile.audioBitrate,
        maxWidth: profile.maxWidth,
        maxHeight: profile.maxHeight,
        notes: [],
      },
    };
  }
  const limit = megabytes(profile.maxBytes);
  if (!durationSec || durationSec <= 0) {
    return { ok: false, error: `The video's duration is unknown, so a result under ${limit} can't be planned` };
  }
  const budgetBits = profile.maxBytes * 8 * SIZE_SAFETY * budgetScale;
  const total = budgetBits / durationSec;
  const audioBitrate = audioFor(total, profile.audioBitrate);
  const room = total - audioBitrate;
  if (room < MIN_VIDEO_BITRATE) {
    const fitsMin = Math.floor(budgetBits / (MIN_VIDEO_BITRATE + MIN_AUDIO_BITRATE) / 60);
    return {
      ok: false,
      error:
        `${Math.round(durationSec / 60)} min of video can't fit in ${limit} at a watchable quality ` +
        `(about ${fitsMin} min fit); export a shorter clip`,
    };
  }
  const videoBitrate = Math.floor(Math.min(profile.videoBitrate, room));
  const notes: string[] = [];
  if (videoBitrate < profile.videoBitrate) notes.push(`video ${mbit(videoBitrate)} so the file stays under ${limit}`);
  if (audioBitrate < profile.audioBitrate) notes.push(`audio ${kbit(audioBitrate)} to leave room for the picture`);
  const box = boxFor(videoBitrate, profile);
  if (box.maxHeight < profile.maxHeight) notes.push(`${box.maxHeight}p at most, sharper than a larger picture at this bitrate`);
  return { ok: true, plan: { videoBitrate, audioBitrate, ...box, notes } };
}
