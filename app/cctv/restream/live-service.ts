/**
 * Live view and restream: what the routes use. Cameras are relayed on demand (the first viewer of a stream key starts
 * its relay, the last one leaving stops it after a grace period), library files are published on request. The
 * restream server itself starts with the first use, so an engine nobody watches listens on no extra port.
 */
import type { Logger } from '../../core/logger.js';
import { NotFoundError, UpstreamError } from '../../core/user-error.js';
import { CameraRelay, type RelayStatus } from './camera-relay.js';
import { FilePublisher } from './file-publisher.js';
import type { SourceCodecs } from './restream-codecs.js';
import type { SecretStore } from '../../core/secret-store.js';
import { RestreamServer, restreamSecret } from './restream-server.js';

export type CameraStream = 'main' | 'sub';

export interface LiveServiceDeps {
  server: RestreamServer;
  /** a camera stream's URL with its credentials (sub falls back to main); null: no such camera */
  cameraUrl: (id: number, stream: CameraStream) => Promise<string | null>;
  /** a library file's path; null: no such file */
  filePath: (fileId: number) => Promise<string | null>;
  ffmpeg: { ffmpeg: string; ffprobe: string };
  log: Logger;
  /** how long a relay outlives its last viewer (default 20 s: a page reload or a tile scrolled back costs nothing) */
  graceMs?: number;
  /** camera reconnect back-off */
  retry?: { initialMs?: number; maxMs?: number };
  /** how long signed URLs for outside players stay valid (default 24 h) */
  externalTtlSec?: number;
}

export interface StreamUrls {
  key: string;
  /** signed HTTP-FLV URL on the restream server (VLC, other devices) */
  externalFlvUrl: string;
  /** signed RTMP URL on the restream server */
  rtmpUrl: string;
}

export interface CameraLive extends StreamUrls {
  viewers: number;
  relay: RelayStatus['relay'];
  reason: string | null;
}

export interface RestreamEntry {
  key: string;
  kind: 'camera' | 'item';
  /** the camera id or the library file id */
  id: number;
  stream: CameraStream | null;
  viewers: number;
  /** ISO time the relay entered its current state */
  since: string;
  relay: RelayStatus['relay'];
  reason: string | null;
}

type ParsedKey = { kind: 'camera'; id: number; stream: CameraStream } | { kind: 'item'; id: number };

export const cameraKey = (id: number, stream: CameraStream) => (stream === 'sub' ? `camera-${id}-sub` : `camera-${id}`);
export const itemKey = (fileId: number) => `item-${fileId}`;

export function parseStreamKey(key: string): ParsedKey | null {
  const camera = /^camera-(\d+)(-sub)?$/.exec(key);
  if (camera) return { kind: 'camera', id: Number(camera[1]), stream: camera[2] ? 'sub' : 'main' };
  const item = /^item-(\d+)$/.exec(key);
  return item ? { kind: 'item', id: Number(item[1]) } : null;
}

export class LiveService {
  private running = false;
  private readonly relays = new Map<string, CameraRelay>();
  private readonly files = new Map<string, FilePublisher>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: Array<() => void> = [];
  /** relays ending after their grace period (stop() waits for them: no ffmpeg outlives the service) */
  private readonly stopping = new Set<Promise<void>>();
  private readonly codecCache = new Map<string, SourceCodecs>();

  constructor(private readonly deps: LiveServiceDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(
      this.deps.server.onViewers((key, viewers) => this.viewersChanged(key, viewers)),
      this.deps.server.onPublish((key, phase) => {
        if (phase !== 'start') return;
        this.relays.get(key)?.markLive();
        this.files.get(key)?.markLive();
      }),
    );
  }

  /** Ends every relay and published file, then the restream server. */
  async stop(): Promise<void> {
    this.running = false;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
    const relays = [...this.relays.values()];
    const files = [...this.files.values()];
    this.relays.clear();
    this.files.clear();
    await Promise.all([...relays.map((r) => r.stop()), ...files.map((f) => f.stop()), ...this.stopping]);
    await this.deps.server.stop();
  }

