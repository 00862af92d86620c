import path from 'node:path';
import type { EngineStatus, TorrentSettings, TorrentSettingsResponse } from './api/api-types.js';
import { buildApiServer, type Api } from './api/server.js';
import { UserService } from './auth/user-service.js';
import { openDatabase, type Db } from './core/database.js';
import { EventBus } from './core/event-bus.js';
import { createLogger, type Logger } from './core/logger.js';
import { dataPaths, ensureDataDirs, type DataPaths } from './core/paths.js';
import { createHeadlessSecretStore, type SecretStore } from './core/secret-store.js';
import { VERSION } from './core/version.js';
import { WorkControl } from './core/work-control.js';
import { LibraryCatalogue } from './library/library-catalogue.js';
import { FolderBrowser } from './library/folder-browser.js';
import { LibraryService } from './library/library-service.js';
import { ProbeQueue } from './library/probe-queue.js';
import { WatchStateStore } from './library/watch-state-store.js';
import { DownloadService, type DownloadSettings } from './torrent/download-service.js';
import { TorrentClient } from './torrent/torrent-client.js';
import { RESTART_KEYS, TorrentSettingsStore } from './torrent/torrent-settings.js';
import { UserError } from './core/user-error.js';
import { DownloadStore } from './torrent/download-store.js';
import { DiscoveryService, type ProviderEndpoints } from './discovery/discovery-service.js';
import { DiscoverySettingsStore } from './discovery/discovery-settings.js';
import { MetadataCache } from './discovery/metadata-cache.js';
import { PosterCache } from './discovery/poster-cache.js';
import type { TorrentSettingsControl } from './api/routes/settings/index.js';
import { clearEngineAddress, writeEngineAddress } from './core/engine-address.js';
import { resolveFfmpegPaths, type FfmpegPaths } from '../native/ffmpeg-paths.js';
import { probeFile } from '../native/ffprobe.js';
import { HlsSessionManager } from './stream/hls-session-manager.js';
import { MediaTools } from './stream/media-tools.js';
import { PlaybackService } from './stream/playback-service.js';
import { chooseEncoder, type VideoEncoderKind } from '../native/hwaccel.js';
import { DlnaService } from './dlna/dlna-service.js';
import { DlnaSettingsStore } from './dlna/dlna-settings.js';
import { RendererQuirksStore } from './dlna/renderer-quirks.js';
import { DeviceProfileStore } from './stream/device-profiles.js';
import { TranscodeService } from './transcode/transcode-service.js';
import { CctvService } from './cctv/cctv-service.js';
import { OnvifService, type OnvifServiceOptions } from './cctv/onvif/onvif-service.js';
import { ReplayService } from './cctv/replay-service.js';
import { createLiveService, type LiveService } from './cctv/restream/live-service.js';

export interface EngineOptions {
  dataDir: string;
  /** media folders to make sure are in the library (--media) */
  mediaDirs?: string[];
  host?: string;
  /** 0 picks a free port */
  port?: number;
  secretStore?: SecretStore;
  logger?: Logger;
  /** first start only: the admin password (else RACOON_ADMIN_PASSWORD, else a generated one) */
  adminPassword?: string;
  /** follow media folders for changes (default on) */
  watch?: boolean;
  /** scan the library when the engine starts (default on) */
  scanOnStart?: boolean;
  ffmpeg?: FfmpegPaths;
  /** where the built web UI lives (defaults to dist/renderer) */
  rendererDir?: string;
  /** the BitTorrent engine: discovery switches (all on by default), listening port, queue and seeding settings */
  torrent?: { dht?: boolean; lsd?: boolean; utp?: boolean; port?: number; settings?: Partial<DownloadSettings> };
  /** where TMDB and OMDb are (default: $RACOON_TMDB_URL, $RACOON_TMDB_IMAGE_URL, $RACOON_OMDB_URL, else the real ones) */
  providers?: ProviderEndpoints;
  /** per-indexer deadline of a release search (default 15 s) */
  indexerTimeoutMs?: number;
  /** on-the-fly HLS: streams at once (default 2) and how long an untouched one lives (default 60 s) */
  playback?: { maxStreams?: number; idleMs?: number };
  /**
   * The DLNA media server: interfaces named here (--dlna-interface) win over the saved ones and start it even when
   * RACOON_DLNA=off (the test suite's default) or the setting is off; enabled: false keeps it off.
   */
  dlna?: { enabled?: boolean; interfaces?: string[]; port?: number };
  /** camera recording: segment length in seconds (default 10) and the reconnect back-off */
  cctv?: { segmentSeconds?: number; retry?: { initialMs?: number; maxMs?: number } };
  /** ONVIF discovery: unicast targets / interfaces / port instead of multicast on every LAN interface (tests) */
  onvif?: { discovery?: OnvifServiceOptions['discovery'] };
  /** live view / restream server ports (default 1935 and 8701, free ones when taken; 0 = free: tests) and the relay grace */
  restream?: { rtmpPort?: number; httpPort?: number; graceMs?: number };
}

