// The one module that talks to the npm `onvif` client (CommonJS, callback API): connect with a user and password,
// device information, media profiles with their stream and snapshot URIs, and the PullPoint calls of the events
// service. Its errors become OnvifError with a reason the API and the UI can show: wrong password, unreachable, not
// ONVIF, timeout.
import http from 'node:http';
import https from 'node:https';
import { Cam } from 'onvif';
import type { OnvifProbeResult, OnvifProfile } from '../../api/api-types.js';

export type OnvifFailure = 'unauthorized' | 'unreachable' | 'not-onvif' | 'timeout' | 'failed';

export class OnvifError extends Error {
  constructor(
    readonly reason: OnvifFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Where a camera's ONVIF device service is: its XAddr, or a host and port (path /onvif/device_service). */
export interface OnvifTarget {
  xaddr?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** per request (default 8 s); the PullMessages long poll has its own */
  timeoutMs?: number;
}

export interface OpenOptions {
  /** aborting cuts what is in flight (the engine stopping while a camera does not answer) */
  signal?: AbortSignal;
}

/** What the device service says of itself (GetDeviceInformation). */
export type OnvifDeviceInfo = Pick<OnvifProbeResult, 'manufacturer' | 'model' | 'firmware' | 'serial' | 'hardwareId'>;

type Callback<T> = (err: Error | null, data?: T) => void;

/** A connected camera. close() cuts every request in flight (a PullMessages long poll included). */
export class OnvifConnection {
  private constructor(
    private readonly cam: Cam,
    private readonly agent: http.Agent,
    readonly xaddr: string,
    private readonly label: string,
  ) {}

  /** Connects: reads the camera's clock (WS-Security tokens carry its time), then its services. */
  static async open(target: OnvifTarget, options: OpenOptions = {}): Promise<OnvifConnection> {
    const url = deviceServiceUrl(target);
    const secure = url.protocol === 'https:';
    const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    const cam = new Cam({
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port) || (secure ? 443 : 80),
      path: url.pathname,
      username: target.username || undefined,
      password: target.password || undefined,
      timeout: target.timeoutMs ?? 8000,
      useSecure: secure,
      // cameras ship self-signed certificates; the LAN camera the user named is the one we talk to
      secureOpts: { rejectUnauthorized: false },
      // a camera behind NAT or a port forward reports its inside address for its services: keep the one we reached
      preserveAddress: true,
      autoconnect: false,
      agent,
    });
    const connection = new OnvifConnection(cam, agent, url.toString(), `${url.hostname}:${url.port || (secure ? 443 : 80)}`);
    const abort = () => connection.close();
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (options.signal?.aborted) throw new OnvifError('failed', 'Stopped');
      await connection.call<unknown>((cb) => cam.getSystemDateAndTime(cb));
      // GetServices is ONVIF 2.x; the oldest cameras only answer GetCapabilities
      await connection
        .call<unknown>((cb) => cam.getServices(true, cb))
        .catch(() => connection.call((cb) => cam.getCapabilities(cb)));
      if (!cam.uri?.media && !cam.uri?.media2)
        throw new OnvifError('not-onvif', `${connection.label} has no ONVIF media service`);
      // Media1 is what every Profile S camera has; Media2-only (Profile T) cameras keep Media2
      cam.media2Support = !cam.uri.media;
      return connection;
    } catch (err) {
      connection.close();
      throw connection.describe(err);
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
  }

  get hasEvents(): boolean {
    return Boolean(this.cam.uri?.events);
  }

  /** GetDeviceInformation: needs valid credentials on a protected camera, so it is where a wrong password shows. */
  async deviceInfo(): Promise<OnvifDeviceInfo> {
    const info = await this.request<Record<string, unknown>>((cb) => this.cam.getDeviceInformation(cb));
    const text = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
    return {
      manufacturer: text(info?.manufacturer),
      model: text(info?.model),
      firmware: text(info?.firmwareVersion),
      serial: text(info?.serialNumber),
      hardwareId: text(info?.hardwareId),
    };
  }

  /** The video profiles with their RTSP stream URI and snapshot URI (null when the camera has none). */
  async profiles(): Promise<OnvifProfile[]> {
    const raw = (await this.request<any[]>((cb) => this.cam.getProfiles(cb))) ?? [];
    const video = raw.filter((p) => p?.videoEncoderConfiguration && p?.$?.token);
    const result: OnvifProfile[] = [];
    for (const p of video) {
      const token = String(p.$.token);
      const encoder = p.videoEncoderConfiguration;
      const stream = await this.request<{ uri?: string }>((cb) =>
        this.cam.getStreamUri({ protocol: 'RTSP', stream: 'RTP-Unicast', profileToken: token }, cb),
      );
      // snapshots are optional in Profile S: a camera without them answers with a fault
      const snapshot = await this.request<{ uri?: string }>((cb) => this.cam.getSnapshotUri({ profileToken: token }, cb)).catch(
        () => null,
      );
      result.push({
        token,
        name: String(p.name ?? token),
        streamUrl: stream?.uri ? String(stream.uri) : null,
        snapshotUrl: snapshot?.uri ? String(snapshot.uri) : null,
        width: positive(encoder.resolution?.width),
        height: positive(encoder.resolution?.height),
        codec: encoder.encoding ? String(encoder.encoding) : null,
        fps: positive(encoder.rateControl?.frameRateLimit),
      });
    }
    return result;
  }

  /** CreatePullPointSubscription; returns when the subscription ends unless renewed (epoch ms). */
  async createPullPoint(): Promise<number> {
    const sub = await this.request<any>((cb) => this.cam.createPullPointSubscription(cb));
    // the client calls the subscription's own address: make those calls go through our agent so close() cuts them
    const address = sub?.subscriptionReference?.address;
    if (address && typeof address === 'object') address.agent = this.agent;
    return this.cam.events.terminationTime instanceof Date ? this.cam.events.terminationTime.getTime() : Date.now() + 60_000;
  }

  /** PullMessages: a long poll (the camera answers when something happens or after up to a minute). */
  async pullMessages(limit = 50): Promise<{ messages: unknown[]; terminationMs: number | null }> {
    const data = await this.request<any>((cb) => this.cam.pullMessages({ messageLimit: limit }, cb));
    const list = data?.notificationMessage;
    return {
      messages: Array.isArray(list) ? list : list ? [list] : [],
      terminationMs: localTermination(data),
    };
  }

  /** Renew: keeps the subscription alive; returns the new termination time (epoch ms) when the camera says it. */
  async renew(): Promise<number | null> {
    const data = await this.request<any>((cb) => this.cam.renew({}, cb));
    return localTermination(data);
  }

  async unsubscribe(): Promise<void> {
    if (!this.cam.events.subscription) return;
    await this.request<unknown>((cb) => this.cam.unsubscribe(cb, true));
  }

  /** Ends every request in flight and the kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  private async request<T>(run: (cb: Callback<T>) => void): Promise<T> {
    try {
      return await this.call(run);
    } catch (err) {
      throw this.describe(err);
    }
  }

  /** The client calls back with (err, data); some paths call back twice: the first answer wins. */
  private call<T>(run: (cb: Callback<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      try {
        run((err, data) => {
          if (settled) return;
          settled = true;
          if (err) reject(err);
          else resolve(data as T);
        });
      } catch (err) {
        if (!settled) reject(err);
        settled = true;
      }
    });
  }

