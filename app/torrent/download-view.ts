/**
 * The downloads capability's settings and its read models: a stored record plus the client's live numbers → the policy
 * snapshot and the API summary. Pure.
 */
import type { DownloadSummary } from '../api/api-types.js';
import * as policy from './download-policy.js';
import type { DownloadRecord } from './download-store.js';
import type { SpeedSettings } from './speed-limits.js';
import type { TorrentInfo } from './torrent-client.js';

export interface DownloadSettings {
  maxActiveDownloads: number | null;
  stallAfterMin: number | null;
  failAfterMin: number | null;
  ratioLimit: number | null;
  seedingTimeLimitMin: number | null;
  seedAction: 'stop' | 'remove';
  speed: SpeedSettings;
  tickMs: number;
}

export const DEFAULT_DOWNLOAD_SETTINGS: DownloadSettings = {
  maxActiveDownloads: 3,
  stallAfterMin: 10,
  failAfterMin: 60,
  ratioLimit: null,
  seedingTimeLimitMin: null,
  seedAction: 'stop',
  speed: {
    global: { downloadKiBps: null, uploadKiBps: null },
    alternative: { downloadKiBps: null, uploadKiBps: null },
    altMode: 'off',
    schedule: [],
  },
  tickMs: 1000,
};

export const ACTIVE: ReadonlySet<policy.DownloadState> = new Set<policy.DownloadState>(['downloading', 'stalled', 'seeding']);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toSnapshot(r: DownloadRecord, info: TorrentInfo | undefined): policy.DownloadSnapshot {
  const progress = r.size > 0 ? r.downloaded / r.size : info?.ready ? info.progress : 0;
  return {
    id: String(r.id),
    state: r.state,
    queuePosition: r.queuePosition,
    progress,
    bytesDownloaded: r.downloaded,
    uploaded: r.uploaded,
    size: r.size,
    addedAt: r.addedAt,
    completedAt: r.completedAt,
    lastProgressAt: r.lastProgressAt,
    seedingSince: r.seedingSince,
    userPaused: r.userPaused,
    ratioLimit: r.ratioLimit,
    seedingTimeLimitMin: r.seedingTimeLimitMin,
  };
}

export function toSummary(r: DownloadRecord, info: TorrentInfo | undefined, allPaused: boolean): DownloadSummary {
  const snap = toSnapshot(r, info);
  const running = ACTIVE.has(r.state) && info?.paused === false ? info : undefined;
  const workPaused = allPaused && (ACTIVE.has(r.state) || r.state === 'queued');
  const downloadSpeed = running?.downloadSpeed ?? 0;
  return {
    id: r.id,
    infoHash: r.infoHash,
    name: r.name || info?.name || r.infoHash,
    state: workPaused ? 'paused' : r.state,
    progress: Math.min(1, Math.max(0, snap.progress)),
    downloadSpeed,
    uploadSpeed: running?.uploadSpeed ?? 0,
    peers: running?.peers ?? 0,
    ratio: policy.ratio(r),
    size: r.size,
    downloaded: r.downloaded,
    uploaded: r.uploaded,
    eta: policy.eta(snap, downloadSpeed),
    queuePosition: r.queuePosition,
    addedAt: iso(r.addedAt)!,
    completedAt: iso(r.completedAt),
    reason: workPaused ? 'all work is paused' : r.reason,
  };
}
