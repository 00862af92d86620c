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
  // absent in files probed before these were read: unknown
  /** ffprobe's level number: 41 = H.264 4.1, 153 = HEVC 5.1 */
  level?: number | null;
  bitRate?: number | null;
  /** color_transfer: smpte2084 (HDR10/PQ), arib-std-b67 (HLG), bt709, … */
  colorTransfer?: string | null;
}

export interface AudioStreamInfo {
  index: number;
  codec: string;
  /** e.g. "LC", "HE-AAC", "DTS-HD MA"; absent in files probed before it was read */
  profile?: string | null;
  channels: number | null;
  channelLayout: string | null;
  sampleRate?: number | null;
  bitRate?: number | null;
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
  /** the catalogue title it was grabbed for from Search (its files are named from it), else null */
  title: { provider: MetadataProviderId; kind: MediaKind; id: string; title: string; year: number | null } | null;
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
  /** write downloaded pieces past the OS page cache (O_DIRECT) where the filesystem allows it */
  directWrites: boolean;
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
  /** settings that were changed but only apply after a restart (dht, lsd, utp, port, directWrites) */
  restartNeeded: Array<'dht' | 'lsd' | 'utp' | 'port' | 'directWrites'>;
}

/** Everything the engine pushes on GET /api/v1/events (SSE, one JSON object per `data:` line). */
export type EngineEvent =
  | { type: 'scan.progress'; progress: ScanProgress }
  | { type: 'probe.progress'; status: ProbeStatus }
  | { type: 'library.changed'; reason: 'scan' | 'watch' | 'probe' | 'roots' | 'import' }
  | { type: 'engine.paused'; paused: boolean }
  | { type: 'downloads.changed'; downloads: DownloadSummary[] }
  | { type: 'download.failed'; id: number; infoHash: string; name: string; reason: string }
  | { type: 'download.completed'; id: number; infoHash: string; name: string }
  | { type: 'transcode.changed'; job: TranscodeJob }
  | { type: 'transcode.removed'; id: number }
  | { type: 'camera.event'; phase: 'start' | 'end'; event: CameraEventInfo };

/** An alarm event of a camera (GET /cameras/{id}/events, and the camera.event engine event). */
export interface CameraEventInfo {
  id: number;
  cameraId: number;
  /** the camera's name when the event was read (for notifications) */
  cameraName: string;
  /** motion (software detection or ONVIF), tamper, another ONVIF event, or the camera offline for too long */
  kind: 'motion' | 'tamper' | 'onvif' | 'malfunction';
  /** ISO times; end is null while it runs */
  start: string;
  end: string | null;
  /** the largest share of the picture that changed, 0..1 */
  peakArea: number | null;
  /** raised while away, or by a camera whose mode records events: notifications go out for armed events */
  armed: boolean;
  /** GET /cameras/{id}/events/{eventId}/snapshot.jpg: the JPEG taken at its start (null: none) */
  snapshotUrl: string | null;
}

// ---- cameras (GET /cameras…): what the Cameras pages show ----------------------------------------------------------
export type CameraStatus = 'starting' | 'online' | 'offline' | 'error' | 'stopped';
export type CameraMode = 'off' | 'continuous' | 'events' | 'events+continuous' | 'schedule';
export type CameraEffectiveMode = 'continuous' | 'events' | 'events+continuous' | 'off';

/** GET /cameras, GET /cameras/:id. The fields after createdAt come with modes/schedules (absent on older engines). */
export interface CameraInfo {
  id: number;
  name: string;
  /** without credentials */
  url: string;
  subUrl: string | null;
  mode: CameraMode | string;
  status: CameraStatus;
  /** why it is offline or in error */
  reason: string | null;
  /** ISO time of the next attempt while waiting to retry */
  retryAt: string | null;
  hasCredentials: boolean;
  createdAt: string;
  detection?: {
    sensitivity: number;
    minArea: number;
    zones: Array<{ x: number; y: number; w: number; h: number }>;
    cooldownSec: number;
  };
  schedule?: Array<{ day: number; start: string; end: string; mode: 'continuous' | 'events' }>;
  retention?: { continuousDays: number | null; eventDays: number | null };
  effectiveMode?: CameraEffectiveMode;
  /** why the effective mode is what it is, e.g. "schedule: Mon 08:00-18:00 events" */
  effectiveReason?: string;
  lastEventAt?: string | null;
}

