// WS-Discovery (the way ONVIF cameras are found on a LAN): a SOAP-over-UDP Probe for dn:NetworkVideoTransmitter sent
// to 239.255.255.250:3702 from each IPv4 interface (or unicast to given addresses), then every ProbeMatch that comes
// back within the window, one device per endpoint reference however many interfaces or repeats it answered on.
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import os from 'node:os';
import { XMLParser } from 'fast-xml-parser';
import type { OnvifDiscoveredDevice } from '../../api/api-types.js';

export const WS_DISCOVERY_GROUP = '239.255.255.250';
export const WS_DISCOVERY_PORT = 3702;

export interface WsDiscoveryOptions {
  /** how long to collect answers (default 3 s) */
  timeoutMs?: number;
  /** unicast probes to these instead of the multicast group (cameras on another subnet; tests) */
  targets?: Array<{ address: string; port?: number }>;
  /** IPv4 addresses of the interfaces to probe from (default: every non-internal IPv4 interface) */
  interfaces?: string[];
  /** the multicast group's port (default 3702) */
  port?: number;
  log?: { warn: (data: object, msg: string) => void };
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

/** The Probe message (WS-Discovery 2005/04, as ONVIF cameras expect it). */
export function probeMessage(messageId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    `<s:Header><a:MessageID>${messageId}</a:MessageID><a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>` +
    '<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action></s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>'
  );
}

/** The devices in one ProbeMatches datagram (none when it is something else or malformed). */
export function parseProbeMatches(xml: string, fromAddress: string): OnvifDiscoveredDevice[] {
  let doc: any;
  try {
    doc = parser.parse(xml);
  } catch {
    return [];
  }
  const matches = doc?.Envelope?.Body?.ProbeMatches?.ProbeMatch;
  const list: any[] = Array.isArray(matches) ? matches : matches ? [matches] : [];
  const devices: OnvifDiscoveredDevice[] = [];
  for (const m of list) {
    const endpoint = String(m?.EndpointReference?.Address ?? '').trim();
    const xaddrs = String(m?.XAddrs ?? '')
      .split(/\s+/)
      .filter((x) => /^https?:\/\//i.test(x));
    if (!endpoint || xaddrs.length === 0) continue;
    const scopes = String(m?.Scopes ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const scope = (name: string) => scopeValue(scopes, name);
    const onAddress = xaddrs.find((x) => hostOf(x) === fromAddress);
    devices.push({
      address: fromAddress,
      xaddr: onAddress ?? xaddrs.find((x) => !/^https?:\/\/\[/i.test(x)) ?? xaddrs[0],
      xaddrs,
      endpoint,
      name: scope('name'),
      manufacturer: scope('manufacturer') ?? scope('mfr'),
      model: scope('model') ?? scope('hardware'),
      hardware: scope('hardware'),
      scopes,
    });
  }
  return devices;
}

/** Probes and collects answers for `timeoutMs`; one entry per device (by endpoint reference), in order of answer. */
export async function discoverOnvifDevices(options: WsDiscoveryOptions = {}): Promise<OnvifDiscoveredDevice[]> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const messageId = `urn:uuid:${crypto.randomUUID()}`;
  const probe = Buffer.from(probeMessage(messageId));
  const found = new Map<string, OnvifDiscoveredDevice>();
  const sockets: dgram.Socket[] = [];

  const open = async (bindAddress: string | undefined, multicastFrom?: string): Promise<dgram.Socket | null> => {
    const socket = dgram.createSocket({ type: 'udp4' });
    socket.on('message', (msg, from) => {
      for (const device of parseProbeMatches(msg.toString('utf8'), from.address)) {
        if (!found.has(device.endpoint)) found.set(device.endpoint, device);
      }
    });
    socket.on('error', (err) => options.log?.warn({ err: err.message, bindAddress }, 'WS-Discovery socket error'));
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(0, bindAddress, () => {
          socket.off('error', reject);
          resolve();
        });
      });
      if (multicastFrom) {
        socket.setMulticastInterface(multicastFrom);
        socket.setMulticastTTL(1); // cameras are on this LAN; the probe must not wander further
      }
      sockets.push(socket);
      return socket;
    } catch (err) {
      options.log?.warn({ err: (err as Error).message, bindAddress }, 'WS-Discovery: cannot probe from this interface');
      socket.close();
      return null;
    }
  };

  const sends: Array<() => void> = [];
  const send = (socket: dgram.Socket, port: number, address: string) => () =>
    socket.send(probe, port, address, (err) => {
      if (err) options.log?.warn({ err: err.message, address }, 'WS-Discovery: probe not sent');
    });
  if (options.targets?.length) {
    const socket = await open(undefined);
    if (socket) for (const t of options.targets) sends.push(send(socket, t.port ?? WS_DISCOVERY_PORT, t.address));
  } else {
    const interfaces = options.interfaces ?? lanAddresses();
    for (const address of interfaces.length ? interfaces : [undefined]) {
      const socket = await open(address, address);
      if (socket) sends.push(send(socket, options.port ?? WS_DISCOVERY_PORT, WS_DISCOVERY_GROUP));
    }
  }

  try {
    // UDP may lose a datagram: WS-Discovery repeats the probe (SOAP-over-UDP, MULTICAST_UDP_REPEAT)
    for (const s of sends) s();
    const repeat = setTimeout(() => sends.forEach((s) => s()), Math.min(250, timeoutMs / 4));
    await new Promise((resolve) => setTimeout(resolve, timeoutMs));
    clearTimeout(repeat);
  } finally {
    for (const socket of sockets) socket.close();
  }
  return [...found.values()];
}

/** Every non-internal IPv4 address of this machine (one multicast probe goes out of each). */
export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => Boolean(i && i.family === 'IPv4' && !i.internal))
    .map((i) => i.address);
}

function scopeValue(scopes: string[], name: string): string | null {
  const prefix = `onvif://www.onvif.org/${name}/`;
  const scope = scopes.find((s) => s.toLowerCase().startsWith(prefix.toLowerCase()));
  if (!scope) return null;
  const raw = scope.slice(prefix.length);
  try {
    return decodeURIComponent(raw).trim() || null;
  } catch {
    return raw || null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
