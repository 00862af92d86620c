/**
 * DLNA's headers for what the HTTP side sends: `contentFeatures.dlna.org` (the same fields as the 4th part of the
 * DIDL-Lite protocolInfo, so a TV sees one story), the profile name of a file or of its transcode (dlna-media-format.ts
 * decides, as for the DIDL-Lite), subtitle MIME types and the list GetProtocolInfo answers. Pure.
 */
import type { ProbeInfo, SubtitleStreamInfo } from '../api/api-types.js';
import { TEXT_SUBTITLE_CODECS } from '../stream/playback-decision.js';
import { containerName } from '../stream/container-names.js';
import type { PlaybackDecision } from '../stream/playback-types.js';
import { DLNA_FLAGS, dlnaProfileName, mimeTypeOf } from './dlna-media-format.js';

/** Media: streaming + background + HTTP stalling, DLNA 1.5 (dlna-media-format.ts, as in the DIDL-Lite). */
export const STREAMING_FLAGS = DLNA_FLAGS;
/** Subtitles and pictures: interactive + background, DLNA 1.5. */
export const INTERACTIVE_FLAGS = '00D00000000000000000000000000000';

/** The transcoded stream is progressive MPEG-TS. */
export const TRANSCODED_MIME = mimeTypeOf('mpegts');

/** Samsung TVs take subtitles by that name (minidlna's choice); everyone else gets SubRip's own type. */
export function subtitleMime(samsung: boolean): string {
  return samsung ? 'smi/caption' : 'application/x-subrip';
}

export interface ContentFeaturesOptions {
  /** DLNA.ORG_PN; left out when null (a wrong one makes some TVs refuse the file) */
  profileName?: string | null;
  /** byte ranges (OP=01, a file as it is) or time seek (OP=10, a transcode) */
  seek: 'bytes' | 'time';
  /** DLNA.ORG_CI=1: converted from the original */
  converted: boolean;
  flags: string;
}

/** The `contentFeatures.dlna.org` header value. */
export function contentFeatures(options: ContentFeaturesOptions): string {
  const parts: string[] = [];
  if (options.profileName) parts.push(`DLNA.ORG_PN=${options.profileName}`);
  parts.push(`DLNA.ORG_OP=${options.seek === 'bytes' ? '01' : '10'}`);
  parts.push(`DLNA.ORG_CI=${options.converted ? 1 : 0}`);
  parts.push(`DLNA.ORG_FLAGS=${options.flags}`);
  return parts.join(';');
}

/** The container of a library file, from ffprobe's format name when known, else from its extension. */
export const fileContainer = (file: string, probe: ProbeInfo | null) => containerName(probe?.container ?? '', file);

/**
 * The subtitle a TV gets beside the video (Samsung's sec:CaptionInfoEx in the DIDL-Lite and CaptionInfo.sec on the
 * file): the default text one, else the first that isn't forced-only. Pure.
 */
export function captionSubtitle(probe: ProbeInfo | null): SubtitleStreamInfo | null {
  const texts = (probe?.subtitles ?? []).filter((s) => TEXT_SUBTITLE_CODECS.includes(s.codec));
  return texts.find((s) => s.isDefault) ?? texts.find((s) => !s.isForced) ?? texts[0] ?? null;
}

/** DLNA.ORG_PN of a file as it is (the default audio track, as the DIDL-Lite's original res). */
export function fileProfileName(file: string, probe: ProbeInfo): string | null {
  const video = probe.video;
  const audio = probe.audio.find((a) => a.isDefault) ?? probe.audio[0] ?? null;
  return dlnaProfileName({
    container: fileContainer(file, probe),
    videoCodec: video?.codec ?? null,
    videoProfile: video?.profile ?? null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    frameRate: video?.frameRate ?? null,
    audioCodec: audio?.codec ?? null,
  });
}

/** DLNA.ORG_PN of a transcode, as the DIDL-Lite's transcoded res names it. */
export function transcodeProfileName(probe: ProbeInfo, decision: PlaybackDecision): string | null {
  const { video, audio } = decision;
  return dlnaProfileName({
    container: decision.container,
    videoCodec: video.codec,
    // our encoder makes High profile H.264
    videoProfile: video.action === 'transcode' ? 'high' : (probe.video?.profile ?? null),
    width: video.width,
    height: video.height,
    frameRate: probe.video?.frameRate ?? null,
    audioCodec: audio?.codec ?? null,
  });
}

const SERVED_CONTAINERS = ['mp4', 'mov', '3gp', 'mkv', 'webm', 'mpegts', 'm2ts', 'mpeg', 'avi', 'asf', 'flv', 'ogg'];

/** ConnectionManager's SourceProtocolInfo: every type we may send, any DLNA profile. */
export const SOURCE_PROTOCOL_INFO: string = [
  ...new Set([...SERVED_CONTAINERS.map(mimeTypeOf), 'image/jpeg', 'image/png', 'smi/caption', 'application/x-subrip']),
]
  .map((mime) => `http-get:*:${mime}:*`)
  .join(',');
