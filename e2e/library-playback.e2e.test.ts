// End to end, as a user: real video files made by ffmpeg, the real `racoon serve` CLI, Debian's Chromium.
// Sign in, browse the library, play an episode, read a movie's technical info, watch a deletion on disk
// reach the page, restart the server on the same data directory. Screenshots go to e2e/artifacts/library-playback/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EngineStatus, LibraryItemSummary, MovieDetail, SeriesDetail, LibraryRoot } from '../app/api/api-types.js';
import { getWithToken, signInForToken, useE2eStage } from './support/e2e-stage.js';
import { makeMediaTree, type MediaTree } from './support/media-fixtures.js';
import { startRacoon } from './support/racoon-process.js';

const PASSWORD = 'e2e correct horse';
const TITLES = ['Big Buck Test', 'Scene Show', 'Test Show'];

/** Titles of the library cards currently on the page, sorted. */
function cardTitles(page: Page): Promise<string[]> {
  return page
    .getByTestId('library-item')
    .locator('.card-title')
    .allTextContents()
    .then((t) => t.map((s) => s.trim()).sort());
}

/** Episode codes ("S01E01") of the rows shown for the selected season, in page order. */
function episodeCodes(page: Page): Promise<string[]> {
  return page.getByTestId('episode-row').locator('.episode-code').allTextContents();
}

