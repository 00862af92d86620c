/**
 * The playback decision, in the manner of Jellyfin's StreamBuilder but as one pure function: for a file (ffprobe's
 * summary), a device profile and the viewer's choices it answers direct play, remux (streams copied into the profile's
 * output container) or transcode (video and/or audio), with every reason. No I/O; the inputs are never changed.
 */
import type { AudioStreamInfo, ProbeInfo, SubtitleStreamInfo, VideoStreamInfo } from '../api/api-types.js';
import { UserError } from '../core/user-error.js';
import { containerName } from './container-names.js';
import { copyableCodecs } from './device-profiles.js';
import { containerLabel, reasonText, sortReasons } from './playback-reason-text.js';
import type { DeviceProfile, MediaSource, PlaybackChoice, PlaybackDecision, PlaybackReason } from './playback-types.js';

/** The file can't be played at all the way it was asked (no video, a stream that isn't there, …): a 400. */
export class PlaybackError extends UserError {}

/** Subtitles that are text and can be sent beside the video as WebVTT; everything else is a picture. */
export const TEXT_SUBTITLE_CODECS: readonly string[] = ['subrip', 'srt', 'ass', 'ssa', 'webvtt', 'mov_text', 'text'];

/** Below this a transcode isn't worth watching; a tighter cap still gets it. */
const MIN_VIDEO_BITRATE = 150_000;
/** H.264 needs about twice the bits of these for the same picture (used to not transcode above the source). */
const EFFICIENT_CODECS = new Set(['hevc', 'vp9', 'av1']);

export function decidePlayback(source: MediaSource, profile: DeviceProfile, choice: PlaybackChoice = {}): PlaybackDecision {
  const { probe } = source;
  const video = probe.video;
  if (!video) throw new PlaybackError('This file has no video stream');
  const audio = pickAudio(probe, choice.audioStream);
  const subtitle = pickSubtitle(probe, choice.subtitleStream);
  const cap = bitrateCap(profile, choice);
  const container = containerName(probe.container, source.path);
  const who = profile.label;
  const target = profile.transcode;

  // what stops the file from being sent as it is: a container change (remux) or a stream transcode
  const remuxReasons: PlaybackReason[] = [];
  if (!profile.containers.includes(container)) remuxReasons.push(reasonText.container(container, who, profile.containers));
  const first = probe.audio[0];
  if (audio && audio !== first) {
    // a player given the file picks its first track; only a remux can hand it another one
    remuxReasons.push(reasonText.audioTrack(audio.index, audio.language, audio.codec, first.index, who));
  }

  const videoReasons = checkVideo(video, profile);
  const sourceRate = wholeBitrate(probe, source.size);
  if (sourceRate !== null && sourceRate > cap.value) {
    videoReasons.push(reasonText.bitrate(sourceRate, cap.value, who, cap.chosen));
  }
  const delivery = subtitle ? subtitleDelivery(subtitle, profile) : null;
  if (subtitle && delivery === 'burn') {
    videoReasons.push(
      TEXT_SUBTITLE_CODECS.includes(subtitle.codec)
        ? reasonText.subtitleText(subtitle.codec, who)
        : reasonText.subtitleImage(subtitle.codec, who),
    );
  }
  const audioReasons = audio ? checkAudio(audio, profile) : [];

  // once the file isn't sent as it is, a copied stream must also fit the output (VP9 can't go into MPEG-TS)
  const direct = remuxReasons.length + videoReasons.length + audioReasons.length === 0;
  if (!direct) {
    const copyable = copyableCodecs(target);
    const output = `${target.protocol === 'hls' ? 'HLS ' : ''}${containerLabel(target.container)}`;
    if (videoReasons.length === 0 && !copyable.video.includes(video.codec)) {
      videoReasons.push(reasonText.videoNotCopyable(video.codec, who, output));
    }
    if (audio && audioReasons.length === 0 && !copyable.audio.includes(audio.codec)) {
      audioReasons.push(reasonText.audioNotCopyable(audio.codec, who, output));
    }
  }

  const transcodeVideo = videoReasons.length > 0;
  const transcodeAudio = audioReasons.length > 0;
  const method = transcodeVideo || transcodeAudio ? 'transcode' : direct ? 'direct' : 'remux';
  if (method !== 'direct' && target.protocol === 'hls' && !(probe.durationSec && probe.durationSec > 0)) {
    throw new PlaybackError(
      `This file's length is unknown (ffprobe found no duration), so it can't be streamed to ${who} as HLS`,
    );
  }

  const audioOut: PlaybackDecision['audio'] = audio
    ? transcodeAudio
      ? {
          stream: audio.index,
          action: 'transcode',
          codec: target.audioCodec,
          channels: Math.min(audio.channels ?? target.maxAudioChannels, target.maxAudioChannels),
          bitrate: target.audioBitrate,
        }
      : { stream: audio.index, action: 'copy', codec: audio.codec, channels: audio.channels, bitrate: audio.bitRate ?? null }
    : null;

  let videoOut: PlaybackDecision['video'];
  if (transcodeVideo) {
    const audioShare = audioOut?.bitrate ?? (audioOut ? target.audioBitrate : 0);
    const capRate = cap.value - audioShare;
    let rate = Math.min(target.videoBitrate, capRate);
    // no point in more bits than the source has (H.264 needs about twice those of HEVC, VP9, AV1)
    const sourceVideoRate = video.bitRate ?? sourceRate;
    if (sourceVideoRate) rate = Math.min(rate, sourceVideoRate * (EFFICIENT_CODECS.has(video.codec) ? 2 : 1));
    // squeezed below the target's rate by the client's cap (a slow network), the picture shrinks too: fewer bits look
    // better on fewer pixels, as in Jellyfin
    const sizeCap = cap.chosen && capRate < target.videoBitrate ? heightForBitrate(capRate) : Number.POSITIVE_INFINITY;
    const size = fitSize(
      video,
      Math.min(target.maxWidth, profile.maxWidth, Math.round((sizeCap * 16) / 9) || Number.POSITIVE_INFINITY),
      Math.min(target.maxHeight, profile.maxHeight, sizeCap),
    );
    videoOut = {
      action: 'transcode',
      codec: target.videoCodec,
      width: size?.width ?? null,
      height: size?.height ?? null,
      bitrate: Math.round(Math.max(MIN_VIDEO_BITRATE, rate) / 1000) * 1000,
    };
  } else {
    videoOut = { action: 'copy', codec: video.codec, width: video.width, height: video.height, bitrate: video.bitRate ?? null };
  }

  return {
    method,
    reasons: sortReasons([...remuxReasons, ...videoReasons, ...audioReasons]),
    container: method === 'direct' ? container : target.container,
    video: videoOut,
    audio: audioOut,
    subtitle: subtitle && delivery ? { stream: subtitle.index, delivery } : null,
  };
}

