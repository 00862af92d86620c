// The engine's watch-state API: resume points, played marks, continue watching (always the signed-in user's).
import type {
  ContinueWatchingEntry,
  FileProgress,
  ItemWatchState,
  ItemWatchSummary,
  ProgressReport,
  ProgressResult,
} from '../../../app/api/api-types';
import { API_BASE, request } from './client';

export const watchApi = {
  progress: (fileId: number) => request<FileProgress>('GET', `/files/${fileId}/progress`),
  report: (fileId: number, report: ProgressReport) =>
    request<ProgressResult>('PUT', `/files/${fileId}/progress`, { body: report }),
  summaries: () => request<ItemWatchSummary[]>('GET', '/library/watch-state'),
  item: (itemId: number) => request<ItemWatchState>('GET', `/library/items/${itemId}/watch-state`),
  continueWatching: (limit = 20) => request<ContinueWatchingEntry[]>('GET', `/library/continue?limit=${limit}`),
  /** a movie or a whole series; `season`: one season of it */
  setItemPlayed: (itemId: number, played: boolean, season?: number) =>
    request<ItemWatchState>(
      played ? 'POST' : 'DELETE',
      `/library/items/${itemId}/played${season === undefined ? '' : `?season=${season}`}`,
    ),
  setEpisodePlayed: (episodeId: number, played: boolean) =>
    request<ItemWatchState>(played ? 'POST' : 'DELETE', `/library/episodes/${episodeId}/played`),
};

/**
 * A report that must go out even while the page is closing (pagehide, leaving the player): `keepalive` lets the
 * browser finish it after the document is gone. sendBeacon can't (it only POSTs, without our JSON content type).
 */
export function reportProgressKeepalive(fileId: number, report: ProgressReport): void {
  void fetch(`${API_BASE}/files/${fileId}/progress`, {
    method: 'PUT',
    credentials: 'same-origin',
    keepalive: true,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(report),
  }).catch(() => undefined);
}