/** GET/PUT /cameras/away */
export interface CameraAwayState {
  away: boolean;
  since: string | null;
}

/** GET /cameras/storage */
export interface CameraStorageStatus {
  recordingsDir: string;
  usedBytes: number;
  freeBytes: number;
  quotaBytes: number | null;
  minFreeBytes: number;
  status: 'ok' | 'low' | 'full';
  reason: string | null;
}

/** GET /cameras/:id/live */
export interface CameraLiveInfo {
  flvUrl: string;
  externalFlvUrl: string;
  rtmpUrl: string;
  viewers: number;
  relay: 'idle' | 'starting' | 'live' | 'error';
  reason: string | null;
}

/** GET /restream: every camera relay and library file on the restream server. */
export interface RestreamInfo {
  /** camera-<id>, camera-<id>-sub or item-<fileId> */
  key: string;
  kind: 'camera' | 'item';
  /** the camera id, or the library file id */
  id: number;
  /** which camera stream (null for a file) */
  stream: 'main' | 'sub' | null;
  viewers: number;
  /** ISO time the relay entered its state */
  since: string;
  relay: 'idle' | 'starting' | 'live' | 'error';
  reason: string | null;
}

/** POST /restream/files/:fileId: the library file plays once, live, for anyone who opens a URL. */
export interface RestreamFileStarted {
  key: string;
  /** the engine's proxied HTTP-FLV (session auth), for mpegts.js */
  flvUrl: string;
  /** signed URLs on the restream server for VLC and other devices (valid 24 h) */
  externalFlvUrl: string;
  rtmpUrl: string;
}

/** A stretch of recorded footage (recordings merged across small gaps); event = recorded for an alarm event. */
export interface CameraSpan {
  start: string;
  end: string;
  event: boolean;
}

/** GET /cameras/:id/timeline?from&to */
export interface CameraTimeline {
  from: string;
  to: string;
  spans: CameraSpan[];
  events: CameraEventInfo[];
}

/** GET /cameras/:id/replay?from&to: an HLS VOD playlist whose time 0 is `start`; gaps between spans are cut out. */
export interface CameraReplayInfo {
  playlistUrl: string;
  start: string;
  /** seconds */
  duration: number;
  /** each span with where it starts in the playlist (seconds): playlist time = offset + (wanted - span.start) */
  spans: Array<CameraSpan & { offset: number }>;
  /** the segments carry AAC audio */
  audio: boolean;
}

/** One camera found by POST /cameras/discover (WS-Discovery); its xaddr is what POST /cameras/onvif/probe takes. */
export interface OnvifDiscoveredDevice {
  /** the IP it answered from */
  address: string;
  /** its ONVIF device service, e.g. http://192.168.1.20/onvif/device_service (the one on `address` when it lists several) */
  xaddr: string;
  /** every XAddr the camera listed */
  xaddrs: string[];
  /** urn:uuid:… stable per device (a key for lists) */
  endpoint: string;
  name: string | null;
  manufacturer: string | null;
  model: string | null;
  hardware: string | null;
  scopes: string[];
}

/** POST /cameras/discover {timeoutMs?} */
export interface OnvifDiscoverResponse {
  devices: OnvifDiscoveredDevice[];
}

/** POST /cameras/onvif/probe: xaddr, or host (+ port, default 80) */
export interface OnvifProbeRequest {
  xaddr?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
}

/** A media profile of an ONVIF camera; streamUrl has no credentials (send them as username/password to POST /cameras). */
export interface OnvifProfile {
  token: string;
  name: string;
  streamUrl: string | null;
  snapshotUrl: string | null;
  width: number | null;
  height: number | null;
  /** as the camera names it: H264, H265, JPEG… */
  codec: string | null;
  fps: number | null;
}

