/**
 * GENA eventing (UPnP Device Architecture 1.0 §4): SUBSCRIBE / renew / UNSUBSCRIBE on a service's event URL, the
 * initial event (SEQ 0) with every evented variable, then a NOTIFY per change with SEQ counting up. Bounded everywhere:
 * at most `maxSubscribers`, one NOTIFY in flight per subscriber with later changes merged into the next one (so a slow
 * or dead callback never queues without end), at most one NOTIFY per `moderationMs`, a timeout on each, no retries.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { Logger } from '../core/logger.js';
import type { ServiceKey } from './service-descriptions.js';
import { escapeXml } from './xml-escape.js';

export const MAX_TIMEOUT_SEC = 1800;

export interface GenaResponse {
  status: number;
  headers: Record<string, string>;
  /** set on a new subscription: send the initial event once this response has gone out */
  newSid?: string;
}

export interface GenaOptions {
  /** the evented variables of a service as they are now (the initial event carries all of them) */
  state: (service: ServiceKey) => Record<string, string | number>;
  serverHeader: string;
  log?: Pick<Logger, 'debug' | 'warn'>;
  maxSubscribers?: number;
  notifyTimeoutMs?: number;
  moderationMs?: number;
  now?: () => number;
}

interface Subscriber {
  sid: string;
  service: ServiceKey;
  callbacks: URL[];
  expiresAt: number;
  /** the next SEQ to send */
  seq: number;
  /** changes not yet sent, merged */
  pending: Record<string, string | number> | null;
  sending: boolean;
  lastSentAt: number;
  timer: NodeJS.Timeout | null;
}

/** `<http://a/b><http://c/d>` → URLs; only http:// (GENA has no TLS), at most 4. Null when there is none usable. */
export function parseCallbackHeader(header: string | undefined): URL[] | null {
  if (!header) return null;
  const urls: URL[] = [];
  for (const [, text] of header.matchAll(/<([^<>]*)>/g)) {
    try {
      const url = new URL(text);
      if (url.protocol === 'http:' && url.hostname) urls.push(url);
    } catch {
      // not a URL: skipped
    }
  }
  return urls.length > 0 ? urls.slice(0, 4) : null;
}

/** "Second-300" → 300, "infinite" or absent → the cap; always within [1, MAX_TIMEOUT_SEC]. */
export function parseTimeoutHeader(header: string | undefined): number {
  const match = /^\s*Second-(\d{1,10})\s*$/i.exec(header ?? '');
  if (!match) return MAX_TIMEOUT_SEC;
  return Math.min(MAX_TIMEOUT_SEC, Math.max(1, Number(match[1])));
}

