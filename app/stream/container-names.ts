/**
 * One name per container, as device profiles list them. ffprobe names demuxers, not containers: "mov,mp4,m4a,3gp,3g2,mj2"
 * is MP4 and QuickTime alike, "matroska,webm" both Matroska and WebM, so the file's extension decides between them.
 */
import path from 'node:path';

/** Extension → container, for formats ffprobe can't tell apart and for files it could not name. */
const BY_EXTENSION: Record<string, string> = {
  '.mp4': 'mp4',
  '.m4v': 'mp4',
  '.m4a': 'mp4',
  '.mov': 'mov',
  '.qt': 'mov',
  '.3gp': '3gp',
  '.3g2': '3gp',
  '.mkv': 'mkv',
  '.mka': 'mkv',
  '.mk3d': 'mkv',
  '.webm': 'webm',
  '.ts': 'mpegts',
  '.m2ts': 'm2ts',
  '.mts': 'm2ts',
  '.avi': 'avi',
  '.wmv': 'asf',
  '.asf': 'asf',
  '.flv': 'flv',
  '.mpg': 'mpeg',
  '.mpeg': 'mpeg',
  '.vob': 'vob',
  '.ogv': 'ogg',
  '.ogg': 'ogg',
  '.rm': 'rm',
  '.rmvb': 'rm',
  '.mxf': 'mxf',
  '.mp3': 'mp3',
  '.flac': 'flac',
  '.wav': 'wav',
};

/** ffprobe demuxer names that are one container whatever the extension says. */
const BY_FORMAT: Record<string, string> = {
  mpegts: 'mpegts',
  avi: 'avi',
  asf: 'asf',
  flv: 'flv',
  ogg: 'ogg',
  rm: 'rm',
  mxf: 'mxf',
  mp3: 'mp3',
  flac: 'flac',
  wav: 'wav',
  mpeg: 'mpeg',
  mpegvideo: 'mpeg',
  webm_dash_manifest: 'webm',
};

/** ffprobe's format_name + the file's name → mp4, mov, mkv, webm, mpegts, m2ts, avi, … (lower-case). Pure. */
export function containerName(formatName: string, file: string): string {
  const ext = path.extname(file).toLowerCase();
  const fromExt = BY_EXTENSION[ext];
  const demuxers = formatName
    .toLowerCase()
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (demuxers.includes('mov') || demuxers.includes('mp4')) {
    return fromExt === 'mov' || fromExt === '3gp' ? fromExt : 'mp4';
  }
  if (demuxers.includes('matroska') || demuxers.includes('webm')) return fromExt === 'webm' ? 'webm' : 'mkv';
  if (demuxers.includes('mpegts')) return fromExt === 'm2ts' ? 'm2ts' : 'mpegts';
  // MPEG program streams: a DVD's .vob is one too
  if (demuxers.includes('mpeg') && fromExt === 'vob') return 'vob';
  for (const name of demuxers) {
    if (BY_FORMAT[name]) return BY_FORMAT[name];
  }
  if (demuxers.length === 0 || demuxers[0] === 'unknown') return fromExt ?? 'unknown';
  return demuxers[0];
}
