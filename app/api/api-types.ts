// Wire types of the HTTP/SSE API. Type-only: the renderer imports this file and nothing else from the engine.

export interface HealthResponse {
  status: 'ok';
  version: string;
}

export interface UserInfo {
  id: number;
  username: string;
  isAdmin: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  token: string;
  user: UserInfo;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}

export type ItemType = 'movie' | 'series';

export interface VideoStreamInfo {
  codec: string;
  profile: string | null;
  width: number | null;
  height: number | null;
  frameRate: number | null;
  pixelFormat: string | null;
  bitDepth: number | null;
}

export interface AudioStreamInfo {
  index: number;
  codec: string;
  channels: number | null;
  channelLayout: string | null;
  language: string | null;
  title: string | null;
  isDefault: boolean;
}

export interface SubtitleStreamInfo {
  index: number;
  codec: string;
  language: string | null;
  title: string | null;
  isDefault: boolean;
  isForced: boolean;
}

export interface ProbeInfo {
  container: string;
  durationSec: number | null;
  bitRate: number | null;
  video: VideoStreamInfo | null;
  audio: AudioStreamInfo[];
  subtitles: SubtitleStreamInfo[];
}

export interface MediaFile {
  id: number;
  path: string;
  size: number;
  /** null until ffprobe ran (or when it failed: see probeError) */
  probe: ProbeInfo | null;
  probeError: string | null;
  addedAt: string;
}

/** A file with what it belongs to: the player's title after a reload or a shared link. */
export interface MediaFileDetail extends MediaFile {
  item: { id: number; type: ItemType; title: string; year: number | null };
  /** the episodes this file holds (empty for a movie) */
  episodes: Array<{ season: number; number: number; title: string | null }>;
}

export interface LibraryItemSummary {
  id: number;
  type: ItemType;
  title: string;
  year: number | null;
  addedAt: string;
  /** movies: files; series: episodes that have at least one file */
  fileCount: number;
  seasonCount: number;
}

export interface Episode {
  id: number;
  number: number;
  title: string | null;
  files: MediaFile[];
}

export interface Season {
  number: number;
  episodes: Episode[];
}

export interface MovieDetail extends LibraryItemSummary {
  type: 'movie';
  files: MediaFile[];
}

export interface SeriesDetail extends LibraryItemSummary {
  type: 'series';
  seasons: Season[];
}

export type LibraryItemDetail = MovieDetail | SeriesDetail;

export type LibraryRootStatus = 'ok' | 'missing' | 'unreadable' | 'unscanned';

export interface LibraryRoot {
  id: number;
  path: string;
  status: LibraryRootStatus;
  error: string | null;
  lastScanAt: string | null;
  fileCount: number;
}

export interface AddLibraryRootRequest {
  path: string;
}

/** One folder in the server-side folder picker. */
export interface FolderEntry {
  /** what to show: the folder's name (or, among the starting points, a label such as "Home") */
  name: string;
  /** absolute path on the server */
  path: string;
}

/** GET /library/folders: the subfolders of one folder on the server, or the starting points (path null). */
export interface FolderListing {
  /** the folder listed; null for the starting points (home, /, drives, /media, …) */
  path: string | null;
  /** the folder above; null at the top of a drive or filesystem and for the starting points */
  parent: string | null;
  folders: FolderEntry[];
  /** true when there were more subfolders than the listing holds */
  truncated: boolean;
}

export interface ScanProgress {
  state: 'idle' | 'scanning' | 'paused';
  startedAt: string | null;
  finishedAt: string | null;
  rootsTotal: number;
  rootsDone: number;
  filesSeen: number;
  filesAdded: number;
  filesUpdated: number;
  filesRemoved: number;
  currentPath: string | null;
  errors: string[];
}

export interface ProbeStatus {
  pending: number;
  running: number;
  done: number;
  failed: number;
}

export interface EngineStatus {
  version: string;
  paused: boolean;
  scan: ScanProgress;
  probe: ProbeStatus;
}

