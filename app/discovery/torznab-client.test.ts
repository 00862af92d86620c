import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IndexerError,
  TorznabIndexer,
  decodeXmlEntities,
  infoHashFromMagnet,
  normaliseInfoHash,
  parseResults,
  planSearch,
  type TorznabIndexerConfig,
} from './torznab-client.js';
import { TorznabTestServer, type FakeIndexer, type FakeRelease } from './torznab-server.test-support.js';

const HASH = 'c9e15763f722f23e98a29decdfae341b98d53056';
// the same hash in base32 (python: base64.b32encode(bytes.fromhex(HASH))), as some magnets carry it
const HASH_B32 = 'ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW';

const MATRIX: FakeRelease = {
  title: 'The Matrix 1999 1080p BluRay x264',
  size: 8_589_934_592,
  categories: [2000, 2040],
  guid: 'https://tracker.invalid/t/1',
  infoHash: HASH.toUpperCase(),
  magnetUrl: `magnet:?xt=urn:btih:${HASH}&dn=The+Matrix&tr=udp%3A%2F%2Ftracker.invalid%3A80`,
  seeders: 42,
  peers: 50,
  comments: 'https://tracker.invalid/t/1?tab=info&lang=en',
  pubDate: new Date('2024-01-02T03:04:05Z'),
  imdbId: 'tt0133093',
  tmdbId: 603,
  downloadVolumeFactor: 0,
  uploadVolumeFactor: 1,
};
const MATRIX_720: FakeRelease = {
  title: 'The Matrix 1999 720p WEB-DL',
  size: 4_000_000_000,
  categories: [2000],
  imdbId: 'tt0133093',
  seeders: 5,
};
const SHOW_E02: FakeRelease = {
  title: 'Show.Name.S01E02.1080p.WEB-DL',
  size: 1_500_000_000,
  categories: [5040],
  tvdbId: 12345,
  season: 1,
  episode: 2,
  seeders: 9,
};
const SHOW_E03: FakeRelease = { ...SHOW_E02, title: 'Show.Name.S01E03.1080p.WEB-DL', episode: 3 };
const MAGNET_ONLY: FakeRelease = {
  title: 'Magnet Only Movie 2020 1080p',
  size: 2_000_000_000,
  categories: [2040],
  magnetUrl: `magnet:?xt=urn:btih:${HASH_B32}&dn=Magnet+Only`,
  magnetOnly: true,
  seeders: 3,
};

let server: TorznabTestServer;
beforeAll(async () => {
  server = await TorznabTestServer.start();
});
afterAll(() => server.close());

let n = 0;
/** A fresh fake indexer (own name, so recorded requests don't mix) and a client for it. */
function indexer(fake: Partial<Omit<FakeIndexer, 'name'>> = {}, config: Partial<TorznabIndexerConfig> = {}) {
  const name = `idx${++n}`;
  server.add({ releases: [MATRIX, MATRIX_720, SHOW_E02, SHOW_E03, MAGNET_ONLY], ...fake, name });
  const client = new TorznabIndexer({
    id: name,
    name: `Indexer ${n}`,
    url: server.feedUrl(name),
    apiKey: server.apiKey(name),
    timeoutMs: 5000,
    ...config,
  });
  return { name, client, searches: () => server.requestsFor(name).filter((r) => r.t !== 'caps') };
}

async function failure(promise: Promise<unknown>): Promise<IndexerError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IndexerError);
  return err as IndexerError;
}

