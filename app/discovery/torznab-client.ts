import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * One Torznab indexer (a Jackett or Prowlarr feed). It reads the indexer's capabilities (`t=caps`, cached), turns a
 * search into the most specific request the caps allow, and reads the RSS answer into plain releases. Anything that is
 * not a good Torznab answer — an HTTP error, a web page, malformed XML, a `<error>` document, a slow server — becomes an
 * IndexerError with a message fit for the user (never the API key).
 */

export type SearchKind = 'movie' | 'series' | 'any';

export interface TorznabQuery {
  kind: SearchKind;
  q?: string;
  imdbId?: string;
  tmdbId?: number;
  tvdbId?: number;
  season?: number;
  episode?: number;
  year?: number;
  /** Torznab category ids; default: the kind's standard ones (2000 movies / 5000 TV and their subcats) from the caps */
  categories?: number[];
}

export type TorznabMode = 'search' | 'tv-search' | 'movie-search';

export interface TorznabCategory {
  id: number;
  name: string;
  subcats: { id: number; name: string }[];
}

export interface TorznabCaps {
  serverTitle: string | null;
  limits: { max: number | null; default: number | null };
  /** supportedParams lower-cased, e.g. ['q', 'season', 'ep', 'imdbid'] */
  modes: Record<TorznabMode, { available: boolean; supportedParams: string[] }>;
  categories: TorznabCategory[];
}

/** The caps with when they were read: plain JSON, so the caller can persist it and hand it back via `restoreCaps`. */
export interface CachedCaps {
  caps: TorznabCaps;
  fetchedAt: string;
}

export interface TorznabRelease {
  indexerId: string;
  indexer: string;
  title: string;
  guid: string;
  /** the .torrent download URL (enclosure, else <link>); a magnet when the indexer has nothing else */
  link: string | null;
  magnetUrl: string | null;
  /** lower-case 40-hex */
  infoHash: string | null;
  /** bytes; 0 when the indexer did not say */
  size: number;
  seeders: number | null;
  /** seeders + leechers, as Torznab defines it */
  peers: number | null;
  leechers: number | null;
  publishDate: string | null;
  categories: number[];
  downloadVolumeFactor: number | null;
  uploadVolumeFactor: number | null;
  /** 'tt' + at least 7 digits */
  imdbId: string | null;
  tmdbId: number | null;
  /** the release's page on the tracker */
  infoUrl: string | null;
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

/** What a document says is wrong with it; the client turns it into an IndexerError. */
export class TorznabFormatError extends Error {
  constructor(
    readonly kind: 'api' | 'invalid-response',
    message: string,
    readonly code: number | null = null,
  ) {
    super(message);
  }
}

// ---- XML ----------------------------------------------------------------------------------------------------------

// Only the five XML entities and character references are decoded, by us: the parser's own entity processing is off,
// so a DOCTYPE can declare entities but none is ever expanded (no billion-laughs).
const ENTITY_RE = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos));/giu;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_RE, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name.toLowerCase()];
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  tagValueProcessor: (_name, value) => decodeXmlEntities(value),
  attributeValueProcessor: (_name, value) => decodeXmlEntities(value),
  isArray: (name, _path, _leaf, isAttribute) =>
    !isAttribute && (name === 'item' || name === 'category' || name === 'subcat' || /(^|:)attr$/u.test(name)),
});

type Node = Record<string, unknown>;
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const text = (v: unknown): string | null => {
  const raw = typeof v === 'object' && v !== null ? node(v)['#text'] : v;
  const s = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
  return s === '' ? null : s;
};
const num = (v: unknown): number | null => {
  const s = text(v);
  const n = s === null ? NaN : Number(s);
  return Number.isFinite(n) ? n : null;
};
const int = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.trunc(n);
};

