/**
 * The DLNA / UPnP AV media server as one capability: the library's ContentDirectory, an HTTP server on each chosen
 * interface address (descriptions, SOAP control, eventing, media), and SSDP announcing it — started and stopped
 * together, restarted when its settings change.
 */
import os from 'node:os';
import type { Logger } from '../core/logger.js';
import { VERSION } from '../core/version.js';
import type { MediaIndexEntry } from '../library/library-catalogue.js';
import type { DeviceProfile, DlnaAvailableInterface, DlnaStatus, ProbeInfo } from '../api/api-types.js';
import type { VideoEncoderKind } from '../../native/hwaccel.js';
import { ContentDirectory } from './content-directory.js';
import { DlnaHttpServer } from './dlna-http-server.js';
import type { DlnaSettings, DlnaSettingsStore } from './dlna-settings.js';
import { DLNA_PATHS, type DlnaIdentity } from './dlna-types.js';
import { chooseDlnaInterfaces, virtualInterfaceKind, type ServingInterface } from './network-interfaces.js';
import type { RendererQuirksStore } from './renderer-quirks.js';
import { SsdpServer } from './ssdp-server.js';

export interface DlnaServiceDeps {
  settings: DlnaSettingsStore;
  quirks: RendererQuirksStore;
  library: {
    mediaIndex(): MediaIndexEntry[];
    playablePath(fileId: number): Promise<string | null>;
    probe(fileId: number): ProbeInfo | null;
  };
  profiles: { get(name: string): DeviceProfile; find(name: string): DeviceProfile | null };
  onLibraryChange(listener: () => void): () => void;
  subtitleSrt(file: string, stream: number): Promise<string>;
  thumbnailJpeg(file: string, durationSec: number | null): Promise<string>;
  ffmpegPath: string;
  encoder(): { kind: VideoEncoderKind; device?: string };
  log: Logger;
  /** the web UI's address, offered to TVs as the presentation URL */
  presentationUrl?: () => string | null;
}

/** What runs now, for the settings page and the API. */
export type { DlnaStatus };

export interface DlnaStartOptions {
  /** interface names from the command line (--dlna-interface): they win over the saved ones */
  interfaces?: string[];
  /** a port from the command line or a test (0 = a free one) */
  port?: number;
}

export class DlnaService {
  private http: DlnaHttpServer | null = null;
  private ssdp: SsdpServer | null = null;
  private directory: ContentDirectory | null = null;
  private serving: ServingInterface[] = [];
  private skipped: DlnaStatus['skipped'] = [];
  private port: number | null = null;
  private error: string | null = null;
  private overrides: DlnaStartOptions = {};

  constructor(private readonly deps: DlnaServiceDeps) {}

  /** Starts it when enabled (or when interfaces were named on the command line). Never throws: a failure is logged. */
  async start(overrides: DlnaStartOptions = this.overrides): Promise<DlnaStatus> {
    this.overrides = overrides;
    await this.stop();
    const settings = this.deps.settings.get();
    if (!settings.enabled && !overrides.interfaces?.length) return this.status();
    try {
      await this.startWith(settings, overrides);
      this.error = null;
    } catch (err) {
      this.error = (err as Error).message;
      this.deps.log.warn({ err }, `DLNA media server not started: ${this.error}`);
      await this.stop();
    }
    return this.status();
  }

  private async startWith(settings: DlnaSettings, overrides: DlnaStartOptions): Promise<void> {
    const choice = chooseDlnaInterfaces(overrides.interfaces?.length ? overrides.interfaces : settings.interfaces);
    this.serving = choice.interfaces;
    this.skipped = choice.skipped;
    if (!this.serving.length) throw new Error('no LAN interface to serve on (name one in Settings → DLNA)');
    const identity: DlnaIdentity = {
      uuid: settings.uuid,
      friendlyName: settings.friendlyName,
      serverHeader: `Racoon/${VERSION}`,
      httpPort: 0,
    };
    const { deps } = this;
    this.directory = new ContentDirectory({
      index: () => deps.library.mediaIndex(),
      profiles: deps.profiles,
      onLibraryChange: deps.onLibraryChange,
      // every video gets one; it is made the first time a TV asks for it
      thumbnails: (fileId) => DLNA_PATHS.thumbnail(fileId),
    });
    this.http = new DlnaHttpServer({
      identity,
      contentDirectory: this.directory,
      log: deps.log,
      presentationUrl: deps.presentationUrl?.() ?? undefined,
      quirks: deps.quirks,
      media: {
        library: deps.library,
        subtitleSrt: deps.subtitleSrt,
        thumbnailJpeg: deps.thumbnailJpeg,
        profiles: deps.profiles,
        ffmpegPath: deps.ffmpegPath,
        encoder: deps.encoder,
      },
    });
    const addresses = this.serving.map((i) => i.address);
    this.port = await this.listen(addresses, overrides.port ?? settings.port);
    identity.httpPort = this.port;
    this.ssdp = new SsdpServer({ identity, interfaces: this.serving, log: deps.log });
    await this.ssdp.start();
    const where = this.serving.map((i) => `${i.name} ${i.address}`).join(', ');
    deps.log.info(
      { port: this.port, skipped: this.skipped },
      `DLNA media server "${settings.friendlyName}" on ${where}, port ${this.port}`,
    );
  }

  /** The saved port, or a free one when another program holds it (a TV finds us by SSDP, not by port). */
  private async listen(addresses: string[], port: number): Promise<number> {
    try {
      return await this.http!.listen(addresses, port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
      this.deps.log.warn(`DLNA port ${port} is in use; a free one is used instead`);
      return this.http!.listen(addresses, 0);
    }
  }

  async stop(): Promise<void> {
    const { ssdp, http, directory } = this;
    this.ssdp = null;
    this.http = null;
    this.directory = null;
    await ssdp?.stop().catch((err: Error) => this.deps.log.warn({ err }, 'SSDP stop failed'));
    await http?.close().catch((err: Error) => this.deps.log.warn({ err }, 'DLNA HTTP close failed'));
    directory?.close();
    this.port = null;
  }

  /** The device description's URL on the first interface (what SSDP's LOCATION says). */
  location(): string | null {
    const first = this.serving[0];
    return this.http && first && this.port ? `http://${first.address}:${this.port}${DLNA_PATHS.description}` : null;
  }

  status(): DlnaStatus {
    const settings = this.deps.settings.get();
    return {
      running: this.http !== null,
      friendlyName: settings.friendlyName,
      uuid: settings.uuid,
      port: this.http ? this.port : null,
      interfaces: this.http ? this.serving.map(({ name, address }) => ({ name, address })) : [],
      skipped: this.skipped,
      error: this.error,
    };
  }

  /** Interfaces that could be chosen in settings (every IPv4 one; loopback and virtual ones marked as such). */
  static availableInterfaces(): DlnaAvailableInterface[] {
    return Object.entries(os.networkInterfaces()).flatMap(([name, addresses]) =>
      (addresses ?? [])
        .filter((a) => a.family === 'IPv4' || (a.family as unknown) === 4)
        .map((a) => ({ name, address: a.address, internal: a.internal, virtual: virtualInterfaceKind(name) })),
    );
  }
}
