/**
 * The media server's HTTP side: device and service descriptions, icons, SOAP control, GENA eventing and media for
 * renderers. Plain node http (UPnP needs SUBSCRIBE/UNSUBSCRIBE and raw bodies), one server per interface address on one
 * port, a small route table. Every response carries SERVER; request bodies are bounded and read with a timeout; bad
 * input gets a status or a UPnP fault, never a crash.
 */
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import { packageRoot } from '../core/version.js';
import { ControlActions } from './control-actions.js';
import { DEVICE_ICONS, deviceDescriptionXml } from './device-description.js';
import { SOURCE_PROTOCOL_INFO } from './dlna-protocol-info.js';
import { DLNA_PATHS, UpnpError, type ContentDirectoryService, type DlnaIdentity } from './dlna-types.js';
import { GenaEventing, type GenaOptions } from './gena.js';
import {
  MediaResponder,
  sendStatus,
  serveThumbnail,
  type MediaRequestContext,
  type MediaResponderOptions,
} from './media-responder.js';
import { RendererMemory } from './renderer-memory.js';
import type { RendererDetection } from './renderer-quirks.js';
import { scpdXml, SERVICES, type ServiceKey } from './service-descriptions.js';
import { ssdpServerHeader } from './ssdp-messages.js';
import { BodyError, readBody } from './request-body.js';
import { parseSoapRequest, SOAP_BODY_LIMIT, soapFaultXml, soapResponseXml, SoapHttpError } from './soap.js';
import { TranscodeResponder, type TranscodeResponderOptions } from './transcode-responder.js';

export interface DlnaHttpServerOptions {
  identity: Pick<DlnaIdentity, 'uuid' | 'friendlyName' | 'serverHeader'>;
  contentDirectory: ContentDirectoryService;
  media: MediaResponderOptions & Omit<TranscodeResponderOptions, 'library' | 'log'>;
  /** which renderer is asking (RendererQuirksStore) */
  quirks: { detect(headers: http.IncomingHttpHeaders): RendererDetection };
  log: Logger;
  /** the web UI's address, offered in the description */
  presentationUrl?: string;
  /** folder of icon-48.png and icon-120.png (default: resources/dlna) */
  iconDir?: string;
  gena?: Pick<GenaOptions, 'maxSubscribers' | 'notifyTimeoutMs' | 'moderationMs'>;
  bodyTimeoutMs?: number;
}

type Request = http.IncomingMessage;
type Response = http.ServerResponse;

interface Call {
  request: Request;
  response: Response;
  url: URL;
  match: RegExpExecArray;
  context: MediaRequestContext;
}

interface Route {
  pattern: RegExp;
  methods: readonly string[];
  handle: (call: Call) => void | Promise<void>;
}

const READ = ['GET', 'HEAD'] as const;
const XML = 'text/xml; charset="utf-8"';

