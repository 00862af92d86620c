// End to end, as a user: the engine (`racoon serve`) talks to a local server that answers like TMDB v3 and to a local
// Torznab feed that answers like Jackett, whose best release is a real .torrent that Debian's aria2c seeds (found through
// Debian's opentracker). In Chromium: save the TMDB key and the indexer in Settings, search the title, open it, read the
// ranked releases with their reasons, press "Download best", and watch the download complete on the Downloads page;
// the import is named from the metadata. Screenshots go to e2e/artifacts/discover-to-download/.
import fs from 'node:fs';
import path from 'node:path';
import parseTorrent from 'parse-torrent';
import { describe, expect, it } from 'vitest';
import { MetadataTestServer, TEST_KEYS } from '../app/discovery/metadata-server.test-support.js';
import { DEFAULT_CATALOGUE, type FixtureTitle } from '../app/discovery/metadata-fixtures.test-support.js';
import { TorznabTestServer } from '../app/discovery/torznab-server.test-support.js';
import { aria2Seed, type Aria2Process } from './support/aria2.js';
import { useE2eStage } from './support/e2e-stage.js';
import { makeClip } from './support/media-fixtures.js';
import { freePort, startOpentracker, type Opentracker } from './support/opentracker.js';
import { makeTorrent } from './support/transmission.js';

const PASSWORD = 'e2e discover owl';
const BEST = 'Sky.Harbor.2021.1080p.WEB-DL.x264-GRP';
const GiB = 1024 ** 3;

/** a movie TMDB knows without a runtime, so the tiny real release is not judged by size */
const SKY_HARBOR: FixtureTitle = {
  kind: 'movie',
  tmdbId: 770001,
  imdbId: 'tt7700001',
  title: { 'en-US': 'Sky Harbor', 'ru-RU': 'Небесная гавань' },
  originalTitle: 'Sky Harbor',
  date: '2021-05-14',
  overview: { 'en-US': 'A harbour pilot guides airships through a storm.' },
  voteAverage: 7.1,
  voteCount: 842,
  popularity: 31.2,
  posterPath: '/skyharbor.jpg',
  runtime: null,
  genres: [{ 'en-US': 'Adventure' }],
  imdbRating: 7.0,
  imdbVotes: 1200,
};

