/**
 * SSDP (UPnP Device Architecture 1.1, §1) as data: parse HTTPU datagrams, build NOTIFY alive/byebye and M-SEARCH
 * responses, list what a MediaServer announces, and decide whether and when to answer an M-SEARCH. No sockets here.
 */
import {
  CONNECTION_MANAGER_TYPE,
  CONTENT_DIRECTORY_TYPE,
  MEDIA_RECEIVER_REGISTRAR_TYPE,
  MEDIA_SERVER_TYPE,
} from './dlna-types.js';

export const SSDP_ADDRESS = '239.255.255.250';
export const SSDP_PORT = 1900;
export const SSDP_HOST = `${SSDP_ADDRESS}:${SSDP_PORT}`;
/** How long control points may cache an announcement (the issue: 1800 s, as UPnP recommends at least). */
export const SSDP_MAX_AGE_SECONDS = 1800;
/** UPnP 1.1: MX above 5 is treated as 5, so no answer waits longer. */
const MAX_MX_SECONDS = 5;
const MAX_HEADERS = 64;

export type SsdpMessage =
  | { kind: 'request'; method: string; target: string; headers: Record<string, string> }
  | { kind: 'response'; status: number; reason: string; headers: Record<string, string> };

/**
 * Reads one datagram: the start line, then `Name: value` headers (names lower-cased, the first of a repeated header
 * wins). Null for anything that is not an HTTPU message; header lines without a colon are skipped, as lenient stacks do.
 */
export function parseSsdpMessage(datagram: string | Buffer): SsdpMessage | null {
  const text = typeof datagram === 'string' ? datagram : datagram.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const lines = (end === -1 ? text : text.slice(0, end)).split(/\r?\n/);
  const startLine = lines[0]?.trim() ?? '';
  const headers: Record<string, string> = Object.create(null);
  let count = 0;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) continue;
    if (++count > MAX_HEADERS) return null;
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }

  const response = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/i.exec(startLine);
  if (response) return { kind: 'response', status: Number(response[1]), reason: response[2] ?? '', headers: { ...headers } };
  const request = /^([A-Z-]+) (\S+) HTTP\/1\.[01]$/i.exec(startLine);
  if (request) return { kind: 'request', method: request[1].toUpperCase(), target: request[2], headers: { ...headers } };
  return null;
}

/** One (NT, USN) pair the server announces; in an M-SEARCH answer the NT becomes the ST. */
export interface Announcement {
  nt: string;
  usn: string;
}

const SERVICE_TYPES = [CONTENT_DIRECTORY_TYPE, CONNECTION_MANAGER_TYPE, MEDIA_RECEIVER_REGISTRAR_TYPE];

/** What a MediaServer root device announces: rootdevice, its uuid, its device type and each service type. */
export function announcementsFor(uuid: string): Announcement[] {
  const udn = `uuid:${uuid}`;
  return [
    { nt: 'upnp:rootdevice', usn: `${udn}::upnp:rootdevice` },
    { nt: udn, usn: udn },
    { nt: MEDIA_SERVER_TYPE, usn: `${udn}::${MEDIA_SERVER_TYPE}` },
    ...SERVICE_TYPES.map((type) => ({ nt: type, usn: `${udn}::${type}` })),
  ];
}

/** A search target to answer: the ST to put in the response (as asked, for a lower version) and our USN. */
export interface SearchTarget {
  st: string;
  usn: string;
}

/**
 * What to answer an M-SEARCH with ST `st`: every announcement for ssdp:all, none for something we are not. A device or
 * service type matches when we implement that version or a higher one; the answer echoes the version asked for.
 */
export function searchTargetsFor(st: string, uuid: string): SearchTarget[] {
  const target = st.trim();
  const all = announcementsFor(uuid);
  if (target === 'ssdp:all') return all.map(({ nt, usn }) => ({ st: nt, usn }));
  if (target === 'upnp:rootdevice') return all.filter((a) => a.nt === target).map(({ usn }) => ({ st: target, usn }));
  if (target.toLowerCase() === `uuid:${uuid}`.toLowerCase()) return [{ st: target, usn: `uuid:${uuid}` }];
  const asked = versionedType(target);
  if (!asked) return [];
  for (const { nt, usn } of all) {
    const ours = versionedType(nt);
    if (ours && ours.base === asked.base && asked.version <= ours.version) return [{ st: target, usn }];
  }
  return [];
}

/** `urn:domain:device|service:Type:N` split into the part before the version and the version (≥ 1). */
function versionedType(type: string): { base: string; version: number } | null {
  const match = /^(urn:[^:\s]+:(?:device|service):[^:\s]+):(\d{1,4})$/.exec(type);
  if (!match || Number(match[2]) < 1) return null;
  return { base: match[1], version: Number(match[2]) };
}

export type SearchPlan = { answer: true; targets: SearchTarget[]; delayMs: number } | { answer: false; reason: string };

export interface SearchPlanOptions {
  uuid: string;
  /** [0, 1) — Math.random in the server, fixed in tests */
  random: () => number;
  /** a cap on the wait below MX's (tests shorten the up-to-5 s wait); default 5000 */
  maxDelayMs?: number;
}