export function propertySetXml(values: Record<string, string | number>): string {
  const properties = Object.entries(values)
    .map(([name, value]) => `<e:property><${name}>${escapeXml(value)}</${name}></e:property>`)
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<e:propertyset xmlns:e="urn:schemas-upnp-org:event-1-0">${properties}</e:propertyset>\n`;
}

export class GenaEventing {
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly maxSubscribers: number;
  private readonly notifyTimeoutMs: number;
  private readonly moderationMs: number;
  private readonly now: () => number;
  private readonly agent = new http.Agent({ keepAlive: false, maxSockets: 8 });
  private closed = false;

  constructor(private readonly options: GenaOptions) {
    this.maxSubscribers = options.maxSubscribers ?? 100;
    this.notifyTimeoutMs = options.notifyTimeoutMs ?? 5000;
    this.moderationMs = options.moderationMs ?? 200;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    this.dropExpired();
    return this.subscribers.size;
  }

  /** Answers SUBSCRIBE (new or renewal) and UNSUBSCRIBE on `service`'s event URL. */
  handle(method: string, service: ServiceKey, headers: Record<string, string | string[] | undefined>): GenaResponse {
    this.dropExpired();
    const one = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const sid = one('sid');
    const base = { SERVER: this.options.serverHeader, 'CONTENT-LENGTH': '0' };
    const fail = (status: number) => ({ status, headers: base });
    if (method === 'UNSUBSCRIBE') {
      if (one('callback') !== undefined || one('nt') !== undefined) return fail(400);
      const found = sid ? this.subscribers.get(sid) : undefined;
      if (!found || found.service !== service) return fail(412);
      this.drop(found);
      return { status: 200, headers: base };
    }
    if (method !== 'SUBSCRIBE') return fail(405);
    const timeoutSec = parseTimeoutHeader(one('timeout'));
    const granted = { ...base, DATE: new Date(this.now()).toUTCString(), TIMEOUT: `Second-${timeoutSec}` };
    if (sid !== undefined) {
      // renewal: SID alone, never with CALLBACK or NT
      if (one('callback') !== undefined || one('nt') !== undefined) return fail(400);
      const found = this.subscribers.get(sid);
      if (!found || found.service !== service) return fail(412);
      found.expiresAt = this.now() + timeoutSec * 1000;
      return { status: 200, headers: { ...granted, SID: sid } };
    }
    if (one('nt') !== 'upnp:event') return fail(412);
    const callbacks = parseCallbackHeader(one('callback'));
    if (!callbacks) return fail(412);
    if (this.subscribers.size >= this.maxSubscribers) return fail(503);
    const subscriber: Subscriber = {
      sid: `uuid:${crypto.randomUUID()}`,
      service,
      callbacks,
      expiresAt: this.now() + timeoutSec * 1000,
      seq: 0,
      pending: null,
      sending: false,
      lastSentAt: 0,
      timer: null,
    };
    this.subscribers.set(subscriber.sid, subscriber);
    this.options.log?.debug({ sid: subscriber.sid, service, callback: callbacks[0].href }, 'dlna: event subscription');
    return { status: 200, headers: { ...granted, SID: subscriber.sid }, newSid: subscriber.sid };
  }

  /** The initial event (SEQ 0, every evented variable): call once the SUBSCRIBE response has been sent. */
  sendInitialEvent(sid: string): void {
    const subscriber = this.subscribers.get(sid);
    if (!subscriber || subscriber.seq !== 0) return;
    this.queue(subscriber, this.options.state(subscriber.service));
  }

  /** Changed variables of a service, to every subscriber of it. */
  publish(service: ServiceKey, values: Record<string, string | number>): void {
    this.dropExpired();
    for (const subscriber of this.subscribers.values()) {
      // before its initial event a subscriber has nothing to be told: that event will carry the current state
      if (subscriber.service === service && (subscriber.seq > 0 || subscriber.sending)) this.queue(subscriber, values);
    }
  }

  close(): void {
    this.closed = true;
    for (const subscriber of [...this.subscribers.values()]) this.drop(subscriber);
    this.agent.destroy();
  }

  private queue(subscriber: Subscriber, values: Record<string, string | number>): void {
    subscriber.pending = { ...subscriber.pending, ...values };
    this.pump(subscriber);
  }

  private pump(subscriber: Subscriber): void {
    if (this.closed || subscriber.sending || subscriber.timer || !subscriber.pending) return;
    if (!this.subscribers.has(subscriber.sid)) return;
    const wait = subscriber.lastSentAt + this.moderationMs - this.now();
    if (subscriber.seq > 0 && wait > 0) {
      subscriber.timer = setTimeout(() => {
        subscriber.timer = null;
        this.pump(subscriber);
      }, wait);
      subscriber.timer.unref();
      return;
    }
    const values = subscriber.pending;
    subscriber.pending = null;
    subscriber.sending = true;
    const seq = subscriber.seq;
    // SEQ wraps to 1, never back to 0 (0 is the initial event's)
    subscriber.seq = seq >= 4_294_967_295 ? 1 : seq + 1;
    void this.deliver(subscriber, seq, propertySetXml(values)).finally(() => {
      subscriber.sending = false;
      subscriber.lastSentAt = this.now();
      this.pump(subscriber);
    });
  }

  /** Tries each callback URL in turn until one takes the event; a failure only costs this event. */
  private async deliver(subscriber: Subscriber, seq: number, body: string): Promise<void> {
    for (const url of subscriber.callbacks) {
      if (this.closed) return;
      const status = await this.notify(url, subscriber.sid, seq, body);
      if (status !== null && status < 300) return;
      this.options.log?.debug({ sid: subscriber.sid, url: url.href, status }, 'dlna: event not delivered');
    }
  }

  private notify(url: URL, sid: string, seq: number, body: string): Promise<number | null> {
    return new Promise((resolve) => {
      const request = http.request(
        url,
        {
          method: 'NOTIFY',
          agent: this.agent,
          timeout: this.notifyTimeoutMs,
          headers: {
            'CONTENT-TYPE': 'text/xml; charset="utf-8"',
            'CONTENT-LENGTH': String(Buffer.byteLength(body)),
            NT: 'upnp:event',
            NTS: 'upnp:propchange',
            SID: sid,
            SEQ: String(seq),
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? null);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', () => resolve(null));
      request.end(body);
    });
  }

  private drop(subscriber: Subscriber): void {
    if (subscriber.timer) clearTimeout(subscriber.timer);
    subscriber.timer = null;
    subscriber.pending = null;
    this.subscribers.delete(subscriber.sid);
  }

  private dropExpired(): void {
    const now = this.now();
    for (const subscriber of [...this.subscribers.values()]) {
      if (subscriber.expiresAt <= now) this.drop(subscriber);
    }
  }
}