/** 200 of POST /cameras/onvif/probe. A camera-side failure is a 502 {message, reason: OnvifProbeFailure}. */
export interface OnvifProbeResult {
  xaddr: string;
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  hardwareId: string | null;
  profiles: OnvifProfile[];
  /** it has an events service: motion / tamper alarms come over PullPoint when the camera is added with onvif.xaddr */
  events: boolean;
}

export type OnvifProbeFailure = 'unauthorized' | 'unreachable' | 'not-onvif' | 'timeout' | 'failed';

// ---- watch state (per user): resume points, played marks, continue watching -----------------------------------------
/** PUT /files/:id/progress: what the player reports every ~10 s and on pause, end and leaving. */
export interface ProgressReport {
  positionSec: number;
  /** the video's duration; left out: the file's probed duration */
  durationSec?: number;
  /** whether the player is paused as it reports (informational: the same rules apply either way) */
  paused?: boolean;
}

/** GET /files/:id/progress: where this user would resume this file. */
export interface FileProgress {
  fileId: number;
  /** the resume point; null = start from the beginning */
  positionSec: number | null;
  durationSec: number | null;
  /** every movie or episode the file holds is marked played */
  played: boolean;
  /** when this user last watched it (or marked it); null = never */
  lastWatchedAt: string | null;
}

export type ProgressOutcome = 'resume' | 'played' | 'none';
export type ProgressReason = 'in-progress' | 'reached-end' | 'near-start' | 'under-a-minute';

/** PUT /files/:id/progress answer: the new state and which rule decided it. */
export interface ProgressResult extends FileProgress {
  outcome: ProgressOutcome;
  reason: ProgressReason;
  message: string;
}

/** A card's watch state (GET /library/watch-state lists the items this user has any state for). */
export interface ItemWatchSummary {
  itemId: number;
  /** a movie: played; a series: every episode in the library played */
  played: boolean;
  /** a movie's resume point */
  positionSec: number | null;
  durationSec: number | null;
  /** a series: episodes played out of the episodes in the library (0 and 0 for a movie) */
  playedEpisodes: number;
  totalEpisodes: number;
  lastWatchedAt: string | null;
}

export interface EpisodeWatchState {
  episodeId: number;
  season: number;
  number: number;
  played: boolean;
  playCount: number;
  positionSec: number | null;
  durationSec: number | null;
  lastWatchedAt: string | null;
}

/** GET /library/items/:id/watch-state, and the answer of every played/unplayed action. */
export interface ItemWatchState extends ItemWatchSummary {
  /** a movie: how many times it was watched to the end or marked played */
  playCount: number;
  /** a series: every episode in the library, in order (empty for a movie) */
  episodes: EpisodeWatchState[];
  /** a series: the episode after the last one played, when it is not played yet */
  nextUp: { episodeId: number; season: number; number: number; fileId: number } | null;
}

/** One card of the "Continue watching" row: something half-watched, or a series' next episode. */
export interface ContinueWatchingEntry {
  kind: 'resume' | 'next-up';
  item: { id: number; type: ItemType; title: string; year: number | null };
  episode: { id: number; season: number; number: number; title: string | null } | null;
  /** the file to play */
  fileId: number;
  /** the resume point (null for next-up) */
  positionSec: number | null;
  durationSec: number | null;
  /** when it (resume) or the episode before it (next-up) was last watched */
  lastWatchedAt: string;
}

// ---- discovery: titles (TMDB/OMDb), releases (Torznab indexers), decisions -------------------------------------------
export type MetadataProviderId = 'tmdb' | 'omdb';
export type MediaKind = 'movie' | 'series';

/** A title from a metadata provider. */
export interface TitleHit {
  provider: MetadataProviderId;
  /** the provider's id (TMDB number as a string, OMDb's IMDb id) */
  id: string;
  kind: MediaKind;
  title: string;
  originalTitle: string | null;
  year: number | null;
  overview: string | null;
  /** 0..10 */
  rating: number | null;
  votes: number | null;
  /** an engine URL (posters are cached on disk and served by the engine), null when there is none */
  poster: string | null;
  imdbId: string | null;
  tmdbId: number | null;
}

