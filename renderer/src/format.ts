// Pure formatting helpers: data in, strings out. No DOM, no fetch.
import type {
  AudioStreamInfo,
  ItemType,
  LibraryItemSummary,
  MediaFileDetail,
  ProbeInfo,
  SubtitleStreamInfo,
  VideoStreamInfo,
} from '../../app/api/api-types';
import { LANGUAGES } from './languages';

const DASH = '—';

/** Seconds → h:mm:ss ("1:32:05", "0:04:07"). */
export function formatDuration(sec: number | null | undefined): string {
  if (sec == null || !Number.isFinite(sec) || sec < 0) return DASH;
  const total = Math.round(sec);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes → "512 B", "1.5 KB", "700 MB", "4.37 GB" (1024-based, as file managers show). */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return DASH;
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${trimZeros(value.toFixed(digits))} ${SIZE_UNITS[unit]}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Bits per second → "8.2 Mb/s". */
export function formatBitRate(bps: number | null | undefined): string {
  if (bps == null || !Number.isFinite(bps) || bps <= 0) return DASH;
  if (bps >= 1_000_000) return `${trimZeros((bps / 1_000_000).toFixed(1))} Mb/s`;
  return `${Math.round(bps / 1000)} kb/s`;
}

/** (1, 2) → "S01E02". */
export function episodeCode(season: number, episode: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `S${pad(season)}E${pad(episode)}`;
}

/** What a file is, for the player's title: "Movie (2010)" or "Show · S01E02 · Pilot". */
export function playingTitle(file: Pick<MediaFileDetail, 'item' | 'episodes'>): string {
  const { item, episodes } = file;
  if (item.type === 'movie' || episodes.length === 0) return item.year ? `${item.title} (${item.year})` : item.title;
  const first = episodes[0];
  const last = episodes[episodes.length - 1];
  const code =
    episodes.length > 1
      ? `${episodeCode(first.season, first.number)}–E${String(last.number).padStart(2, '0')}`
      : episodeCode(first.season, first.number);
  return [item.title, code, first.title].filter(Boolean).join(' · ');
}

export function seasonLabel(n: number): string {
  return n === 0 ? 'Specials' : `Season ${n}`;
}

/** Frame size → "4K", "1080p", "720p", "576p"… Wide (cinemascope) frames count by width. */
export function resolutionLabel(width: number | null, height: number | null): string | null {
  if (!width && !height) return null;
  const w = width ?? 0;
  const h = height ?? 0;
  if (w >= 7600 || h >= 4300) return '8K';
  if (w >= 3800 || h >= 2100) return '4K';
  if (w >= 2500 || h >= 1400) return '1440p';
  if (w >= 1900 || h >= 1060) return '1080p';
  if (w >= 1260 || h >= 700) return '720p';
  if (h >= 560) return '576p';
  if (h >= 470) return '480p';
  return h > 0 ? `${h}p` : null;
}

const CODEC_LABELS: Record<string, string> = {
  h264: 'H.264',
  avc: 'H.264',
  hevc: 'HEVC',
  h265: 'HEVC',
  av1: 'AV1',
  vp8: 'VP8',
  vp9: 'VP9',
  mpeg2video: 'MPEG-2',
  mpeg4: 'MPEG-4',
  vc1: 'VC-1',
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
  subrip: 'SRT',
  srt: 'SRT',
  ass: 'ASS',
  ssa: 'SSA',
  webvtt: 'WebVTT',
  mov_text: 'MP4 text',
  hdmv_pgs_subtitle: 'PGS',
  dvd_subtitle: 'VobSub',
  dvb_subtitle: 'DVB',
};

export function codecLabel(codec: string | null | undefined): string {
  if (!codec) return DASH;
  const key = codec.toLowerCase();
  if (key.startsWith('pcm_')) return 'PCM';
  return CODEC_LABELS[key] ?? codec.toUpperCase();
}

/** ffprobe format_name ("matroska,webm", "mov,mp4,m4a,3gp,3g2,mj2") → "MKV", "MP4"… */
export function containerLabel(container: string | null | undefined): string {
  if (!container) return DASH;
  const names = container.toLowerCase().split(',');
  if (names.includes('matroska')) return 'MKV';
  if (names.includes('webm')) return 'WebM';
  if (names.includes('mp4') || names.includes('mov')) return 'MP4';
  if (names.includes('avi')) return 'AVI';
  if (names.includes('mpegts')) return 'MPEG-TS';
  if (names.includes('mpeg')) return 'MPEG-PS';
  return names[0].toUpperCase();
}

/** 1 → "Mono", 2 → "Stereo", 6 → "5.1", 8 → "7.1". */
export function channelsLabel(channels: number | null, layout?: string | null): string | null {
  if (channels == null) return layout ?? null;
  if (channels === 1) return 'Mono';
  if (channels === 2) return 'Stereo';
  if (channels === 6) return '5.1';
  if (channels === 8) return '7.1';
  if (channels === 3) return '2.1';
  return `${channels} ch`;
}

/** "eng" → "English"; unknown codes are shown as given; missing/"und" → null. */
export function languageLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  const key = code.toLowerCase();
  if (key === 'und' || key === 'mis' || key === 'zxx') return null;
  return LANGUAGES[key] ?? code;
}

