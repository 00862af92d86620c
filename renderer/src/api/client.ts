// Typed fetch wrapper for the engine's JSON API under /api/v1.
// Every call sends the session cookie; a 401 anywhere (except sign-in itself) signs the UI out.
import type {
  AddDownloadResponse,
  ChangePasswordRequest,
  DiscoverySettings,
  DiscoverySettingsUpdate,
  GrabRequest,
  IndexerInfo,
  IndexerInput,
  IndexerTestResult,
  MediaKind,
  MetadataProviderId,
  ReleaseProfileInfo,
  ReleaseProfileSpec,
  ReleaseSearchResponse,
  TitleDetails,
  TitleSearchResponse,
  DownloadDetail,
  DownloadOptions,
  DownloadSummary,
  EngineStatus,
  FolderListing,
  HealthResponse,
  LibraryItemDetail,
  LibraryItemSummary,
  LibraryRoot,
  LoginResponse,
  MediaFileDetail,
  PlaybackInfo,
  ScanProgress,
  TorrentSettings,
  TorrentSettingsResponse,
  UserInfo,
} from '../../../app/api/api-types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** status 0 = the engine could not be reached at all. */
export const isApiError = (e: unknown, status?: number): e is ApiError =>
  e instanceof ApiError && (status === undefined || e.status === status);

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

let unauthorizedHandler: (() => void) | null = null;

/** The session store registers the sign-out reaction here (keeps this module free of store imports). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueueMove = 'top' | 'up' | 'down' | 'bottom';

export interface PlaybackQuery {
  profile?: string;
  audio?: number;
  subtitle?: number;
  start?: number;
  maxBitrate?: number;
}

function queryString(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

/** Stops an HLS stream (its ffmpeg and segments); keepalive so it still goes out when the page is closing. */
export function stopStream(sessionId: string): void {
  void fetch(`${API_BASE}/hls/${encodeURIComponent(sessionId)}`, {
    method: 'DELETE',
    credentials: 'same-origin',
    keepalive: true,
  }).catch(() => undefined);
}

interface RequestOptions {
  body?: unknown;
  /** a multipart upload (the browser sets its Content-Type with the boundary) */
  form?: FormData;
  headers?: Record<string, string>;
  /** sign-in calls expect 401 for a wrong password: don't treat it as an expired session */
  expect401?: boolean;
}

/** One JSON call to the engine (capabilities' own API modules, e.g. api/watch.ts, build on it). */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.form ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
  } catch {
    throw new ApiError(0, "Can't reach the Racoon engine. Is it running?");
  }
  if (!res.ok) {
    const message = await readErrorMessage(res);
    if (res.status === 401 && !opts.expect401) unauthorizedHandler?.();
    throw new ApiError(res.status, message);
  }
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function readErrorMessage(res: Response): Promise<string> {
  try {
    const text = await res.text();
    try {
      const body = JSON.parse(text) as { message?: unknown };
      if (typeof body.message === 'string' && body.message) return body.message;
    } catch {
      if (text && text.length < 300) return text;
    }
  } catch {
    // fall through to the status line
  }
  return `${res.status} ${res.statusText || 'Request failed'}`;
}