export const DEFAULT_PORT = 8700;

/** The whole engine: every service the desktop shell or `racoon serve` hosts, built from its parts. */
export class Engine {
  readonly bus = new EventBus();
  readonly work = new WorkControl();
  readonly users: UserService;
  readonly library: LibraryService;
  readonly probes: ProbeQueue;
  readonly torrentSettings: TorrentSettingsStore;
  /** titles, releases and the choice between them */
  readonly discovery: DiscoveryService;
  /** each user's resume points and played marks */
  readonly watchState: WatchStateStore;
  /** built-in and users' device profiles for the playback decision */
  readonly deviceProfiles: DeviceProfileStore;
  /** ffmpeg jobs (profile transcodes, clip exports) and the hardware encoder probe */
  readonly transcodes: TranscodeService;
  /** IP cameras: recorders (one ffmpeg per recorded camera) and the recordings index */
  readonly cctv: CctvService;
  /** camera timeline, replay (HLS over the recorded segments) and clip export (transcode jobs) */
  readonly cameraReplay: ReplayService;
  /** live view: on-demand camera relays and library files through the in-process restream server */
  readonly live: LiveService;
  /** the DLNA / UPnP media server for TVs */
  readonly dlna: DlnaService;
  readonly dlnaSettings: DlnaSettingsStore;
  readonly rendererQuirks: RendererQuirksStore;
  /** keyframes, subtitles and thumbnails ffmpeg extracts for playback and for TVs (cached under data/cache/derived) */
  private readonly mediaTools: MediaTools;
  /** the downloads capability; it exists while the engine runs (one-shot CLI commands never open a torrent port) */
  downloads: DownloadService | null = null;
  /** on-the-fly HLS streams while the engine runs */
  private hlsSessions: HlsSessionManager | null = null;
  /** the embedded BitTorrent client while the engine runs */
  torrentClient: TorrentClient | null = null;
  /** the saved settings the client was built from: a different RESTART_KEYS value needs a restart to apply */
  private savedAtStart: TorrentSettings | null = null;
  private server: Api | null = null;
  private url: string | null = null;