export interface TitleSearchResponse {
  hits: TitleHit[];
  /** each configured provider's outcome: a failing one never fails the search */
  providers: Array<{ id: MetadataProviderId; status: 'ok' | 'error'; error?: string }>;
}

export interface TitleEpisode {
  number: number;
  title: string | null;
  /** YYYY-MM-DD */
  airDate: string | null;
  runtimeMin: number | null;
}

export interface TitleSeason {
  number: number;
  name: string | null;
  airDate: string | null;
  episodeCount: number;
  episodes: TitleEpisode[];
}

export interface TitleDetails extends TitleHit {
  runtimeMin: number | null;
  genres: string[];
  /** a series' seasons with episodes and air dates; empty for a movie */
  seasons: TitleSeason[];
}

/** One release found on the indexers, as the decision engine judged it. */
export interface ReleaseRow {
  /** stable for this release: pass it back to grab it */
  id: string;
  title: string;
  /** every indexer that had it (merged by info-hash) */
  indexers: string[];
  size: number;
  seeders: number | null;
  leechers: number | null;
  publishDate: string | null;
  infoHash: string | null;
  /** the tracker's page of it */
  infoUrl: string | null;
  /** what the engine downloads: the .torrent URL or the magnet */
  uri: string | null;
  quality: string | null;
  source: string | null;
  codec: string | null;
  /** voice-over tracks in words, e.g. "MVO (LostFilm)" */
  voice: string[];
  seasons: number[];
  episodes: number[];
  accepted: boolean;
  score: number;
  rejections: Array<{ code: string; message: string }>;
  breakdown: Array<{ factor: string; points: number; value: string; why: string }>;
  notes: string[];
}

export interface IndexerRunInfo {
  id: string;
  name: string;
  status: 'ok' | 'error' | 'skipped';
  count: number;
  error?: string;
  ms: number;
}

export interface ReleaseSearchResponse {
  title: TitleDetails;
  season: number | null;
  episode: number | null;
  profile: string;
  /** accepted first, best first; rejected after */
  releases: ReleaseRow[];
  /** the best accepted release and why it beats the runner-up */
  best: { id: string; why: string } | null;
  /** the 'compact' preset's fewest torrents covering every wanted season */
  plan: { picks: Array<{ releaseId: string; seasons: number[]; reason: string }>; uncovered: number[] } | null;
  indexers: IndexerRunInfo[];
}

/** POST /discover/grab: hand a release to the torrent engine, linked to its title (import names files from it). */
export interface GrabRequest {
  uri: string;
  releaseTitle: string;
  infoHash: string | null;
  title: { provider: MetadataProviderId; kind: MediaKind; id: string };
}

export interface IndexerInfo {
  id: string;
  name: string;
  /** the Torznab feed URL as Jackett/Prowlarr show it */
  url: string;
  enabled: boolean;
  hasApiKey: boolean;
  health: {
    lastOkAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    consecutiveFailures: number;
    backoffUntil: string | null;
  };
}

export interface DiscoverySettings {
  /** titles and overviews in this language, e.g. 'ru-RU' or 'en-US' */
  language: string;
  tmdb: { configured: boolean };
  omdb: { configured: boolean };
  /** the release profile searches use by default */
  profile: string;
  profiles: string[];
  indexers: IndexerInfo[];
}

/** PUT /settings/discovery: keys are write-only (null removes one) */
export interface DiscoverySettingsUpdate {
  language?: string;
  tmdbKey?: string | null;
  omdbKey?: string | null;
  profile?: string;
}

export interface IndexerInput {
  name: string;
  url: string;
  apiKey: string;
}

export interface IndexerTestResult {
  ok: boolean;
  /** the search modes its caps advertise, e.g. ['search', 'tv-search', 'movie-search'] */
  modes: string[];
  categories: number;
  error?: string;
}

export type ReleaseSource =
  'BluRay' | 'BDRip' | 'WEB-DL' | 'WEBRip' | 'HDTV' | 'HDRip' | 'DVD' | 'DVDRip' | 'SATRip' | 'TVRip' | 'CAM' | 'TS';