describe('caps', () => {
  it('reads modes, params, categories with subcats and limits', async () => {
    const { client } = indexer({ limits: { max: 500, default: 50 }, modes: { 'movie-search': false } });
    const caps = await client.caps();
    expect(caps.serverTitle).toBe('Jackett');
    expect(caps.limits).toEqual({ max: 500, default: 50 });
    expect(caps.modes.search).toEqual({ available: true, supportedParams: ['q'] });
    expect(caps.modes['tv-search']).toEqual({ available: true, supportedParams: ['q', 'season', 'ep', 'imdbid', 'tvdbid'] });
    expect(caps.modes['movie-search'].available).toBe(false);
    expect(caps.categories[0]).toEqual({
      id: 2000,
      name: 'Movies',
      subcats: [
        { id: 2040, name: 'Movies/HD' },
        { id: 2045, name: 'Movies/UHD' },
      ],
    });
    expect(caps.categories.find((c) => c.id === 100001)).toEqual({ id: 100001, name: 'Фильмы HD', subcats: [] });
  });

  it('are read once and reused until the TTL passes; the cache survives JSON', async () => {
    let now = Date.parse('2025-01-01T00:00:00Z');
    const { name, client } = indexer({}, { now: () => now, capsTtlMs: 3600_000 });
    await client.search({ kind: 'movie', q: 'matrix' });
    await client.search({ kind: 'movie', q: 'matrix' });
    expect(server.requestsFor(name, 'caps')).toHaveLength(1);
    expect(server.requestsFor(name, 'movie')).toHaveLength(2);

    const saved = JSON.parse(JSON.stringify(client.cachedCaps()));
    expect(saved.fetchedAt).toBe('2025-01-01T00:00:00.000Z');
    const again = new TorznabIndexer({
      id: name,
      name,
      url: server.feedUrl(name),
      apiKey: server.apiKey(name),
      caps: saved,
      now: () => now,
    });
    await again.search({ kind: 'movie', q: 'matrix' });
    expect(server.requestsFor(name, 'caps')).toHaveLength(1);

    now += 3600_001;
    await client.search({ kind: 'movie', q: 'matrix' });
    expect(server.requestsFor(name, 'caps')).toHaveLength(2);
  });

  it('concurrent searches share one caps request', async () => {
    const { name, client } = indexer({ delayMs: 50 });
    await Promise.all([client.search({ kind: 'any', q: 'matrix' }), client.search({ kind: 'any', q: 'show' })]);
    expect(server.requestsFor(name, 'caps')).toHaveLength(1);
  });
});

describe('request planning', () => {
  it('movie search by imdbid when the mode supports it, with movie categories, apikey, extended and limit', async () => {
    const { name, client, searches } = indexer();
    const releases = await client.search({ kind: 'movie', q: 'The Matrix', imdbId: '133093', year: 1999 });
    expect(searches()[0].params).toEqual({
      t: 'movie',
      imdbid: 'tt0133093',
      cat: '2000,2040,2045',
      extended: '1',
      limit: '100',
      apikey: server.apiKey(name),
    });
    expect(releases.map((r) => r.title)).toEqual([MATRIX.title, MATRIX_720.title]);
  });

  it('falls back to q when the movie mode takes no ids', async () => {
    const { client, searches } = indexer({ modes: { 'movie-search': ['q'] } });
    const releases = await client.search({ kind: 'movie', q: 'The Matrix', imdbId: 'tt0133093', tmdbId: 603 });
    const { t, q, imdbid, tmdbid } = searches()[0].params;
    expect({ t, q, imdbid, tmdbid }).toEqual({ t: 'movie', q: 'The Matrix', imdbid: undefined, tmdbid: undefined });
    expect(releases).toHaveLength(2);
  });

  it('tvsearch sends tvdbid, season and ep', async () => {
    const { client, searches } = indexer();
    const releases = await client.search({ kind: 'series', q: 'Show Name', tvdbId: 12345, season: 1, episode: 2 });
    const { t, q, tvdbid, season, ep, cat } = searches()[0].params;
    expect({ t, q, tvdbid, season, ep, cat }).toEqual({
      t: 'tvsearch',
      q: undefined,
      tvdbid: '12345',
      season: '1',
      ep: '2',
      cat: '5000,5030,5040',
    });
    expect(releases.map((r) => r.title)).toEqual([SHOW_E02.title]);
  });

  it('tvsearch without season/ep params appends S01E02 to q', async () => {
    const { client, searches } = indexer({ modes: { 'tv-search': ['q'] } });
    const releases = await client.search({ kind: 'series', q: 'Show Name', tvdbId: 12345, season: 1, episode: 2 });
    const { t, q, season, ep } = searches()[0].params;
    expect({ t, q, season, ep }).toEqual({ t: 'tvsearch', q: 'Show Name S01E02', season: undefined, ep: undefined });
    expect(releases.map((r) => r.title)).toEqual([SHOW_E02.title]);
  });

  it('falls back to t=search when the specialised mode is unavailable', async () => {
    const { client, searches } = indexer({ modes: { 'tv-search': false, 'movie-search': false } });
    await client.search({ kind: 'series', q: 'Show Name', season: 1, episode: 3 });
    await client.search({ kind: 'movie', q: 'Matrix', imdbId: 'tt0133093' });
    expect(searches().map((r) => [r.params.t, r.params.q, r.params.cat])).toEqual([
      ['search', 'Show Name S01E03', '5000,5030,5040'],
      ['search', 'Matrix', '2000,2040,2045'],
    ]);
  });

  it('uses the categories given, none for kind any, and clips the limit to the caps max', async () => {
    const { client, searches } = indexer({ limits: { max: 50, default: 20 } });
    await client.search({ kind: 'movie', q: 'matrix', categories: [2045, 100001] });
    await client.search({ kind: 'any', q: 'matrix' });
    expect(searches().map((r) => [r.params.cat, r.params.limit])).toEqual([
      ['2045,100001', '50'],
      [undefined, '50'],
    ]);
  });

  it('refuses, without a request, a query the caps cannot express', async () => {
    const { client, searches } = indexer({ modes: { 'movie-search': ['q'] } });
    const err = await failure(client.search({ kind: 'movie', imdbId: 'tt0133093' }));
    expect(err.kind).toBe('unsupported');
    expect(searches()).toHaveLength(0);
  });

  it('planSearch is pure: same caps and query, same params', async () => {
    const { client } = indexer();
    const caps = await client.caps();
    expect(planSearch(caps, { kind: 'series', q: 'x', season: 2 })).toEqual({
      mode: 'tv-search',
      params: { t: 'tvsearch', extended: '1', q: 'x', season: '2', cat: '5000,5030,5040', limit: '100' },
    });
  });
});

