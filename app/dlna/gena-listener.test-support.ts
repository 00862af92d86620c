/**
 * A GENA subscriber's callback endpoint for tests: a real HTTP server on 127.0.0.1 that records every NOTIFY (SID, SEQ,
 * the evented variables) and can be told to stall, as a dead TV would.
 */
import http from 'node:http';
import type net from 'node:net';
import { XMLParser } from 'fast-xml-parser';

export interface ReceivedEvent {
  method: string;
  sid: string;
  seq: number;
  nt: string;
  nts: string;
  contentType: string;
  variables: Record<string, string>;
}

const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'property' });

export class EventListener {
  readonly events: ReceivedEvent[] = [];
  /** answer NOTIFYs only after this long (a stalled renderer) */
  stallMs = 0;
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const properties = (parser.parse(body)?.propertyset?.property ?? []) as Array<Record<string, string>>;
      this.events.push({
        method: request.method ?? '',
        sid: String(request.headers.sid ?? ''),
        seq: Number(request.headers.seq),
        nt: String(request.headers.nt ?? ''),
        nts: String(request.headers.nts ?? ''),
        contentType: String(request.headers['content-type'] ?? ''),
        variables: Object.assign({}, ...properties) as Record<string, string>,
      });
      const answer = () => {
        if (!response.destroyed) response.writeHead(200, { 'Content-Length': '0' }).end();
      };
      if (this.stallMs > 0) setTimeout(answer, this.stallMs).unref();
      else answer();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/event`;
  }

  eventsFor(sid: string): ReceivedEvent[] {
    return this.events.filter((e) => e.sid === sid);
  }

  /** Waits (polling) until `count` events for `sid` have arrived. */
  async waitFor(sid: string, count: number, timeoutMs = 10_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.eventsFor(sid).length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.eventsFor(sid).length} of ${count} events for ${sid} arrived`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.eventsFor(sid);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