  /** The restream server, started on first use. */
  private async server(): Promise<RestreamServer> {
    if (!this.running) throw new UpstreamError('Live view is not running (the engine is stopping)', 503);
    await this.deps.server.start();
    return this.deps.server;
  }

  /**
   * The key a camera stream is relayed under; 404 for no such camera. A camera without a sub-stream serves its main
   * stream for both, under the main key: one pull, not two of the same stream.
   */
  private async streamKey(id: number, stream: CameraStream): Promise<string> {
    const url = await this.deps.cameraUrl(id, stream);
    if (url === null) throw new NotFoundError(`No camera ${id}`);
    if (stream === 'sub' && url === (await this.deps.cameraUrl(id, 'main'))) return cameraKey(id, 'main');
    return cameraKey(id, stream);
  }

  /** A camera's live state and signed URLs for outside players (`hostname`: where the client reached the engine). */
  async cameraLive(id: number, stream: CameraStream, hostname: string): Promise<CameraLive> {
    const key = await this.streamKey(id, stream);
    const server = await this.server();
    const status = this.relays.get(key)?.status();
    return {
      key,
      ...server.externalUrls(key, hostname, this.externalTtlSec),
      viewers: server.viewers(key),
      relay: status?.relay ?? 'idle',
      reason: status?.reason ?? null,
    };
  }

  /** The loopback HTTP-FLV URL the engine's proxy plays (opening it is what starts the camera's relay). */
  async cameraFlvSource(id: number, stream: CameraStream): Promise<string> {
    const key = await this.streamKey(id, stream);
    return (await this.server()).localFlvUrl(key);
  }

  /** The loopback HTTP-FLV URL of a published library file; 404 when it is not published. */
  async fileFlvSource(fileId: number): Promise<string> {
    const key = itemKey(fileId);
    if (!this.files.has(key)) throw new NotFoundError(`File ${fileId} is not being restreamed`);
    return (await this.server()).localFlvUrl(key);
  }

  /** Publishes a library file as a live stream (again from the start if it had ended); 404 for no such file. */
  async publishFile(fileId: number, hostname: string): Promise<StreamUrls> {
    const file = await this.deps.filePath(fileId);
    if (!file) throw new NotFoundError(`No library file ${fileId}`);
    const server = await this.server();
    const key = itemKey(fileId);
    const current = this.files.get(key);
    // one publisher per file: a second request while it starts or plays gets the same stream
    if (!current || (!current.running && current.status().relay !== 'starting')) {
      await current?.stop();
      const publisher: FilePublisher = new FilePublisher({
        key,
        file,
        publishUrl: () => server.publishUrl(key),
        ffmpeg: this.deps.ffmpeg,
        log: this.deps.log,
        onEnd: (result) => {
          if (this.files.get(key) !== publisher) return; // replaced or deleted meanwhile
          // played out or stopped: off the list; a failure stays listed with its reason until deleted
          if (result.ok || result.stopped) this.files.delete(key);
          // either way the broadcast is over for its viewers
          if (server.running) server.closeViewers(key);
        },
      });
      this.files.set(key, publisher);
      try {
        await publisher.start();
      } catch (err) {
        this.files.delete(key);
        throw err;
      }
    }
    return { key, ...server.externalUrls(key, hostname, this.externalTtlSec) };
  }

  /** Stops publishing a library file; 404 when it is not published. */
  async stopFile(fileId: number): Promise<void> {
    const key = itemKey(fileId);
    const publisher = this.files.get(key);
    if (!publisher) throw new NotFoundError(`File ${fileId} is not being restreamed`);
    this.files.delete(key);
    await publisher.stop();
    if (this.deps.server.running) this.deps.server.closeViewers(key);
  }