/** The chosen track, else the one marked default, else the first; a chosen index that isn't there is an error. */
function pickAudio(probe: ProbeInfo, index: number | undefined): AudioStreamInfo | null {
  if (index === undefined) return probe.audio.find((a) => a.isDefault) ?? probe.audio[0] ?? null;
  const found = probe.audio.find((a) => a.index === index);
  if (!found) throw new PlaybackError(`No audio stream #${index} in this file; it has ${indexList(probe.audio)}`);
  return found;
}

function pickSubtitle(probe: ProbeInfo, index: number | undefined): SubtitleStreamInfo | null {
  if (index === undefined) return null;
  const found = probe.subtitles.find((s) => s.index === index);
  if (!found) throw new PlaybackError(`No subtitle stream #${index} in this file; it has ${indexList(probe.subtitles)}`);
  return found;
}

const indexList = (streams: Array<{ index: number }>) => (streams.length ? streams.map((s) => `#${s.index}`).join(', ') : 'none');

function bitrateCap(profile: DeviceProfile, choice: PlaybackChoice): { value: number; chosen: boolean } {
  const asked = choice.maxBitrate;
  if (asked === undefined) return { value: profile.maxBitrate, chosen: false };
  if (!Number.isFinite(asked) || asked <= 0) throw new PlaybackError('maxBitrate must be a positive number of bits per second');
  return asked < profile.maxBitrate ? { value: asked, chosen: true } : { value: profile.maxBitrate, chosen: false };
}

/** The whole file's bits per second: ffprobe's, else size over duration; null when neither is known. */
function wholeBitrate(probe: ProbeInfo, size: number): number | null {
  if (probe.bitRate && probe.bitRate > 0) return probe.bitRate;
  if (size > 0 && probe.durationSec && probe.durationSec > 0) return Math.round((size * 8) / probe.durationSec);
  return null;
}

