import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryItemDetail, ProbeInfo, SeriesDetail } from '../api/api-types.js';
import { openDatabase, type Db } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { WorkControl } from '../core/work-control.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { LibraryCatalogue } from './library-catalogue.js';
import { LibraryError, LibraryService } from './library-service.js';
import { ProbeQueue, type ProbeFunction } from './probe-queue.js';

const FAKE_PROBE: ProbeInfo = { container: 'matroska', durationSec: 1, bitRate: null, video: null, audio: [], subtitles: [] };

function touch(root: string, relative: string, content = ''): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

interface Harness {
  db: Db;
  library: LibraryService;
  catalogue: LibraryCatalogue;
  bus: EventBus;
  work: WorkControl;
  probes: ProbeQueue;
}

function build(dbFile: string, probe: ProbeFunction = async () => FAKE_PROBE, watch = false): Harness {
  const db = openDatabase(dbFile);
  const bus = new EventBus();
  const work = new WorkControl();
  const log = silentLogger();
  const catalogue = new LibraryCatalogue(db);
  const probes = new ProbeQueue({ catalogue, probe, bus, work, log });
  const library = new LibraryService({ catalogue, probes, bus, work, log, watch, watchDebounceMs: 100, watchStabilityMs: 300 });
  return { db, library, catalogue, bus, work, probes };
}

function byTitle(library: LibraryService, title: string): LibraryItemDetail {
  const summary = library.items().find((i) => i.title === title);
  if (!summary) throw new Error(`no item "${title}" in ${JSON.stringify(library.items().map((i) => i.title))}`);
  return library.item(summary.id)!;
}

