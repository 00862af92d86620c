// A real ONVIF device for tests, in-process on 127.0.0.1: SOAP 1.2 over HTTP (device, media and events services with
// PullPoint subscriptions), WS-Security UsernameToken digest when a password is set, a snapshot JPEG, and WS-Discovery
// (answers a Probe on a UDP port, unicast on loopback or on a multicast group). No ONVIF simulator exists on npm or in
// Debian; the npm `onvif` client connecting to this one is the proof that it speaks the real protocol.
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import {
  type SimProfile,
  type SimIdentity,
  type SimMessage,
  capabilitiesXml,
  deviceInformationXml,
  eventPropertiesXml,
  faultEnvelope,
  envelope,
  notificationXml,
  profilesXml,
  probeMatchesXml,
  scopesXml,
  servicesXml,
  systemDateAndTimeXml,
  uriXml,
  videoSourcesXml,
  xsdDurationMs,
} from './onvif-camera-xml.js';

export interface OnvifCameraOptions {
  /** RTSP URL of the main profile (e.g. an e2e/support/rtsp-camera.ts camera) */
  streamUrl: string;
  /** RTSP URL of a second, smaller profile (optional) */
  subStreamUrl?: string;
  /** WS-Security: every request but the pre-auth ones needs a UsernameToken with this user and password */
  username?: string;
  password?: string;
  name?: string;
  manufacturer?: string;
  model?: string;
  /** default: a free port */
  httpPort?: number;
  /** WS-Discovery: the UDP port to answer probes on (default a free one; 3702 is the real one) */
  discoveryPort?: number;
  /** join 239.255.255.250 on the loopback interface too (needs multicast on lo), else unicast only */
  multicast?: boolean;
  /** the longest a PullMessages waits for a message, whatever the client asks (default 60 s, as the client's PT1M) */
  maxPullWaitMs?: number;
  /** the longest a subscription lives, whatever the client asks (default: as asked) */
  maxSubscriptionMs?: number;
  /** false: Renew is refused with a fault, as some cameras do (default true) */
  renew?: boolean;
}

export interface OnvifCameraStats {
  subscriptionsCreated: number;
  pulls: number;
  renews: number;
  unsubscribes: number;
  authFailures: number;
}

export interface OnvifCamera {
  port: number;
  /** http://127.0.0.1:PORT/onvif/device_service */
  xaddr: string;
  /** urn:uuid:… (the WS-Discovery endpoint reference) */
  endpoint: string;
  discoveryPort: number;
  /** true when it joined the multicast group */
  multicast: boolean;
  snapshotUrl: string;
  stats: OnvifCameraStats;
  /** subscriptions alive now */
  activeSubscriptions(): number;
  /** raise (true) or clear (false) motion: tns1:RuleEngine/CellMotionDetector/Motion IsMotion */
  setMotion(on: boolean): void;
  /** raise or clear tamper: tns1:VideoSource/GlobalSceneChange/ImagingService State */
  setTamper(on: boolean): void;
  /** the camera goes away: HTTP and discovery stop, every connection is cut, subscriptions are forgotten */
  stop(): Promise<void>;
  /** the same camera back on the same ports (a reboot: no subscription survives) */
  restart(): Promise<void>;
}

const MOTION_TOPIC = 'tns1:RuleEngine/CellMotionDetector/Motion';
const TAMPER_TOPIC = 'tns1:VideoSource/GlobalSceneChange/ImagingService';
/** ONVIF Core access class PRE_AUTH: these answer without credentials */
const PRE_AUTH = new Set(['GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetServiceCapabilities', 'GetWsdlUrl']);
const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

interface Subscription {
  id: string;
  expiresAt: number;
  queue: SimMessage[];
  wake: (() => void) | null;
}

