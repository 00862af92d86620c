/**
 * A real HTTP server on 127.0.0.1 that answers like TMDB API v3 and like OMDb, with JSON shaped as their public docs
 * show, and serves poster images (real JPEG/PNG bytes). For the providers' tests and the engine's end-to-end tests.
 *
 *   const server = await MetadataTestServer.start();          // DEFAULT_CATALOGUE, TEST_KEYS
 *   new TmdbProvider({ apiKey: TEST_KEYS.tmdbApiKey, baseUrl: server.tmdbBaseUrl, imageBaseUrl: server.tmdbImageBaseUrl });
 *   new OmdbProvider({ apiKey: TEST_KEYS.omdbApiKey, baseUrl: server.omdbBaseUrl });
 *   server.setFault('tmdb', { type: 'html' });                // every TMDB answer is now a 502 web page
 *   server.requestsTo('tmdb', '/search');                     // what reached it
 *   await server.close();
 *
 * Wrong keys get each service's real refusal (TMDB 401 status_code 7; OMDb 401 "Invalid API key!").
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { ProviderError } from './metadata-types.js';
import { DEFAULT_CATALOGUE, JPEG_BYTES, PNG_BYTES, type MetadataCatalogue } from './metadata-fixtures.test-support.js';
import { omdbAnswer, tmdbAnswer, type Answer } from './metadata-answers.test-support.js';

export * from './metadata-fixtures.test-support.js';

/** The credentials the server accepts unless told otherwise. */
export const TEST_KEYS = {
  /** a v3 API key: 32 hex digits */
  tmdbApiKey: '0123456789abcdef0123456789abcdef',
  /** a v4 read access token: a JWT */
  tmdbToken:
    'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIwMTIzNDU2Nzg5YWJjZGVmIiwic3ViIjoicmFjb29uLXRlc3QiLCJzY29wZXMiOlsiYXBpX3JlYWQiXX0.c2lnbmF0dXJlLW9mLXRoZS1yYWNvb24tdGVzdA',
  omdbApiKey: 'racoon01',
};
export type TestKeys = typeof TEST_KEYS;

export type ServiceName = 'tmdb' | 'omdb' | 'images';

/** Misbehaviour set per service with setFault; it stays until cleared. */
export type Fault =
  /** answer normally, but only after `ms` */
  | { type: 'delay'; ms: number }
  /** 200, application/json, a truncated document */
  | { type: 'malformed-json' }
  /** an nginx/Cloudflare-style error page, text/html (default status 502) */
  | { type: 'html'; status?: number }
  /** 429 with Retry-After (TMDB's status_code 25 body) */
  | { type: 'rate-limit'; retryAfterSec?: number }
  /** a JSON-typed body of `bytes`, with Content-Length only when `declareLength` */
  | { type: 'huge'; bytes: number; declareLength?: boolean }
  /** any status, body and content type, e.g. an SVG "poster" */
  | { type: 'status'; status: number; body?: string; contentType?: string };

/** The faults that replace the answer (a delay only postpones it). */
type AnswerFault = Exclude<Fault, { type: 'delay' }>;

export interface RecordedRequest {
  service: ServiceName;
  method: string;
  /** the path below the service's base URL, e.g. '/search/multi', '/tv/1396/season/1', '/' for OMDb */
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export interface MetadataServerOptions {
  catalogue?: MetadataCatalogue;
  keys?: Partial<TestKeys>;
}

const PREFIX: Record<ServiceName, string> = { tmdb: '/tmdb/3', omdb: '/omdb', images: '/images' };

export class MetadataTestServer {
  /** every request received, in order */
  readonly requests: RecordedRequest[] = [];
  private readonly faults = new Map<ServiceName, Fault>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly catalogue: MetadataCatalogue;
  private readonly keys: TestKeys;

  private constructor(
    private readonly server: http.Server,
    options: MetadataServerOptions,
  ) {
    this.catalogue = options.catalogue ?? DEFAULT_CATALOGUE;
    this.keys = { ...TEST_KEYS, ...options.keys };
  }

