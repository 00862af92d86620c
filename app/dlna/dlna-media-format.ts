/**
 * How a file is described to a DLNA renderer: its MIME type, its DLNA media profile (DLNA.ORG_PN) when we are sure of
 * it, the `protocolInfo` of a `res` element and the UPnP duration format. Pure: the TV decides from these whether it
 * even tries to play, so a PN is given only when the streams clearly fit it (a wrong PN is worse than none).
 */

/** Streaming + background + interactive transfer modes, DLNA 1.5 (what minidlna, Gerbera and Jellyfin send). */
export const DLNA_FLAGS = '01700000000000000000000000000000';

/** MIME types renderers expect by container (DLNA wants video/mpeg for MPEG-TS with 188-byte packets). */
const MIME_BY_CONTAINER: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  '3gp': 'video/3gpp',
  mkv: 'video/x-matroska',
  webm: 'video/webm',
  mpegts: 'video/mpeg',
  m2ts: 'video/vnd.dlna.mpeg-tts',
  mpeg: 'video/mpeg',
  vob: 'video/mpeg',
  avi: 'video/x-msvideo',
  asf: 'video/x-ms-wmv',
  flv: 'video/x-flv',
  ogg: 'video/ogg',
  rm: 'application/vnd.rn-realmedia',
  mxf: 'application/mxf',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  wav: 'audio/wav',
};

/** The MIME type of a container as profiles name it (container-names.ts); unknown ones as plain bytes. */
export function mimeTypeOf(container: string): string {
  return MIME_BY_CONTAINER[container] ?? 'application/octet-stream';
}

/** What the DLNA profile depends on: the container and the first video and audio streams. */
export interface StreamShape {
  container: string;
  videoCodec: string | null;
  /** ffprobe's profile name (High, Main, Baseline…) */
  videoProfile: string | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
  audioCodec: string | null;
}

/** The DLNA.ORG_PN for the common profiles TVs check, or null when the file doesn't clearly fit one. */
export function dlnaProfileName(shape: StreamShape): string | null {
  const { container, videoCodec, audioCodec } = shape;
  const { width, height } = shape;
  if (!width || !height) return null;
  const sd = width <= 720 && height <= 576;
  const hd = width <= 1920 && height <= 1080;
  if (videoCodec === 'h264') {
    const profile = (shape.videoProfile ?? '').toLowerCase();
    const knownProfile = ['constrained baseline', 'baseline', 'main', 'high'].includes(profile);
    if (!knownProfile || !hd) return null;
    if (container === 'mp4') {
      if (audioCodec !== 'aac' && audioCodec !== null) return null;
      // SD main profile has its own PN; anything else up to 1080p is covered by the high-profile HD one
      return sd && profile !== 'high' ? 'AVC_MP4_MP_SD_AAC_MULT5' : 'AVC_MP4_HP_HD_AAC';
    }
    if (container === 'mkv') {
      if (audioCodec === 'aac') return 'AVC_MKV_HP_HD_AAC_MULT5';
      if (audioCodec === 'ac3') return 'AVC_MKV_HP_HD_AC3';
      return null;
    }
    if ((container === 'mpegts' || container === 'm2ts') && audioCodec === 'ac3' && !sd) {
      const rate = broadcastRate(shape.frameRate);
      return rate ? `AVC_TS_HD_${rate}_AC3${tsSuffix(container)}` : null;
    }
    return null;
  }
  if (videoCodec === 'mpeg2video') {
    const rate = broadcastRate(shape.frameRate);
    if (container === 'mpegts' || container === 'm2ts') {
      if (sd && rate === '50') return `MPEG_TS_SD_EU${tsSuffix(container)}`;
      if (height <= 480 && (rate === '60' || rate === '24')) return `MPEG_TS_SD_NA${tsSuffix(container)}`;
      if (!sd && hd && (rate === '60' || rate === '24')) return `MPEG_TS_HD_NA${tsSuffix(container)}`;
      return null;
    }
    if (container === 'mpeg' || container === 'vob') {
      if (sd && height > 480 && rate === '50') return 'MPEG_PS_PAL';
      if (height <= 480 && rate === '60') return 'MPEG_PS_NTSC';
    }
  }
  return null;
}

/** 188-byte packets (ISO) or 192 bytes with timestamps (Blu-ray's .m2ts: _T). */
const tsSuffix = (container: string) => (container === 'm2ts' ? '_T' : '_ISO');

/** The DLNA frame-rate family: 24 (film), 50 (PAL: 25/50), 60 (NTSC: 29.97/30/59.94/60); null when unknown or odd. */
function broadcastRate(frameRate: number | null): '24' | '50' | '60' | null {
  if (!frameRate) return null;
  const near = (target: number) => Math.abs(frameRate - target) < 0.1;
  if (near(23.976) || near(24)) return '24';
  if (near(25) || near(50)) return '50';
  if (near(29.97) || near(30) || near(59.94) || near(60)) return '60';
  return null;
}

export interface ProtocolInfoOptions {
  mime: string;
  /** DLNA.ORG_PN, left out when null */
  profileName: string | null;
  /** the file itself: byte ranges (OP=01, CI=0); a transcode: time seek only (OP=10, CI=1) */
  transcoded: boolean;
}

/** `http-get:*:<mime>:DLNA.ORG_PN=…;DLNA.ORG_OP=…;DLNA.ORG_CI=…;DLNA.ORG_FLAGS=…` */
export function protocolInfo({ mime, profileName, transcoded }: ProtocolInfoOptions): string {
  const fields = [
    ...(profileName ? [`DLNA.ORG_PN=${profileName}`] : []),
    `DLNA.ORG_OP=${transcoded ? '10' : '01'}`,
    `DLNA.ORG_CI=${transcoded ? '1' : '0'}`,
    `DLNA.ORG_FLAGS=${DLNA_FLAGS}`,
  ];
  return `http-get:*:${mime}:${fields.join(';')}`;
}

/** UPnP's `res@duration`: H+:MM:SS.mmm (hours not padded). */
export function formatDuration(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const totalSec = Math.floor(totalMs / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${Math.floor(totalSec / 3600)}:${pad(Math.floor(totalSec / 60) % 60)}:${pad(totalSec % 60)}.${pad(ms, 3)}`;
}
