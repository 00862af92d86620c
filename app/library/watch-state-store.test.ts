import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProbeInfo, SeriesDetail } from '../api/api-types.js';
import { UserService } from '../auth/user-service.js';
import { openDatabase, type Db } from '../core/database.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { WorkControl } from '../core/work-control.js';
import { makeClip, tempDir } from '../../e2e/support/media-fixtures.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { LibraryCatalogue } from './library-catalogue.js';
import { LibraryService } from './library-service.js';
import { ProbeQueue } from './probe-queue.js';
import { parseMediaPath } from './media-name-parser.js';
import { WatchStateStore } from './watch-state-store.js';
import { ProgressError } from './watch-state.js';

const probe = (durationSec: number | null): ProbeInfo => ({
  container: 'matroska,webm',
  durationSec,
  bitRate: null,
  video: null,
  audio: [],
  subtitles: [],
});

describe('WatchStateStore on a real SQLite catalogue', () => {
  let dir: string;
  let db: Db;
  let catalogue: LibraryCatalogue;
  let store: WatchStateStore;
  let clock: number;
  let alice: number;
  let bob: number;
  let rootId: number;
  const files = new Map<string, number>();

  /** catalogues a file the way the scanner does (the path decides movie or episode) */
  const add = (relative: string, durationSec: number | null = 2400) => {
    const full = path.join(dir, 'media', relative);
    catalogue.upsertFile(rootId, full, { size: 1000, mtimeMs: 1 }, parseMediaPath(relative));
    const id = catalogue.knownFiles(rootId).get(full)!.id;
    if (durationSec !== null) catalogue.setProbe(id, { probe: probe(durationSec) });
    files.set(relative, id);
    return id;
  };
  const file = (relative: string) => files.get(relative)!;
  const itemId = (title: string) => catalogue.listItems().find((i) => i.title === title)!.id;
  const series = (title: string) => catalogue.getItem(itemId(title)) as SeriesDetail;
  const episodeId = (title: string, season: number, number: number) =>
    series(title)
      .seasons.find((s) => s.number === season)!
      .episodes.find((e) => e.number === number)!.id;

  const MOVIE = 'Movies/Alien (1979)/Alien (1979).mkv';
  const UNPROBED = 'Movies/Heat (1995)/Heat (1995).mkv';
  const S1E1 = 'Shows/Test Show/Season 01/Test Show S01E01.mkv';
  const S1E2 = 'Shows/Test Show/Season 01/Test Show S01E02.mkv';
  const S1E34 = 'Shows/Test Show/Season 01/Test Show S01E03E04.mkv';
  const S2E1 = 'Shows/Test Show/Season 02/Test Show S02E01.mkv';
  const SPECIAL = 'Shows/Test Show/Season 00/Test Show S00E01.mkv';
  const OTHER = 'Shows/Other Show/Season 01/Other Show S01E01.mkv';

  beforeEach(async () => {
    dir = tempDir('watch-store');
    db = openDatabase(path.join(dir, 'racoon.db'));
    const users = new UserService(db);
    alice = (await users.create('alice', 'alice password')).id;
    bob = (await users.create('bob', 'bob password')).id;
    catalogue = new LibraryCatalogue(db);
    rootId = catalogue.addRoot(path.join(dir, 'media')).id;
    clock = Date.parse('2024-05-01T10:00:00.000Z');
    // every write is one second after the previous one: "most recent first" is deterministic
    store = new WatchStateStore(db, { now: () => new Date((clock += 1000)) });
    add(MOVIE, 7000);
    add(UNPROBED, null);
    add(S1E1);
    add(S1E2);
    add(S1E34);
    add(S2E1);
    add(SPECIAL);
    add(OTHER);
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an untouched file has no resume point; an unknown file is NotFound', () => {
    expect(store.fileProgress(alice, file(MOVIE))).toEqual({
      fileId: file(MOVIE),
      positionSec: null,
      durationSec: null,
      played: false,
      lastWatchedAt: null,
    });
    expect(() => store.fileProgress(alice, 99_999)).toThrow(NotFoundError);
    expect(() => store.reportProgress(alice, 99_999, { positionSec: 10, durationSec: 100 })).toThrow(NotFoundError);
  });

  it('a position mid-film is a resume point for that user only', () => {
    const result = store.reportProgress(alice, file(MOVIE), { positionSec: 754, durationSec: 7000 });
    expect(result).toMatchObject({
      outcome: 'resume',
      reason: 'in-progress',
      positionSec: 754,
      durationSec: 7000,
      played: false,
    });
    expect(result.message).toBe('Resume point at 12:34 (11 %)');
    expect(store.fileProgress(alice, file(MOVIE)).positionSec).toBe(754);
    expect(store.fileProgress(bob, file(MOVIE)).positionSec).toBeNull();
    expect(store.summaries(bob)).toEqual([]);
    expect(store.continueWatching(bob)).toEqual([]);
  });

  it('without durationSec the probed duration decides; an unprobed file then needs one', () => {
    expect(store.reportProgress(alice, file(MOVIE), { positionSec: 6500 })).toMatchObject({
      outcome: 'played',
      durationSec: 7000,
    });
    expect(() => store.reportProgress(alice, file(UNPROBED), { positionSec: 600 })).toThrow(UserError);
    expect(() => store.reportProgress(alice, file(UNPROBED), { positionSec: 600 })).toThrow(/durationSec is needed/);
    expect(store.reportProgress(alice, file(UNPROBED), { positionSec: 600, durationSec: 6000 }).outcome).toBe('resume');
  });

  it('a position past the end is refused and changes nothing', () => {
    store.reportProgress(alice, file(MOVIE), { positionSec: 1000, durationSec: 7000 });
    expect(() => store.reportProgress(alice, file(MOVIE), { positionSec: 9000, durationSec: 7000 })).toThrow(ProgressError);
    expect(store.fileProgress(alice, file(MOVIE)).positionSec).toBe(1000);
  });

  it('reaching 90 % marks the movie played and clears its resume point; the first minute clears it too', () => {
    store.reportProgress(alice, file(MOVIE), { positionSec: 3000, durationSec: 7000 });
    const done = store.reportProgress(alice, file(MOVIE), { positionSec: 6400, durationSec: 7000 });
    expect(done).toMatchObject({ outcome: 'played', reason: 'reached-end', played: true, positionSec: null });
    expect(store.itemState(alice, itemId('Alien'))).toMatchObject({ played: true, playCount: 1, positionSec: null });
    expect(store.continueWatching(alice)).toEqual([]);

    store.reportProgress(alice, file(UNPROBED), { positionSec: 3000, durationSec: 6000 });
    expect(store.reportProgress(alice, file(UNPROBED), { positionSec: 30, durationSec: 6000 })).toMatchObject({
      outcome: 'none',
      reason: 'under-a-minute',
      positionSec: null,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM watch_state WHERE user_id = ?').get(alice)).toEqual({ n: 1 }); // no empty rows
  });

  it('a file holding two episodes moves both, and shows once in continue watching', () => {
    store.reportProgress(alice, file(S1E34), { positionSec: 1200, durationSec: 2400 });
    const state = store.itemState(alice, itemId('Test Show'));
    const e3 = state.episodes.find((e) => e.season === 1 && e.number === 3)!;
    const e4 = state.episodes.find((e) => e.season === 1 && e.number === 4)!;
    expect([e3.positionSec, e4.positionSec]).toEqual([1200, 1200]);
    const row = store.continueWatching(alice);
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ kind: 'resume', fileId: file(S1E34), episode: { season: 1, number: 3 }, positionSec: 1200 });

    store.reportProgress(alice, file(S1E34), { positionSec: 2300, durationSec: 2400 });
    expect(store.itemState(alice, itemId('Test Show')).playedEpisodes).toBe(2);
  });

  it('finishing an episode puts the next one in continue watching (next up), across seasons, newest first', () => {
    store.reportProgress(alice, file(S1E1), { positionSec: 2300, durationSec: 2400 });
    store.reportProgress(alice, file(MOVIE), { positionSec: 2000 });
    let row = store.continueWatching(alice);
    expect(row.map((e) => [e.kind, e.item.title, e.episode && `${e.episode.season}x${e.episode.number}`])).toEqual([
      ['resume', 'Alien', null],
      ['next-up', 'Test Show', '1x2'],
    ]);
    expect(row[1]).toMatchObject({ fileId: file(S1E2), positionSec: null, episode: { id: episodeId('Test Show', 1, 2) } });

    // watching the next one makes it the newest card, as a resume point
    store.reportProgress(alice, file(S1E2), { positionSec: 600, durationSec: 2400 });
    row = store.continueWatching(alice);
    expect(row.map((e) => [e.kind, e.item.title])).toEqual([
      ['resume', 'Test Show'],
      ['resume', 'Alien'],
    ]);

    store.setItemPlayed(alice, itemId('Test Show'), true, 1);
    expect(store.continueWatching(alice)[0]).toMatchObject({ kind: 'next-up', episode: { season: 2, number: 1 } });
    expect(store.itemState(alice, itemId('Test Show')).nextUp).toEqual({
      episodeId: episodeId('Test Show', 2, 1),
      season: 2,
      number: 1,
      fileId: file(S2E1),
    });
  });

  it('marks a whole series, one season or one episode played and unplayed', () => {
    const show = itemId('Test Show');
    const s1 = store.setItemPlayed(alice, show, true, 1);
    expect(s1.episodes.filter((e) => e.played).map((e) => `${e.season}x${e.number}`)).toEqual(['1x1', '1x2', '1x3', '1x4']);
    expect(s1).toMatchObject({ played: false, playedEpisodes: 4, totalEpisodes: 6 });

    const all = store.setItemPlayed(alice, show, true);
    expect(all).toMatchObject({ played: true, playedEpisodes: 6, totalEpisodes: 6, nextUp: null });

    const one = store.setEpisodePlayed(alice, episodeId('Test Show', 1, 2), false);
    expect(one.episodes.find((e) => e.season === 1 && e.number === 2)!.played).toBe(false);
    expect(one).toMatchObject({ played: false, playedEpisodes: 5 });

    const none = store.setItemPlayed(alice, show, false);
    expect(none).toMatchObject({ playedEpisodes: 0, lastWatchedAt: null });
    expect(store.summaries(alice)).toEqual([]);
  });

  it('marking a half-watched movie played drops its resume point; unplayed forgets it', () => {
    const movie = itemId('Alien');
    store.reportProgress(alice, file(MOVIE), { positionSec: 3000 });
    expect(store.setItemPlayed(alice, movie, true)).toMatchObject({ played: true, playCount: 1, positionSec: null });
    expect(store.setItemPlayed(alice, movie, true)).toMatchObject({ playCount: 1 }); // twice is once
    expect(store.setItemPlayed(alice, movie, false)).toMatchObject({ played: false, playCount: 0, lastWatchedAt: null });
  });

  it('clear errors for unknown items, episodes and seasons, and a season on a movie', () => {
    expect(() => store.setItemPlayed(alice, 99_999, true)).toThrow(NotFoundError);
    expect(() => store.setEpisodePlayed(alice, 99_999, true)).toThrow(/Episode not found/);
    expect(() => store.setItemPlayed(alice, itemId('Test Show'), true, 7)).toThrow(/"Test Show" has no season 7 in the library/);
    expect(() => store.setItemPlayed(alice, itemId('Alien'), true, 1)).toThrow(
      /season only applies to a series; "Alien" is a movie/,
    );
    expect(() => store.itemState(alice, 99_999)).toThrow(NotFoundError);
  });

  it('card summaries: a movie with its resume point, a series with episodes played out of the library’s', () => {
    store.reportProgress(alice, file(MOVIE), { positionSec: 3500 });
    store.setEpisodePlayed(alice, episodeId('Test Show', 1, 1), true);
    store.setItemPlayed(alice, itemId('Other Show'), true);
    expect(store.summaries(alice)).toEqual(
      [
        {
          itemId: itemId('Alien'),
          played: false,
          positionSec: 3500,
          durationSec: 7000,
          playedEpisodes: 0,
          totalEpisodes: 0,
          lastWatchedAt: expect.any(String),
        },
        {
          itemId: itemId('Test Show'),
          played: false,
          positionSec: null,
          durationSec: null,
          playedEpisodes: 1,
          totalEpisodes: 6,
          lastWatchedAt: expect.any(String),
        },
        {
          itemId: itemId('Other Show'),
          played: true,
          positionSec: null,
          durationSec: null,
          playedEpisodes: 1,
          totalEpisodes: 1,
          lastWatchedAt: expect.any(String),
        },
      ].sort((a, b) => a.itemId - b.itemId),
    );
  });

  it('watch state survives the catalogue dropping and re-creating the item (a rename seen as unlink + add)', () => {
    const oldItem = itemId('Alien');
    store.reportProgress(alice, file(MOVIE), { positionSec: 3000 });
    store.setEpisodePlayed(alice, episodeId('Test Show', 1, 1), true);

    // the watcher's way: the old path goes (the item and episode lose their last file and are pruned), the new one comes
    catalogue.removePath(path.join(dir, 'media', MOVIE));
    catalogue.removePath(path.join(dir, 'media', S1E1));
    expect(catalogue.listItems().some((i) => i.title === 'Alien')).toBe(false);
    const renamed = add('Movies/Alien (1979)/Alien.1979.1080p.BluRay.mkv', 7000);
    const renamedEpisode = add('Shows/Test Show/Season 01/Test.Show.S01E01.1080p.mkv');

    expect(itemId('Alien')).not.toBe(oldItem);
    expect(store.fileProgress(alice, renamed)).toMatchObject({ positionSec: 3000, durationSec: 7000 });
    expect(store.fileProgress(alice, renamedEpisode).played).toBe(true);
    expect(store.continueWatching(alice).map((e) => [e.kind, e.fileId])).toEqual([
      ['next-up', file(S1E2)],
      ['resume', renamed],
    ]);
  });

  it('an entry whose file left the library drops out of continue watching, and comes back with it', () => {
    store.reportProgress(alice, file(S2E1), { positionSec: 600 });
    catalogue.removePath(path.join(dir, 'media', S2E1));
    expect(store.continueWatching(alice)).toEqual([]);
    expect(store.summaries(alice).find((s) => s.itemId === itemId('Test Show'))).toBeUndefined();
    const back = add(S2E1);
    expect(store.continueWatching(alice)).toMatchObject([{ kind: 'resume', fileId: back, positionSec: 600 }]);
  });

  it("deleting a user deletes that user's watch state", () => {
    store.reportProgress(bob, file(MOVIE), { positionSec: 3000 });
    store.reportProgress(alice, file(MOVIE), { positionSec: 2000 });
    db.prepare('DELETE FROM users WHERE id = ?').run(bob);
    expect(db.prepare('SELECT user_id FROM watch_state').all()).toEqual([{ user_id: alice }]);
  });
});