  /** Every camera relay and published file, with its viewers and state. */
  list(): RestreamEntry[] {
    const server = this.deps.server;
    const entries: RestreamEntry[] = [];
    for (const key of [...this.relays.keys(), ...this.files.keys()].sort()) {
      const parsed = parseStreamKey(key);
      if (!parsed) continue;
      const status = (parsed.kind === 'camera' ? this.relays.get(key) : this.files.get(key))?.status();
      entries.push({
        key,
        kind: parsed.kind,
        id: parsed.id,
        stream: parsed.kind === 'camera' ? parsed.stream : null,
        viewers: server.running ? server.viewers(key) : 0,
        since: new Date(status?.since ?? Date.now()).toISOString(),
        relay: status?.relay ?? 'idle',
        reason: status?.reason ?? null,
      });
    }
    return entries;
  }

  /** A camera relay's state (idle when none runs). */
  relayStatus(id: number, stream: CameraStream): RelayStatus | null {
    return this.relays.get(cameraKey(id, stream))?.status() ?? null;
  }

  /** How many camera relays exist now (each is at most one ffmpeg pulling its camera). */
  relayCount(): number {
    return this.relays.size;
  }

  private get externalTtlSec(): number {
    return this.deps.externalTtlSec ?? 24 * 3600;
  }

  /** A viewer came or went: the first one starts the camera's relay, the last one leaving stops it after the grace. */
  private viewersChanged(key: string, viewers: number): void {
    const parsed = parseStreamKey(key);
    if (!this.running || parsed?.kind !== 'camera') return;
    const pending = this.graceTimers.get(key);
    if (viewers > 0) {
      if (pending) clearTimeout(pending);
      this.graceTimers.delete(key);
      this.relayFor(key, parsed.id, parsed.stream).start();
      return;
    }
    if (pending || !this.relays.has(key)) return;
    const timer = setTimeout(() => {
      this.graceTimers.delete(key);
      const relay = this.relays.get(key);
      if (!relay || this.deps.server.viewers(key) > 0) return;
      this.relays.delete(key);
      this.deps.log.info({ stream: key }, 'no viewers left: camera relay stopped');
      const stopped = relay.stop().finally(() => this.stopping.delete(stopped));
      this.stopping.add(stopped);
    }, this.deps.graceMs ?? 20_000);
    timer.unref();
    this.graceTimers.set(key, timer);
  }

  private relayFor(key: string, id: number, stream: CameraStream): CameraRelay {
    let relay = this.relays.get(key);
    if (!relay) {
      relay = new CameraRelay({
        key,
        sourceUrl: () => this.deps.cameraUrl(id, stream),
        publishUrl: () => this.deps.server.publishUrl(key),
        ffmpeg: this.deps.ffmpeg,
        log: this.deps.log,
        retry: this.deps.retry,
        // its viewers would wait for a picture that never comes
        onGone: () => this.deps.server.closeViewers(key),
        codecCache: this.codecCache,
      });
      this.relays.set(key, relay);
    }
    return relay;
  }
}

export interface LiveSetup extends Omit<LiveServiceDeps, 'server'> {
  /** the engine's listen address: the restream server listens there too */
  host: string;
  /** undefined: 1935 / 8701 unless taken; 0: free ports (tests) */
  rtmpPort?: number;
  httpPort?: number;
  /** keeps the signing secret */
  secrets: Pick<SecretStore, 'get' | 'set'>;
  /** a scratch folder for the restream server's own store (data/cache/restream) */
  storeDir?: string;
}

/** The live service over its own restream server (the engine's one-call setup). */
export function createLiveService(setup: LiveSetup): LiveService {
  const { host, rtmpPort, httpPort, secrets, storeDir, ...deps } = setup;
  const secret = () => restreamSecret(secrets);
  const server = new RestreamServer({ host, rtmpPort, httpPort, storeDir, secret, log: deps.log });
  return new LiveService({ ...deps, server });
}