describe('results', () => {
  it('reads every field of a Jackett item', async () => {
    const { name, client } = indexer();
    const [matrix] = await client.search({ kind: 'movie', imdbId: 'tt0133093' });
    expect(matrix).toEqual({
      indexerId: name,
      indexer: client.name,
      title: MATRIX.title,
      guid: 'https://tracker.invalid/t/1',
      link: `${server.origin}/api/v2.0/indexers/${name}/dl/0?jackett_apikey=k&path=x&file=The%20Matrix%201999%201080p%20BluRay%20x264`,
      magnetUrl: MATRIX.magnetUrl,
      infoHash: HASH,
      size: 8_589_934_592,
      seeders: 42,
      peers: 50,
      leechers: 8,
      publishDate: '2024-01-02T03:04:05.000Z',
      categories: [2000, 2040],
      downloadVolumeFactor: 0,
      uploadVolumeFactor: 1,
      imdbId: 'tt0133093',
      tmdbId: 603,
      infoUrl: 'https://tracker.invalid/t/1?tab=info&lang=en',
    });
  });

  it('magnet-only items: link is the magnet, the info-hash comes from its base32 btih', async () => {
    const { client } = indexer();
    const [item] = await client.search({ kind: 'movie', q: 'magnet only' });
    expect(item.link).toBe(MAGNET_ONLY.magnetUrl);
    expect(item.magnetUrl).toBe(MAGNET_ONLY.magnetUrl);
    expect(item.infoHash).toBe(HASH);
    expect([item.seeders, item.peers, item.leechers, item.imdbId]).toEqual([3, null, null, null]);
  });

  it('info-hash helpers accept hex and base32 and nothing else', () => {
    expect(normaliseInfoHash(HASH.toUpperCase())).toBe(HASH);
    expect(normaliseInfoHash(HASH_B32)).toBe(HASH);
    expect(normaliseInfoHash('xyz')).toBeNull();
    expect(infoHashFromMagnet(`magnet:?dn=x&xt=urn:btih:${HASH_B32.toLowerCase()}`)).toBe(HASH);
    expect(infoHashFromMagnet('magnet:?xt=urn:btmh:1220abc')).toBeNull();
    expect(decodeXmlEntities('a &amp;lt; &#233;&#x41; &bogus;')).toBe('a &lt; éA &bogus;');
  });

  it('an empty channel is no releases', () => {
    expect(
      parseResults('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', { id: 'a', name: 'A' }),
    ).toEqual([]);
  });
});