/** A short, quoted excerpt of a body for an error message. */
export function excerpt(body: string, max = 120): string {
  const flat = body
    .slice(0, 4096)
    .replace(/<[^>]*>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return JSON.stringify(flat.length > max ? flat.slice(0, max) + '…' : flat);
}

/** Checks that `body` is a well-formed XML document whose root is `root` and returns that root element. */
export function readTorznabDocument(body: string, root: 'caps' | 'rss'): Node {
  const doc = body.replace(/^\uFEFF/u, '').trimStart();
  if (/^(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html|head|body)[\s>]/iu.test(doc)) {
    const title = /<title[^>]*>([^<]*)<\/title>/iu.exec(doc)?.[1];
    throw new TorznabFormatError('invalid-response', `answered an HTML page instead of Torznab XML: ${excerpt(title ?? doc)}`);
  }
  if (!doc.startsWith('<'))
    throw new TorznabFormatError('invalid-response', `answered something that is not XML: ${excerpt(doc)}`);
  if (/<!ENTITY/iu.test(doc)) {
    throw new TorznabFormatError('invalid-response', 'answered XML that declares entities (refused: Torznab never needs them)');
  }
  const valid = XMLValidator.validate(doc);
  if (valid !== true) {
    throw new TorznabFormatError('invalid-response', `answered malformed XML (line ${valid.err.line}: ${valid.err.msg})`);
  }
  let parsed: Node;
  try {
    parsed = node(parser.parse(doc));
  } catch (err) {
    throw new TorznabFormatError('invalid-response', `answered unreadable XML (${(err as Error).message})`);
  }
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (rootName === 'error') {
    const error = node(parsed.error);
    const code = int(error['@code']);
    const description = text(error['@description']) ?? 'no description';
    throw new TorznabFormatError('api', `${description} (Torznab error ${code ?? '?'})`, code);
  }
  if (rootName !== root) throw new TorznabFormatError('invalid-response', `answered <${rootName}> where <${root}> was expected`);
  return node(parsed[root]);
}

export function parseCaps(body: string): TorznabCaps {
  const caps = readTorznabDocument(body, 'caps');
  const searching = node(caps.searching);
  const mode = (name: TorznabMode) => {
    const el = searching[name];
    const params = text(node(el)['@supportedParams']) ?? 'q';
    return {
      available: el !== undefined && /^(yes|true)$/iu.test(text(node(el)['@available']) ?? ''),
      supportedParams: params
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean),
    };
  };
  const limits = node(caps.limits);
  return {
    serverTitle: text(node(caps.server)['@title']),
    limits: { max: int(limits['@max']), default: int(limits['@default']) },
    modes: { search: mode('search'), 'tv-search': mode('tv-search'), 'movie-search': mode('movie-search') },
    categories: list(node(caps.categories).category).flatMap((c) => {
      const id = int(node(c)['@id']);
      if (id === null) return [];
      const subcats = list(node(c).subcat).flatMap((s) => {
        const subId = int(node(s)['@id']);
        return subId === null ? [] : [{ id: subId, name: text(node(s)['@name']) ?? String(subId) }];
      });
      return [{ id, name: text(node(c)['@name']) ?? String(id), subcats }];
    }),
  };
}

// ---- releases -----------------------------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A BitTorrent v1 info-hash as lower-case hex, from hex (40) or base32 (32, as some magnets carry it); else null. */
export function normaliseInfoHash(value: string | null | undefined): string | null {
  const v = value?.trim() ?? '';
  if (/^[0-9a-f]{40}$/iu.test(v)) return v.toLowerCase();
  if (!/^[A-Z2-7]{32}$/iu.test(v)) return null;
  let bits = '';
  for (const ch of v.toUpperCase()) bits += BASE32.indexOf(ch).toString(2).padStart(5, '0');
  return bits
    .match(/.{4}/gu)!
    .map((nibble) => parseInt(nibble, 2).toString(16))
    .join('');
}

export function infoHashFromMagnet(magnet: string | null | undefined): string | null {
  const m = /[?&]xt=urn:btih:([0-9a-z]+)/iu.exec(magnet ?? '');
  return m ? normaliseInfoHash(m[1]) : null;
}

function normaliseImdb(value: string | null): string | null {
  const digits = /^(?:tt)?(\d{1,10})$/iu.exec(value?.trim() ?? '')?.[1];
  return digits && Number(digits) > 0 ? 'tt' + digits.padStart(7, '0') : null;
}

const isMagnet = (s: string | null): s is string => s !== null && /^magnet:\?/iu.test(s);