  private describe(err: unknown): OnvifError {
    return describeOnvifError(err, this.label, Boolean(this.cam.username && this.cam.password));
  }
}

/** Connects and reads what adding the camera needs: who it is, its profiles (stream and snapshot URIs), events. */
export async function probeOnvifCamera(target: OnvifTarget): Promise<OnvifProbeResult> {
  const connection = await OnvifConnection.open(target);
  try {
    const info = await connection.deviceInfo();
    const profiles = await connection.profiles();
    return { xaddr: connection.xaddr, ...info, profiles, events: connection.hasEvents };
  } finally {
    connection.close();
  }
}

/** The device service URL of a target, or a UserError-like OnvifError('failed') naming what is wrong. */
export function deviceServiceUrl(target: OnvifTarget): URL {
  if (target.xaddr) {
    let url: URL;
    try {
      url = new URL(target.xaddr);
    } catch {
      throw new OnvifError('failed', `xaddr: not a URL (expected e.g. http://192.168.1.20/onvif/device_service)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new OnvifError('failed', 'xaddr: only http:// or https:// ONVIF addresses');
    return url;
  }
  if (!target.host) throw new OnvifError('failed', 'xaddr or host: one is needed');
  const host = target.host.includes(':') && !target.host.startsWith('[') ? `[${target.host}]` : target.host;
  return new URL(`http://${host}:${target.port ?? 80}/onvif/device_service`);
}

/** Maps what the onvif client or the socket said to a reason and a sentence for the user. */
export function describeOnvifError(err: unknown, where: string, hadCredentials: boolean): OnvifError {
  if (err instanceof OnvifError) return err;
  const e = err as { code?: string; message?: string } | null;
  const code = e?.code ?? '';
  const message = String(e?.message ?? err);
  if (/NotAuthori[sz]ed|not authori[sz]ed|Digest authentication failed|Unauthorized/i.test(message)) {
    return new OnvifError(
      'unauthorized',
      hadCredentials
        ? `The camera at ${where} refused the user name or password`
        : `The camera at ${where} needs a user name and password`,
    );
  }
  if (code === 'ECONNREFUSED') return new OnvifError('unreachable', `Nothing answers at ${where} (connection refused)`);
  if (['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL'].includes(code)) {
    return new OnvifError('unreachable', `${where} cannot be reached (${code})`);
  }
  if (code === 'ETIMEDOUT' || /Network timeout|timed? ?out/i.test(message)) {
    return new OnvifError('timeout', `The camera at ${where} did not answer in time`);
  }
  if (code === 'ECONNRESET' || /socket hang up/i.test(message)) {
    return new OnvifError('unreachable', `The camera at ${where} closed the connection`);
  }
  if (
    /Wrong ONVIF SOAP response|Non-whitespace before first tag|Unexpected close tag|Invalid character|Unencoded/i.test(message)
  ) {
    return new OnvifError('not-onvif', `${where} answers, but not as an ONVIF device (no SOAP reply)`);
  }
  if (/ONVIF SOAP Fault/.test(message)) {
    return new OnvifError(
      'failed',
      `The camera at ${where} answered with an error: ${message.replace(/^ONVIF SOAP Fault:\s*/, '')}`,
    );
  }
  return new OnvifError('failed', `ONVIF request to ${where} failed: ${message}`);
}

/** When a subscription ends, on our clock: the camera's TerminationTime minus its CurrentTime (cameras' clocks drift). */
function localTermination(data: { terminationTime?: unknown; currentTime?: unknown } | null | undefined): number | null {
  const end = data?.terminationTime;
  if (!(end instanceof Date)) return null;
  const now = data?.currentTime;
  return now instanceof Date ? Date.now() + (end.getTime() - now.getTime()) : end.getTime();
}

function positive(value: unknown): number | null {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}