/**
 * Whether to answer a datagram as an M-SEARCH, with what and after how long. A multicast search needs MAN
 * "ssdp:discover" (when given) and a valid MX (UPnP 1.1: no answer without one), and is answered after a random delay in
 * [0, min(MX, 5)] s so a LAN of devices doesn't answer at once; a unicast search (HOST is not the multicast group) is
 * answered at once.
 */
export function planSearchAnswer(message: SsdpMessage, options: SearchPlanOptions): SearchPlan {
  if (message.kind !== 'request' || message.method !== 'M-SEARCH') return { answer: false, reason: 'not an M-SEARCH' };
  if (message.target !== '*') return { answer: false, reason: `request target ${message.target} is not *` };
  const { headers } = message;
  const man = headers.man?.replace(/"/g, '').trim();
  if (man !== undefined && man !== 'ssdp:discover') return { answer: false, reason: `MAN ${headers.man} is not "ssdp:discover"` };
  const st = headers.st;
  if (!st) return { answer: false, reason: 'no ST header' };
  const targets = searchTargetsFor(st, options.uuid);
  if (targets.length === 0) return { answer: false, reason: `ST ${st} is not ours` };

  const host = headers.host?.trim();
  const multicast = host === undefined || host === SSDP_HOST || host === SSDP_ADDRESS;
  if (!multicast) return { answer: true, targets, delayMs: 0 };
  const mx = headers.mx?.trim();
  // UPnP 1.1: MX is an integer >= 1 (GSSDP drops 0 too)
  if (mx === undefined || !/^\d{1,9}$/.test(mx) || Number(mx) < 1) {
    return { answer: false, reason: mx === undefined ? 'no MX header' : `invalid MX ${mx}` };
  }
  const capMs = Math.min(Number(mx), MAX_MX_SECONDS) * 1000;
  const maxDelayMs = Math.min(capMs, options.maxDelayMs ?? MAX_MX_SECONDS * 1000);
  const random = Math.min(Math.max(options.random(), 0), 1);
  return { answer: true, targets, delayMs: Math.floor(random * maxDelayMs) };
}

/** What each message carries about the device. */
export interface SsdpDeviceFacts {
  /** the device description URL on the interface the message goes out of */
  location: string;
  /** the SERVER header: "<OS>/<version> UPnP/1.0 Racoon/<version>" */
  server: string;
  /** UPnP 1.1 BOOTID.UPNP.ORG: grows at each start */
  bootId: number;
  /** UPnP 1.1 CONFIGID.UPNP.ORG: changes when the descriptions do */
  configId: number;
}

export function buildNotifyAlive(announcement: Announcement, facts: SsdpDeviceFacts): string {
  return httpu('NOTIFY * HTTP/1.1', [
    ['HOST', SSDP_HOST],
    ['CACHE-CONTROL', `max-age=${SSDP_MAX_AGE_SECONDS}`],
    ['LOCATION', facts.location],
    ['NT', announcement.nt],
    ['NTS', 'ssdp:alive'],
    ['SERVER', facts.server],
    ['USN', announcement.usn],
    ['BOOTID.UPNP.ORG', String(facts.bootId)],
    ['CONFIGID.UPNP.ORG', String(facts.configId)],
  ]);
}

/** byebye carries no LOCATION, SERVER or CACHE-CONTROL (UPnP 1.1 §1.2.3). */
export function buildNotifyByebye(announcement: Announcement, facts: Pick<SsdpDeviceFacts, 'bootId' | 'configId'>): string {
  return httpu('NOTIFY * HTTP/1.1', [
    ['HOST', SSDP_HOST],
    ['NT', announcement.nt],
    ['NTS', 'ssdp:byebye'],
    ['USN', announcement.usn],
    ['BOOTID.UPNP.ORG', String(facts.bootId)],
    ['CONFIGID.UPNP.ORG', String(facts.configId)],
  ]);
}

export function buildSearchResponse(target: SearchTarget, facts: SsdpDeviceFacts, date: Date): string {
  return httpu('HTTP/1.1 200 OK', [
    ['CACHE-CONTROL', `max-age=${SSDP_MAX_AGE_SECONDS}`],
    ['DATE', date.toUTCString()],
    ['EXT', ''],
    ['LOCATION', facts.location],
    ['SERVER', facts.server],
    ['ST', target.st],
    ['USN', target.usn],
    ['BOOTID.UPNP.ORG', String(facts.bootId)],
    ['CONFIGID.UPNP.ORG', String(facts.configId)],
    ['CONTENT-LENGTH', '0'],
  ]);
}

/** The SERVER header value: kept as given when it already reads "OS/version UPnP/x.y product/version". */
export function ssdpServerHeader(product: string, osName: string, osVersion: string): string {
  if (/\bUPnP\/\d\.\d\b/.test(product)) return product;
  return `${osName}/${osVersion} UPnP/1.0 ${product}`;
}

function httpu(startLine: string, headers: Array<[string, string]>): string {
  // header values come from our own identity and from a peer's ST: never let a CR/LF in one add a header
  const lines = headers.map(([name, value]) => `${name}: ${value.replace(/[\r\n]+/g, ' ')}`);
  return `${startLine}\r\n${lines.join('\r\n')}\r\n\r\n`;
}