describe('failures', () => {
  it('a wrong API key is the Torznab error, never the key', async () => {
    const { client } = indexer({}, { apiKey: 'secret-wrong-key' });
    const err = await failure(client.search({ kind: 'movie', q: 'matrix' }));
    expect([err.kind, err.code]).toEqual(['api', 100]);
    expect(err.message).toBe(`Indexer "${client.name}": Invalid API Key (Torznab error 100)`);
    expect(err.message).not.toContain('secret');
  });

  it('an error page that echoes the request URL does not leak the key', async () => {
    const echo = http.createServer(
      (req, res) => void res.writeHead(403, { 'content-type': 'text/plain' }).end(`Forbidden: ${req.url}`),
    );
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/torznab/`;
      const err = await failure(new TorznabIndexer({ id: 'e', name: 'Echo', url, apiKey: 'sekrit123' }).caps());
      expect(err.detail).toBe('HTTP 403 Forbidden: "Forbidden: /torznab/api?t=caps&apikey=[api key]"');
    } finally {
      echo.close();
    }
  });

  it('an HTML page', async () => {
    const { client } = indexer({ garbage: 'html' });
    const err = await failure(client.search({ kind: 'movie', q: 'matrix' }));
    expect(err.detail).toBe('answered an HTML page instead of Torznab XML: "Just a moment..."');
  });

  it('an HTTP 500 names the status and the first bytes', async () => {
    const { client } = indexer({ garbage: 'http-500' });
    const err = await failure(client.caps());
    expect([err.kind, err.detail]).toEqual(['http', 'HTTP 500 Internal Server Error: "Internal Server Error: indexer crashed"']);
  });

  it('a body that is not XML, and truncated XML', async () => {
    const notXml = indexer({ garbage: 'not-xml' });
    expect((await failure(notXml.client.caps())).detail).toBe(
      'answered something that is not XML: "{\\"error\\":\\"not torznab\\"}"',
    );
    const truncated = indexer();
    await truncated.client.caps();
    server.update(truncated.name, { garbage: 'truncated' });
    const err = await failure(truncated.client.search({ kind: 'movie', q: 'matrix' }));
    expect(err.kind).toBe('invalid-response');
    expect(err.detail).toMatch(/^answered malformed XML \(line \d+: .+\)$/u);
  });

  it('a body over the limit is cut off while streaming', async () => {
    const { client } = indexer({ garbage: 'huge' });
    const started = Date.now();
    const err = await failure(client.caps());
    expect(err.detail).toBe('answered more than 20 MiB (limit 20971520 bytes)');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('a declared content-length over the limit is refused before reading', async () => {
    const big = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-length': String(1024 * 1024), 'content-type': 'application/xml' });
      res.write('<caps>');
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(big.address() as AddressInfo).port}/torznab/`;
      const client = new TorznabIndexer({ id: 'b', name: 'Big', url, apiKey: 'k', maxBodyBytes: 1000, timeoutMs: 2000 });
      expect((await failure(client.caps())).detail).toBe('answered more than 0 MiB (limit 1000 bytes)');
    } finally {
      big.closeAllConnections();
      big.close();
    }
  });

  it('entity declarations are refused, never expanded', async () => {
    const { client } = indexer({ garbage: 'entity-bomb' });
    const err = await failure(client.caps());
    expect(err.detail).toBe('answered XML that declares entities (refused: Torznab never needs them)');
    // a DOCTYPE without entities parses, and an undeclared entity stays as written
    const doc =
      '<?xml version="1.0"?><!DOCTYPE rss><rss><channel><item><title>A &amp; B &x;</title><size>1</size></item></channel></rss>';
    expect(parseResults(doc, { id: 'a', name: 'A' })[0].title).toBe('A & B &x;');
  });

  it('a slow indexer times out at the deadline', async () => {
    const { client } = indexer({ delayMs: 3000 }, { timeoutMs: 200 });
    const started = Date.now();
    const err = await failure(client.search({ kind: 'movie', q: 'matrix' }));
    expect([err.kind, err.detail]).toEqual(['timeout', 'timed out after 200 ms']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('an unreachable indexer is a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = new TorznabIndexer({ id: 'c', name: 'Closed', url: `http://127.0.0.1:${port}/`, apiKey: 'k' });
    const err = await failure(client.caps());
    expect([err.kind, err.detail]).toEqual(['network', `could not reach 127.0.0.1:${port} (ECONNREFUSED)`]);
  });
});