export type DownloadState = 'queued' | 'downloading' | 'paused' | 'stalled' | 'seeding' | 'completed' | 'failed';

/** One row of the downloads table (GET /api/v1/downloads): the contract's fields first. */
export interface DownloadSummary {
  id: number;
  infoHash: string;
  name: string;
  state: DownloadState;
  /** 0..1 over the selected files */
  progress: number;
  /** bytes per second */
  downloadSpeed: number;
  uploadSpeed: number;
  peers: number;
  ratio: number;
  /** bytes of the selected files (0 until a magnet's metadata arrives) */
  size: number;
  downloaded: number;
  uploaded: number;
  /** seconds, null when unknown */
  eta: number | null;
  queuePosition: number;
  addedAt: string;
  completedAt: string | null;
  /** why it stalled, failed or was stopped, in words */
  reason: string | null;
}

export interface DownloadFile {
  index: number;
  path: string;
  length: number;
  downloaded: number;
  selected: boolean;
}

export interface DownloadDetail extends DownloadSummary {
  files: DownloadFile[];
  /** where its data lives */
  savePath: string;
  /** library files made from it (after import) */
  imported: Array<{ source: string; target: string }>;
  /** pieces in order (the default; a file plays while it downloads) rather than rarest first */
  sequential: boolean;
  options: DownloadOptions;
}

/** One download's own limits (qBittorrent's per-torrent options); null = none of its own (the global settings apply). */
export interface DownloadOptions {
  /** KiB/s, on top of the global caps */
  downloadKiBps: number | null;
  uploadKiBps: number | null;
  /** stop seeding at this share ratio (overrides the global one) */
  ratioLimit: number | null;
  /** stop seeding after this many minutes (overrides the global one) */
  seedingTimeLimitMin: number | null;
}

export interface AddDownloadRequest {
  /** a magnet link or an http(s) URL of a .torrent (what indexers return) */
  uri: string;
}

export interface AddDownloadResponse {
  id: number;
  infoHash: string;
}

export interface SpeedPair {
  /** KiB/s; null = unlimited */
  downloadKiBps: number | null;
  uploadKiBps: number | null;
}

export interface TorrentSettings {
  dht: boolean;
  lsd: boolean;
  utp: boolean;
  /** BitTorrent listening port; 0 = a free one at start */
  port: number;
  maxActiveDownloads: number | null;
  /** no progress for this long marks a download stalled */
  stallAfterMin: number | null;
  /** stalled this much longer: failed and blocklisted */
  failAfterMin: number | null;
  ratioLimit: number | null;
  seedingTimeLimitMin: number | null;
  seedAction: 'stop' | 'remove';
  speed: {
    global: SpeedPair;
    /** the "turtle" pair */
    alternative: SpeedPair;
    altMode: 'off' | 'on' | 'scheduled';
    /** weekly intervals when the alternative pair applies; days 0 = Sunday … 6 = Saturday, 'HH:MM' */
    schedule: ReadonlyArray<{ days: number[]; from: string; to: string }>;
  };
}

export interface TorrentSettingsResponse {
  settings: TorrentSettings;
  /** settings that were changed but only apply after a restart (dht, lsd, utp, port) */
  restartNeeded: Array<'dht' | 'lsd' | 'utp' | 'port'>;
}

/** Everything the engine pushes on GET /api/v1/events (SSE, one JSON object per `data:` line). */
export type EngineEvent =
  | { type: 'scan.progress'; progress: ScanProgress }
  | { type: 'probe.progress'; status: ProbeStatus }
  | { type: 'library.changed'; reason: 'scan' | 'watch' | 'probe' | 'roots' | 'import' }
  | { type: 'engine.paused'; paused: boolean }
  | { type: 'downloads.changed'; downloads: DownloadSummary[] }
  | { type: 'download.failed'; id: number; infoHash: string; name: string; reason: string }
  | { type: 'download.completed'; id: number; infoHash: string; name: string };
