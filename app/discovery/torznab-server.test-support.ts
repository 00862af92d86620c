import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 that speaks Torznab the way Jackett does, for tests and e2e scenarios. Each indexer
 * lives at `/api/v2.0/indexers/<name>/results/torznab/api` and answers `t=caps`, `t=search`, `t=tvsearch` and
 * `t=movie` with Jackett-shaped XML; like Jackett it answers a wrong key with `<error code="100">` and a parameter
 * its caps do not advertise with `<error code="201">`. Releases are filtered roughly as a tracker would (words of `q`,
 * season/ep, ids, categories), every request is recorded, and an indexer can be made slow or broken.
 *
 *   const server = await TorznabTestServer.start([{ name: 'alpha', releases: [...] }]);
 *   new TorznabIndexer({ id: 'a', name: 'Alpha', url: server.feedUrl('alpha'), apiKey: server.apiKey('alpha') });
 *
 * Download links point at `/api/v2.0/indexers/<name>/dl/<n>`: the release's `torrent` bytes when given, else a
 * 302 to its magnet (as Jackett answers magnet-only trackers), else 404.
 */

export interface FakeRelease {
  title: string;
  /** bytes */
  size: number;
  categories: number[];
  guid?: string;
  infoHash?: string;
  magnetUrl?: string;
  /** a .torrent served at this release's download link */
  torrent?: Buffer;
  /** no .torrent link: <link> and the enclosure carry the magnet, as Jackett writes magnet-only releases */
  magnetOnly?: boolean;
  seeders?: number;
  /** seeders + leechers */
  peers?: number;
  comments?: string;
  pubDate?: Date;
  imdbId?: string;
  tmdbId?: number;
  tvdbId?: number;
  /** used for filtering by season/ep only (a tracker knows them; the XML does not carry them) */
  season?: number;
  episode?: number;
  downloadVolumeFactor?: number;
  uploadVolumeFactor?: number;
}

export interface FakeCategory {
  id: number;
  name: string;
  subcats?: { id: number; name: string }[];
}

export type FakeMode = 'search' | 'tv-search' | 'movie-search';

/** How a broken indexer answers every request, caps included. */
export type Garbage = 'html' | 'http-500' | 'not-xml' | 'truncated' | 'huge' | 'entity-bomb';

export interface FakeIndexer {
  /** the path segment, as Jackett's indexer id ('rutracker') */
  name: string;
  /** default 'test-key-<name>' */
  apiKey?: string;
  releases?: FakeRelease[];
  /** supportedParams per mode, or false for unavailable; unlisted modes take the defaults below */
  modes?: Partial<Record<FakeMode, string[] | false>>;
  categories?: FakeCategory[];
  limits?: { max: number; default: number };
  /** wait this long before answering anything */
  delayMs?: number;
  garbage?: Garbage | null;
  /** size of the 'huge' body; default 21 MiB */
  hugeBytes?: number;
}

export interface RecordedRequest {
  indexer: string;
  /** the t parameter ('caps', 'search', 'tvsearch', 'movie') */
  t: string;
  params: Record<string, string>;
}

export const DEFAULT_MODES: Record<FakeMode, string[]> = {
  search: ['q'],
  'tv-search': ['q', 'season', 'ep', 'imdbid', 'tvdbid'],
  'movie-search': ['q', 'imdbid', 'tmdbid'],
};

export const DEFAULT_CATEGORIES: FakeCategory[] = [
  {
    id: 2000,
    name: 'Movies',
    subcats: [
      { id: 2040, name: 'Movies/HD' },
      { id: 2045, name: 'Movies/UHD' },
    ],
  },
  {
    id: 5000,
    name: 'TV',
    subcats: [
      { id: 5030, name: 'TV/SD' },
      { id: 5040, name: 'TV/HD' },
    ],
  },
  { id: 100001, name: 'Фильмы HD' },
];

const T_MODE: Record<string, FakeMode> = { search: 'search', tvsearch: 'tv-search', movie: 'movie-search' };
const FILTER_PARAMS = ['q', 'season', 'ep', 'imdbid', 'tmdbid', 'tvdbid', 'year'];

export const escapeXml = (s: string) =>
  s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const imdbDigits = (s: string | undefined) => (s ? String(Number(s.replace(/^tt/iu, ''))) : '');
