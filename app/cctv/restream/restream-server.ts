/**
 * The restream server: node-media-server 4.4 in-process (RTMP in, HTTP-FLV out). Publishing needs a signed URL and
 * comes from this machine only (our own ffmpeg relays); playing needs a signed URL too (the engine's proxy signs its
 * own, and hands signed URLs to VLC & co). It counts viewers per stream key from its play events.
 *
 * node-media-server keeps its state in module singletons (config, sessions, event emitter, logger), so one process
 * can host only one of them at a time: a second start() while another runs is refused with a clear error.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { EventEmitter } from 'node:events';
import type { Logger } from '../../core/logger.js';
import type { SecretStore } from '../../core/secret-store.js';
import { UpstreamError } from '../../core/user-error.js';
import { choosePort, listening } from './listen-ports.js';

/** The application name in every stream path: /live/<key>. */
export const STREAM_APP = 'live';
const KEY_PATTERN = /^[a-zA-Z0-9_-]+$/;

/** What we use of node-media-server's session objects (src/session/base_session.js). */
interface NmsSession {
  id: string;
  /** "address:port"; "" for its internal sessions */
  ip: string;
  streamApp: string;
  streamName: string;
  streamPath: string;
  streamQuery: Record<string, unknown>;
  close(): void;
}

interface NmsInstance {
  run(): Promise<void>;
  stop(): Promise<void>;
  httpServer: { httpServer?: Server };
  rtmpServer: { tcpServer?: net.Server };
}

interface NmsModules {
  NodeMediaServer: new (config: Record<string, unknown>) => NmsInstance;
  logger: { log: (message: string, level?: string) => void };
  context: { eventEmitter: EventEmitter };
}

let modules: NmsModules | null = null;
function nms(): NmsModules {
  if (!modules) {
    const require = createRequire(import.meta.url);
    modules = {
      NodeMediaServer: require('node-media-server') as NmsModules['NodeMediaServer'],
      logger: require('node-media-server/src/core/logger.js') as NmsModules['logger'],
      context: require('node-media-server/src/core/context.js') as NmsModules['context'],
    };
  }
  return modules;
}

/** The one server of this process (node-media-server's singletons allow no second). */
let runningInProcess: RestreamServer | null = null;

export interface RestreamServerOptions {
  /** the address both listeners bind (the engine's own: LAN viewers reach it where they reach the engine) */
  host: string;
  /** undefined: the default port, or a free one when it is taken; 0: a free port; else exactly this port */
  rtmpPort?: number;
  httpPort?: number;
  /**
   * a folder for node-media-server's own JSON store (relay tasks, publish history: of no use to us), emptied at each
   * start and removed on stop (default: a fresh temporary folder)
   */
  storeDir?: string;
  /** signs publish and play URLs (read when the server starts) */
  secret: () => Promise<string>;
  log: Logger;
}

export const DEFAULT_RTMP_PORT = 1935;
export const DEFAULT_HTTP_FLV_PORT = 8701;

export type ViewerListener = (key: string, viewers: number) => void;
export type PublishListener = (key: string, phase: 'start' | 'end') => void;

export class RestreamServer {
  private instance: NmsInstance | null = null;
  private storeDir: string | null = null;
  private starting: Promise<void> | null = null;
  private ports: { rtmp: number; http: number } | null = null;
  private secret = '';
  /** the play sessions counted per key (a failed play also ends with donePlay: count only those that began) */
  private readonly viewerSessions = new Map<string, Map<string, NmsSession>>();
  private readonly publishers = new Map<string, string>();
  private readonly viewerListeners = new Set<ViewerListener>();
  private readonly publishListeners = new Set<PublishListener>();
  private readonly handlers: Array<[string, (session: NmsSession) => void]> = [];

  constructor(private readonly options: RestreamServerOptions) {}

  get running(): boolean {
    return this.ports !== null;
  }

  /** Starts both listeners (once; concurrent callers share the start). */
  start(): Promise<void> {
    if (this.ports) return Promise.resolve();
    this.starting ??= this.listen().finally(() => (this.starting = null));
    return this.starting;
  }