const exact = (pathname: string) => new RegExp(`^${pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

export class DlnaHttpServer {
  private readonly servers: http.Server[] = [];
  private readonly actions: ControlActions;
  private readonly gena: GenaEventing;
  private readonly files: MediaResponder;
  private readonly transcodes: TranscodeResponder;
  private readonly renderers = new RendererMemory();
  private readonly serverHeader: string;
  private readonly routes: Route[];
  private readonly icons = new Map<number, Buffer | null>();
  private stopUpdates: (() => void) | null = null;
  private boundPort = 0;

  constructor(private readonly options: DlnaHttpServerOptions) {
    // the same SERVER as the SSDP messages say
    this.serverHeader = ssdpServerHeader(options.identity.serverHeader, os.type(), os.release());
    const cds = options.contentDirectory;
    this.actions = new ControlActions(cds);
    this.gena = new GenaEventing({
      ...options.gena,
      serverHeader: this.serverHeader,
      log: options.log,
      state: (service) => GENA_STATE[service](cds),
    });
    this.files = new MediaResponder(options.media);
    this.transcodes = new TranscodeResponder({ ...options.media, log: options.log });
    this.routes = this.buildRoutes();
  }

  get port(): number {
    return this.boundPort;
  }

  /** Number of running transcodes (the engine's status page). */
  get activeTranscodes(): number {
    return this.transcodes.active;
  }

  /** One server per address, all on one port (0: the first picks a free one, the others take the same). */
  async listen(addresses: string[], port: number): Promise<number> {
    if (addresses.length === 0) throw new Error('the DLNA server needs at least one address to listen on');
    try {
      for (const address of addresses) {
        const server = this.createServer();
        this.servers.push(server);
        await listenOn(server, address, this.boundPort || port);
        this.boundPort = (server.address() as net.AddressInfo).port;
      }
    } catch (err) {
      await this.close();
      throw err;
    }
    this.stopUpdates ??= this.options.contentDirectory.onUpdate((id) => this.gena.publish('cds', { SystemUpdateID: id }));
    return this.boundPort;
  }

  async close(): Promise<void> {
    this.stopUpdates?.();
    this.stopUpdates = null;
    this.gena.close();
    await this.transcodes.close();
    const servers = this.servers.splice(0);
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private createServer(): http.Server {
    const server = http.createServer((request, response) => void this.dispatch(request, response));
    // slow or stalled clients can't hold a connection open before their request is in
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    server.maxHeadersCount = 100;
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    return server;
  }

  private async dispatch(request: Request, response: Response): Promise<void> {
    response.setHeader('Server', this.serverHeader);
    const method = request.method ?? '';
    try {
      const url = new URL(request.url ?? '/', 'http://dlna.invalid');
      const address = request.socket.localAddress ?? '127.0.0.1';
      const host = address.includes(':') ? `[${address}]` : address;
      const detected = this.options.quirks.detect(request.headers);
      const quirks = this.renderers.resolve(request.socket.remoteAddress ?? '', detected.quirks);
      const context: MediaRequestContext = { quirks, baseUrl: `http://${host}:${this.boundPort}` };
      for (const route of this.routes) {
        const match = route.pattern.exec(url.pathname);
        if (!match) continue;
        if (!route.methods.includes(method)) {
          return sendStatus(request, response, 405, 'Method not allowed', { Allow: route.methods.join(', ') });
        }
        this.options.log.debug({ method, path: url.pathname, renderer: quirks.name }, 'dlna: request');
        return await route.handle({ request, response, url, match, context });
      }
      sendStatus(request, response, 404, 'Not found');
    } catch (err) {
      this.options.log.error({ err, method, url: request.url }, 'dlna: request failed');
      sendStatus(request, response, 500, 'Internal error');
    }
  }

  private buildRoutes(): Route[] {
    const id = (text: string) => Number(text);
    const perService = (Object.keys(SERVICES) as ServiceKey[]).flatMap((key): Route[] => [
      { pattern: exact(DLNA_PATHS.scpd[key]), methods: READ, handle: (call) => send(call, 200, XML, scpdXml(SERVICES[key])) },
      { pattern: exact(DLNA_PATHS.control[key]), methods: ['POST'], handle: (call) => this.control(call, key) },
      { pattern: exact(DLNA_PATHS.event[key]), methods: ['SUBSCRIBE', 'UNSUBSCRIBE'], handle: (call) => this.event(call, key) },
    ]);
    return [
      { pattern: exact(DLNA_PATHS.description), methods: READ, handle: (call) => this.description(call) },
      ...DEVICE_ICONS.map((size): Route => ({
        pattern: exact(DLNA_PATHS.icon(size)),
        methods: READ,
        handle: (call) => this.icon(call, size),
      })),
      ...perService,
      {
        pattern: /^\/dlna\/media\/(\d{1,15})$/,
        methods: READ,
        handle: (call) => this.files.serveFile(call.request, call.response, id(call.match[1]), call.context),
      },
      {
        pattern: /^\/dlna\/transcode\/(\d{1,15})$/,
        methods: READ,
        handle: (call) =>
          this.transcodes.serve(
            call.request,
            call.response,
            id(call.match[1]),
            call.url.searchParams.get('profile'),
            call.context,
          ),
      },
      {
        pattern: /^\/dlna\/thumb\/(\d{1,15})\.jpg$/,
        methods: READ,
        handle: (call) => serveThumbnail(this.options.media, call.request, call.response, id(call.match[1])),
      },
      {
        pattern: /^\/dlna\/subtitle\/(\d{1,15})\/(\d{1,5})\.srt$/,
        methods: READ,
        handle: (call) =>
          this.files.serveSubtitle(call.request, call.response, id(call.match[1]), id(call.match[2]), call.context),
      },
    ];
  }

  private description(call: Call): void {
    const xml = deviceDescriptionXml(this.options.identity, {
      presentationUrl: this.options.presentationUrl,
      xboxCompatible: call.context.quirks.xboxContainerIds,
    });
    send(call, 200, XML, xml);
  }

  private icon(call: Call, size: number): void {
    if (!this.icons.has(size)) {
      const dir = this.options.iconDir ?? path.join(packageRoot(), 'resources', 'dlna');
      let bytes: Buffer | null = null;
      try {
        bytes = fs.readFileSync(path.join(dir, `icon-${size}.png`));
      } catch {
        this.options.log.warn({ dir, size }, 'dlna: device icon missing');
      }
      this.icons.set(size, bytes);
    }
    const icon = this.icons.get(size);
    if (!icon) return sendStatus(call.request, call.response, 404, 'Not found');
    send(call, 200, 'image/png', icon);
  }

  private async control(call: Call, service: ServiceKey): Promise<void> {
    const { request } = call;
    let body: string;
    try {
      body = await readBody(request, SOAP_BODY_LIMIT, this.options.bodyTimeoutMs ?? 10_000);
    } catch (err) {
      const status = err instanceof BodyError ? err.status : 400;
      const message = status === 413 ? 'Request body too large' : status === 408 ? 'Request body too slow' : 'Bad request';
      return sendStatus(request, call.response, status, message, { Connection: 'close' });
    }
    const soapAction = headerText(request, 'soapaction');
    const spec = SERVICES[service];
    let action = '';
    try {
      const parsed = parseSoapRequest(body, soapAction, spec.type);
      action = parsed.action;
      const outcome = this.actions.run(service, parsed.action, parsed.args, {
        baseUrl: call.context.baseUrl,
        client: call.context.quirks,
      });
      send(call, 200, XML, soapResponseXml(spec.type, parsed.action, outcome.values), { EXT: '' });
    } catch (err) {
      if (err instanceof SoapHttpError) {
        return sendStatus(request, call.response, err.httpStatus, err.message, { Connection: 'close' });
      }
      if (err instanceof UpnpError) {
        this.options.log.debug({ service, action, code: err.code, reason: err.message }, 'dlna: control fault');
        return send(call, 500, XML, soapFaultXml(err.code, err.message), { EXT: '' });
      }
      this.options.log.error({ err, service, action }, 'dlna: control action failed');
      send(call, 500, XML, soapFaultXml(501), { EXT: '' });
    }
  }

  private event(call: Call, service: ServiceKey): void {
    const { request, response } = call;
    const answer = this.gena.handle(request.method ?? '', service, request.headers);
    response.writeHead(answer.status, answer.headers);
    response.end();
    const sid = answer.newSid;
    if (sid) response.once('finish', () => this.gena.sendInitialEvent(sid));
  }
}

/** The evented variables of each service as they are now (a subscriber's initial event). */
const GENA_STATE: Record<ServiceKey, (cds: ContentDirectoryService) => Record<string, string | number>> = {
  cds: (cds) => ({ SystemUpdateID: cds.systemUpdateId(), ContainerUpdateIDs: '' }),
  cms: () => ({ SourceProtocolInfo: SOURCE_PROTOCOL_INFO, SinkProtocolInfo: '', CurrentConnectionIDs: '0' }),
  mrr: () => ({
    AuthorizationGrantedUpdateID: 0,
    AuthorizationDeniedUpdateID: 0,
    ValidationSucceededUpdateID: 0,
    ValidationRevokedUpdateID: 0,
  }),
};

function send(call: Call, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  call.response.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)) });
  call.response.end(call.request.method === 'HEAD' ? undefined : body);
}

function headerText(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function listenOn(server: http.Server, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
