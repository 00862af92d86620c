/**
 * The whole read path with real parts: files made by ffmpeg in a temp folder, scanned into a real SQLite catalogue,
 * probed by the real ffprobe, read back by LibraryService.mediaIndex and browsed through the ContentDirectory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { openDatabase, type Db } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { WorkControl } from '../core/work-control.js';
import { LibraryCatalogue } from '../library/library-catalogue.js';
import { LibraryService } from '../library/library-service.js';
import { ProbeQueue } from '../library/probe-queue.js';
import { DeviceProfileStore } from '../stream/device-profiles.js';
import { makeDirectPlayMp4, makeMpeg2Ac3Mkv } from '../stream/media-sources.test-support.js';
import { ContentDirectory } from './content-directory.js';
import { many, parseDidl } from './didl-parse.test-support.js';
import type { BrowseRequest } from './dlna-types.js';
import { quirks } from './media-index.test-support.js';

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('media index → ContentDirectory, over a real catalogue and real ffprobe', () => {
  let dir: string;
  let media: string;
  let db: Db;
  let library: LibraryService;
  let catalogue: LibraryCatalogue;
  let cds: ContentDirectory;
  const heard: number[] = [];

  const browse = (objectId: string, overrides: Partial<BrowseRequest> = {}) =>
    cds.browse({
      objectId,
      flag: 'BrowseDirectChildren',
      filter: '*',
      startingIndex: 0,
      requestedCount: 0,
      sortCriteria: '',
      baseUrl: 'http://127.0.0.1:9',
      client: quirks(),
      ...overrides,
    });
  const objects = (objectId: string, overrides: Partial<BrowseRequest> = {}) =>
    parseDidl(browse(objectId, overrides).didl).objects;

  beforeAll(async () => {
    dir = tempDir('dlna-index');
    fs.mkdirSync(path.join(dir, 'media'));
    media = fs.realpathSync(path.join(dir, 'media'));
    const mkv = await makeMpeg2Ac3Mkv(path.join(media, 'Shows/Dark/Season 01/Dark S01E01E02.mkv'));
    fs.mkdirSync(path.join(media, 'Shows/Dark/Season 02'), { recursive: true });
    fs.copyFileSync(mkv, path.join(media, 'Shows/Dark/Season 02/Dark S02E01.mkv'));
    await makeDirectPlayMp4(path.join(media, 'Alien (1979)/Alien (1979).mp4'));

    db = openDatabase(path.join(dir, 'racoon.db'));
    const bus = new EventBus();
    const work = new WorkControl();
    const log = silentLogger();
    catalogue = new LibraryCatalogue(db);
    const ffprobe = resolveFfmpegPaths().ffprobe;
    const probes = new ProbeQueue({ catalogue, probe: (file) => probeFile(ffprobe, file), bus, work, log });
    library = new LibraryService({ catalogue, probes, bus, work, log, watch: false });
    const profiles = new DeviceProfileStore(db);
    cds = new ContentDirectory({
      index: () => library.mediaIndex(),
      profiles,
      onLibraryChange: (listener) => bus.subscribe((event) => event.type === 'library.changed' && listener()),
    });
    cds.onUpdate((id) => heard.push(id));
    await library.start();
    await library.addRoot(media);
    await library.scan();
    await waitFor(() => catalogue.countUnprobed() === 0, 'every file probed');
  }, 120_000);

  afterAll(async () => {
    cds?.close();
    await library?.stop();
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads every file with its folder, probe, item and episodes in one go', () => {
    const index = library.mediaIndex();
    expect(index).toHaveLength(3);
    const byName = new Map(index.map((e) => [path.basename(e.path), e]));
    const alien = byName.get('Alien (1979).mp4')!;
    expect(alien).toMatchObject({
      rootPath: media,
      item: { type: 'movie', title: 'Alien', year: 1979 },
      episodes: [],
      probe: { video: { codec: 'h264' }, audio: [{ codec: 'aac' }] },
    });
    expect(alien.size).toBe(fs.statSync(alien.path).size);
    expect(alien.mtimeMs).toBe(Math.trunc(fs.statSync(alien.path).mtimeMs));
    expect(alien.addedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const multi = byName.get('Dark S01E01E02.mkv')!;
    expect(multi.item).toMatchObject({ type: 'series', title: 'Dark' });
    expect(multi.episodes).toEqual([
      { season: 1, number: 1, title: null },
      { season: 1, number: 2, title: null },
    ]);
    expect(multi.probe?.video?.codec).toBe('mpeg2video');
    expect(byName.get('Dark S02E01.mkv')!.episodes).toEqual([{ season: 2, number: 1, title: null }]);
  });

  it('browses the scanned library as Movies, Series → seasons → episodes and Folders', () => {
    expect(objects('movies').map((o) => o['dc:title'])).toEqual(['Alien']);
    const [dark] = objects('series');
    expect(dark).toMatchObject({ 'dc:title': 'Dark', '@_childCount': '2' });
    const seasons = objects(dark['@_id'] as string);
    expect(seasons.map((s) => s['dc:title'])).toEqual(['Season 1', 'Season 2']);
    const [episode] = objects(seasons[0]['@_id'] as string);
    expect(episode).toMatchObject({ 'dc:title': 'S01E01-E02', 'upnp:episodeNumber': '1', 'upnp:seriesTitle': 'Dark' });
    const [meta] = objects(episode['@_id'] as string, { flag: 'BrowseMetadata' });
    expect(meta['@_parentID']).toBe(seasons[0]['@_id']);
    const [root] = objects('folders');
    expect(root['dc:title']).toBe('media');
    expect(objects(root['@_id'] as string).map((o) => o['dc:title'])).toEqual(['Alien (1979)', 'Shows']);
  });

  it('offers the MPEG-2 MKV transcoded to a generic DLNA TV, and the MP4 as it is', () => {
    const [alien] = objects('movies');
    expect(many(alien.res)).toHaveLength(1);
    const darkSeason = objects(objects(objects('series')[0]['@_id'] as string)[0]['@_id'] as string);
    const res = many(darkSeason[0].res) as Array<Record<string, string>>;
    expect(res).toHaveLength(2);
    expect(res[0]['@_protocolInfo']).toMatch(/^http-get:\*:video\/x-matroska:/);
    expect(res[1]['@_protocolInfo']).toMatch(/^http-get:\*:video\/mpeg:.*DLNA\.ORG_OP=10;DLNA\.ORG_CI=1;/);
    expect(res[0]['@_duration']).toMatch(/^0:00:0[12]\.\d{3}$/);
    expect(res[0]['@_resolution']).toBe('320x180');
  });

  it('shows a new file after a rescan, with a higher SystemUpdateID', async () => {
    const before = cds.systemUpdateId();
    await makeDirectPlayMp4(path.join(media, 'Zodiac (2007).mp4'));
    await library.scan();
    await waitFor(() => cds.systemUpdateId() > before, 'SystemUpdateID bumped');
    expect(heard.at(-1)).toBe(cds.systemUpdateId());
    expect(objects('movies').map((o) => o['dc:title'])).toEqual(['Alien', 'Zodiac']);
    expect(browse('movies').updateId).toBe(cds.systemUpdateId());
  }, 60_000);
});
