// MetadataCache on a real SQLite file (all migrations applied) with a fake clock; one test with the real TMDB
// provider against the local server, counting the requests that reach it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../core/database.js';
import { MetadataCache } from './metadata-cache.js';
import { MetadataTestServer, TEST_KEYS } from './metadata-server.test-support.js';
import { TmdbProvider } from './tmdb-provider.js';

const HOUR = 3_600_000;
let tmp = '';
let db: Db;
let t = 1_700_000_000_000;
const now = () => t;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-metadata-cache-'));
  db = openDatabase(path.join(tmp, 'racoon.db'));
  t = 1_700_000_000_000;
});
afterEach(() => {
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('MetadataCache', () => {
  it('migration 6 made the table; values round-trip as JSON until their TTL runs out', () => {
    const cache = new MetadataCache({ db, now });
    cache.set('k', { title: 'Во все тяжкие', year: 2008, poster: null }, HOUR);
    expect(cache.get('k')).toEqual({ title: 'Во все тяжкие', year: 2008, poster: null });
    t += HOUR - 1;
    expect(cache.get('k')).toBeDefined();
    t += 1;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.get('missing')).toBeUndefined();
  });

  it('cached() loads once, serves the row until it expires, then loads again and overwrites it', async () => {
    const cache = new MetadataCache({ db, now });
    let loads = 0;
    const load = async () => ({ n: ++loads });
    expect(await cache.cached('k', HOUR, load)).toEqual({ n: 1 });
    expect(await cache.cached('k', HOUR, load)).toEqual({ n: 1 });
    t += HOUR;
    expect(await cache.cached('k', HOUR, load)).toEqual({ n: 2 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM metadata_cache').get()).toEqual({ n: 1 });
    expect(await cache.cached('k', HOUR, load)).toEqual({ n: 2 });
  });

  it('a failed load stores nothing and the next call tries again; a synchronous throw does not wedge the key', async () => {
    const cache = new MetadataCache({ db, now });
    await expect(cache.cached('k', HOUR, () => Promise.reject(new Error('TMDB: down')))).rejects.toThrow('TMDB: down');
    await expect(
      cache.cached('k', HOUR, () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(cache.get('k')).toBeUndefined();
    expect(await cache.cached('k', HOUR, async () => 'ok')).toBe('ok');
  });

  it('concurrent calls for one key share a single load', async () => {
    const cache = new MetadataCache({ db, now });
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 20));
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.cached('k', HOUR, load)));
    expect(results).toEqual([1, 1, 1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('survives a restart, treats a damaged row as a miss, and prunes expired rows', () => {
    new MetadataCache({ db, now }).set('short', [1], HOUR);
    new MetadataCache({ db, now }).set('long', [2], 24 * HOUR);
    db.close();
    db = openDatabase(path.join(tmp, 'racoon.db'));
    const cache = new MetadataCache({ db, now });
    expect(cache.get('long')).toEqual([2]);

    db.prepare("UPDATE metadata_cache SET value = '{not json' WHERE key = 'long'").run();
    expect(cache.get('long')).toBeUndefined();

    t += 2 * HOUR;
    expect(cache.prune()).toBe(1);
    expect(db.prepare('SELECT key FROM metadata_cache').all()).toEqual([{ key: 'long' }]);
    cache.delete('long');
    expect(db.prepare('SELECT key FROM metadata_cache').all()).toEqual([]);
  });
});

describe('MetadataCache in front of TMDB', () => {
  let server: MetadataTestServer;
  beforeAll(async () => {
    server = await MetadataTestServer.start();
  });
  afterAll(() => server.close());

  it('a cache hit sends no request; after the TTL the provider is asked again', async () => {
    const cache = new MetadataCache({ db, now });
    const tmdb = new TmdbProvider({ apiKey: TEST_KEYS.tmdbApiKey, baseUrl: server.tmdbBaseUrl });
    const search = () =>
      cache.cached('tmdb/search/ru-RU/во все тяжкие', HOUR, () => tmdb.search({ text: 'Во все тяжкие', language: 'ru-RU' }));
    const first = await search();
    expect(first.map((h) => h.title)).toEqual(['Во все тяжкие']);
    expect(await search()).toEqual(first);
    expect(server.requestsTo('tmdb')).toHaveLength(1);
    t += HOUR;
    expect(await search()).toEqual(first);
    expect(server.requestsTo('tmdb')).toHaveLength(2);
  });
});
