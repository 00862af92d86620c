import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ContinueWatchingEntry,
  FileProgress,
  ItemWatchState,
  ItemWatchSummary,
  LibraryItemSummary,
  MovieDetail,
  ProgressResult,
  SeriesDetail,
} from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';

/** A real 10-minute video, tiny and fast to encode (1 fps, 64x36, silent AAC): long enough for resume points. */
function makeTenMinuteVideo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=gray:size=64x36:rate=1'],
      ...['-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '600'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-c:a', 'aac', '-b:a', '8k', file],
    ],
    { stdio: 'pipe' },
  );
}

describe('HTTP API watch state (/files/:id/progress, played marks, continue watching) against a real engine', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let alice: string;
  let bob: string;
  let movieId: number;
  let movieFile: number;
  let seriesId: number;
  let series: SeriesDetail;

  const call = async <T = unknown>(token: string | null, method: string, url: string, body?: unknown) => {
    const res = await fetch(base + '/api/v1' + url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const episode = (season: number, number: number) =>
    series.seasons.find((s) => s.number === season)!.episodes.find((e) => e.number === number)!;
  const episodeFile = (season: number, number: number) => episode(season, number).files[0].id;

  beforeAll(async () => {
    dir = tempDir('watch-api');
    const media = path.join(dir, 'media');
    const clip = path.join(dir, 'clip.mp4');
    makeTenMinuteVideo(clip);
    for (const relative of [
      'Movies/Long Test (2021)/Long Test (2021).mp4',
      'Shows/Watch Show/Season 01/Watch Show S01E01.mp4',
      'Shows/Watch Show/Season 01/Watch Show S01E02.mp4',
      'Shows/Watch Show/Season 01/Watch Show S01E03E04.mp4',
      'Shows/Watch Show/Season 02/Watch Show S02E01.mp4',
    ]) {
      fs.mkdirSync(path.dirname(path.join(media, relative)), { recursive: true });
      fs.copyFileSync(clip, path.join(media, relative));
    }
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      mediaDirs: [media],
      port: 0,
      adminPassword: 'watch admin password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    await engine.library.scan();
    engine.probes.start();
    await engine.probes.idle();
    alice = await engine.issueSessionToken();
    const bobUser = await engine.users.create('bob', 'bob password here');
    bob = engine.users.createSession(bobUser.id);

    const items = (await call<LibraryItemSummary[]>(alice, 'GET', '/library/items')).body;
    movieId = items.find((i) => i.title === 'Long Test')!.id;
    seriesId = items.find((i) => i.title === 'Watch Show')!.id;
    movieFile = (await call<MovieDetail>(alice, 'GET', `/library/items/${movieId}`)).body.files[0].id;
    series = (await call<SeriesDetail>(alice, 'GET', `/library/items/${seriesId}`)).body;
  }, 180_000);

  afterAll(async () => {
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every route wants a session: 401 without one', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/files/${movieFile}/progress`],
      ['PUT', `/files/${movieFile}/progress`, { positionSec: 100, durationSec: 600 }],
      ['POST', `/library/items/${movieId}/played`],
      ['DELETE', `/library/items/${movieId}/played`],
      ['POST', `/library/episodes/${episode(1, 1).id}/played`],
      ['DELETE', `/library/episodes/${episode(1, 1).id}/played`],
      ['GET', `/library/items/${movieId}/watch-state`],
      ['GET', '/library/watch-state'],
      ['GET', '/library/continue'],
    ];
    for (const [method, url, body] of routes) {
      expect((await call(null, method, url, body)).status, `${method} ${url}`).toBe(401);
      expect((await call('not-a-token', method, url, body)).status, `${method} ${url}`).toBe(401);
    }
  });

  it.each([
    ['a negative position', { positionSec: -5, durationSec: 600 }, /positionSec: must be 0 or more seconds/],
    ['a position past the end', { positionSec: 700, durationSec: 600 }, /positionSec 700 is past the end.*durationSec 600/],
    ['a position as text', { positionSec: '12', durationSec: 600 }, /positionSec: must be a number of seconds/],
    ['no position', { durationSec: 600 }, /positionSec: must be a number/],
    ['a zero duration', { positionSec: 0, durationSec: 0 }, /durationSec: must be more than 0 seconds/],
    ['paused not a boolean', { positionSec: 100, durationSec: 600, paused: 'yes' }, /paused: must be true or false/],
    ['an unknown field', { positionSec: 100, durationSec: 600, position: 3 }, /Unrecognized key: "position"/],
    ['no body', undefined, /body/i],
  ])('PUT progress: 400 naming the field for %s, and nothing saved', async (_name, body, message) => {
    const res = await call<{ message: string }>(alice, 'PUT', `/files/${movieFile}/progress`, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    expect((await call<FileProgress>(alice, 'GET', `/files/${movieFile}/progress`)).body.positionSec).toBeNull();
  });

  it('unknown ids are 404, malformed ids and queries 400', async () => {
    expect((await call(alice, 'GET', '/files/99999/progress')).status).toBe(404);
    const put = await call<{ message: string }>(alice, 'PUT', '/files/99999/progress', { positionSec: 1, durationSec: 60 });
    expect([put.status, put.body.message]).toEqual([404, 'File not found']);
    expect((await call(alice, 'POST', '/library/items/99999/played')).status).toBe(404);
    expect((await call(alice, 'POST', '/library/episodes/99999/played')).status).toBe(404);
    expect((await call(alice, 'GET', '/library/items/99999/watch-state')).status).toBe(404);
    expect((await call(alice, 'GET', '/files/abc/progress')).status).toBe(400);
    expect((await call(alice, 'PUT', '/files/-3/progress', { positionSec: 1 })).status).toBe(400);

    const season = await call<{ message: string }>(alice, 'POST', `/library/items/${seriesId}/played?season=9`);
    expect([season.status, season.body.message]).toEqual([404, '"Watch Show" has no season 9 in the library']);
    const badSeason = await call<{ message: string }>(alice, 'POST', `/library/items/${seriesId}/played?season=first`);
    expect([badSeason.status, badSeason.body.message]).toEqual([400, expect.stringMatching(/season/)]);
    const movieSeason = await call<{ message: string }>(alice, 'POST', `/library/items/${movieId}/played?season=1`);
    expect([movieSeason.status, movieSeason.body.message]).toEqual([
      400,
      expect.stringMatching(/season only applies to a series/),
    ]);
    expect((await call(alice, 'GET', '/library/continue?limit=0')).status).toBe(400);
  });

  it('a movie: resume point saved and read back, from the probed duration when the player sends none', async () => {
    const put = await call<ProgressResult>(alice, 'PUT', `/files/${movieFile}/progress`, { positionSec: 150, paused: true });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      fileId: movieFile,
      outcome: 'resume',
      reason: 'in-progress',
      positionSec: 150,
      played: false,
      message: 'Resume point at 2:30 (25 %)',
    });
    expect(put.body.durationSec).toBeCloseTo(600, 0);
    const got = await call<FileProgress>(alice, 'GET', `/files/${movieFile}/progress`);
    expect(got.body).toMatchObject({ fileId: movieFile, positionSec: 150, played: false, lastWatchedAt: expect.any(String) });

    const early = await call<ProgressResult>(alice, 'PUT', `/files/${movieFile}/progress`, { positionSec: 20 });
    expect(early.body).toMatchObject({ outcome: 'none', reason: 'under-a-minute', positionSec: null });
    await call(alice, 'PUT', `/files/${movieFile}/progress`, { positionSec: 200, durationSec: 600 });
  });

  it("two users never see each other's state", async () => {
    await call(bob, 'PUT', `/files/${episodeFile(2, 1)}/progress`, { positionSec: 300, durationSec: 600 });
    expect((await call<FileProgress>(bob, 'GET', `/files/${movieFile}/progress`)).body.positionSec).toBeNull();
    expect((await call<FileProgress>(alice, 'GET', `/files/${episodeFile(2, 1)}/progress`)).body.positionSec).toBeNull();
    const bobRow = (await call<ContinueWatchingEntry[]>(bob, 'GET', '/library/continue')).body;
    expect(bobRow.map((e) => e.fileId)).toEqual([episodeFile(2, 1)]);
    const aliceRow = (await call<ContinueWatchingEntry[]>(alice, 'GET', '/library/continue')).body;
    expect(aliceRow.map((e) => e.fileId)).not.toContain(episodeFile(2, 1));
    const bobCards = (await call<ItemWatchSummary[]>(bob, 'GET', '/library/watch-state')).body;
    expect(bobCards.map((c) => c.itemId)).toEqual([seriesId]);
  });

  it('finishing an episode marks it played and puts the next one up; the row is newest first', async () => {
    const done = await call<ProgressResult>(alice, 'PUT', `/files/${episodeFile(1, 1)}/progress`, {
      positionSec: 560,
      durationSec: 600,
    });
    expect(done.body).toMatchObject({ outcome: 'played', reason: 'reached-end', played: true, positionSec: null });
    const row = (await call<ContinueWatchingEntry[]>(alice, 'GET', '/library/continue')).body;
    expect(row.map((e) => [e.kind, e.item.title, e.episode && [e.episode.season, e.episode.number]])).toEqual([
      ['next-up', 'Watch Show', [1, 2]],
      ['resume', 'Long Test', null],
    ]);
    expect(row[0]).toMatchObject({ fileId: episodeFile(1, 2), positionSec: null, item: { id: seriesId, type: 'series' } });
    expect(row[1]).toMatchObject({ fileId: movieFile, positionSec: 200, durationSec: 600, item: { id: movieId, year: 2021 } });
    expect((await call<ContinueWatchingEntry[]>(alice, 'GET', '/library/continue?limit=1')).body).toHaveLength(1);

    const state = (await call<ItemWatchState>(alice, 'GET', `/library/items/${seriesId}/watch-state`)).body;
    expect(state).toMatchObject({ itemId: seriesId, played: false, playedEpisodes: 1, totalEpisodes: 5 });
    expect(state.nextUp).toEqual({ episodeId: episode(1, 2).id, season: 1, number: 2, fileId: episodeFile(1, 2) });
    expect(state.episodes.map((e) => [e.season, e.number, e.played])).toEqual([
      [1, 1, true],
      [1, 2, false],
      [1, 3, false],
      [1, 4, false],
      [2, 1, false],
    ]);
  });

  it('a file with two episodes plays both: the progress moves both, the end marks both', async () => {
    await call(alice, 'PUT', `/files/${episodeFile(1, 3)}/progress`, { positionSec: 300, durationSec: 600 });
    let state = (await call<ItemWatchState>(alice, 'GET', `/library/items/${seriesId}/watch-state`)).body;
    expect(state.episodes.filter((e) => e.positionSec === 300).map((e) => e.number)).toEqual([3, 4]);
    await call(alice, 'PUT', `/files/${episodeFile(1, 3)}/progress`, { positionSec: 600, durationSec: 600 });
    state = (await call<ItemWatchState>(alice, 'GET', `/library/items/${seriesId}/watch-state`)).body;
    expect(state.episodes.filter((e) => e.played).map((e) => e.number)).toEqual([1, 3, 4]);
    expect(state.nextUp).toMatchObject({ season: 2, number: 1 });
  });

  it('played by hand: an episode, a season, a whole series, a movie; and back', async () => {
    const ep = await call<ItemWatchState>(alice, 'POST', `/library/episodes/${episode(1, 2).id}/played`);
    expect(ep.status).toBe(200);
    expect(ep.body.playedEpisodes).toBe(4);
    const unSeason = await call<ItemWatchState>(alice, 'DELETE', `/library/items/${seriesId}/played?season=1`);
    expect(unSeason.body).toMatchObject({ playedEpisodes: 0, nextUp: null });
    const whole = await call<ItemWatchState>(alice, 'POST', `/library/items/${seriesId}/played`);
    expect(whole.body).toMatchObject({ played: true, playedEpisodes: 5, totalEpisodes: 5, nextUp: null });
    const epOff = await call<ItemWatchState>(alice, 'DELETE', `/library/episodes/${episode(2, 1).id}/played`);
    expect(epOff.body).toMatchObject({ played: false, playedEpisodes: 4 });
    expect(epOff.body.nextUp).toMatchObject({ season: 2, number: 1 });

    const movie = await call<ItemWatchState>(alice, 'POST', `/library/items/${movieId}/played`);
    expect(movie.body).toMatchObject({ itemId: movieId, played: true, playCount: 1, positionSec: null, episodes: [] });
    expect((await call<FileProgress>(alice, 'GET', `/files/${movieFile}/progress`)).body).toMatchObject({
      played: true,
      positionSec: null,
    });
    const cards = (await call<ItemWatchSummary[]>(alice, 'GET', '/library/watch-state')).body;
    expect(cards).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemId: movieId, played: true }),
        expect.objectContaining({ itemId: seriesId, played: false, playedEpisodes: 4, totalEpisodes: 5 }),
      ]),
    );
    const unMovie = await call<ItemWatchState>(alice, 'DELETE', `/library/items/${movieId}/played`);
    expect(unMovie.body).toMatchObject({ played: false, playCount: 0, lastWatchedAt: null });
    // bob's own state is untouched by all of alice's marks
    expect((await call<FileProgress>(bob, 'GET', `/files/${episodeFile(2, 1)}/progress`)).body.positionSec).toBe(300);
  });

  it('the OpenAPI document lists the watch routes', async () => {
    const doc = (await call<{ paths: Record<string, unknown> }>(alice, 'GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/files/{id}/progress',
        '/api/v1/library/items/{id}/played',
        '/api/v1/library/episodes/{id}/played',
        '/api/v1/library/items/{id}/watch-state',
        '/api/v1/library/watch-state',
        '/api/v1/library/continue',
      ]),
    );
  });
});