  private async listen(): Promise<void> {
    if (runningInProcess && runningInProcess !== this) {
      throw new UpstreamError('The restream server already runs for another engine in this process', 503);
    }
    runningInProcess = this;
    const { NodeMediaServer, logger, context } = nms();
    // its logger prints with console.log; ours decides what reaches the log (auth failures are expected noise: debug)
    logger.log = (message, level = 'info') => {
      if (level === 'warn') this.options.log.warn({ component: 'restream' }, message);
      else this.options.log.debug({ component: 'restream' }, message);
    };
    try {
      this.secret = await this.options.secret();
      if (!this.secret) throw new Error('no signing secret');
      const host = this.options.host;
      const rtmp = await choosePort(host, this.options.rtmpPort, DEFAULT_RTMP_PORT, 'RTMP');
      const http = await choosePort(host, this.options.httpPort, DEFAULT_HTTP_FLV_PORT, 'HTTP-FLV');
      if (this.options.storeDir) {
        // what a crashed run left (its lock file) would only be in the way
        fs.rmSync(this.options.storeDir, { recursive: true, force: true });
        fs.mkdirSync(this.options.storeDir, { recursive: true });
        this.storeDir = this.options.storeDir;
      } else {
        this.storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-restream-'));
      }
      const instance = new NodeMediaServer({
        bind: host,
        rtmp: { port: rtmp },
        http: { port: http },
        auth: { play: true, publish: true, secret: this.secret },
        store: { path: this.storeDir },
        webadmin: { enable: false },
      });
      this.instance = instance;
      this.subscribe(context.eventEmitter);
      const running = instance.run();
      // its own listen-error handlers exit the process: ours turn a taken port into an error of this start
      await Promise.all([
        listening(instance.httpServer.httpServer, `HTTP-FLV port ${host}:${http}`),
        listening(instance.rtmpServer.tcpServer, `RTMP port ${host}:${rtmp}`),
      ]);
      await running;
      this.ports = { rtmp, http };
      this.options.log.info({ rtmp, http, host }, 'restream server listening');
    } catch (err) {
      await this.teardown();
      throw err instanceof UpstreamError
        ? err
        : new UpstreamError(`The restream server could not start: ${(err as Error).message}`, 503);
    }
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    if (this.ports) this.options.log.info('restream server stopped');
    await this.teardown();
  }

  private async teardown(): Promise<void> {
    // (an engine that never showed live view never even loads node-media-server)
    for (const [event, handler] of this.handlers) nms().context.eventEmitter.off(event, handler);
    this.handlers.length = 0;
    const instance = this.instance;
    this.instance = null;
    this.ports = null;
    this.viewerSessions.clear();
    this.publishers.clear();
    if (instance) {
      const http = instance.httpServer.httpServer;
      // a player's connection would keep close() waiting: players end with the server
      http?.closeAllConnections?.();
      await instance.stop().catch((err: Error) => this.options.log.warn({ err }, 'restream server stop failed'));
    }
    if (this.storeDir) fs.rmSync(this.storeDir, { recursive: true, force: true });
    this.storeDir = null;
    if (runningInProcess === this) runningInProcess = null;
  }

  private subscribe(emitter: EventEmitter): void {
    const on = (event: string, handler: (session: NmsSession) => void) => {
      emitter.on(event, handler);
      this.handlers.push([event, handler]);
    };
    // publishing from elsewhere than this machine: drop the signature, so the server's own check refuses it
    on('prePublish', (session) => {
      if (!isLoopback(session.ip)) {
        this.options.log.warn({ from: session.ip, stream: session.streamPath }, 'refused a publish from another machine');
        session.streamQuery = {};
      }
    });
    on('postPublish', (session) => {
      const key = keyOf(session);
      if (!key) return;
      this.publishers.set(key, session.id);
      for (const listener of this.publishListeners) listener(key, 'start');
    });
    on('donePublish', (session) => {
      const key = keyOf(session);
      if (!key || this.publishers.get(key) !== session.id) return;
      this.publishers.delete(key);
      for (const listener of this.publishListeners) listener(key, 'end');
    });
    on('postPlay', (session) => {
      const key = keyOf(session);
      if (!key) return;
      const sessions = this.viewerSessions.get(key) ?? new Map<string, NmsSession>();
      sessions.set(session.id, session);
      this.viewerSessions.set(key, sessions);
      for (const listener of this.viewerListeners) listener(key, sessions.size);
    });
    on('donePlay', (session) => {
      const key = keyOf(session);
      const sessions = key ? this.viewerSessions.get(key) : undefined;
      if (!key || !sessions?.delete(session.id)) return;
      if (!sessions.size) this.viewerSessions.delete(key);
      for (const listener of this.viewerListeners) listener(key, sessions.size);
    });
  }