  private constructor(
    readonly paths: DataPaths,
    readonly db: Db,
    readonly log: Logger,
    readonly secrets: SecretStore,
    readonly ffmpeg: FfmpegPaths,
    private readonly options: EngineOptions,
    /** set on first start when the admin password was generated: print it once */
    readonly firstRunPassword: string | null,
  ) {
    this.users = new UserService(db);
    this.watchState = new WatchStateStore(db);
    this.deviceProfiles = new DeviceProfileStore(db);
    this.cctv = new CctvService({
      db,
      secrets,
      recordingsDir: paths.recordings,
      ffmpeg,
      log,
      segmentSeconds: options.cctv?.segmentSeconds,
      retry: options.cctv?.retry,
      // notifications (Telegram, e-mail) will listen for these on the bus
      onEvent: (phase, event) => this.bus.publish({ type: 'camera.event', phase, event }),
    });
    this.transcodes = new TranscodeService({
      db,
      bus: this.bus,
      work: this.work,
      log,
      ffmpeg,
      outputDir: path.join(paths.cache, 'transcodes'),
    });
    this.cameraReplay = new ReplayService({
      recordings: this.cctv.index,
      events: (cameraId, fromMs, toMs) => this.cctv.events(cameraId, fromMs, toMs),
      cameraName: (cameraId) => this.cctv.get(cameraId)?.name ?? null,
      ffmpeg,
      clips: this.transcodes,
      log,
    });
    this.live = createLiveService({
      host: options.host ?? '127.0.0.1',
      ...options.restream,
      storeDir: path.join(paths.cache, 'restream'),
      secrets,
      cameraUrl: (id, stream) => this.cctv.streamUrl(id, stream),
      filePath: (fileId) => this.library.playablePath(fileId),
      ffmpeg,
      log,
      retry: options.cctv?.retry,
    });
    this.mediaTools = new MediaTools(ffmpeg, path.join(paths.cache, 'derived'));
    this.dlnaSettings = new DlnaSettingsStore(db);
    this.rendererQuirks = new RendererQuirksStore(db, (name) => this.deviceProfiles.find(name) !== null);
    this.dlna = new DlnaService({
      settings: this.dlnaSettings,
      quirks: this.rendererQuirks,
      library: {
        mediaIndex: () => this.library.mediaIndex(),
        playablePath: (id) => this.library.playablePath(id),
        probe: (id) => this.library.file(id)?.probe ?? null,
      },
      profiles: this.deviceProfiles,
      onLibraryChange: (listener) => this.bus.subscribe((event) => event.type === 'library.changed' && listener()),
      subtitleSrt: (file, stream) => this.mediaTools.subtitleSrt(file, stream),
      thumbnailJpeg: (file, durationSec) => this.mediaTools.thumbnailJpeg(file, durationSec),
      ffmpegPath: ffmpeg.ffmpeg,
      encoder: () => this.encoderChoice(),
      log,
      presentationUrl: () => this.url,
    });
    this.torrentSettings = new TorrentSettingsStore(db);
    const blocklist = new DownloadStore(db);
    this.discovery = new DiscoveryService({
      store: new DiscoverySettingsStore(db, secrets),
      cache: new MetadataCache({ db }),
      posters: new PosterCache({ cacheDir: paths.cache }),
      downloads: {
        add: (input, title) => {
          if (!this.downloads) throw new UserError('Downloads run only while the engine serves (racoon serve)');
          return this.downloads.add(input, title);
        },
        isBlocklisted: (hash) => blocklist.blocklisted(hash.toLowerCase()) !== null,
      },
      endpoints: options.providers ?? {
        tmdbBaseUrl: process.env.RACOON_TMDB_URL || undefined,
        tmdbImageBaseUrl: process.env.RACOON_TMDB_IMAGE_URL || undefined,
        omdbBaseUrl: process.env.RACOON_OMDB_URL || undefined,
      },
      indexerTimeoutMs: options.indexerTimeoutMs,
    });
    const catalogue = new LibraryCatalogue(db);
    this.probes = new ProbeQueue({
      catalogue,
      probe: (file) => probeFile(ffmpeg.ffprobe, file),
      bus: this.bus,
      work: this.work,
      log,
    });
    this.library = new LibraryService({
      catalogue,
      probes: this.probes,
      bus: this.bus,
      work: this.work,
      log,
      watch: options.watch,
    });
    this.work.onChange((paused) => this.bus.publish({ type: 'engine.paused', paused }));
  }

