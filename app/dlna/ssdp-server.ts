/**
 * The SSDP side of the media server: announces it (NOTIFY alive at start and periodically, byebye at stop) and answers
 * M-SEARCH on the chosen interfaces. One socket on 0.0.0.0:1900 (shared with other UPnP stacks by SO_REUSEADDR) hears
 * the group on every interface address; each interface has its own send socket bound to its address, so answers and
 * announcements leave from the interface their LOCATION names.
 */
import dgram from 'node:dgram';
import os from 'node:os';
import type { Logger } from '../core/logger.js';
import { silentLogger } from '../core/logger.js';
import { DLNA_PATHS, type DlnaIdentity, type DlnaInterface } from './dlna-types.js';
import { interfaceForPeer } from './network-interfaces.js';
import {
  announcementsFor,
  buildNotifyAlive,
  buildNotifyByebye,
  buildSearchResponse,
  parseSsdpMessage,
  planSearchAnswer,
  SSDP_ADDRESS,
  SSDP_PORT,
  ssdpServerHeader,
  type SsdpDeviceFacts,
} from './ssdp-messages.js';

export interface SsdpServerOptions {
  identity: DlnaIdentity;
  /** where to announce and answer (from chooseDlnaInterfaces; a netmask lets senders be matched to their subnet) */
  interfaces: ReadonlyArray<DlnaInterface & { netmask?: string }>;
  log?: Pick<Logger, 'debug' | 'info' | 'warn'>;
  /** re-announce period; default 15 min, each period shortened by up to 20 % so it stays under max-age / 2 */
  notifyIntervalMs?: number;
  /** a cap below MX's on the answer delay (tests); default 5000 */
  maxDelayCapMs?: number;
  /** CONFIGID.UPNP.ORG; bump it when the descriptions change */
  configId?: number;
  random?: () => number;
  now?: () => Date;
}

/** SSDP datagrams are a few hundred bytes; anything this big is not one. */
const MAX_DATAGRAM_BYTES = 8192;
/** M-SEARCH answers waiting for their MX delay: a flood of searches can't grow memory past this. */
const MAX_PENDING_ANSWERS = 64;
/** UDP is lossy: each announcement goes out twice, this far apart. */
const REPEAT_GAP_MS = 150;
/** UPnP 1.1's recommended TTL for SSDP multicast. */
const MULTICAST_TTL = 2;

interface Sender {
  iface: DlnaInterface & { netmask?: string };
  socket: dgram.Socket;
}

export class SsdpServer {
  private readonly log: Pick<Logger, 'debug' | 'info' | 'warn'>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly notifyIntervalMs: number;
  private listener: dgram.Socket | null = null;
  private senders: Sender[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private pendingAnswers = 0;
  private bootId = 0;
  private running = false;
  /** start and stop run one after the other, never interleaved */
  private transition: Promise<void> = Promise.resolve();

  constructor(private readonly options: SsdpServerOptions) {
    this.log = options.log ?? silentLogger();
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.notifyIntervalMs = options.notifyIntervalMs ?? 15 * 60_000;
  }

  /** The interfaces being served (those whose send socket could be opened). */
  interfacesInUse(): DlnaInterface[] {
    return this.senders.map((sender) => sender.iface);
  }

  start(): Promise<void> {
    return this.serialized(() => this.open());
  }

  /** Says byebye for everything announced, then closes the sockets. */
  stop(): Promise<void> {
    return this.serialized(() => this.close());
  }

  private serialized(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step);
    this.transition = next.catch(() => {});
    return next;
  }

  private async open(): Promise<void> {
    if (this.running) return;
    const unique = [...new Map(this.options.interfaces.map((iface) => [iface.address, iface])).values()];
    if (unique.length === 0) {
      this.log.warn('DLNA: no network interface to announce the media server on');
      return;
    }
    for (const iface of unique) {
      try {
        this.senders.push({ iface, socket: await this.openSender(iface.address) });
      } catch (error) {
        this.log.warn({ err: error, interface: iface.name, address: iface.address }, 'DLNA: cannot send SSDP on this interface');
      }
    }
    if (this.senders.length === 0) throw new Error('SSDP: no interface could be used to send announcements');
    try {
      this.listener = await this.openListener();
    } catch (error) {
      this.closeSenders();
      throw new Error(`SSDP: cannot listen on UDP port ${SSDP_PORT}: ${(error as Error).message}`);
    }
    // BOOTID grows at each start, even two starts within a second
    this.bootId = Math.max(this.bootId + 1, Math.floor(this.now().getTime() / 1000) % 2 ** 31);
    this.running = true;
    this.log.info(
      { interfaces: this.senders.map(({ iface }) => `${iface.name} ${iface.address}`) },
      'DLNA: announcing the media server by SSDP',
    );
    await this.announce();
    this.scheduleNextAnnouncement();
  }