export function parseResults(body: string, indexer: { id: string; name: string }): TorznabRelease[] {
  const channel = node(readTorznabDocument(body, 'rss').channel);
  return list(channel.item).flatMap((raw) => {
    const item = node(raw);
    const title = text(item.title);
    if (!title) return [];
    const attrs = new Map<string, string[]>();
    for (const [key, value] of Object.entries(item)) {
      if (!/(^|:)attr$/u.test(key)) continue;
      for (const a of list(value)) {
        const name = text(node(a)['@name'])?.toLowerCase();
        const v = text(node(a)['@value']);
        if (name && v !== null) attrs.set(name, [...(attrs.get(name) ?? []), v]);
      }
    }
    const attr = (name: string) => attrs.get(name)?.[0] ?? null;
    const enclosure = node(list(item.enclosure)[0]);
    const link = text(enclosure['@url']) ?? text(item.link);
    const guid = text(item.guid);
    const magnetUrl = [attr('magneturl'), link, text(item.link), guid].find(isMagnet) ?? null;
    const seeders = int(attr('seeders'));
    const peers = int(attr('peers'));
    const leechers = int(attr('leechers')) ?? (peers !== null && seeders !== null ? Math.max(0, peers - seeders) : null);
    const published = Date.parse(text(item.pubDate) ?? '');
    const categories = [...list(item.category), ...(attrs.get('category') ?? [])].map(int).filter((c) => c !== null);
    return [
      {
        indexerId: indexer.id,
        indexer: indexer.name,
        title,
        guid: guid ?? link ?? title,
        link,
        magnetUrl,
        infoHash: normaliseInfoHash(attr('infohash')) ?? infoHashFromMagnet(magnetUrl),
        size: num(item.size) ?? num(attr('size')) ?? num(enclosure['@length']) ?? 0,
        seeders,
        peers,
        leechers,
        publishDate: Number.isFinite(published) ? new Date(published).toISOString() : null,
        categories: [...new Set(categories)],
        downloadVolumeFactor: num(attr('downloadvolumefactor')),
        uploadVolumeFactor: num(attr('uploadvolumefactor')),
        imdbId: normaliseImdb(attr('imdbid') ?? attr('imdb')),
        tmdbId: int(attr('tmdbid')),
        infoUrl: text(item.comments),
      },
    ];
  });
}

// ---- request planning ---------------------------------------------------------------------------------------------

export interface SearchPlan {
  mode: TorznabMode;
  /** the query string without apikey */
  params: Record<string, string>;
}

const T_PARAM: Record<TorznabMode, string> = { search: 'search', 'tv-search': 'tvsearch', 'movie-search': 'movie' };
const KIND_RANGE: Record<SearchKind, [number, number] | null> = { movie: [2000, 3000], series: [5000, 6000], any: null };
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The most specific request these caps allow, or a reason why none can express the query. Sends only parameters the
 * mode advertises, because Jackett refuses a query with any other (error 201/203).
 */
export function planSearch(caps: TorznabCaps, query: TorznabQuery, limit = 100): SearchPlan | { unsupported: string } {
  const special: TorznabMode | null = query.kind === 'movie' ? 'movie-search' : query.kind === 'series' ? 'tv-search' : null;
  const mode: TorznabMode = special && caps.modes[special].available ? special : 'search';
  if (mode === 'search' && !caps.modes.search.available) return { unsupported: 'the indexer offers no search mode for this' };
  const supports = new Set(caps.modes[mode].supportedParams);
  const params: Record<string, string> = { t: T_PARAM[mode], extended: '1' };

  // an id names the title exactly, so it beats a free-text query
  const imdb = normaliseImdb(query.imdbId ?? null);
  if (mode !== 'search' && imdb && supports.has('imdbid')) params.imdbid = imdb;
  if (mode !== 'search' && query.tmdbId && supports.has('tmdbid')) params.tmdbid = String(query.tmdbId);
  if (mode === 'tv-search' && query.tvdbId && supports.has('tvdbid')) params.tvdbid = String(query.tvdbId);
  const byId = 'imdbid' in params || 'tmdbid' in params || 'tvdbid' in params;
  let q = byId ? '' : (query.q?.trim() ?? '');

  if (query.kind === 'series' && query.season != null) {
    const asParams = mode === 'tv-search' && supports.has('season');
    if (asParams) params.season = String(query.season);
    if (asParams && query.episode != null && supports.has('ep')) params.ep = String(query.episode);
    if (!asParams && q) q += ` S${pad(query.season)}${query.episode != null ? 'E' + pad(query.episode) : ''}`;
  }
  if (query.kind === 'movie' && query.year && mode === 'movie-search' && supports.has('year')) params.year = String(query.year);
  if (q) params.q = q;
  else if (!byId) return { unsupported: 'nothing to search for: no title, and no id this indexer can search by' };

  const range = KIND_RANGE[query.kind];
  const inRange = (id: number) => range !== null && id >= range[0] && id < range[1];
  const cats = query.categories?.length
    ? query.categories
    : caps.categories.flatMap((c) => [c, ...c.subcats]).flatMap((c) => (inRange(c.id) ? [c.id] : []));
  if (cats.length) params.cat = [...new Set(cats)].join(',');
  params.limit = String(Math.max(1, Math.min(limit, caps.limits.max ?? limit)));
  return { mode, params };
}

// ---- the indexer --------------------------------------------------------------------------------------------------

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
