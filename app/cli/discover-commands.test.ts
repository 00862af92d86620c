// `racoon search` and `racoon releases` run for real (from the sources via tsx) against a data directory whose TMDB key
// and Torznab indexer were saved through the engine, with the providers served by local servers on 127.0.0.1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { MetadataTestServer, TEST_KEYS } from '../discovery/metadata-server.test-support.js';
import { TorznabTestServer } from '../discovery/torznab-server.test-support.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = "const { runCli } = await import('./app/cli.ts'); await runCli(['node', 'racoon', ...process.argv.slice(1)]);";
const GiB = 1024 ** 3;

let dir = '';
let tmdb: MetadataTestServer;
let torznab: TorznabTestServer;

/** async: the local servers answering it live in this process */
function racoon(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        RACOON_TMDB_URL: tmdb.tmdbBaseUrl,
        RACOON_TMDB_IMAGE_URL: tmdb.tmdbImageBaseUrl,
        RACOON_OMDB_URL: tmdb.omdbBaseUrl,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = tempDir('cli-discover');
  tmdb = await MetadataTestServer.start();
  const release = (title: string, size: number, seeders: number, n: number) => ({
    title,
    size,
    seeders,
    peers: seeders + 3,
    categories: [5040],
    infoHash: n.toString(16).padStart(40, 'b'),
    tvdbId: 81189,
    imdbId: 'tt0903747',
    tmdbId: 1396,
    season: 1, // the tracker files all three under season 1
  });
  torznab = await TorznabTestServer.start([
    {
      name: 'tracker',
      releases: [
        release('Breaking.Bad.S01.1080p.BluRay.x264-GROUP', 5 * GiB, 80, 1),
        release('Breaking.Bad.S01-S02.720p.WEB-DL.x264-PACK', 8 * GiB, 40, 2),
        release('Breaking Bad OST [FLAC]', GiB / 2, 10, 3),
      ],
    },
  ]);
  // save the settings the way a user does (the engine's own service), then let the CLI open the same directory
  const engine = await Engine.create({
    dataDir: path.join(dir, 'data'),
    adminPassword: 'cli discover',
    logger: silentLogger(),
    watch: false,
  });
  await engine.discovery.updateSettings({ tmdbKey: TEST_KEYS.tmdbApiKey, language: 'en-US' });
  await engine.discovery.addIndexer({ name: 'Tracker', url: torznab.feedUrl('tracker'), apiKey: torznab.apiKey('tracker') });
  await engine.stop();
});

afterAll(async () => {
  await tmdb?.close();
  await torznab?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('racoon search / releases', () => {
  it('lists titles with the reference releases --id takes', async () => {
    const r = await racoon(['search', 'breaking', 'bad', '--data', path.join(dir, 'data')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+KIND\s+YEAR\s+RATING\s+TITLE$/mu);
    expect(r.stdout).toMatch(/^tmdb:series:1396\s+series\s+2008\s+\d\.\d\s+Breaking Bad$/mu);
  });

  it('prints the ranked releases with scores, the rejected with their reasons, and the best with why', async () => {
    const r = await racoon(['releases', '--id', 'tmdb:series:1396', '--season', '1', '--data', path.join(dir, 'data')]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Breaking Bad (2008) season 1 — profile balanced-1080p');
    expect(r.stdout).toMatch(/✓ Tracker: 3 releases in \d+ ms/u);
    const ranked = lines.filter((l) => /^\d+\s/u.test(l));
    expect(ranked[0]).toMatch(/1080p\s+BluRay.*Breaking\.Bad\.S01\.1080p/u);
    expect(r.stdout).toMatch(/^✗.*Breaking Bad OST \[FLAC\]\s+— .+/mu);
    expect(r.stdout).toMatch(/^Best: Breaking\.Bad\.S01\.1080p\.BluRay\.x264-GROUP — .+/mu);
  });

  it('answers bad input with one clear line and exit code 1', async () => {
    const bad = await racoon(['releases', '--id', 'imdb:tt1', '--data', path.join(dir, 'data')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--id looks like tmdb:movie:603/u);
    const season = await racoon(['releases', 'x', '--season', 'one', '--data', path.join(dir, 'data')]);
    expect(season.code).not.toBe(0);
    expect(season.stderr).toMatch(/--season must be a whole number/u);
  });
});
