import { describe, expect, it } from 'vitest';
import { EventBus } from '../core/event-bus.js';
import type { MediaIndexEntry } from '../library/library-catalogue.js';
import { BUILTIN_DEVICE_PROFILES } from '../stream/device-profiles.js';
import type { DeviceProfile } from '../stream/playback-types.js';
import { ContentDirectory, MAX_REQUESTED_COUNT } from './content-directory.js';
import { parseDidl, type DidlNode } from './didl-parse.test-support.js';
import { UpnpError, type BrowseRequest, type RendererQuirks, type SearchRequest } from './dlna-types.js';
import { indexEntry, quirks, realisticIndex, syntheticMovies } from './media-index.test-support.js';

const BASE = 'http://127.0.0.1:8200';

const profiles = {
  get(name: string): DeviceProfile {
    const found = BUILTIN_DEVICE_PROFILES.find((p) => p.name === name);
    if (!found) throw new Error(`Unknown device profile "${name}"`);
    return found;
  },
};

function directory(entries: MediaIndexEntry[]) {
  const bus = new EventBus();
  let index = entries;
  let reads = 0;
  const cds = new ContentDirectory({
    index: () => {
      reads++;
      return index;
    },
    profiles,
    onLibraryChange: (listener) => bus.subscribe((event) => event.type === 'library.changed' && listener()),
  });
  return {
    cds,
    bus,
    reads: () => reads,
    setIndex: (next: MediaIndexEntry[]) => (index = next),
    change: () => bus.publish({ type: 'library.changed', reason: 'scan' }),
  };
}

function browse(cds: ContentDirectory, objectId: string, overrides: Partial<BrowseRequest> = {}) {
  return cds.browse({
    objectId,
    flag: 'BrowseDirectChildren',
    filter: '*',
    startingIndex: 0,
    requestedCount: 0,
    sortCriteria: '',
    baseUrl: BASE,
    client: quirks(),
    ...overrides,
  });
}

function search(cds: ContentDirectory, containerId: string, searchCriteria: string, overrides: Partial<SearchRequest> = {}) {
  return cds.search({
    containerId,
    searchCriteria,
    filter: '*',
    startingIndex: 0,
    requestedCount: 0,
    sortCriteria: '',
    baseUrl: BASE,
    client: quirks(),
    ...overrides,
  });
}

const objectsOf = (result: { didl: string }): DidlNode[] => parseDidl(result.didl).objects;
const idsOf = (result: { didl: string }) => objectsOf(result).map((o) => String(o['@_id']));

function upnpError(run: () => unknown): UpnpError {
  try {
    run();
  } catch (err) {
    if (err instanceof UpnpError) return err;
    throw err;
  }
  throw new Error('expected a UpnpError');
}