async function waitFor(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('LibraryService with a real folder and a real SQLite catalogue', () => {
  let dir: string;
  let media: string;
  let h: Harness;

  beforeEach(() => {
    dir = tempDir('library');
    media = path.join(dir, 'media');
    fs.mkdirSync(media);
    h = build(path.join(dir, 'racoon.db'));
  });

  afterEach(async () => {
    await h.library.stop();
    h.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('recognises movies, series, seasons and episodes from Jellyfin, scene and Russian names', async () => {
    touch(media, 'Movies/Inception (2010)/Inception (2010).mkv');
    touch(media, 'Movies/Inception (2010)/Inception (2010) - 4K.mkv');
    touch(media, 'The.Matrix.1999.1080p.BluRay.x264-GRP.mkv');
    touch(media, 'Shows/Dark/Season 01/Dark S01E01.mkv');
    touch(media, 'Shows/Dark/Season 01/Dark S01E02.mkv');
    touch(media, 'Shows/Dark/Season 02/Dark S02E01.mkv');
    touch(media, 'Dark.S02E02.1080p.WEB-DL.mkv');
    touch(media, 'Сериалы/Тьма/Сезон 3/02 серия.mkv');
    touch(media, 'Shows/Dark/Season 01/Sample/dark.sample.mkv');
    touch(media, 'Shows/Dark/Season 01/notes.txt');
    await h.library.addRoot(media);
    const progress = await h.library.scan();

    expect(progress).toMatchObject({ state: 'idle', filesSeen: 8, filesAdded: 8, filesRemoved: 0, rootsDone: 1 });
    const titles = h.library.items().map((i) => [i.type, i.title, i.year]);
    expect(titles).toEqual(
      expect.arrayContaining([
        ['movie', 'Inception', 2010],
        ['movie', 'The Matrix', 1999],
        ['series', 'Dark', null],
        ['series', 'Тьма', null],
      ]),
    );
    expect(titles).toHaveLength(4);
    const inception = byTitle(h.library, 'Inception');
    expect(inception.type === 'movie' && inception.files.map((f) => path.basename(f.path))).toEqual([
      'Inception (2010) - 4K.mkv',
      'Inception (2010).mkv',
    ]);
    const dark = byTitle(h.library, 'Dark') as SeriesDetail;
    expect(dark.seasons.map((s) => [s.number, s.episodes.map((e) => e.number)])).toEqual([
      [1, [1, 2]],
      [2, [1, 2]],
    ]);
    const tma = byTitle(h.library, 'Тьма') as SeriesDetail;
    expect(tma.seasons.map((s) => [s.number, s.episodes.map((e) => e.number)])).toEqual([[3, [2]]]);
  });

  it('a second scan changes nothing; a deleted file leaves the catalogue, an emptied series with it', async () => {
    const lone = touch(media, 'Shows/Lone/Season 01/Lone S01E01.mkv');
    touch(media, 'Movie (2001)/Movie (2001).mkv');
    await h.library.addRoot(media);
    await h.library.scan();
    const again = await h.library.scan();
    expect(again).toMatchObject({ filesSeen: 2, filesAdded: 0, filesUpdated: 0, filesRemoved: 0 });

    fs.rmSync(lone);
    const after = await h.library.scan();
    expect(after.filesRemoved).toBe(1);
    expect(h.library.items().map((i) => i.title)).toEqual(['Movie']);
  });

  it('a changed file is updated and probed again', async () => {
    const file = touch(media, 'Movie (2001)/Movie (2001).mkv', 'a');
    await h.library.addRoot(media);
    await h.library.scan();
    h.probes.start();
    await h.probes.idle();
    const id = (byTitle(h.library, 'Movie') as Extract<LibraryItemDetail, { type: 'movie' }>).files[0].id;
    expect(h.library.file(id)?.probe).toEqual(FAKE_PROBE);

    fs.writeFileSync(file, 'longer content');
    const progress = await h.library.scan();
    expect(progress.filesUpdated).toBe(1);
    expect(h.library.file(id)).toMatchObject({ size: 14 });
  });

  it('keeps the catalogue when a media folder goes missing (unplugged disk) and flags the folder', async () => {
    touch(media, 'Movie (2001)/Movie (2001).mkv');
    await h.library.addRoot(media);
    await h.library.scan();
    fs.renameSync(media, media + '-unplugged');

    const progress = await h.library.scan();
    expect(progress.errors.join('\n')).toContain('Folder not found');
    expect(h.library.items()).toHaveLength(1);
    expect(h.library.roots()[0]).toMatchObject({ status: 'missing', fileCount: 1 });

    fs.renameSync(media + '-unplugged', media);
    await h.library.scan();
    expect(h.library.roots()[0]).toMatchObject({ status: 'ok', error: null });
  });

  it('survives broken symlinks, symlink loops and odd characters in names', async () => {
    touch(media, 'Odd/Amélie — «Le Fabuleux» [v2] #1 & co (2001).mkv');
    touch(media, "Ocean's 11 (2001)/Ocean's 11 (2001).mkv");
    fs.symlinkSync(path.join(media, 'nowhere.mkv'), path.join(media, 'broken.mkv'));
    fs.symlinkSync(media, path.join(media, 'Odd', 'loop'));
    await h.library.addRoot(media);
    const progress = await h.library.scan();
    expect(progress.errors.some((e) => e.includes('broken.mkv'))).toBe(true);
    expect(
      h.library
        .items()
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Amélie — «Le Fabuleux» #1 & co', "Ocean's 11"]);
  });

  it('refuses folders that do not exist, files, and folders nested in another media folder', async () => {
    touch(media, 'a.txt');
    await expect(h.library.addRoot(path.join(dir, 'nope'))).rejects.toThrow(/Folder not found/);
    await expect(h.library.addRoot(path.join(media, 'a.txt'))).rejects.toThrow(/is a file/);
    await expect(h.library.addRoot('')).rejects.toBeInstanceOf(LibraryError);
    await h.library.addRoot(media);
    fs.mkdirSync(path.join(media, 'sub'));
    await expect(h.library.addRoot(path.join(media, 'sub'))).rejects.toThrow(/already inside/);
    await expect(h.library.addRoot(dir)).rejects.toThrow(/contains the media folder/);
    expect(h.library.roots()).toHaveLength(1);
  });

  it('records ffprobe failures per file without losing the file', async () => {
    h.db.close();
    h = build(path.join(dir, 'racoon.db'), async (file) => {
      if (file.includes('Broken')) throw new Error('ffprobe could not read the file: Invalid data found');
      return FAKE_PROBE;
    });
    touch(media, 'Good (2001)/Good (2001).mkv');
    touch(media, 'Broken (2002)/Broken (2002).mkv');
    await h.library.addRoot(media);
    await h.library.scan();
    h.probes.start();
    await h.probes.idle();
    const broken = byTitle(h.library, 'Broken') as Extract<LibraryItemDetail, { type: 'movie' }>;
    expect(broken.files[0]).toMatchObject({ probe: null, probeError: expect.stringContaining('Invalid data') });
    expect(h.probes.status()).toMatchObject({ done: 1, failed: 1, pending: 0 });
  });

  it('pausing all work holds a scan until resumed', async () => {
    for (let i = 1; i <= 3; i++) touch(media, `Movie ${i} (2001)/Movie ${i} (2001).mkv`);
    await h.library.addRoot(media);
    h.work.pause();
    const scan = h.library.scan();
    await new Promise((r) => setTimeout(r, 200));
    expect(h.library.scanner.progress().state).toBe('paused');
    expect(h.library.items()).toHaveLength(0);
    h.work.resume();
    await scan;
    expect(h.library.items()).toHaveLength(3);
  });

  it('the catalogue survives a restart', async () => {
    touch(media, 'Movie (2001)/Movie (2001).mkv');
    await h.library.addRoot(media);
    await h.library.scan();
    h.db.close();
    h = build(path.join(dir, 'racoon.db'));
    expect(h.library.items().map((i) => i.title)).toEqual(['Movie']);
    expect(h.library.roots()).toHaveLength(1);
  });

  it('the watcher picks up added, renamed and deleted files without a rescan', async () => {
    h.db.close();
    h = build(path.join(dir, 'racoon.db'), undefined, true);
    touch(media, 'Movie (2001)/Movie (2001).mkv');
    await h.library.addRoot(media);
    await h.library.scan();
    await h.library.start();
    await h.library.watcherReady();
    const changes: string[] = [];
    h.bus.subscribe((e) => {
      if (e.type === 'library.changed') changes.push(e.reason);
    });

    const added = touch(media, 'Shows/New Show/Season 01/New Show S01E01.mkv');
    await waitFor(() => h.library.items().some((i) => i.title === 'New Show'));

    fs.renameSync(added, path.join(path.dirname(added), 'New Show S01E05.mkv'));
    await waitFor(() => {
      const show = h.library.items().find((i) => i.title === 'New Show');
      const detail = show && (h.library.item(show.id) as SeriesDetail);
      return !!detail && detail.seasons[0]?.episodes.map((e) => e.number).join() === '5';
    });

    fs.rmSync(path.join(media, 'Movie (2001)'), { recursive: true });
    await waitFor(() => !h.library.items().some((i) => i.title === 'Movie'));
    expect(changes).toContain('watch');
  });
});