/** A release profile as the decision engine uses it (built-in or the user's own). */
export interface ReleaseProfileSpec {
  name: string;
  preset: 'best-quality' | 'fastest' | 'compact' | 'balanced';
  /** allowed qualities, most wanted first */
  qualities: Array<'2160p' | '1080p' | '720p' | '480p'>;
  cutoff: '2160p' | '1080p' | '720p' | '480p';
  /** allowed sources; null = any */
  sources: ReleaseSource[] | null;
  remuxAllowed: boolean;
  /** MB per minute of runtime, per quality */
  sizeLimits: Partial<Record<'2160p' | '1080p' | '720p' | '480p', { minMbPerMin?: number; maxMbPerMin?: number }>>;
  minSeeders: number;
  /** regexes, case-insensitive */
  requiredWords: string[];
  forbiddenWords: string[];
  preferredWords: Array<{ pattern: string; points: number }>;
  preferredStudios: string[];
  preferredVoiceKinds: Array<'DUB' | 'MVO' | 'DVO' | 'AVO' | 'VO' | 'ORIG'>;
  /** ISO 639-1 codes or 'original' */
  preferredAudioLanguages: string[];
  preferredCodec: string | null;
}

export interface ReleaseProfileInfo {
  name: string;
  builtIn: boolean;
  profile: ReleaseProfileSpec;
}