describe('library and playback, end to end (racoon serve + Chromium)', () => {
  let tree: MediaTree;
  let seriesId: number;
  let movieId: number;

  const stage = useE2eStage({
    name: 'library-playback',
    password: PASSWORD,
    viewport: { width: 1280, height: 800 },
    actionTimeoutMs: 10_000,
    racoon: (dir) => {
      tree = makeMediaTree(path.join(dir, 'media'));
      return { mediaDirs: [tree.root] };
    },
  });

  /** Polls the engine until the background scan has finished and every file was probed. */
  async function waitForIdleEngine(timeoutMs: number): Promise<EngineStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await stage.get<EngineStatus>('/engine/status');
      const probing = status.probe.pending + status.probe.running;
      if (status.scan.state === 'idle' && status.scan.finishedAt && probing === 0) return status;
      if (Date.now() > deadline) throw new Error(`engine still busy after ${timeoutMs} ms: ${JSON.stringify(status)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('prints its URL and first-run facts on the terminal', () => {
    expect(stage.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stage.server.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(stage.server.output()).toContain(`Data: ${stage.dataDir}`);
    // the password came from RACOON_ADMIN_PASSWORD: nothing generated, nothing printed
    expect(stage.server.output()).not.toContain('First start');
    expect(stage.server.output()).not.toContain(PASSWORD);
  });

  it('sign-in: a wrong password shows an error, the right one opens the library', async () => {
    await stage.page.goto(stage.server.url);
    await stage.hashIs('#/signin');
    await stage.page.getByTestId('login-password').waitFor();
    expect(await stage.page.getByTestId('login-username').inputValue()).toBe('admin');
    await stage.screenshot('01-sign-in');

    await stage.page.getByTestId('login-password').fill('not the password');
    await stage.page.getByTestId('login-submit').click();
    const error = stage.page.getByTestId('login-error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).toBe('Wrong username or password.');
    expect(await stage.page.getByTestId('login-submit').isEnabled()).toBe(true);
    await stage.screenshot('02-sign-in-wrong-password');

    await stage.page.getByTestId('login-password').fill(PASSWORD);
    await stage.page.getByTestId('login-submit').click();
    await stage.hashIs('#/library');
    expect(await stage.page.getByTestId('login-error').count()).toBe(0);
  });

  it('library: the three titles appear once the background scan has run', async () => {
    await stage.page.waitForFunction(
      (want) => {
        const titles = [...document.querySelectorAll('[data-testid="library-item"] .card-title')].map((e) =>
          e.textContent?.trim(),
        );
        return JSON.stringify(titles.sort()) === JSON.stringify(want);
      },
      TITLES,
      { timeout: 20_000, polling: 100 },
    );
    await waitForIdleEngine(20_000);
    // the top bar settles too: no scan or probe progress left over
    await stage.page.getByTestId('scan-progress').waitFor({ state: 'detached' });
    await stage.page.getByTestId('probe-progress').waitFor({ state: 'detached' });
    expect(await cardTitles(stage.page)).toEqual(TITLES);

    const items = await stage.get<LibraryItemSummary[]>('/library/items');
    expect(items.map((i) => [i.type, i.title]).sort()).toEqual([
      ['movie', 'Big Buck Test'],
      ['series', 'Scene Show'],
      ['series', 'Test Show'],
    ]);
    seriesId = items.find((i) => i.title === 'Test Show')!.id;
    movieId = items.find((i) => i.title === 'Big Buck Test')!.id;
    await stage.screenshot('03-library');
  });

  it('series page: seasons and episodes; playing S01E01 reaches currentTime > 1 s', async () => {
    const card = stage.page.getByTestId('library-item').filter({ hasText: 'Test Show' });
    expect(await card.getAttribute('data-item-id')).toBe(String(seriesId));
    await card.click();
    await stage.hashIs(`#/library/${seriesId}`);
    expect((await stage.page.getByTestId('item-title').textContent())?.trim()).toBe('Test Show');

    await stage.page.getByTestId('season-1').waitFor();
    await stage.page.getByTestId('season-2').waitFor();
    expect(await stage.page.getByTestId('season-1').getAttribute('aria-selected')).toBe('true');
    expect(await episodeCodes(stage.page)).toEqual(['S01E01', 'S01E02']);
    await stage.page.getByTestId('season-2').click();
    await stage.page.waitForFunction(
      () => document.querySelector('[data-testid="season-2"]')?.getAttribute('aria-selected') === 'true',
    );
    expect(await episodeCodes(stage.page)).toEqual(['S02E01']);
    await stage.page.getByTestId('season-1').click();
    await stage.page.waitForFunction(() => document.querySelectorAll('[data-testid="episode-row"]').length === 2);
    expect(await episodeCodes(stage.page)).toEqual(['S01E01', 'S01E02']);
    await stage.screenshot('04-series');

    const series = await stage.get<SeriesDetail>(`/library/items/${seriesId}`);
    const fileId = series.seasons.find((s) => s.number === 1)!.episodes.find((e) => e.number === 1)!.files[0].id;
    const play = stage.page.getByTestId('episode-row').filter({ hasText: 'S01E01' }).getByTestId(`play-file-${fileId}`);
    await play.click();
    await stage.hashIs(`#/play/${fileId}`);
    expect((await stage.page.getByTestId('player-title').textContent())?.trim()).toBe('Test Show — S01E01');

    await stage.page.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="player-video"]');
        return !!v && !v.error && v.currentTime > 1;
      },
      undefined,
      { timeout: 15_000, polling: 50 },
    );
    const video = await stage.page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => ({
      width: v.videoWidth,
      height: v.videoHeight,
      duration: v.duration,
      paused: v.paused,
    }));
    expect(video).toMatchObject({ width: 320, height: 180, paused: false });
    expect(video.duration).toBeCloseTo(4, 0);
    expect(await stage.page.getByTestId('player-error').count()).toBe(0);
    await stage.screenshot('05-player-playing');
  }, 40_000);

  it('movie page: technical info shows H.264, MKV and both audio languages', async () => {
    await stage.page.getByTestId('nav-library').click();
    await stage.hashIs('#/library');
    await stage.page.getByTestId('library-item').filter({ hasText: 'Big Buck Test' }).click();
    await stage.hashIs(`#/library/${movieId}`);
    expect((await stage.page.getByTestId('item-title').textContent())?.trim()).toBe('Big Buck Test');
    const tech = stage.page.getByTestId('file-tech');
    await tech.waitFor();
    // probing finished before (engine idle), so no "Probing…" placeholder
    expect(await stage.page.getByTestId('probe-pending').count()).toBe(0);

    const info = await tech.evaluate((el) => {
      const out: Record<string, string[]> = {};
      for (const dt of el.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling as HTMLElement;
        const items = [...dd.querySelectorAll('li')].map((li) => li.textContent!.trim());
        out[dt.textContent!.trim()] = items.length ? items : [dd.textContent!.trim()];
      }
      return out;
    });
    expect(info.Container).toEqual(['MKV']);
    expect(info.Video[0]).toMatch(/^H\.264\b/);
    expect(info.Resolution[0]).toContain('320×180');
    expect(info.Duration).toEqual(['0:00:03']);
    expect(info.Audio).toHaveLength(2);
    expect(info.Audio[0]).toMatch(/^English · AAC\b/);
    expect(info.Audio[1]).toMatch(/^Russian · AAC\b/);
    expect(info.Subtitles).toHaveLength(1);
    expect(info.Subtitles[0]).toMatch(/^English · SRT\b/);
    expect(info.Path).toEqual([tree.movieFile]);
    // the one-line summary above the details, too
    expect(await stage.page.getByTestId('file-entry').locator('.file-entry-text').textContent()).toContain('H.264');

    const movie = await stage.get<MovieDetail>(`/library/items/${movieId}`);
    expect(movie.files[0].probe).toMatchObject({ video: { codec: 'h264' }, audio: [{ language: 'eng' }, { language: 'rus' }] });
    await stage.screenshot('06-movie-info');
  });

  it('settings page: the media folder is listed and scanned', async () => {
    await stage.page.getByTestId('nav-settings').click();
    await stage.hashIs('#/settings');
    const row = stage.page.getByTestId('root-row').filter({ hasText: tree.root });
    await row.waitFor();
    expect((await row.getByTestId('root-status').textContent())?.trim()).toBe('OK');
    expect(await row.textContent()).toContain('5 files');
    await stage.screenshot('07-settings');
  });

  it('watcher: an episode deleted on disk leaves the series page within 10 s', async () => {
    await stage.page.getByTestId('nav-library').click();
    await stage.page.getByTestId('library-item').filter({ hasText: 'Test Show' }).click();
    await stage.hashIs(`#/library/${seriesId}`);
    await stage.page.waitForFunction(() => document.querySelectorAll('[data-testid="episode-row"]').length === 2);

    const gone = tree.episodeFiles.find((f) => f.endsWith('Test Show S01E02.mp4'))!;
    const t0 = Date.now();
    fs.rmSync(gone);
    await stage.page.waitForFunction(
      () => {
        const codes = [...document.querySelectorAll('[data-testid="episode-row"] .episode-code')].map((e) => e.textContent);
        return codes.length === 1 && codes[0] === 'S01E01';
      },
      undefined,
      { timeout: 10_000, polling: 100 },
    );
    const took = Date.now() - t0;
    expect(took).toBeLessThan(10_000);
    expect((await stage.page.getByTestId('season-1').locator('.tab-count').textContent())?.trim()).toBe('1');

    const series = await stage.get<SeriesDetail>(`/library/items/${seriesId}`);
    expect(series.seasons.map((s) => [s.number, s.episodes.map((e) => e.number)])).toEqual([
      [1, [1]],
      [2, [1]],
    ]);
    await stage.screenshot('08-series-after-delete');
  });

  it('restart: the catalogue, the account and the browser session survive on the same data directory', async () => {
    const login = () => signInForToken(stage.server.url, PASSWORD);
    const get = <T>(token: string, urlPath: string) => getWithToken<T>(stage.server.url, token, urlPath);

    const before = await get<LibraryItemSummary[]>(await login(), '/library/items');
    expect(await stage.server.stop()).toBe(0); // SIGTERM: a clean shutdown
    expect(stage.server.output()).toContain('Stopping Racoon…');

    // Again, without --media and without RACOON_ADMIN_PASSWORD: everything comes from the data directory.
    stage.server = await startRacoon({ dataDir: stage.dataDir });
    expect(stage.server.output()).not.toContain('First start');
    const token = await login();
    const after = await get<LibraryItemSummary[]>(token, '/library/items');
    expect(after).toEqual(before);
    expect(after.map((i) => i.title).sort()).toEqual(TITLES);
    const series = await get<SeriesDetail>(token, `/library/items/${seriesId}`);
    expect(series.seasons.map((s) => [s.number, s.episodes.map((e) => e.number)])).toEqual([
      [1, [1]],
      [2, [1]],
    ]);
    const movie = await get<MovieDetail>(token, `/library/items/${movieId}`);
    expect(movie.files[0].probe).toMatchObject({ video: { codec: 'h264' }, audio: [{ language: 'eng' }, { language: 'rus' }] });
    const roots = await get<LibraryRoot[]>(token, '/library/roots');
    expect(roots.map((r) => r.path)).toEqual([tree.root]);

    // The browser's cookie (cookies ignore the port) still names a valid session on the new server.
    await stage.page.goto(stage.url(`#/library/${seriesId}`));
    await stage.page.getByTestId('item-title').waitFor();
    expect((await stage.page.getByTestId('item-title').textContent())?.trim()).toBe('Test Show');
    expect(await episodeCodes(stage.page)).toEqual(['S01E01']);
    await stage.screenshot('09-after-restart');
  }, 45_000);

  it('the page threw no uncaught errors along the way', () => {
    expect(stage.problems.pageErrors).toEqual([]);
  });
});
