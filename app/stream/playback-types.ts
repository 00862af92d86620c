/**
 * The playback decision's data: what a client class plays natively (a device profile), and what to do with a file
 * for it (direct play, remux or transcode) with every reason. Shared by the pure decision, the HLS sessions, the API.
 */

/** One video codec a device decodes, with the limits it has for it. */
export interface VideoCodecRule {
  /** ffprobe codec name: h264, hevc, vp9, av1, mpeg2video, … */
  codec: string;
  /** ffprobe profile names it plays (lower-case, e.g. "high", "main 10"); absent = any */
  profiles?: string[];
  /** highest level (ffprobe's number: 41 for H.264 4.1, 153 for HEVC 5.1); absent = any */
  maxLevel?: number;
  /** highest bit depth; absent = 8 */
  maxBitDepth?: number;
}

/** What a device gets when the file must be transcoded. */
export interface TranscodeTarget {
  /** how it is delivered: HLS (on-the-fly, seekable) or one progressive file (DLNA TVs, Telegram clips) */
  protocol: 'hls' | 'file';
  /** container of the segments or the file: mpegts, mp4 */
  container: 'mpegts' | 'mp4';
  videoCodec: 'h264';
  audioCodec: 'aac' | 'ac3' | 'mp3';
  maxWidth: number;
  maxHeight: number;
  /** video bits per second */
  videoBitrate: number;
  audioBitrate: number;
  maxAudioChannels: number;
  /**
   * Source codecs that may be copied into this output when the file is remuxed (or only one stream transcoded); others
   * are transcoded even when the device plays them (VP9 or Opus can't go into MPEG-TS). Absent = what the container
   * carries for this protocol (see `copyableCodecs` in device-profiles.ts).
   */
  copyVideoCodecs?: string[];
  copyAudioCodecs?: string[];
}

export interface DeviceProfile {
  /** kebab-case id: chromium, firefox, safari, dlna-generic, samsung-tv, lg-tv, sony-tv, telegram, … */
  name: string;
  label: string;
  builtin: boolean;
  /** containers played directly (normalised names: mp4, webm, mkv, mpegts, avi, mov, m2ts, …) */
  containers: string[];
  video: VideoCodecRule[];
  /** ffprobe audio codec names: aac, mp3, opus, ac3, eac3, flac, … */
  audioCodecs: string[];
  maxAudioChannels: number;
  maxWidth: number;
  maxHeight: number;
  /** whole-file bits per second it streams without stalling */
  maxBitrate: number;
  /** text subtitle codecs it shows beside the video (delivered as WebVTT): subrip, ass, webvtt, mov_text, … */
  textSubtitles: boolean;
  transcode: TranscodeTarget;
}

export type PlayMethod = 'direct' | 'remux' | 'transcode';

/** Why a file can't be played as it is. Codes are stable (API, tests); text is for people. */
export type PlaybackReasonCode =
  | 'container-not-supported'
  | 'video-codec-not-supported'
  | 'video-profile-not-supported'
  | 'video-level-not-supported'
  | 'video-bit-depth-not-supported'
  | 'video-resolution-over-limit'
  | 'bitrate-over-limit'
  | 'audio-codec-not-supported'
  | 'audio-channels-over-limit'
  | 'audio-track-not-first'
  | 'subtitle-burn-in';

export interface PlaybackReason {
  code: PlaybackReasonCode;
  text: string;
}

/** What the decision needs to know of the file: ffprobe's summary, plus the file name for the container. */
export interface MediaSource {
  path: string;
  size: number;
  probe: import('../api/api-types.js').ProbeInfo;
}

export interface PlaybackChoice {
  /** ffprobe stream index of the audio track to play; absent = the default track */
  audioStream?: number;
  /** ffprobe stream index of the subtitle to show; absent = none */
  subtitleStream?: number;
  /** cap of the whole stream in bits/s (a slow network); absent = the profile's */
  maxBitrate?: number;
}

export interface PlaybackDecision {
  method: PlayMethod;
  reasons: PlaybackReason[];
  /** container the client receives: the file's own for direct play, else the target's */
  container: string;
  video: { action: 'copy' | 'transcode'; codec: string; width: number | null; height: number | null; bitrate: number | null };
  /** null when the file has no audio */
  audio: { stream: number; action: 'copy' | 'transcode'; codec: string; channels: number | null; bitrate: number | null } | null;
  /** null when no subtitle was chosen; "vtt" = sent beside the video as WebVTT, "burn" = drawn into the picture */
  subtitle: { stream: number; delivery: 'vtt' | 'burn' } | null;
}
