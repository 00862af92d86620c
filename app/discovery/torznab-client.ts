import { planSearch, type TorznabQuery } from './torznab-plan.js';
import { TorznabFormatError, excerpt, parseCaps, parseResults, type TorznabCaps, type TorznabRelease } from './torznab-xml.js';

/**
 * One Torznab indexer (a Jackett or Prowlarr feed). It reads the indexer's capabilities (`t=caps`, cached), turns a
 * search into the most specific request the caps allow, and reads the RSS answer into plain releases. Anything that is
 * not a good Torznab answer — an HTTP error, a web page, malformed XML, a `<error>` document, a slow server — becomes an
 * IndexerError with a message fit for the user (never the API key).
 */

// Split across modules to stay readable; everything stays importable from here.
export { planSearch, type SearchKind, type SearchPlan, type TorznabQuery } from './torznab-plan.js';
export {
  TorznabFormatError,
  decodeXmlEntities,
  excerpt,
  infoHashFromMagnet,
  normaliseInfoHash,
  parseCaps,
  parseResults,
  readTorznabDocument,
  type TorznabCaps,
  type TorznabCategory,
  type TorznabMode,
  type TorznabRelease,
} from './torznab-xml.js';

/** The caps with when they were read: plain JSON, so the caller can persist it and hand it back via `restoreCaps`. */
export interface CachedCaps {
  caps: TorznabCaps;
  fetchedAt: string;
}

export interface TorznabIndexerConfig {
  id: string;
  name: string;
  /** the Torznab feed URL as Jackett/Prowlarr show it; `api` is appended unless the path already ends with it */
  url: string;
  apiKey: string;
  /** one whole search (caps included when they must be read); default 15 s */
  timeoutMs?: number;
  /** default 24 h */
  capsTtlMs?: number;
  /** results asked for, clipped to the caps' max; default 100 */
  limit?: number;
  /** default 20 MiB */
  maxBodyBytes?: number;
  /** caps persisted earlier (see `cachedCaps`) */
  caps?: CachedCaps | null;
  fetch?: typeof fetch;
  now?: () => number;
}

export type IndexerErrorKind = 'timeout' | 'network' | 'http' | 'api' | 'invalid-response' | 'unsupported';

export class IndexerError extends Error {
  override name = 'IndexerError';
  /** an upstream failed: 502 in the API */
  readonly statusCode = 502;
  constructor(
    readonly indexerId: string,
    readonly indexerName: string,
    readonly kind: IndexerErrorKind,
    /** the message without the indexer's name */
    readonly detail: string,
    /** the Torznab error code of an `<error>` document */
    readonly code: number | null = null,
  ) {
    super(`Indexer "${indexerName}": ${detail}`);
  }
}

function apiUrl(feed: string): URL {
  const url = new URL(feed);
  if (!/\/api\/?$/u.test(url.pathname)) url.pathname = url.pathname.replace(/\/?$/u, '/api');
  return url;
}

/** Rejects with the signal's reason once it aborts, so a shared in-flight promise cannot outlive a caller's deadline. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class TorznabIndexer {
  readonly id: string;
  readonly name: string;
  private readonly endpoint: URL;
  private readonly timeoutMs: number;
  private readonly capsTtlMs: number;
  private readonly limit: number;
  private readonly maxBodyBytes: number;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private cached: CachedCaps | null;
  private capsInFlight: Promise<TorznabCaps> | null = null;

  constructor(private readonly config: TorznabIndexerConfig) {
    this.id = config.id;
    this.name = config.name;
    this.endpoint = apiUrl(config.url);
    this.timeoutMs = config.timeoutMs ?? 15_000;
    this.capsTtlMs = config.capsTtlMs ?? 24 * 3600_000;
    this.limit = config.limit ?? 100;
    this.maxBodyBytes = config.maxBodyBytes ?? 20 * 1024 * 1024;
    this.fetch = config.fetch ?? globalThis.fetch;
    this.now = config.now ?? Date.now;
    this.cached = config.caps ?? null;
  }

  /** The caps, read again only when the cached copy is older than the TTL (or `refresh`). */
  async caps(options: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<TorznabCaps> {
    const fresh = this.cached && this.now() - Date.parse(this.cached.fetchedAt) < this.capsTtlMs;
    if (fresh && !options.refresh) return this.cached!.caps;
    const signal = options.signal ?? AbortSignal.timeout(this.timeoutMs);
    // concurrent searches share one caps request
    this.capsInFlight ??= this.request({ t: 'caps' }, AbortSignal.timeout(this.timeoutMs), parseCaps)
      .then((caps) => {
        this.cached = { caps, fetchedAt: new Date(this.now()).toISOString() };
        return caps;
      })
      .finally(() => (this.capsInFlight = null));
    try {
      return await abortable(this.capsInFlight, signal);
    } catch (err) {
      throw this.failure(err, signal);
    }
  }

  cachedCaps(): CachedCaps | null {
    return this.cached;
  }

  restoreCaps(cached: CachedCaps | null): void {
    this.cached = cached;
  }

  /** Throws IndexerError; kind 'unsupported' (nothing sent) when these caps cannot express the query. */
  async search(query: TorznabQuery): Promise<TorznabRelease[]> {
    const signal = AbortSignal.timeout(this.timeoutMs); // one deadline for caps and search together
    const plan = planSearch(await this.caps({ signal }), query, this.limit);
    if ('unsupported' in plan) throw this.error('unsupported', plan.unsupported);
    return this.request(plan.params, signal, (body) => parseResults(body, this));
  }

  private async request<T>(params: Record<string, string>, signal: AbortSignal, read: (body: string) => T): Promise<T> {
    const url = new URL(this.endpoint);
    for (const [k, v] of Object.entries({ ...params, apikey: this.config.apiKey })) url.searchParams.set(k, v);
    try {
      const res = await this.fetch(url, { signal, headers: { accept: 'application/rss+xml, application/xml, text/xml' } });
      const body = await this.readBody(res);
      if (res.ok) return read(body);
      try {
        read(body); // a Torznab <error> document says more than the status
      } catch (err) {
        if (err instanceof TorznabFormatError && err.kind === 'api') throw err;
      }
      throw this.error('http', `HTTP ${res.status} ${res.statusText}: ${excerpt(body)}`.trim());
    } catch (err) {
      throw this.failure(err, signal);
    }
  }

  private async readBody(res: Response): Promise<string> {
    const tooBig = () =>
      `answered more than ${Math.round(this.maxBodyBytes / 1024 / 1024)} MiB (limit ${this.maxBodyBytes} bytes)`;
    if (Number(res.headers.get('content-length')) > this.maxBodyBytes) {
      await res.body?.cancel().catch(() => {});
      throw this.error('invalid-response', tooBig());
    }
    if (!res.body) return '';
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > this.maxBodyBytes) {
        await reader.cancel().catch(() => {});
        throw this.error('invalid-response', tooBig());
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Every error goes through here so the API key never reaches a message, even when a server echoes the URL. */
  private error(kind: IndexerErrorKind, detail: string, code: number | null = null): IndexerError {
    const secret = this.config.apiKey;
    return new IndexerError(this.id, this.name, kind, secret ? detail.split(secret).join('[api key]') : detail, code);
  }

  private failure(err: unknown, signal: AbortSignal): IndexerError {
    if (err instanceof IndexerError) return err;
    if (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError') {
      return this.error('timeout', `timed out after ${this.timeoutMs} ms`);
    }
    if (err instanceof TorznabFormatError) return this.error(err.kind, err.message, err.code);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    return this.error('network', `could not reach ${this.endpoint.host} (${why})`);
  }
}