  /** Opens (or creates) the data directory, runs migrations and makes sure an admin exists. */
  static async create(options: EngineOptions): Promise<Engine> {
    const paths = dataPaths(options.dataDir);
    ensureDataDirs(paths);
    const log = options.logger ?? createLogger();
    const db = openDatabase(paths.database);
    try {
      const secrets = options.secretStore ?? (await createHeadlessSecretStore(paths.root, (msg) => log.info(msg)));
      const users = new UserService(db);
      const admin = await users.ensureAdmin(options.adminPassword ?? process.env.RACOON_ADMIN_PASSWORD);
      const ffmpeg = options.ffmpeg ?? resolveFfmpegPaths();
      const engine = new Engine(paths, db, log, secrets, ffmpeg, options, admin.generatedPassword);
      for (const dir of options.mediaDirs ?? []) await engine.library.addRoot(dir);
      return engine;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Starts the HTTP API + web UI, the watcher and background work. */
  async start(): Promise<{ url: string }> {
    if (this.url) return { url: this.url };
    this.downloads = await this.startDownloads();
    const playback = this.startPlayback();
    this.server = await buildApiServer({
      users: this.users,
      library: this.library,
      folders: new FolderBrowser({ mediaDir: this.paths.media }),
      downloads: this.downloads,
      discovery: this.discovery,
      torrentSettings: this.torrentSettingsControl(),
      transcodes: this.transcodes,
      cameras: this.cctv,
      onvif: new OnvifService({ discovery: this.options.onvif?.discovery, log: this.log }),
      cameraReplay: this.cameraReplay,
      live: this.live,
      watch: this.watchState,
      profiles: this.deviceProfiles,
      playback: { playback, sessions: () => this.hlsSessions?.list() ?? [] },
      dlna: {
        settings: this.dlnaSettings,
        service: this.dlna,
        renderers: this.rendererQuirks,
        interfaces: () => DlnaService.availableInterfaces(),
      },
      bus: this.bus,
      status: () => this.status(),
      pause: () => this.pause(),
      resume: () => this.resume(),
      log: this.log,
      rendererDir: this.options.rendererDir,
    });
    const host = this.options.host ?? '127.0.0.1';
    await this.server.listen({ host, port: this.options.port ?? DEFAULT_PORT });
    const address = this.server.server.address();
    const port = typeof address === 'object' && address ? address.port : this.options.port;
    const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    this.url = `http://${shownHost}:${port}/`;
    await this.library.start();
    // re-queues jobs the last stop interrupted; the hardware probe runs in the background
    this.transcodes.start();
    if (this.options.scanOnStart !== false) this.library.startScan();
    await this.startDlna();
    // recorders start only for cameras that exist and record (none in a fresh data dir)
    await this.cctv.start();
    this.live.start(); // its restream server listens from the first live view on
    writeEngineAddress(this.paths.root, { url: this.url, pid: process.pid });
    return { url: this.url };
  }

  /** The embedded BitTorrent client and the downloads capability over it; finished downloads go into data/media. */
  private async startDownloads(): Promise<DownloadService> {
    // saved settings, then what the command line or the desktop shell asked for
    const saved = this.torrentSettings.get();
    const flags = this.options.torrent ?? {};
    let service: DownloadService | null = null;
    this.torrentClient = new TorrentClient({
      downloadRoot: this.paths.torrents,
      // RACOON_DHT=off / RACOON_LSD=off: the test suite keeps every process it starts off the internet
      dht: flags.dht ?? (process.env.RACOON_DHT === 'off' ? false : saved.dht),
      lsd: flags.lsd ?? (process.env.RACOON_LSD === 'off' ? false : saved.lsd),
      utp: flags.utp ?? saved.utp,
      torrentPort: flags.port || saved.port,
      directWrites: saved.directWrites,
      log: { info: (msg, data) => this.log.info(data ?? {}, msg), warn: (msg, data) => this.log.warn(data ?? {}, msg) },
      onEvent: (event) => service?.handleClientEvent(event),
    });
    this.savedAtStart = { ...saved };
    service = new DownloadService({
      db: this.db,
      bus: this.bus,
      work: this.work,
      log: this.log,
      client: this.torrentClient,
      importer: this.library.importerInto(this.paths.media),
      settings: { ...saved, ...flags.settings },
    });
    await service.start();
    return service;
  }

  /** Playback by device profile, with on-the-fly HLS streams under data/cache/hls. */
  private startPlayback(): PlaybackService {
    this.hlsSessions = new HlsSessionManager({
      rootDir: path.join(this.paths.cache, 'hls'),
      ffmpeg: this.ffmpeg.ffmpeg,
      maxSessions: this.options.playback?.maxStreams,
      idleMs: this.options.playback?.idleMs,
      log: this.log,
    });
    this.hlsSessions.start();
    return new PlaybackService({
      library: this.library,
      profiles: this.deviceProfiles,
      sessions: this.hlsSessions,
      tools: this.mediaTools,
      // the hardware encoder the transcode settings and the start-up probe pick (the CPU until the probe is in)
      encoders: () => ({ primary: this.encoderChoice(), fallback: { kind: 'software' } }),
    });
  }

  /** The hardware encoder the transcode settings and the start-up probe pick now (the CPU until the probe is in). */
  private encoderChoice(): { kind: VideoEncoderKind; device?: string } {
    const choice = chooseEncoder(this.transcodes.settings().hwaccel, this.transcodes.hwaccelNow());
    return { kind: choice.kind, device: choice.device };
  }

  /** The media server, unless it is off: by the options, by RACOON_DLNA=off (tests), or by its setting. */
  private async startDlna(): Promise<void> {
    const wanted = this.options.dlna ?? {};
    if (wanted.enabled === false) return;
    const named = wanted.interfaces ?? [];
    if (!named.length && wanted.enabled !== true && process.env.RACOON_DLNA === 'off') return;
    await this.dlna.start({ interfaces: named, port: wanted.port });
  }

  /** Where the media server's device description is (null while it is off). */
  dlnaLocation(): string | null {
    return this.dlna.location();
  }

  /** Saved torrent settings for the API: queue, seeding and speed apply at once; the client's switches at restart. */
  private torrentSettingsControl(): TorrentSettingsControl {
    const restartNeeded = (): TorrentSettingsResponse['restartNeeded'] => {
      const atStart = this.savedAtStart;
      if (!atStart) return [];
      const saved = this.torrentSettings.get();
      return RESTART_KEYS.filter((key) => saved[key] !== atStart[key]);
    };
    return {
      get: () => this.torrentSettings.get(),
      restartNeeded,
      update: (patch) => {
        const settings = this.torrentSettings.update(patch);
        this.downloads?.updateSettings(settings);
        return { settings, restartNeeded: restartNeeded() };
      },
    };
  }

  /** The HTTP server (for tests that call it with inject). */
  http(): Api | null {
    return this.server;
  }

  async issueSessionToken(username = 'admin'): Promise<string> {
    const user = this.users.getUser(username);
    if (!user) throw new Error(`No user named "${username}"`);
    return this.users.createSession(user.id, 'desktop');
  }

  status(): EngineStatus {
    return { version: VERSION, paused: this.work.isPaused(), scan: this.library.scanner.progress(), probe: this.probes.status() };
  }

  pause(): void {
    this.work.pause();
  }

  resume(): void {
    this.work.resume();
  }

  isPaused(): boolean {
    return this.work.isPaused();
  }

  onPausedChange(listener: (paused: boolean) => void): () => void {
    return this.work.onChange(listener);
  }

  async stop(): Promise<void> {
    await this.live.stop(); // camera relays, published files, the restream server
    await this.cctv.stop(); // SIGTERM closes and indexes each camera's segment in progress
    await this.transcodes.stop(); // ends running ffmpeg; those jobs run again at the next start
    await this.cameraReplay.stop(); // segment remuxes still streaming
    this.work.resume(); // let paused work unwind
    clearEngineAddress(this.paths.root);
    await this.server?.close();
    this.server = null;
    this.url = null;
    await this.hlsSessions?.close();
    this.hlsSessions = null;
    await this.dlna.stop();
    await this.downloads?.stop();
    this.downloads = null;
    await this.torrentClient?.destroy();
    this.torrentClient = null;
    await this.library.stop();
    this.db.close();
  }
}