  /** Called with a key's viewer count each time a player comes or goes. */
  onViewers(listener: ViewerListener): () => void {
    this.viewerListeners.add(listener);
    return () => this.viewerListeners.delete(listener);
  }

  /** Called when a publisher starts, and when its stream ends for good (node-media-server waits ~30 s for a resume). */
  onPublish(listener: PublishListener): () => void {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  }

  viewers(key: string): number {
    return this.viewerSessions.get(key)?.size ?? 0;
  }

  /** Ends every player of a key (a published file played out: the broadcast is over). */
  closeViewers(key: string): void {
    for (const session of this.viewerSessions.get(key)?.values() ?? []) session.close();
  }

  /** `sign=` for a stream path, valid for ttlSec (node-media-server's scheme: exp-md5(path-exp-secret)). */
  sign(key: string, ttlSec: number): string {
    assertKey(key);
    const exp = Math.floor(Date.now() / 1000) + ttlSec;
    const hash = crypto.createHash('md5').update(`/${STREAM_APP}/${key}-${exp}-${this.secret}`).digest('hex');
    return `${exp}-${hash}`;
  }

  private listeningPorts(): { rtmp: number; http: number } {
    if (!this.ports) throw new UpstreamError('The restream server is not running', 503);
    return this.ports;
  }

  /** Where our ffmpeg publishes a key (loopback; the signature is checked when it connects). */
  publishUrl(key: string): string {
    return `rtmp://127.0.0.1:${this.listeningPorts().rtmp}/${STREAM_APP}/${key}?sign=${this.sign(key, 3600)}`;
  }

  /** The HTTP-FLV URL the engine's proxy opens (loopback, short-lived signature: it is used at once). */
  localFlvUrl(key: string): string {
    return `http://127.0.0.1:${this.listeningPorts().http}/${STREAM_APP}/${key}.flv?sign=${this.sign(key, 300)}`;
  }

  /** Signed URLs for players elsewhere (VLC, another device), on the host the client reached the engine at. */
  externalUrls(key: string, hostname: string, ttlSec: number): { externalFlvUrl: string; rtmpUrl: string } {
    const ports = this.listeningPorts();
    const host = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
    const sign = this.sign(key, ttlSec);
    return {
      externalFlvUrl: `http://${host}:${ports.http}/${STREAM_APP}/${key}.flv?sign=${sign}`,
      rtmpUrl: `rtmp://${host}:${ports.rtmp}/${STREAM_APP}/${key}?sign=${sign}`,
    };
  }

  address(): { rtmp: number; http: number } | null {
    return this.ports ? { ...this.ports } : null;
  }
}

const SECRET_KEY = 'restream.secret';

/** The signing secret, made once and kept in the secret store (so URLs handed to VLC survive a restart). */
export async function restreamSecret(secrets: Pick<SecretStore, 'get' | 'set'>): Promise<string> {
  const saved = await secrets.get(SECRET_KEY);
  if (saved) return saved;
  const fresh = crypto.randomBytes(24).toString('hex');
  await secrets.set(SECRET_KEY, fresh);
  return fresh;
}

function keyOf(session: NmsSession): string | null {
  return session.streamApp === STREAM_APP && KEY_PATTERN.test(session.streamName) ? session.streamName : null;
}

function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`Not a stream key: ${key}`);
}

/** "127.0.0.1:5000", "::ffff:127.0.0.1:5000", "::1:5000" → loopback. */
export function isLoopback(ip: string): boolean {
  const address = ip.replace(/:\d+$/, '').replace(/^::ffff:/, '');
  return address === '::1' || /^127\./.test(address);
}