// ---- transcode jobs: ffmpeg profile transcodes and clip exports, hardware encoders ---------------------------------------
export type TranscodeJobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TranscodeJob {
  id: number;
  /** the library file it was made from (null for a recording or once the file left the library) */
  fileId: number | null;
  sourcePath: string;
  /** the source's file name, for lists */
  sourceName: string;
  profile: string;
  /** a clip: where it starts in the source and how long it runs (null = from the start / to the end) */
  offsetSec: number | null;
  durationSec: number | null;
  /** where the result is (or will be) */
  outputPath: string;
  state: TranscodeJobState;
  /** 0..100 */
  progress: number;
  /** why it failed, in words (ffmpeg's own last lines included) */
  error: string | null;
  /** the video encoder that made it (e.g. libx264, or h264_vaapi), with a note when it fell back to the CPU */
  encoder: string | null;
  /** bytes of the result once done */
  size: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface TranscodeProfileInfo {
  name: string;
  description: string;
  container: 'mp4';
  videoCodec: 'h264';
  audioCodec: 'aac';
  maxWidth: number;
  maxHeight: number;
  /** bits per second; with maxBytes it is the ceiling: a longer source gets less so that the file fits */
  videoBitrate: number;
  audioBitrate: number;
  /** the result stays under this many bytes (null = no limit) */
  maxBytes: number | null;
}

export interface CreateTranscodeJobRequest {
  fileId: number;
  profile: string;
  offsetSec?: number;
  durationSec?: number;
}

export type HwAccelKind = 'vaapi' | 'nvenc' | 'qsv' | 'videotoolbox';
export type VideoEncoderKind = HwAccelKind | 'software';

export interface HwEncoderProbe {
  kind: VideoEncoderKind;
  /** ffmpeg's encoder name, e.g. h264_vaapi, libx264 */
  encoder: string;
  available: boolean;
  /** why it is unavailable, as ffmpeg said it (null when available) */
  reason: string | null;
  /** the device it was tried on (VAAPI render node) */
  device?: string;
}

/** What a real short test encode found on this machine, for each H.264 encoder. */
export interface HwAccelReport {
  probedAt: string;
  encoders: HwEncoderProbe[];
  /** the first available hardware kind, else 'software' */
  best: VideoEncoderKind;
}

export type HwAccelPreference = 'off' | 'auto' | HwAccelKind;

export interface TranscodeSettings {
  /** jobs that run at once */
  workers: number;
  /** off = always the CPU; auto = the best available hardware encoder; or one kind */
  hwaccel: HwAccelPreference;
}

// ---- playback: the decision by device profile, and the URL to play (the file, or an on-the-fly HLS stream) ------------
export interface PlaybackInfo {
  method: import('../stream/playback-types.js').PlayMethod;
  /** reason codes (container-not-supported, audio-codec-not-supported, …); empty for direct play */
  reasons: string[];
  /** each reason in words, naming the values ("AC-3 audio isn't supported by Chromium …") */
  explanation: Array<{ code: string; text: string }>;
  /** what the client plays: the file (Range requests) or an HLS master playlist; absolute */
  url: string;
  fileId: number;
  itemId: number;
  /** the device profile decided for */
  profile: string;
  durationSec: number | null;
  container: string;
  video: import('../stream/playback-types.js').PlaybackDecision['video'];
  audio: import('../stream/playback-types.js').PlaybackDecision['audio'];
  subtitle: import('../stream/playback-types.js').PlaybackDecision['subtitle'];
  audioTracks: Array<AudioStreamInfo & { selected: boolean }>;
  /** text subtitles have a WebVTT url (absolute); picture ones are shown only burnt in */
  subtitles: Array<SubtitleStreamInfo & { selected: boolean; url: string | null }>;
  /** the HLS stream made for this playback; stop it with DELETE /hls/{id} */
  session: { id: string; segments: number; encoder: string } | null;
}
export type PlayMethodName = PlaybackInfo['method'];

// ---- device profiles (GET/PUT/DELETE /playback/profiles): what each client class plays, and what it gets instead ----
export type { DeviceProfile, TranscodeTarget, VideoCodecRule } from '../stream/playback-types.js';
/** PUT /playback/profiles/:name takes a profile without its name (the URL's) and `builtin` (never the user's to set) */
export type DeviceProfileBody = Omit<import('../stream/playback-types.js').DeviceProfile, 'name' | 'builtin'>;

// ---- DLNA media server (GET/PUT /settings/dlna, GET/PUT/DELETE /dlna/renderers): Settings → DLNA ---------------------
export interface DlnaSettings {
  enabled: boolean;
  /** the name TVs show */
  friendlyName: string;
  /** interface names (eth0, wlan0, lo); empty = every LAN interface */
  interfaces: string[];
  /** HTTP port (minidlna's 8200 by default); 0 = a free one */
  port: number;
  /** keeps it the same server to a TV across restarts */
  uuid: string;
}
/** PUT /settings/dlna: any of these; the server restarts at once */
export type DlnaSettingsPatch = Partial<Pick<DlnaSettings, 'enabled' | 'friendlyName' | 'interfaces' | 'port'>>;
export interface DlnaStatus {
  running: boolean;
  friendlyName: string;
  uuid: string;
  /** the port it listens on (may differ from the setting when that one was taken); null while stopped */
  port: number | null;
  interfaces: Array<{ name: string; address: string }>;
  /** interfaces left out, with why ("virtual (Docker)", "not chosen") */
  skipped: Array<{ name: string; address?: string; reason: string }>;
  /** why the last start failed */
  error: string | null;
}
/** an IPv4 address that can be chosen; internal = loopback */
export interface DlnaAvailableInterface {
  name: string;
  address: string;
  internal: boolean;
  /** what kind of virtual interface (Docker, VPN tunnel, …) it is, skipped unless chosen; null for a real one */
  virtual: string | null;
}
export interface DlnaSettingsAnswer {
  settings: DlnaSettings;
  status: DlnaStatus;
  available: DlnaAvailableInterface[];
}
export type { RendererQuirks as DlnaRendererQuirks } from '../dlna/dlna-types.js';
/** how a renderer is recognised: any User-Agent fragment, or any header (`contains: ''` = the header is there at all) */
export interface DlnaRendererMatch {
  userAgentContains: string[];
  headerContains: Array<{ header: string; contains: string }>;
}
export interface DlnaRenderer {
  quirks: import('../dlna/dlna-types.js').RendererQuirks;
  match: DlnaRendererMatch;
  builtin: boolean;
}
/** PUT /dlna/renderers/:name (the name is the URL's) */
export type DlnaRendererBody = Omit<import('../dlna/dlna-types.js').RendererQuirks, 'name'> & DlnaRendererMatch;