describe('ContentDirectory: Browse', () => {
  const { cds } = directory(realisticIndex());

  it('answers BrowseMetadata of the root with one object', () => {
    const result = browse(cds, '0', { flag: 'BrowseMetadata' });
    expect(result).toMatchObject({ numberReturned: 1, totalMatches: 1, updateId: 1 });
    expect(objectsOf(result)).toEqual([
      expect.objectContaining({ '#kind': 'container', '@_id': '0', '@_parentID': '-1', '@_childCount': '4' }),
    ]);
  });

  it('answers BrowseMetadata of an item with the parent it was reached through', () => {
    for (const [id, parent] of [
      ['recent/f/2', 'recent'],
      ['movies/f/2', 'movies'],
      ['series/20/s1/f/5', 'series/20/s1'],
    ]) {
      const [object] = objectsOf(browse(cds, id, { flag: 'BrowseMetadata' }));
      expect(object).toMatchObject({ '#kind': 'item', '@_id': id, '@_parentID': parent });
    }
  });

  it('lists direct children, all of them for RequestedCount 0', () => {
    const root = browse(cds, '0');
    expect(root).toMatchObject({ numberReturned: 4, totalMatches: 4 });
    expect(idsOf(root)).toEqual(['movies', 'series', 'recent', 'folders']);
    expect(idsOf(browse(cds, 'series/20'))).toEqual(['series/20/s1', 'series/20/s2']);
    const movies = browse(cds, 'movies', { requestedCount: 2, startingIndex: 1 });
    expect(movies).toMatchObject({ numberReturned: 2, totalMatches: 5 });
    expect(idsOf(movies)).toEqual(['movies/f/2', 'movies/f/3']);
  });

  it('has no children below an item', () => {
    expect(browse(cds, 'movies/f/1')).toMatchObject({
      numberReturned: 0,
      totalMatches: 0,
      didl: expect.stringContaining('DIDL-Lite'),
    });
  });

  it('sorts by the client’s criteria, the natural order otherwise', () => {
    expect(idsOf(browse(cds, 'movies', { sortCriteria: '-dc:title' }))).toEqual([
      'movies/f/8',
      'movies/f/7',
      'movies/f/3',
      'movies/f/2',
      'movies/f/1',
    ]);
    // films without a year last, newest first
    expect(idsOf(browse(cds, 'movies', { sortCriteria: '-dc:date' }))).toEqual([
      'movies/f/3',
      'movies/f/7',
      'movies/f/2',
      'movies/f/1',
      'movies/f/8',
    ]);
    expect(idsOf(browse(cds, 'series/20/s1', { sortCriteria: '-upnp:episodeNumber' }))).toEqual([
      'series/20/s1/f/5',
      'series/20/s1/f/4',
    ]);
    expect(idsOf(browse(cds, 'movies', { sortCriteria: '+res@size' }))).toEqual([
      'movies/f/1',
      'movies/f/2',
      'movies/f/3',
      'movies/f/7',
      'movies/f/8',
    ]);
  });

  it.each<[string, Partial<BrowseRequest>, number, RegExp]>([
    ['an unknown ObjectID', { objectId: 'movies/f/999' }, 701, /No such object/],
    ['a made-up ObjectID', { objectId: '../../etc/passwd' }, 701, /No such object/],
    ['BrowseMetadata from index 1', { flag: 'BrowseMetadata', startingIndex: 1 }, 402, /StartingIndex must be 0/],
    ['a negative RequestedCount', { requestedCount: -1 }, 402, /RequestedCount/],
    ['an absurd RequestedCount', { requestedCount: MAX_REQUESTED_COUNT + 1 }, 402, /RequestedCount.*100000/],
    ['a fractional RequestedCount', { requestedCount: 1.5 }, 402, /RequestedCount/],
    ['a negative StartingIndex', { startingIndex: -5 }, 402, /StartingIndex/],
    ['a NaN StartingIndex', { startingIndex: Number.NaN }, 402, /StartingIndex/],
    ['a StartingIndex beyond ui4', { startingIndex: 2 ** 32 }, 402, /StartingIndex/],
    ['an unknown BrowseFlag', { flag: 'BrowseEverything' as BrowseRequest['flag'] }, 402, /BrowseFlag/],
    ['an unsupported sort', { sortCriteria: '+upnp:genre' }, 709, /Unsupported sort criteria: upnp:genre/],
  ])('refuses %s', (_name, overrides, code, message) => {
    const error = upnpError(() => browse(cds, overrides.objectId ?? 'movies', overrides));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('caps pages at the renderer’s largest page size', () => {
    const small = quirks({ maxPageSize: 2 });
    expect(browse(cds, 'movies', { client: small, requestedCount: 200 })).toMatchObject({ numberReturned: 2, totalMatches: 5 });
    expect(browse(cds, 'movies', { client: small, requestedCount: 0 })).toMatchObject({ numberReturned: 2, totalMatches: 5 });
  });

  it('offers the transcoded stream by the renderer’s own profile, falling back to the generic one', () => {
    const generic = objectsOf(browse(cds, 'movies/f/2', { flag: 'BrowseMetadata' }))[0];
    expect(JSON.stringify(generic)).toContain('/dlna/transcode/2?profile=dlna-generic');
    const lg = objectsOf(browse(cds, 'movies/f/2', { flag: 'BrowseMetadata', client: quirks({ deviceProfile: 'lg-tv' }) }))[0];
    expect(JSON.stringify(lg)).not.toContain('/dlna/transcode/');
    const gone = quirks({ name: 'mine', deviceProfile: 'deleted-profile' });
    const fallback = objectsOf(browse(cds, 'movies/f/2', { flag: 'BrowseMetadata', client: gone }))[0];
    expect(JSON.stringify(fallback)).toContain('/dlna/transcode/2?profile=dlna-generic');
  });

  it('says what it can search and sort by', () => {
    expect(cds.searchCapabilities().split(',')).toEqual(expect.arrayContaining(['dc:title', 'upnp:class', 'dc:date', '@refID']));
    expect(cds.sortCapabilities().split(',')).toEqual(
      expect.arrayContaining(['dc:title', 'dc:date', 'upnp:class', 'upnp:episodeNumber', 'res@size', 'res@duration']),
    );
  });
});

describe('ContentDirectory: Search', () => {
  const { cds } = directory(realisticIndex());

  it('finds by class and title anywhere below the container, each file once', () => {
    const pilot = search(cds, '0', 'upnp:class derivedfrom "object.item.videoItem" and dc:title contains "pilot"');
    expect(pilot).toMatchObject({ numberReturned: 1, totalMatches: 1 });
    expect(idsOf(pilot)).toEqual(['series/20/s1/f/4']);
    const everyVideo = search(cds, '0', 'upnp:class derivedfrom "object.item.videoItem"');
    expect(everyVideo.totalMatches).toBe(8);
    expect(search(cds, '0', 'upnp:class = "object.item.videoItem.movie"').totalMatches).toBe(5);
  });

  it('searches inside the given container only, with its own ids', () => {
    expect(idsOf(search(cds, 'folders', 'dc:title contains "dune"'))).toEqual([
      `folders/1/${Buffer.from('Sci-Fi').toString('base64url')}/f/3`,
    ]);
    expect(idsOf(search(cds, 'series', 'upnp:class derivedfrom "object.container"'))).toEqual([
      'series/20',
      'series/20/s1',
      'series/20/s2',
    ]);
    expect(search(cds, 'series/20/s2', 'dc:title contains "pilot"').totalMatches).toBe(0);
  });

  it('pages and sorts the matches', () => {
    const page = search(cds, '0', 'upnp:class derivedfrom "object.item"', {
      sortCriteria: '-dc:title',
      startingIndex: 2,
      requestedCount: 3,
    });
    expect(page).toMatchObject({ numberReturned: 3, totalMatches: 8 });
    expect(objectsOf(page).map((o) => o['dc:title'])).toEqual([
      "S01E02-E03 · Cat's in the Bag",
      'S01E01 · Pilot',
      'Heat & Dust <1983>',
    ]);
  });

  it('refuses bad criteria, a missing container and an item as container', () => {
    expect(upnpError(() => search(cds, '0', 'dc:title contains')).code).toBe(708);
    expect(upnpError(() => search(cds, 'nope', '*')).code).toBe(701);
    expect(upnpError(() => search(cds, 'movies/f/1', '*')).code).toBe(710);
    expect(upnpError(() => search(cds, '0', '*', { requestedCount: -1 })).code).toBe(402);
  });

  it('maps the Xbox 360’s fixed video containers for Xbox renderers only', () => {
    const xbox = quirks({ name: 'xbox', xboxContainerIds: true });
    const videos = search(cds, '15', 'upnp:class derivedfrom "object.item.videoItem" and @refID exists false', { client: xbox });
    expect(videos.totalMatches).toBe(8);
    expect(idsOf(videos).every((id) => id.startsWith('videos/f/'))).toBe(true);
    expect(browse(cds, '2', { client: xbox }).totalMatches).toBe(8);
    expect(upnpError(() => search(cds, '15', '*')).code).toBe(701);
  });
});

describe('ContentDirectory: SystemUpdateID and the snapshot', () => {
  it('builds the tree once, and again only after a library change, which bumps SystemUpdateID and tells listeners', () => {
    const h = directory(realisticIndex());
    const heard: number[] = [];
    h.cds.onUpdate((id) => heard.push(id));
    expect(h.cds.systemUpdateId()).toBe(1);
    for (let i = 0; i < 5; i++) browse(h.cds, 'movies');
    search(h.cds, '0', '*');
    expect(h.cds.builds).toBe(1);
    expect(h.reads()).toBe(1);

    h.setIndex([
      ...realisticIndex(),
      indexEntry({ fileId: 99, path: '/media/Library/Zodiac.mp4', item: { id: 99, type: 'movie', title: 'Zodiac', year: 2007 } }),
    ]);
    h.change();
    expect(h.cds.systemUpdateId()).toBe(2);
    expect(heard).toEqual([2]);
    // stale, not rebuilt until asked
    expect(h.cds.builds).toBe(1);
    const movies = browse(h.cds, 'movies');
    expect(movies).toMatchObject({ totalMatches: 6, updateId: 2 });
    expect(idsOf(movies).at(-1)).toBe('movies/f/99');
    expect(h.cds.builds).toBe(2);

    h.change();
    h.change();
    expect(heard).toEqual([2, 3, 4]);
    expect(browse(h.cds, 'movies').updateId).toBe(4);
    expect(h.cds.builds).toBe(3);
  });

  it('stops following the library when closed', () => {
    const h = directory(realisticIndex());
    const heard: number[] = [];
    const unsubscribe = h.cds.onUpdate((id) => heard.push(id));
    h.change();
    unsubscribe();
    h.change();
    expect(heard).toEqual([2]);
    h.cds.close();
    h.change();
    expect(h.cds.systemUpdateId()).toBe(3);
    expect(h.bus.size).toBe(0);
  });
});

describe('ContentDirectory: a 10,000-item container', () => {
  const h = directory(syntheticMovies(10_000));
  const { cds } = h;
  const expectedIds = (container: string) => Array.from({ length: 10_000 }, (_, i) => `${container}/f/${i + 1}`);

  it.each([
    ['movies', 'movies'],
    ['folders/1', 'folders/1'],
  ])('pages %s 200 at a time: every page right, the last short, past the end empty', (container, prefix) => {
    const expected = expectedIds(prefix);
    const seen: string[] = [];
    for (let start = 0; start < 10_000; start += 200) {
      const page = browse(cds, container, { startingIndex: start, requestedCount: 200 });
      expect(page.totalMatches).toBe(10_000);
      expect(page.numberReturned).toBe(200);
      const ids = idsOf(page);
      expect(ids).toEqual(expected.slice(start, start + 200));
      seen.push(...ids);
    }
    expect(seen).toEqual(expected);
    expect(browse(cds, container, { startingIndex: 9_900, requestedCount: 200 })).toMatchObject({
      numberReturned: 100,
      totalMatches: 10_000,
    });
    const past = browse(cds, container, { startingIndex: 10_000, requestedCount: 200 });
    expect(past).toMatchObject({ numberReturned: 0, totalMatches: 10_000 });
    expect(objectsOf(past)).toEqual([]);
    expect(browse(cds, container, { startingIndex: 50_000, requestedCount: 200 }).numberReturned).toBe(0);
  });

  it('pages a sorted listing consistently', () => {
    const descending: string[] = [];
    for (let start = 0; start < 10_000; start += 200) {
      descending.push(...idsOf(browse(cds, 'movies', { startingIndex: start, requestedCount: 200, sortCriteria: '-dc:title' })));
    }
    expect(descending).toEqual(expectedIds('movies').reverse());
  });

  it('serves a page of 200 fast once the snapshot exists (soft bound; the benchmark holds the real goal)', () => {
    browse(cds, 'movies', { requestedCount: 200 });
    const client: RendererQuirks = quirks();
    const timeAverage = (sortCriteria: string) => {
      const started = performance.now();
      for (let i = 0; i < 100; i++) {
        browse(cds, i % 2 ? 'movies' : 'folders/1', {
          startingIndex: (i * 97) % 9_800,
          requestedCount: 200,
          sortCriteria,
          client,
        });
      }
      return (performance.now() - started) / 100;
    };
    expect(timeAverage('')).toBeLessThan(50);
    expect(timeAverage('+dc:title')).toBeLessThan(50);
  });
});
