// Pure helpers for the Downloads page: data in, strings (or sorted copies) out. No DOM, no fetch.
import type { DownloadDetail, DownloadFile, DownloadState, DownloadSummary } from '../../app/api/api-types';
import { fileName, formatSize } from './format';

const DASH = '—';

export const DOWNLOAD_STATES: readonly DownloadState[] = [
  'queued',
  'downloading',
  'paused',
  'stalled',
  'seeding',
  'completed',
  'failed',
];

const STATE_LABELS: Record<DownloadState, string> = {
  queued: 'Queued',
  downloading: 'Downloading',
  paused: 'Paused',
  stalled: 'Stalled',
  seeding: 'Seeding',
  completed: 'Completed',
  failed: 'Failed',
};

export function stateLabel(state: DownloadState): string {
  return STATE_LABELS[state] ?? state;
}

/** Stalled and failed downloads show why next to their badge; the others only in a tooltip. */
export function showsReason(d: Pick<DownloadSummary, 'state' | 'reason'>): boolean {
  return !!d.reason && (d.state === 'stalled' || d.state === 'failed');
}

/** The engine is moving bytes for it (or trying to): the details are worth refetching. */
export function isActive(state: DownloadState): boolean {
  return state === 'downloading' || state === 'stalled' || state === 'seeding';
}

/** Which of pause / resume a download offers (completed: the seeding rule stopped it, neither). */
export function toggleAction(state: DownloadState): 'pause' | 'resume' | null {
  if (state === 'paused' || state === 'failed') return 'resume';
  if (state === 'completed') return null;
  return 'pause';
}

/** Bytes per second → "1.5 MB/s"; nothing moving → "—". */
export function formatSpeed(bytesPerSec: number | null | undefined): string {
  if (bytesPerSec == null || !Number.isFinite(bytesPerSec) || bytesPerSec <= 0) return DASH;
  return `${formatSize(bytesPerSec)}/s`;
}

/** Seconds left → "42s", "3m 05s", "2h 07m", "3d 4h"; unknown while downloading → "∞". Only downloads have an ETA. */
export function formatEta(seconds: number | null | undefined, state: DownloadState = 'downloading'): string {
  if (state !== 'downloading') return DASH;
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0 || seconds >= 100 * 86_400) return '∞';
  const s = Math.ceil(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export function formatRatio(ratio: number | null | undefined): string {
  if (ratio == null || Number.isNaN(ratio) || ratio < 0) return DASH;
  if (!Number.isFinite(ratio)) return '∞';
  return ratio.toFixed(2);
}

/** 0..1 → whole percent, rounded down so 100 means done (0.996 is still 99). */
export function progressPercent(progress: number | null | undefined): number {
  if (progress == null || !Number.isFinite(progress)) return 0;
  return Math.floor(Math.min(1, Math.max(0, progress)) * 100);
}

/** 0..1 → "42.3%" (rounded down, so "100%" only when done). */
export function formatPercent(progress: number | null | undefined): string {
  if (progress == null || !Number.isFinite(progress)) return '0%';
  const tenths = Math.floor(Math.min(1, Math.max(0, progress)) * 1000) / 10;
  return `${tenths === Math.trunc(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}%`;
}

/** "1.2 GB / 4.37 GB"; a magnet without metadata yet has no size. */
export function sizeProgress(d: Pick<DownloadSummary, 'downloaded' | 'size'>): string {
  if (!d.size) return d.downloaded > 0 ? formatSize(d.downloaded) : DASH;
  if (d.downloaded >= d.size) return formatSize(d.size);
  return `${formatSize(d.downloaded)} / ${formatSize(d.size)}`;
}

export function fileProgress(f: Pick<DownloadFile, 'downloaded' | 'length'>): number {
  if (f.length <= 0) return f.downloaded > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, f.downloaded / f.length));
}

export type DownloadSortKey =
  'queue' | 'name' | 'state' | 'progress' | 'size' | 'downloadSpeed' | 'uploadSpeed' | 'peers' | 'eta' | 'ratio';
export type SortDir = 'asc' | 'desc';