  static async start(options: MetadataServerOptions = {}): Promise<MetadataTestServer> {
    const server = http.createServer();
    const self = new MetadataTestServer(server, options);
    server.on('request', (req, res) => self.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return self;
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  /** TmdbOptions.baseUrl */
  get tmdbBaseUrl(): string {
    return this.url + PREFIX.tmdb;
  }
  /** TmdbOptions.imageBaseUrl (posters at `<this>w500/<file>`) */
  get tmdbImageBaseUrl(): string {
    return `${this.url}${PREFIX.images}/tmdb/t/p/`;
  }
  /** OmdbOptions.baseUrl */
  get omdbBaseUrl(): string {
    return `${this.url}${PREFIX.omdb}/`;
  }

  /** Requests one service received, optionally only those whose path starts with `pathPrefix`. */
  requestsTo(service: ServiceName, pathPrefix = ''): RecordedRequest[] {
    return this.requests.filter((r) => r.service === service && r.path.startsWith(pathPrefix));
  }

  /** Makes every answer of `service` misbehave as `fault` says, until cleared with null. */
  setFault(service: ServiceName, fault: Fault | null): void {
    if (fault) this.faults.set(service, fault);
    else this.faults.delete(service);
  }

  /** Forgets recorded requests and faults. */
  reset(): void {
    this.requests.length = 0;
    this.faults.clear();
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const service = (Object.keys(PREFIX) as ServiceName[]).find(
      (s) => url.pathname === PREFIX[s] || url.pathname.startsWith(PREFIX[s] + '/'),
    );
    if (!service) return send(res, { status: 404, type: 'text/plain', body: 'no such service' });
    const path = url.pathname.slice(PREFIX[service].length) || '/';
    const request: RecordedRequest = {
      service,
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    };
    this.requests.push(request);
    const fault = this.faults.get(service);
    if (fault?.type === 'delay') {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) this.answer(request, res, undefined);
      }, fault.ms);
      this.timers.add(timer);
      return;
    }
    this.answer(request, res, fault);
  }

  private answer(request: RecordedRequest, res: http.ServerResponse, fault: AnswerFault | undefined): void {
    if (fault) return faultAnswer(res, fault);
    if (request.service === 'images') return send(res, imageAnswer(request.path));
    if (request.service === 'tmdb') return send(res, tmdbAnswer(request, this.catalogue, this.keys));
    send(res, omdbAnswer(request, this.catalogue, this.keys, this.url + PREFIX.images + '/omdb'));
  }
}

function imageAnswer(path: string): Answer {
  if (path.endsWith('.png')) return { status: 200, type: 'image/png', body: PNG_BYTES };
  if (path.endsWith('.jpg')) return { status: 200, type: 'image/jpeg', body: JPEG_BYTES };
  return { status: 404, type: 'text/plain', body: 'Not Found' };
}

function send(res: http.ServerResponse, answer: Answer): void {
  const body = typeof answer.body === 'string' || Buffer.isBuffer(answer.body) ? answer.body : JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json;charset=utf-8', ...answer.headers });
  res.end(body);
}

function faultAnswer(res: http.ServerResponse, fault: AnswerFault): void {
  switch (fault.type) {
    case 'malformed-json':
      return send(res, { status: 200, body: '{"page":1,"results":[{"id":603,"title":"The Ma' });
    case 'html': {
      const status = fault.status ?? 502;
      const body = `<!DOCTYPE html>\n<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;
      return send(res, { status, type: 'text/html', body });
    }
    case 'rate-limit': {
      const body = {
        success: false,
        status_code: 25,
        status_message: 'Your request count (41) is over the allowed limit of (40).',
      };
      return send(res, { status: 429, body, headers: { 'retry-after': String(fault.retryAfterSec ?? 10) } });
    }
    case 'status':
      return send(res, { status: fault.status, type: fault.contentType, body: fault.body ?? '' });
    case 'huge':
      return streamHuge(res, fault.bytes, fault.declareLength ?? false);
  }
}

/** Streams `bytes` of valid-looking JSON in chunks, honouring backpressure and stopping when the client hangs up. */
function streamHuge(res: http.ServerResponse, bytes: number, declareLength: boolean): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(bytes) } : {}) });
  const head = '{"results":[],"padding":"';
  const tail = '"}';
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = bytes - head.length - tail.length;
  res.write(head);
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

/** The ProviderError a promise rejects with (fails the test when it resolves or throws something else). */
export async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}
