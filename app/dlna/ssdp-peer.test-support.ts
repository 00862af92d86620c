/**
 * A control point's side of SSDP on loopback for tests: send M-SEARCH datagrams and collect the answers, or listen to
 * the multicast group for NOTIFYs. Real sockets, the wire format written out by hand (not with our own builders).
 */
import dgram from 'node:dgram';
import { parseSsdpMessage, type SsdpMessage } from './ssdp-messages.js';

export interface Received {
  message: SsdpMessage;
  from: { address: string; port: number };
  at: number;
}

/** A socket on 127.0.0.1 that sends M-SEARCH to the group and keeps every unicast answer. */
export class SearchClient {
  readonly answers: Received[] = [];
  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (datagram, from) => {
      const message = parseSsdpMessage(datagram);
      if (message) this.answers.push({ message, from: { address: from.address, port: from.port }, at: Date.now() });
    });
  }

  /** `address`: any 127.x address (all of 127/8 is local on Linux) to search from another "host" on loopback. */
  static async open(address = '127.0.0.1'): Promise<SearchClient> {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, address, resolve));
    socket.setMulticastInterface('127.0.0.1');
    return new SearchClient(socket);
  }

  /** Sends one M-SEARCH; `mx: null` leaves MX out. */
  search(st: string, options: { mx?: number | string | null; extraLines?: string[] } = {}): Promise<void> {
    const mx = options.mx === undefined ? 1 : options.mx;
    const lines = [
      'M-SEARCH * HTTP/1.1',
      'HOST: 239.255.255.250:1900',
      'MAN: "ssdp:discover"',
      ...(mx === null ? [] : [`MX: ${mx}`]),
      `ST: ${st}`,
      'USER-AGENT: Linux/6 UPnP/1.1 RacoonTest/1',
      ...(options.extraLines ?? []),
    ];
    return this.sendRaw(`${lines.join('\r\n')}\r\n\r\n`);
  }

  sendRaw(datagram: string | Buffer, address = '239.255.255.250', port = 1900): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.send(datagram, port, address, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Answers about one device (by its uuid): other UPnP stacks on the machine answer too. */
  answersFor(uuid: string, st?: string): Received[] {
    return this.answers.filter(
      (a) => a.message.headers.usn?.startsWith(`uuid:${uuid}`) && (st === undefined || a.message.headers.st === st),
    );
  }

  close(): void {
    this.socket.close();
  }
}

/** A socket on 0.0.0.0:1900 (shared) joined to the group on 127.0.0.1: hears every NOTIFY sent on loopback. */
export class NotifyListener {
  readonly received: Received[] = [];
  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (datagram, from) => {
      const message = parseSsdpMessage(datagram);
      if (message?.kind === 'request' && message.method === 'NOTIFY') {
        this.received.push({ message, from: { address: from.address, port: from.port }, at: Date.now() });
      }
    });
  }

  static async open(): Promise<NotifyListener> {
    const socket = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    await new Promise<void>((resolve) => socket.bind(1900, '0.0.0.0', resolve));
    socket.addMembership('239.255.255.250', '127.0.0.1');
    return new NotifyListener(socket);
  }

  /** NOTIFYs about one device with NTS ssdp:alive or ssdp:byebye. */
  notifications(uuid: string, nts: 'ssdp:alive' | 'ssdp:byebye'): Received[] {
    return this.received.filter((r) => r.message.headers.usn?.startsWith(`uuid:${uuid}`) && r.message.headers.nts === nts);
  }

  close(): void {
    this.socket.close();
  }
}