  private async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pendingAnswers = 0;
    const facts = { bootId: this.bootId, configId: this.configId() };
    const byebyes = announcementsFor(this.options.identity.uuid).map((a) => buildNotifyByebye(a, facts));
    for (let round = 0; round < 2; round++) {
      await Promise.all(this.senders.map(({ socket }) => Promise.all(byebyes.map((text) => this.send(socket, text)))));
    }
    if (this.listener) closeQuietly(this.listener);
    this.listener = null;
    this.closeSenders();
  }

  private configId(): number {
    return this.options.configId ?? 1;
  }

  private facts(iface: DlnaInterface): SsdpDeviceFacts {
    const { identity } = this.options;
    return {
      location: `http://${iface.address}:${identity.httpPort}${DLNA_PATHS.description}`,
      server: ssdpServerHeader(identity.serverHeader, os.type(), os.release()),
      bootId: this.bootId,
      configId: this.configId(),
    };
  }

  /** NOTIFY alive for every NT on every interface, and again a moment later. */
  private async announce(): Promise<void> {
    const sendAll = () =>
      Promise.all(
        this.senders.map(({ iface, socket }) => {
          const facts = this.facts(iface);
          return Promise.all(
            announcementsFor(this.options.identity.uuid).map((a) => this.send(socket, buildNotifyAlive(a, facts))),
          );
        }),
      );
    await sendAll();
    this.later(REPEAT_GAP_MS, () => void sendAll());
  }

  private scheduleNextAnnouncement(): void {
    // UPnP 1.1: refresh at a random interval under half the max-age
    const delay = Math.max(1, Math.round(this.notifyIntervalMs * (1 - 0.2 * this.random())));
    this.later(delay, () => {
      void this.announce();
      this.scheduleNextAnnouncement();
    });
  }

  private later(delayMs: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.running) action();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private onDatagram(datagram: Buffer, peer: dgram.RemoteInfo): void {
    if (!this.running || datagram.length > MAX_DATAGRAM_BYTES) return;
    const message = parseSsdpMessage(datagram);
    if (!message || message.kind !== 'request' || message.method !== 'M-SEARCH') return;
    const plan = planSearchAnswer(message, {
      uuid: this.options.identity.uuid,
      random: this.random,
      maxDelayMs: this.options.maxDelayCapMs,
    });
    if (!plan.answer) {
      if (!plan.reason.startsWith('ST '))
        this.log.debug({ peer: peer.address, reason: plan.reason }, 'DLNA: M-SEARCH not answered');
      return;
    }
    const sender = this.senderFor(peer.address);
    if (!sender) return;
    if (this.pendingAnswers >= MAX_PENDING_ANSWERS) {
      this.log.debug({ peer: peer.address }, 'DLNA: too many M-SEARCH answers waiting; this one is dropped');
      return;
    }
    this.pendingAnswers++;
    this.later(plan.delayMs, () => {
      this.pendingAnswers--;
      const facts = this.facts(sender.iface);
      const date = this.now();
      for (const target of plan.targets)
        void this.send(sender.socket, buildSearchResponse(target, facts, date), peer.port, peer.address);
    });
  }

  private senderFor(address: string): Sender | null {
    const iface = interfaceForPeer(
      address,
      this.senders.map((sender) => sender.iface),
    );
    return this.senders.find((sender) => sender.iface === iface) ?? null;
  }

  /** Sends one datagram; a failure is logged, never thrown (a lost datagram is what SSDP expects). */
  private send(socket: dgram.Socket, text: string, port = SSDP_PORT, address = SSDP_ADDRESS): Promise<void> {
    return new Promise((resolve) => {
      try {
        socket.send(text, port, address, (error) => {
          if (error) this.log.debug({ err: error, to: `${address}:${port}` }, 'DLNA: SSDP send failed');
          resolve();
        });
      } catch (error) {
        // the socket closed under us (stop raced a timer)
        this.log.debug({ err: error }, 'DLNA: SSDP send failed');
        resolve();
      }
    });
  }

  private async openListener(): Promise<dgram.Socket> {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    socket.on('message', (datagram, peer) => {
      try {
        this.onDatagram(datagram, peer);
      } catch (error) {
        this.log.warn({ err: error, peer: peer.address }, 'DLNA: SSDP datagram could not be handled');
      }
    });
    try {
      await bind(socket, SSDP_PORT, '0.0.0.0');
    } catch (error) {
      closeQuietly(socket);
      throw error;
    }
    socket.on('error', (error) => this.log.warn({ err: error }, 'DLNA: SSDP socket error'));
    let joined = 0;
    for (const { iface } of this.senders) {
      try {
        socket.addMembership(SSDP_ADDRESS, iface.address);
        joined++;
      } catch (error) {
        this.log.warn({ err: error, interface: iface.name }, 'DLNA: cannot join the SSDP multicast group on this interface');
      }
    }
    if (joined === 0) {
      closeQuietly(socket);
      throw new Error('could not join the SSDP multicast group on any interface');
    }
    return socket;
  }

  /** A socket bound to one interface address that sends multicast out of that interface. */
  private async openSender(address: string): Promise<dgram.Socket> {
    const socket = dgram.createSocket({ type: 'udp4' });
    try {
      await bind(socket, 0, address);
      socket.setMulticastInterface(address);
      socket.setMulticastTTL(MULTICAST_TTL);
      socket.setMulticastLoopback(true);
    } catch (error) {
      closeQuietly(socket);
      throw error;
    }
    // a late error on a send socket must not crash the engine: each send reports its own failure
    socket.on('error', (error) => this.log.debug({ err: error, address }, 'DLNA: SSDP send socket error'));
    return socket;
  }

  private closeSenders(): void {
    for (const { socket } of this.senders) closeQuietly(socket);
    this.senders = [];
  }
}

function bind(socket: dgram.Socket, port: number, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    socket.once('error', onError);
    socket.bind({ port, address, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function closeQuietly(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}