/** Every check the video fails (unknown values pass: old probes lack level and bit rate). */
function checkVideo(video: VideoStreamInfo, profile: DeviceProfile): PlaybackReason[] {
  const who = profile.label;
  const reasons: PlaybackReason[] = [];
  const rule = profile.video.find((r) => r.codec === video.codec);
  if (!rule) {
    reasons.push(
      reasonText.videoCodec(
        video.codec,
        who,
        profile.video.map((r) => r.codec),
      ),
    );
    // the transcode target (H.264) is 8-bit: say so, the picture loses depth (and HDR) on the way
    if (video.bitDepth && video.bitDepth > 8) reasons.push(reasonText.bitDepth(video.bitDepth, 8, who, false));
  } else {
    const profileName = video.profile?.toLowerCase();
    if (rule.profiles && profileName && !rule.profiles.includes(profileName)) {
      reasons.push(reasonText.videoProfile(video.codec, video.profile as string, who, rule.profiles));
    }
    if (rule.maxLevel && video.level && video.level > rule.maxLevel) {
      reasons.push(reasonText.videoLevel(video.codec, video.level, rule.maxLevel, who));
    }
    const maxDepth = rule.maxBitDepth ?? 8;
    if (video.bitDepth && video.bitDepth > maxDepth) reasons.push(reasonText.bitDepth(video.bitDepth, maxDepth, who, true));
  }
  if (video.width && video.height && !fits(video.width, video.height, profile.maxWidth, profile.maxHeight)) {
    reasons.push(reasonText.resolution(video.width, video.height, profile.maxWidth, profile.maxHeight, who));
  }
  return reasons;
}

function checkAudio(audio: AudioStreamInfo, profile: DeviceProfile): PlaybackReason[] {
  const reasons: PlaybackReason[] = [];
  if (!profile.audioCodecs.includes(audio.codec)) {
    reasons.push(reasonText.audioCodec(audio.codec, profile.label, profile.audioCodecs));
  }
  if (audio.channels && audio.channels > profile.maxAudioChannels) {
    reasons.push(reasonText.audioChannels(audio.channels, profile.maxAudioChannels, profile.label));
  }
  return reasons;
}

function subtitleDelivery(subtitle: SubtitleStreamInfo, profile: DeviceProfile): 'vtt' | 'burn' {
  return TEXT_SUBTITLE_CODECS.includes(subtitle.codec) && profile.textSubtitles ? 'vtt' : 'burn';
}

/**
 * Limits are for a landscape screen, but a decoder that does 1920×1080 does 1080×1920 too: long side against long side,
 * short against short, so a phone's portrait clip isn't shrunk to a stamp.
 */
function fits(width: number, height: number, maxWidth: number, maxHeight: number): boolean {
  return Math.max(width, height) <= Math.max(maxWidth, maxHeight) && Math.min(width, height) <= Math.min(maxWidth, maxHeight);
}

/** The tallest picture worth sending at a video bit rate (H.264): 720p below 4.5 Mb/s, 480p below 1.6 Mb/s, … */
export function heightForBitrate(bitsPerSecond: number): number {
  if (bitsPerSecond < 800_000) return 360;
  if (bitsPerSecond < 1_600_000) return 480;
  if (bitsPerSecond < 4_500_000) return 720;
  if (bitsPerSecond < 12_000_000) return 1080;
  return 2160;
}

/** The source's size scaled down (never up) to fit the bounds, keeping its aspect; even numbers, as H.264 4:2:0 needs. */
export function fitSize(
  video: Pick<VideoStreamInfo, 'width' | 'height'>,
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } | null {
  const { width, height } = video;
  if (!width || !height) return null;
  const long = Math.max(maxWidth, maxHeight);
  const short = Math.min(maxWidth, maxHeight);
  const scale = Math.min(1, long / Math.max(width, height), short / Math.min(width, height));
  const even = (value: number, bound: number) => Math.max(2, Math.min(Math.round(value / 2) * 2, Math.floor(bound / 2) * 2));
  const boundW = Math.min(width, width >= height ? long : short);
  const boundH = Math.min(height, width >= height ? short : long);
  return { width: even(width * scale, boundW), height: even(height * scale, boundH) };
}