const errorXml = (code: number, description: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<error code="${code}" description="${escapeXml(description)}" />`;

/** RFC 822 date as Jackett writes it: `Sat, 14 Mar 2015 17:10:42 +0000`. */
function rfc822(date: Date): string {
  return date.toUTCString().replace(/GMT$/u, '+0000');
}

export function capsXml(indexer: FakeIndexer): string {
  const mode = (m: FakeMode) => {
    const params = indexer.modes?.[m] === undefined ? DEFAULT_MODES[m] : indexer.modes[m];
    return `<${m} available="${params ? 'yes' : 'no'}" supportedParams="${(params || ['q']).join(',')}" />`;
  };
  const limits = indexer.limits ?? { max: 100, default: 100 };
  const cats = (indexer.categories ?? DEFAULT_CATEGORIES).map(
    (c) =>
      `    <category id="${c.id}" name="${escapeXml(c.name)}">` +
      (c.subcats ?? []).map((s) => `<subcat id="${s.id}" name="${escapeXml(s.name)}" />`).join('') +
      '</category>',
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<caps>',
    '  <server title="Jackett" />',
    `  <limits max="${limits.max}" default="${limits.default}" />`,
    '  <searching>',
    `    ${mode('search')}`,
    `    ${mode('tv-search')}`,
    `    ${mode('movie-search')}`,
    '    <music-search available="no" supportedParams="q" />',
    '    <audio-search available="no" supportedParams="q" />',
    '  </searching>',
    '  <categories>',
    ...cats,
    '  </categories>',
    '</caps>',
  ].join('\n');
}

export function rssXml(indexer: FakeIndexer, releases: FakeRelease[], origin: string): string {
  const attr = (name: string, value: string | number | undefined) =>
    value === undefined ? '' : `\n      <torznab:attr name="${name}" value="${escapeXml(String(value))}" />`;
  const items = releases.map((r) => {
    const n = (indexer.releases ?? []).indexOf(r);
    const dl = `${origin}/api/v2.0/indexers/${indexer.name}/dl/${n}?jackett_apikey=k&path=x&file=${encodeURIComponent(r.title)}`;
    const link = r.magnetOnly && r.magnetUrl ? r.magnetUrl : dl;
    const imdb = r.imdbId ? imdbDigits(r.imdbId).padStart(7, '0') : undefined;
    return `
    <item>
      <title>${escapeXml(r.title)}</title>
      <guid>${escapeXml(r.guid ?? `${origin}/details/${indexer.name}/${n}`)}</guid>
      <jackettindexer id="${indexer.name}">${escapeXml(indexer.name)}</jackettindexer>
      <type>public</type>${r.comments ? `\n      <comments>${escapeXml(r.comments)}</comments>` : ''}
      <pubDate>${rfc822(r.pubDate ?? new Date('2024-03-01T12:00:00Z'))}</pubDate>
      <size>${r.size}</size>
      <description />
      <link>${escapeXml(link)}</link>${r.categories.map((c) => `\n      <category>${c}</category>`).join('')}
      <enclosure url="${escapeXml(link)}" length="${r.size}" type="application/x-bittorrent" />${r.categories
        .map((c) => attr('category', c))
        .join('')}${attr('tvdbid', r.tvdbId)}${attr('imdb', imdb)}${attr('imdbid', imdb && 'tt' + imdb)}${attr(
        'tmdbid',
        r.tmdbId,
      )}${attr('seeders', r.seeders)}${attr('peers', r.peers)}${attr('infohash', r.infoHash)}${attr(
        'magneturl',
        r.magnetUrl,
      )}${attr('downloadvolumefactor', r.downloadVolumeFactor)}${attr('uploadvolumefactor', r.uploadVolumeFactor)}
    </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:torznab="http://torznab.com/schemas/2015/feed">
  <channel>
    <atom:link href="${origin}/" rel="self" type="application/rss+xml" />
    <title>${escapeXml(indexer.name)}</title>
    <description>${escapeXml(indexer.name)} test indexer</description>
    <link>https://tracker.invalid/</link>
    <language>en-US</language>
    <category>search</category>${items.join('')}
  </channel>
</rss>`;
}

/** The releases a tracker would answer for these parameters. */
export function filterReleases(releases: FakeRelease[], p: Record<string, string>): FakeRelease[] {
  const cats = p.cat ? p.cat.split(',').map(Number) : null;
  return releases
    .filter((r) => !p.q || words(p.q).every((w) => words(r.title).includes(w)))
    .filter((r) => !p.season || r.season === Number(p.season))
    .filter((r) => !p.ep || r.episode === Number(p.ep))
    .filter((r) => !p.imdbid || imdbDigits(r.imdbId) === imdbDigits(p.imdbid))
    .filter((r) => !p.tmdbid || r.tmdbId === Number(p.tmdbid))
    .filter((r) => !p.tvdbid || r.tvdbId === Number(p.tvdbid))
    .filter((r) => !cats || r.categories.some((c) => cats.includes(c) || cats.includes(Math.floor(c / 1000) * 1000)))
    .slice(0, Number(p.limit) || 100);
}

export class TorznabTestServer {
  /** every Torznab request, in arrival order (download requests are not recorded) */
  readonly requests: RecordedRequest[] = [];
  private readonly indexers = new Map<string, FakeIndexer>();

  private constructor(
    private readonly server: http.Server,
    readonly origin: string,
  ) {}

  static async start(indexers: FakeIndexer[] = []): Promise<TorznabTestServer> {
    let self: TorznabTestServer | undefined;
    const server = http.createServer((req, res) => {
      self!.handle(req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err.stack ?? err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = new TorznabTestServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    for (const indexer of indexers) self.add(indexer);
    return self;
  }

  /** The feed URL as Jackett shows it (a client appends `api`). */
  feedUrl(name: string): string {
    return `${this.origin}/api/v2.0/indexers/${name}/results/torznab/`;
  }

  apiKey(name: string): string {
    return this.get(name).apiKey!;
  }

  add(indexer: FakeIndexer): void {
    this.indexers.set(indexer.name, { ...indexer, apiKey: indexer.apiKey ?? `test-key-${indexer.name}` });
  }

  /** Changes an indexer in place (make it slow, broken, or give it other releases). */
  update(name: string, patch: Partial<Omit<FakeIndexer, 'name'>>): void {
    Object.assign(this.get(name), patch);
  }

  requestsFor(name: string, t?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.indexer === name && (t === undefined || r.t === t));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private get(name: string): FakeIndexer {
    const indexer = this.indexers.get(name);
    if (!indexer) throw new Error(`no fake indexer named ${name}`);
    return indexer;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const m = /^\/api\/v2\.0\/indexers\/([^/]+)\/(?:results\/torznab(?:\/api)?\/?|dl\/(\d+))$/u.exec(url.pathname);
    const indexer = m ? this.indexers.get(decodeURIComponent(m[1])) : undefined;
    if (!m || !indexer) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    if (m[2] !== undefined) return this.download(indexer, Number(m[2]), res);

    const params = Object.fromEntries(url.searchParams);
    this.requests.push({ indexer: indexer.name, t: params.t ?? '', params });
    if (indexer.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, indexer.delayMs));
      if (res.destroyed) return;
    }
    if (indexer.garbage) return this.garbage(indexer, indexer.garbage, res);

    const xml = (status: number, body: string) =>
      void res.writeHead(status, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body);
    // Jackett answers Torznab filter failures with status 200 and an <error> document
    if ((params.apikey ?? params.passkey) !== indexer.apiKey) return xml(200, errorXml(100, 'Invalid API Key'));
    if (params.t === 'caps') return xml(200, capsXml(indexer));
    const mode = T_MODE[params.t ?? ''];
    const supported = mode && (indexer.modes?.[mode] === undefined ? DEFAULT_MODES[mode] : indexer.modes[mode]);
    const unsupported = FILTER_PARAMS.filter((p) => p in params && !(supported || []).includes(p));
    if (!supported || unsupported.length) {
      return xml(
        200,
        errorXml(201, `${indexer.name} does not support the requested query. Please check the capabilities (t=caps).`),
      );
    }
    xml(200, rssXml(indexer, filterReleases(indexer.releases ?? [], params), this.origin));
  }

  private download(indexer: FakeIndexer, n: number, res: http.ServerResponse): void {
    const release = indexer.releases?.[n];
    if (release?.torrent) {
      res.writeHead(200, { 'content-type': 'application/x-bittorrent', 'content-length': release.torrent.length });
      res.end(release.torrent);
    } else if (release?.magnetUrl) res.writeHead(302, { location: release.magnetUrl }).end();
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }

  private async garbage(indexer: FakeIndexer, kind: Garbage, res: http.ServerResponse): Promise<void> {
    const send = (status: number, type: string, body: string) => void res.writeHead(status, { 'content-type': type }).end(body);
    if (kind === 'html') {
      return send(
        200,
        'text/html',
        '<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head><body><h1>Checking your browser</h1><br></body></html>',
      );
    }
    if (kind === 'http-500') return send(500, 'text/plain', 'Internal Server Error: indexer crashed');
    if (kind === 'not-xml') return send(200, 'application/json', '{"error":"not torznab"}');
    if (kind === 'truncated') {
      const full = rssXml(indexer, indexer.releases ?? [], this.origin);
      return send(200, 'application/rss+xml', full.slice(0, Math.floor(full.length * 0.6)));
    }
    if (kind === 'entity-bomb') {
      const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
      return send(
        200,
        'application/rss+xml',
        `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY l0 "lol">${levels}]>\n<rss version="2.0"><channel><item><title>&l9;</title><size>1</size></item></channel></rss>`,
      );
    }
    // huge: a well-formed start that never stops growing, chunked so no content-length warns the client
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>');
    const chunk = `<item><title>${'x'.repeat(64 * 1024)}</title></item>`;
    for (let sent = 0; sent < (indexer.hugeBytes ?? 21 * 1024 * 1024) && !res.destroyed; sent += chunk.length) {
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
    res.end('</channel></rss>');
  }
}