describe('discover to download, end to end (local TMDB + Torznab + aria2c seeder + racoon serve + Chromium)', () => {
  let tmdb: MetadataTestServer | undefined;
  let torznab: TorznabTestServer | undefined;
  let tracker: Opentracker | undefined;
  let seeder: Aria2Process | undefined;
  let infoHash = '';

  const stage = useE2eStage({
    name: 'discover-to-download',
    password: PASSWORD,
    viewport: { width: 1280, height: 860 },
    racoon: async (dir) => {
      // the release: a real clip, a real .torrent, seeded by aria2c and tracked by opentracker
      const seedDir = path.join(dir, 'seed');
      const seedFile = path.join(seedDir, `${BEST}.mp4`);
      makeClip(seedFile);
      const trackerPort = await freePort();
      const torrentPath = path.join(dir, 'best.torrent');
      const torrent = await makeTorrent(seedFile, torrentPath, `http://127.0.0.1:${trackerPort}/announce`, 16);
      infoHash = (await parseTorrent(torrent)).infoHash;
      tracker = await startOpentracker([infoHash], trackerPort);
      seeder = await aria2Seed(seedDir, torrentPath);
      await tracker.waitFor(infoHash, (s) => s.complete >= 1, 'the aria2c seeder', 20_000);

      tmdb = await MetadataTestServer.start({
        catalogue: { ...DEFAULT_CATALOGUE, titles: [...DEFAULT_CATALOGUE.titles, SKY_HARBOR] },
      });
      const common = { categories: [2040], imdbId: 'tt7700001', tmdbId: 770001 };
      torznab = await TorznabTestServer.start([
        {
          name: 'localtracker',
          releases: [
            { ...common, title: BEST, size: fs.statSync(seedFile).size, seeders: 12, peers: 12, infoHash, torrent },
            {
              ...common,
              title: 'Sky.Harbor.2021.720p.HDTV.x264-LOW',
              size: 2 * GiB,
              seeders: 300,
              peers: 320,
              infoHash: 'c'.repeat(40),
              magnetOnly: true,
              magnetUrl: `magnet:?xt=urn:btih:${'c'.repeat(40)}`,
            },
            {
              ...common,
              title: 'Sky.Harbor.2021.CAMRip.x264-BAD',
              size: GiB,
              seeders: 900,
              peers: 950,
              infoHash: 'd'.repeat(40),
            },
          ],
        },
      ]);

      return {
        extraArgs: ['--no-dht', '--no-lsd', '--no-utp'],
        env: {
          RACOON_TMDB_URL: tmdb.tmdbBaseUrl,
          RACOON_TMDB_IMAGE_URL: tmdb.tmdbImageBaseUrl,
          RACOON_OMDB_URL: tmdb.omdbBaseUrl,
        },
      };
    },
    extraReport: async () => [
      ['torznab requests', JSON.stringify(torznab?.requests ?? [], null, 1)],
      ['aria2c seeder', seeder?.output() ?? ''],
    ],
    cleanup: [
      ['aria2c', () => seeder?.stop()],
      ['opentracker', () => tracker?.stop()],
      ['tmdb', () => tmdb?.close()],
      ['torznab', () => torznab?.close()],
    ],
  });

  it('signs in; Search says what to configure; Settings saves the TMDB key and the indexer', async () => {
    await stage.signInThroughPage();

    await stage.page.goto(stage.url('#/search?q=sky'));
    await stage.page
      .getByText(/No metadata provider is configured/u)
      .first()
      .waitFor();
    await stage.screenshot('01-search-not-configured');

    await stage.page.goto(stage.url('#/settings'));
    const settings = stage.page.getByTestId('discovery-settings');
    await settings.waitFor();
    await stage.page.getByTestId('tmdb-key').fill(TEST_KEYS.tmdbApiKey);
    await stage.page.getByTestId('discovery-save').click();
    await stage.page.getByTestId('indexer-add-name').fill('Local tracker');
    await stage.page.getByTestId('indexer-add-url').fill(torznab!.feedUrl('localtracker'));
    await stage.page.getByTestId('indexer-add-key').fill(torznab!.apiKey('localtracker'));
    await stage.page.getByTestId('indexer-add-submit').click();
    await stage.page.getByTestId('indexer-row').filter({ hasText: 'Local tracker' }).waitFor();

    // a release profile of one's own, made by copying a built-in
    await stage.page.locator('[data-testid="profile-row"][data-name="balanced-1080p"]').getByTestId('profile-copy').click();
    await stage.page.getByTestId('profile-name').fill('my-1080p');
    await stage.page.getByTestId('profile-save').click();
    await stage.page.locator('[data-testid="profile-row"][data-name="my-1080p"]').waitFor();
    await stage.screenshot('02-settings');
  });

  it('searches the title, opens it and shows the ranked releases with reasons', async () => {
    await stage.page.goto(stage.url('#/search'));
    await stage.page.getByTestId('search-input').fill('Sky Harbor');
    await stage.page.getByTestId('search-input').press('Enter');
    const hit = stage.page.locator('[data-testid="search-hit"][data-title="Sky Harbor"]');
    await hit.waitFor();
    await stage.screenshot('03-search-results');
    await hit.click();
    await stage.page.getByTestId('title-page').waitFor();
    const rows = stage.page.getByTestId('release-row');
    await stage.page.getByTestId('releases-table').waitFor({ timeout: 30_000 });
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    // accepted first: the 1080p WEB-DL beats the 720p HDTV despite fewer seeders; the CAM is rejected with its reason
    expect(await rows.nth(0).getAttribute('data-release-id')).toBe(infoHash);
    expect(await rows.nth(0).getAttribute('data-accepted')).toBe('true');
    expect(await rows.nth(1).getAttribute('data-accepted')).toBe('true');
    expect(await rows.nth(2).getAttribute('data-accepted')).toBe('false');
    expect(await rows.nth(2).textContent()).toMatch(/CAMRip/u);
    expect((await stage.page.getByTestId('best-why').textContent())?.length).toBeGreaterThan(10);
    await stage.screenshot('04-releases');
  });

  it('"Download best" hands it to the torrent engine; it completes on the Downloads stage.page, named from the metadata', async () => {
    await stage.page.getByTestId('download-best').click();
    const done = stage.page.getByTestId('grab-done');
    await done.waitFor();
    const href = await done.locator('a[href*="downloads/"]').first().getAttribute('href');
    const id = Number(/downloads\/(\d+)/u.exec(href ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);
    await stage.screenshot('05-grabbed');

    await stage.page.goto(stage.url('#/downloads'));
    await stage.page.waitForFunction(
      (downloadId) => {
        const row = document.querySelector(`[data-testid="download-row"][data-download-id="${downloadId}"]`);
        const now = row?.querySelector('[data-testid="download-progress"]')?.getAttribute('aria-valuenow');
        const state = row?.querySelector('[data-testid="download-state"]')?.getAttribute('data-state');
        return now === '100' && (state === 'seeding' || state === 'completed');
      },
      id,
      { timeout: 60_000, polling: 100 },
    );
    await stage.screenshot('06-download-complete');

    // the import is named from TMDB's title and year, not from the release name
    const target = path.join(fs.realpathSync(stage.dataDir), 'media', 'Movies', 'Sky Harbor (2021)', 'Sky Harbor (2021).mp4');
    const deadline = Date.now() + 15_000;
    while (!fs.existsSync(target) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(target), `${target} exists`).toBe(true);
  }, 90_000);

  it('the page threw no uncaught errors along the way', () => {
    expect(stage.problems.pageErrors).toEqual([]);
  });
});