export const api = {
  health: () => request<HealthResponse>('GET', '/health'),

  login: (username: string, password: string) =>
    request<LoginResponse>('POST', '/auth/login', { body: { username, password }, expect401: true }),
  sessionFromToken: (token: string) =>
    request<LoginResponse>('POST', '/auth/session', { headers: { Authorization: `Bearer ${token}` }, expect401: true }),
  logout: () => request<void>('POST', '/auth/logout', { expect401: true }),
  me: () => request<UserInfo>('GET', '/auth/me'),
  // a wrong current password may come back as 401: that is not an expired session
  changePassword: (body: ChangePasswordRequest) => request<void>('POST', '/auth/password', { body, expect401: true }),

  items: () => request<LibraryItemSummary[]>('GET', '/library/items'),
  item: (id: number) => request<LibraryItemDetail>('GET', `/library/items/${id}`),
  roots: () => request<LibraryRoot[]>('GET', '/library/roots'),
  addRoot: (path: string) => request<LibraryRoot>('POST', '/library/roots', { body: { path } }),
  removeRoot: (id: number) => request<void>('DELETE', `/library/roots/${id}`),

  /** how this browser plays a file (the engine picks the device profile from the User-Agent) and the URL to play */
  playback: (fileId: number, choice: PlaybackQuery = {}) =>
    request<PlaybackInfo>('GET', `/files/${fileId}/playback${queryString(choice)}`),
  /** null: the starting points (home, /, drives, …); a path: its subfolders */
  folders: (path: string | null) =>
    request<FolderListing>('GET', path === null ? '/library/folders' : `/library/folders?path=${encodeURIComponent(path)}`),
  startScan: () => request<ScanProgress>('POST', '/library/scan'),
  scanProgress: () => request<ScanProgress>('GET', '/library/scan'),

  engineStatus: () => request<EngineStatus>('GET', '/engine/status'),
  pause: () => request<EngineStatus>('POST', '/engine/pause'),
  resume: () => request<EngineStatus>('POST', '/engine/resume'),

  file: (id: number) => request<MediaFileDetail>('GET', `/files/${id}`),

  downloads: () => request<DownloadSummary[]>('GET', '/downloads'),
  download: (id: number) => request<DownloadDetail>('GET', `/downloads/${id}`),
  /** a magnet link or the http(s) URL of a .torrent; 400 with the server's words for what it can't use */
  addDownload: (uri: string) => request<AddDownloadResponse>('POST', '/downloads', { body: { uri } }),
  uploadTorrent: (file: Blob, name: string) => {
    const form = new FormData();
    form.append('torrent', file, name);
    return request<AddDownloadResponse>('POST', '/downloads', { form });
  },
  pauseDownload: (id: number) => request<void>('POST', `/downloads/${id}/pause`),
  resumeDownload: (id: number) => request<void>('POST', `/downloads/${id}/resume`),
  moveDownload: (id: number, to: QueueMove) => request<void>('POST', `/downloads/${id}/move`, { body: { to } }),
  setSequential: (id: number, enabled: boolean) => request<void>('POST', `/downloads/${id}/sequential`, { body: { enabled } }),
  setDownloadOptions: (id: number, options: Partial<DownloadOptions>) =>
    request<DownloadDetail>('PATCH', `/downloads/${id}`, { body: options }),
  selectDownloadFile: (id: number, index: number, selected: boolean) =>
    request<void>('POST', `/downloads/${id}/files/${index}`, { body: { selected } }),
  removeDownload: (id: number, deleteData: boolean) =>
    request<void>('DELETE', `/downloads/${id}?deleteData=${deleteData ? 'true' : 'false'}`),

  torrentSettings: () => request<TorrentSettingsResponse>('GET', '/settings/torrent'),
  /** any subset; 400 with the server's words for what it can't use */
  saveTorrentSettings: (patch: Partial<TorrentSettings>) =>
    request<TorrentSettingsResponse>('PUT', '/settings/torrent', { body: patch }),

  /** 400 with the server's words when no metadata provider is configured */
  searchTitles: (q: string, opts: { kind?: MediaKind | null; year?: number | null } = {}) =>
    request<TitleSearchResponse>('GET', `/discover/search?${query({ q, kind: opts.kind, year: opts.year })}`),
  titleDetails: (provider: MetadataProviderId, kind: MediaKind, id: string) =>
    request<TitleDetails>('GET', titlePath(provider, kind, id)),
  /** slow: every enabled indexer is asked; 400 with the server's words when none is configured */
  searchReleases: (
    provider: MetadataProviderId,
    kind: MediaKind,
    id: string,
    opts: { season?: number | null; episode?: number | null; profile?: string | null } = {},
  ) => {
    const qs = query({ season: opts.season, episode: opts.episode, profile: opts.profile });
    return request<ReleaseSearchResponse>('GET', `${titlePath(provider, kind, id)}/releases${qs ? `?${qs}` : ''}`);
  },
  grab: (body: GrabRequest) => request<AddDownloadResponse>('POST', '/discover/grab', { body }),

  discoverySettings: () => request<DiscoverySettings>('GET', '/settings/discovery'),
  /** API keys are write-only: a string sets one, null removes it */
  saveDiscoverySettings: (update: DiscoverySettingsUpdate) =>
    request<DiscoverySettings>('PUT', '/settings/discovery', { body: update }),
  addIndexer: (input: IndexerInput) => request<IndexerInfo>('POST', '/settings/discovery/indexers', { body: input }),
  updateIndexer: (id: string, patch: Partial<IndexerInput & { enabled: boolean }>) =>
    request<IndexerInfo>('PATCH', `/settings/discovery/indexers/${encodeURIComponent(id)}`, { body: patch }),
  removeIndexer: (id: string) => request<void>('DELETE', `/settings/discovery/indexers/${encodeURIComponent(id)}`),
  testIndexer: (id: string) => request<IndexerTestResult>('POST', `/settings/discovery/indexers/${encodeURIComponent(id)}/test`),

  /** built-ins first */
  releaseProfiles: () => request<ReleaseProfileInfo[]>('GET', '/discover/profiles'),
  /** creates or replaces a user profile; 400 with the server's words naming every bad field (a built-in name too) */
  saveReleaseProfile: (name: string, spec: Partial<Omit<ReleaseProfileSpec, 'name'>>) =>
    request<ReleaseProfileInfo>('PUT', `/settings/discovery/profiles/${encodeURIComponent(name)}`, { body: spec }),
  /** 404 unknown, 400 for a built-in */
  removeReleaseProfile: (name: string) => request<void>('DELETE', `/settings/discovery/profiles/${encodeURIComponent(name)}`),
};

/** A query string from the values that are set (null, undefined and '' are left out). */
function query(params: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
}

const titlePath = (provider: MetadataProviderId, kind: MediaKind, id: string) =>
  `/discover/titles/${provider}/${kind}/${encodeURIComponent(id)}`;

export const streamUrl = (fileId: number) => `${API_BASE}/files/${fileId}/stream`;
/** A file of a download, playable while it downloads. */
export const downloadStreamUrl = (downloadId: number, index: number) =>
  `${API_BASE}/downloads/${downloadId}/files/${index}/stream`;
export const eventsUrl = () => `${API_BASE}/events`;