export function videoSummary(v: VideoStreamInfo): string {
  const parts = [codecLabel(v.codec)];
  if (v.profile) parts.push(v.profile);
  if (v.bitDepth) parts.push(`${v.bitDepth}-bit`);
  if (v.frameRate) parts.push(`${trimZeros(v.frameRate.toFixed(3))} fps`);
  return parts.join(' · ');
}

export function audioTrackLabel(a: AudioStreamInfo): string {
  const parts = [languageLabel(a.language) ?? 'Unknown language', codecLabel(a.codec)];
  const ch = channelsLabel(a.channels, a.channelLayout);
  if (ch) parts.push(ch);
  if (a.title) parts.push(`“${a.title}”`);
  if (a.isDefault) parts.push('default');
  return parts.join(' · ');
}

export function subtitleTrackLabel(s: SubtitleStreamInfo): string {
  const parts = [languageLabel(s.language) ?? 'Unknown language', codecLabel(s.codec)];
  if (s.title) parts.push(`“${s.title}”`);
  if (s.isForced) parts.push('forced');
  if (s.isDefault) parts.push('default');
  return parts.join(' · ');
}

/** One-line technical summary for a file: "1080p · HEVC · E-AC-3 5.1 · MKV". */
export function probeSummary(p: ProbeInfo): string {
  const parts: string[] = [];
  if (p.video) {
    const res = resolutionLabel(p.video.width, p.video.height);
    if (res) parts.push(res);
    parts.push(codecLabel(p.video.codec));
  }
  const audio = p.audio.find((a) => a.isDefault) ?? p.audio[0];
  if (audio) parts.push([codecLabel(audio.codec), channelsLabel(audio.channels, audio.channelLayout)].filter(Boolean).join(' '));
  parts.push(containerLabel(p.container));
  return parts.join(' · ');
}

/** Text shown when the <video> element fails (MediaError.code 1–4). */
export function mediaErrorMessage(code: number | null | undefined, probe: ProbeInfo | null): string {
  if (code === 1) return 'Playback was aborted.';
  if (code === 2)
    return 'The stream was interrupted by a network error. Check that the Racoon engine is still running, then try again.';
  const formats: string[] = [];
  if (probe?.video) formats.push(codecLabel(probe.video.codec));
  for (const a of probe?.audio ?? []) {
    const label = codecLabel(a.codec);
    if (!formats.includes(label)) formats.push(label);
  }
  if (probe) formats.push(containerLabel(probe.container));
  const what = formats.length ? ` (${formats.join(' / ')})` : '';
  if (code === 3) {
    return `This browser could not decode this file${what}. It may be damaged or use a format the browser only partly supports; transcoding comes with the playback update.`;
  }
  return `This browser can't play this file's format${what}; transcoding comes with the playback update.`;
}

/** "/media/Movies/Alien (1979).mkv" → "Alien (1979).mkv" (also for Windows paths). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : path;
}

const ARTICLES = new Set(['the', 'a', 'an']);

/** Up to two initials for the poster tile, skipping a leading article: "The Dark Knight" → "DK". */
export function titleInitials(title: string): string {
  let words = title.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length > 1 && ARTICLES.has(words[0].toLowerCase())) words = words.slice(1);
  const initials = words
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
  return initials || '?';
}

/** Stable hue (0–359) from a title so every tile keeps its colour. */
export function titleHue(title: string): number {
  let hash = 0;
  for (let i = 0; i < title.length; i++) hash = (hash * 31 + title.charCodeAt(i)) >>> 0;
  return hash % 360;
}

/** Sort key that ignores a leading article and case: "The Matrix" sorts under M. */
export function sortTitle(title: string): string {
  return title
    .trim()
    .replace(/^(the|a|an)\s+/i, '')
    .toLocaleLowerCase();
}

export type LibraryFilter = 'all' | ItemType;

/** Filter by type and free text (title or year), sorted by title then year. */
export function filterLibrary(items: LibraryItemSummary[], type: LibraryFilter, query: string): LibraryItemSummary[] {
  const q = query.trim().toLocaleLowerCase();
  return items
    .filter((it) => type === 'all' || it.type === type)
    .filter((it) => !q || it.title.toLocaleLowerCase().includes(q) || String(it.year ?? '') === q)
    .sort((a, b) => sortTitle(a.title).localeCompare(sortTitle(b.title)) || (a.year ?? 0) - (b.year ?? 0) || a.id - b.id);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Card sub-line: "2 files", "3 seasons · 24 episodes". */
export function itemCountLabel(item: LibraryItemSummary): string {
  if (item.type === 'movie') return plural(item.fileCount, 'file');
  return `${plural(item.seasonCount, 'season')} · ${plural(item.fileCount, 'episode')}`;
}

/** ISO timestamp → local date and time, or "never". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