export const SORT_KEYS: readonly DownloadSortKey[] = [
  'queue',
  'name',
  'state',
  'progress',
  'size',
  'downloadSpeed',
  'uploadSpeed',
  'peers',
  'eta',
  'ratio',
];

export function isSortKey(value: string | null): value is DownloadSortKey {
  return value !== null && (SORT_KEYS as readonly string[]).includes(value);
}

/** The direction a column sorts in first: numbers that matter most when large go high to low. */
export function defaultDir(key: DownloadSortKey): SortDir {
  return key === 'queue' || key === 'name' || key === 'state' || key === 'eta' ? 'asc' : 'desc';
}

function compareBy(key: DownloadSortKey, a: DownloadSummary, b: DownloadSummary): number {
  switch (key) {
    case 'queue':
      return a.queuePosition - b.queuePosition;
    case 'name':
      return a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
    case 'state':
      return DOWNLOAD_STATES.indexOf(a.state) - DOWNLOAD_STATES.indexOf(b.state);
    case 'eta':
      return (a.eta ?? Infinity) - (b.eta ?? Infinity) || 0;
    default:
      return a[key] - b[key];
  }
}

/**
 * A sorted copy; ties keep the queue order. Downloads without an ETA stay last whatever the direction
 * (nobody wants "∞" at the top of "finishing soonest").
 */
export function sortDownloads(list: readonly DownloadSummary[], key: DownloadSortKey, dir: SortDir): DownloadSummary[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    if (key === 'eta') {
      const known = Number(b.eta != null) - Number(a.eta != null);
      if (known) return known;
    }
    const c = compareBy(key, a, b);
    if (Number.isFinite(c) && c !== 0) return c * sign;
    return a.queuePosition - b.queuePosition || a.id - b.id;
  });
}

/**
 * Whether the open details are out of date after a list update: the download is moving bytes, or its
 * summary moved on from what the details were fetched with (state, bytes, completion).
 */
export function detailIsStale(detail: DownloadDetail | null, summary: DownloadSummary): boolean {
  if (!detail) return true;
  if (isActive(summary.state)) return true;
  return (
    detail.state !== summary.state ||
    detail.downloaded !== summary.downloaded ||
    detail.size !== summary.size ||
    detail.completedAt !== summary.completedAt ||
    detail.name !== summary.name
  );
}

export function isTorrentFile(file: { name: string; type?: string }): boolean {
  return file.type === 'application/x-bittorrent' || /\.torrent$/i.test(file.name);
}

/** What to call a download before the engine names it: a magnet's dn, a URL's file name, or the text itself. */
export function uriDisplayName(uri: string): string {
  const text = uri.trim();
  if (/^magnet:/i.test(text)) {
    const query = text.slice(text.indexOf('?') + 1);
    const dn = new URLSearchParams(query).get('dn');
    if (dn) return dn;
    const hash = /xt=urn:btih:([a-z0-9]+)/i.exec(text);
    return hash ? `magnet ${hash[1].slice(0, 12).toLowerCase()}…` : 'magnet link';
  }
  try {
    const url = new URL(text);
    const name = fileName(decodeURIComponent(url.pathname));
    return name && name !== '/' ? name : url.host;
  } catch {
    return text;
  }
}

/** Tooltip/aria text for a row's transfer: "↓ 1.5 MB/s · ↑ 20 KB/s · 12 peers". */
export function transferSummary(d: Pick<DownloadSummary, 'downloadSpeed' | 'uploadSpeed' | 'peers'>): string {
  return `↓ ${formatSpeed(d.downloadSpeed)} · ↑ ${formatSpeed(d.uploadSpeed)} · ${d.peers} ${d.peers === 1 ? 'peer' : 'peers'}`;
}

const PLAYABLE_EXTENSIONS = /\.(mp4|m4v|mkv|webm|mov|avi|ts|m2ts|mpg|mpeg)$/i;

/** A file of a download the player can open while it downloads: a video that is selected, in a running download. */
export function canPlayWhileDownloading(state: DownloadState, file: Pick<DownloadFile, 'path' | 'selected'>): boolean {
  return (
    file.selected && PLAYABLE_EXTENSIONS.test(file.path) && ['downloading', 'stalled', 'seeding', 'completed'].includes(state)
  );
}