let jpegCache: Buffer | null = null;
/** A real JPEG of a test picture (ffmpeg), made once per process. */
function snapshotJpeg(): Buffer {
  if (jpegCache) return jpegCache;
  const { ffmpeg } = resolveFfmpegPaths();
  const args = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', '-f', 'mjpeg', 'pipe:1'];
  const run = spawnSync(ffmpeg, args, { maxBuffer: 4 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`ffmpeg made no snapshot: ${run.stderr.toString()}`);
  jpegCache = run.stdout;
  return jpegCache;
}

export async function startOnvifCamera(options: OnvifCameraOptions): Promise<OnvifCamera> {
  const endpoint = `urn:uuid:${crypto.randomUUID()}`;
  const identity: SimIdentity = {
    name: options.name ?? 'Racoon Test Camera',
    manufacturer: options.manufacturer ?? 'Racoon',
    model: options.model ?? 'SimCam 1',
    firmware: '1.0.0',
    serial: crypto.randomBytes(6).toString('hex').toUpperCase(),
  };
  const maxPullWaitMs = options.maxPullWaitMs ?? 60_000;
  const stats: OnvifCameraStats = { subscriptionsCreated: 0, pulls: 0, renews: 0, unsubscribes: 0, authFailures: 0 };
  const subscriptions = new Map<string, Subscription>();
  const state = { motion: false, tamper: false };
  let nextSubscription = 1;
  let port = options.httpPort ?? 0;
  let discoveryPort = options.discoveryPort ?? 0;
  let joined = false;
  let server: http.Server | null = null;
  let udp: dgram.Socket | null = null;

  const base = () => `http://127.0.0.1:${port}`;
  const profiles = (): SimProfile[] => [
    { token: 'Profile_1', name: 'mainStream', uri: options.streamUrl, width: 320, height: 240, fps: 10 },
    ...(options.subStreamUrl
      ? [{ token: 'Profile_2', name: 'subStream', uri: options.subStreamUrl, width: 160, height: 120, fps: 5 }]
      : []),
  ];
  const scopes = () => [
    'onvif://www.onvif.org/type/video_encoder',
    'onvif://www.onvif.org/Profile/Streaming',
    `onvif://www.onvif.org/name/${encodeURIComponent(identity.name)}`,
    `onvif://www.onvif.org/hardware/${encodeURIComponent(identity.model)}`,
    `onvif://www.onvif.org/manufacturer/${encodeURIComponent(identity.manufacturer)}`,
    'onvif://www.onvif.org/location/country/nowhere',
  ];

  const stateMessage = (topic: string, on: boolean, operation: 'Initialized' | 'Changed'): SimMessage =>
    topic === MOTION_TOPIC
      ? {
          topic,
          operation,
          utcTime: new Date(),
          source: [
            ['VideoSourceConfigurationToken', 'VideoSourceConfig_1'],
            ['VideoAnalyticsConfigurationToken', 'VideoAnalytics_1'],
            ['Rule', 'MyMotionDetectorRule'],
          ],
          data: [['IsMotion', String(on)]],
        }
      : { topic, operation, utcTime: new Date(), source: [['Source', 'VideoSource_1']], data: [['State', String(on)]] };

  const publish = (message: SimMessage) => {
    for (const sub of subscriptions.values()) {
      sub.queue.push(message);
      sub.wake?.();
    }
  };

  const sweep = () => {
    for (const [id, sub] of subscriptions) if (sub.expiresAt < Date.now()) subscriptions.delete(id);
  };

  /** WS-Security UsernameToken (PasswordDigest or PasswordText); true when no password is set. */
  const authorized = (header: Record<string, any> | undefined): boolean => {
    if (!options.password) return true;
    const token = header?.Security?.UsernameToken;
    if (!token || String(token.Username ?? '') !== (options.username ?? '')) return false;
    const password = token.Password;
    const given = typeof password === 'object' ? String(password['#text'] ?? '') : String(password ?? '');
    const type = typeof password === 'object' ? String(password['@_Type'] ?? '') : '';
    if (type.endsWith('#PasswordText')) return given === options.password;
    const nonceText = typeof token.Nonce === 'object' ? token.Nonce['#text'] : token.Nonce;
    const created = String(token.Created?.['#text'] ?? token.Created ?? '');
    // replay protection as real cameras do it: the token must be recent
    if (!Number.isFinite(Date.parse(created)) || Math.abs(Date.parse(created) - Date.now()) > 5 * 60_000) return false;
    const digest = crypto
      .createHash('sha1')
      .update(
        Buffer.concat([Buffer.from(String(nonceText ?? ''), 'base64'), Buffer.from(created), Buffer.from(options.password)]),
      )
      .digest('base64');
    return given.length === digest.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(digest));
  };

  const subscriptionTimes = (sub: Subscription) =>
    `<wsnt:CurrentTime>${new Date().toISOString()}</wsnt:CurrentTime>` +
    `<wsnt:TerminationTime>${new Date(sub.expiresAt).toISOString()}</wsnt:TerminationTime>`;

  async function handle(service: string, subId: string | null, op: string, body: any, res: http.ServerResponse) {
    const send = (inner: string) => reply(res, 200, envelope(inner));
    const invalid = (why: string) => reply(res, 400, faultEnvelope('env:Sender', 'ter:InvalidArgVal', why));
    const p = profiles();
    const profileFor = (args: any) => p.find((x) => x.token === String(args?.ProfileToken ?? ''));
    switch (`${service}:${op}`) {
      case 'device:GetSystemDateAndTime':
        return send(systemDateAndTimeXml(new Date()));
      case 'device:GetCapabilities':
        return send(capabilitiesXml(base()));
      case 'device:GetServices':
        return send(servicesXml(base()));
      case 'device:GetDeviceInformation':
        return send(deviceInformationXml(identity));
      case 'device:GetScopes':
        return send(scopesXml(scopes()));
      case 'media:GetVideoSources':
        return send(videoSourcesXml());
      case 'media:GetProfiles':
        return send(profilesXml(p));
      case 'media:GetStreamUri': {
        const profile = profileFor(body);
        return profile ? send(uriXml('GetStreamUri', profile.uri)) : invalid('No such profile');
      }
      case 'media:GetSnapshotUri': {
        const profile = profileFor(body);
        return profile
          ? send(uriXml('GetSnapshotUri', `${base()}/onvif/snapshot.jpg?profile=${profile.token}`))
          : invalid('No such profile');
      }
      case 'events:GetEventProperties':
        return send(eventPropertiesXml());
      case 'events:CreatePullPointSubscription': {
        sweep();
        const id = String(nextSubscription++);
        const asked = xsdDurationMs(String(body?.InitialTerminationTime ?? ''), 60_000);
        const lifetime = Math.min(asked, options.maxSubscriptionMs ?? asked);
        const sub: Subscription = { id, expiresAt: Date.now() + lifetime, queue: [], wake: null };
        // a new subscriber first learns the current state of every property (ONVIF "Initialized" messages)
        sub.queue.push(stateMessage(MOTION_TOPIC, state.motion, 'Initialized'));
        sub.queue.push(stateMessage(TAMPER_TOPIC, state.tamper, 'Initialized'));
        subscriptions.set(id, sub);
        stats.subscriptionsCreated++;
        return send(
          '<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference>' +
            `<wsa:Address>${base()}/onvif/subscription/${id}</wsa:Address></tev:SubscriptionReference>` +
            `${subscriptionTimes(sub)}</tev:CreatePullPointSubscriptionResponse>`,
        );
      }
    }
    if (service !== 'subscription') {
      return reply(res, 400, faultEnvelope('env:Sender', 'ter:ActionNotSupported', `${op} is not supported here`));
    }
    sweep();
    const sub = subscriptions.get(subId ?? '');
    if (!sub) return invalid('No such subscription (expired or unsubscribed)');
    switch (op) {
      case 'PullMessages': {
        stats.pulls++;
        const limit = Math.max(1, Number(body?.MessageLimit) || 10);
        const waitMs = Math.min(xsdDurationMs(String(body?.Timeout ?? ''), 10_000), maxPullWaitMs);
        const waiting = sub;
        if (waiting.queue.length === 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, waitMs);
            res.once('close', done);
            function done() {
              clearTimeout(timer);
              res.off('close', done);
              waiting.wake = null;
              resolve();
            }
            waiting.wake = done;
          });
        }
        if (res.destroyed) return;
        const messages = sub.queue.splice(0, limit);
        return send(
          `<tev:PullMessagesResponse>${subscriptionTimes(sub)}${messages.map(notificationXml).join('')}</tev:PullMessagesResponse>`,
        );
      }
      case 'Renew': {
        if (options.renew === false) {
          return reply(res, 400, faultEnvelope('env:Sender', 'ter:ActionNotSupported', 'Renew is not supported'));
        }
        stats.renews++;
        sub.expiresAt = Date.now() + xsdDurationMs(String(body?.TerminationTime ?? ''), 60_000);
        return send(`<wsnt:RenewResponse>${subscriptionTimes(sub)}</wsnt:RenewResponse>`);
      }
      case 'Unsubscribe':
        stats.unsubscribes++;
        subscriptions.delete(sub.id);
        sub.wake?.();
        return send('<wsnt:UnsubscribeResponse/>');
      default:
        return reply(res, 400, faultEnvelope('env:Sender', 'ter:ActionNotSupported', `${op} is not supported here`));
    }
  }

  function onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', base());
    if (req.method === 'GET' && url.pathname === '/onvif/snapshot.jpg') {
      const jpeg = snapshotJpeg();
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
      return res.end(jpeg);
    }
    const service = /^\/onvif\/(device|media|event)_service$/.exec(url.pathname)?.[1];
    const subId = /^\/onvif\/subscription\/(\w+)$/.exec(url.pathname)?.[1] ?? null;
    if (req.method !== 'POST' || (!service && !subId)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let parsed: any;
      try {
        parsed = xml.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        parsed = null;
      }
      const env = parsed?.Envelope;
      const bodyEl = env?.Body;
      const op = bodyEl && typeof bodyEl === 'object' ? Object.keys(bodyEl).find((k) => !k.startsWith('@_')) : undefined;
      if (!op) return reply(res, 400, faultEnvelope('env:Sender', 'ter:WellFormed', 'Not a SOAP 1.2 request'));
      if (!PRE_AUTH.has(op) && !authorized(env.Header)) {
        stats.authFailures++;
        // ONVIF Core: a rejected UsernameToken is HTTP 400 with env:Sender / ter:NotAuthorized
        return reply(res, 400, faultEnvelope('env:Sender', 'ter:NotAuthorized', 'Sender not authorized'));
      }
      const name = subId ? 'subscription' : service === 'event' ? 'events' : service!;
      handle(name, subId, op, bodyEl[op], res).catch((err) => {
        reply(res, 500, faultEnvelope('env:Receiver', 'ter:Action', String(err)));
      });
    });
  }

  function onProbe(message: Buffer, from: dgram.RemoteInfo) {
    let parsed: any;
    try {
      parsed = xml.parse(message.toString('utf8'));
    } catch {
      return;
    }
    const probe = parsed?.Envelope?.Body?.Probe;
    if (probe === undefined) return;
    const types = String(typeof probe === 'object' ? (probe.Types?.['#text'] ?? probe.Types ?? '') : '');
    if (types.trim() && !/(^|[\s:])(NetworkVideoTransmitter|Device)(\s|$)/.test(types)) return;
    const header = parsed.Envelope.Header ?? {};
    const relatesTo = String(header.MessageID?.['#text'] ?? header.MessageID ?? '');
    const answer = Buffer.from(
      probeMatchesXml({ endpoint, relatesTo, scopes: scopes(), xaddr: `${base()}/onvif/device_service` }),
    );
    udp?.send(answer, from.port, from.address);
  }

  async function listen(): Promise<void> {
    server = http.createServer(onRequest);
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    udp = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    udp.on('message', onProbe);
    udp.on('error', () => undefined);
    await new Promise<void>((resolve) => udp!.bind(discoveryPort, options.multicast ? '0.0.0.0' : '127.0.0.1', () => resolve()));
    discoveryPort = udp.address().port;
    joined = false;
    if (options.multicast) {
      try {
        udp.addMembership('239.255.255.250', '127.0.0.1');
        joined = true;
      } catch {
        joined = false; // no multicast on this machine's loopback: unicast probes still work
      }
    }
  }

  async function stop(): Promise<void> {
    for (const sub of subscriptions.values()) sub.wake?.();
    subscriptions.clear();
    const s = server;
    server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    const u = udp;
    udp = null;
    if (u) await new Promise<void>((resolve) => u.close(() => resolve()));
  }

  await listen();
  return {
    get port() {
      return port;
    },
    get xaddr() {
      return `${base()}/onvif/device_service`;
    },
    endpoint,
    get discoveryPort() {
      return discoveryPort;
    },
    get multicast() {
      return joined;
    },
    get snapshotUrl() {
      return `${base()}/onvif/snapshot.jpg?profile=Profile_1`;
    },
    stats,
    activeSubscriptions: () => {
      sweep();
      return subscriptions.size;
    },
    setMotion(on) {
      if (state.motion === on) return;
      state.motion = on;
      publish(stateMessage(MOTION_TOPIC, on, 'Changed'));
    },
    setTamper(on) {
      if (state.tamper === on) return;
      state.tamper = on;
      publish(stateMessage(TAMPER_TOPIC, on, 'Changed'));
    },
    stop,
    async restart() {
      await stop();
      await listen();
    },
  };
}

function reply(res: http.ServerResponse, status: number, body: string): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