describe('WatchStateStore with the real library watcher', () => {
  let dir: string;
  let db: Db;
  let library: LibraryService;

  afterEach(async () => {
    await library?.stop();
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a movie renamed on disk stays played (the watcher sees unlink + add, and the catalogue prunes the item in between)', async () => {
    dir = tempDir('watch-rename');
    const media = path.join(dir, 'media');
    const before = path.join(media, 'Movies', 'Clip (2020)', 'Clip (2020).mp4');
    makeClip(before, 3);
    db = openDatabase(path.join(dir, 'racoon.db'));
    const user = (await new UserService(db).create('carol', 'carol password')).id;
    const catalogue = new LibraryCatalogue(db);
    const { ffprobe } = resolveFfmpegPaths();
    const [bus, work, log] = [new EventBus(), new WorkControl(), silentLogger()];
    const probes = new ProbeQueue({ catalogue, probe: (f) => probeFile(ffprobe, f), bus, work, log });
    library = new LibraryService({ catalogue, probes, bus, work, log, watch: true, watchDebounceMs: 100, watchStabilityMs: 300 });
    const store = new WatchStateStore(db);
    await library.addRoot(media);
    await library.scan();
    await library.start();
    await library.watcherReady();
    await probes.idle();

    const oldFile = catalogue.knownFiles(library.roots()[0].id).get(before)!.id;
    const addedAt = library.items()[0].addedAt;
    // the probe gave the duration: 2.9 s of a 3 s clip is played
    expect(store.reportProgress(user, oldFile, { positionSec: 2.9 })).toMatchObject({ outcome: 'played' });

    const after = path.join(media, 'Movies', 'Clip (2020)', 'Clip.2020.1080p.WEB-DL.mp4');
    fs.renameSync(before, after);
    const deadline = Date.now() + 20_000;
    let newFile: number | undefined;
    while (
      !(newFile = catalogue.knownFiles(library.roots()[0].id).get(after)?.id) ||
      catalogue.knownFiles(library.roots()[0].id).has(before)
    ) {
      if (Date.now() > deadline) throw new Error('the watcher did not pick up the rename');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(library.items().map((i) => i.title)).toEqual(['Clip']);
    // the item was dropped with its last file and catalogued anew: a row keyed by its id would have been cascaded away
    expect(library.items()[0].addedAt).not.toBe(addedAt);
    expect(store.fileProgress(user, newFile)).toMatchObject({ played: true });
    expect(store.summaries(user)).toEqual([expect.objectContaining({ itemId: library.items()[0].id, played: true })]);
  });
});
