// DownloadService end to end with a real peer: Debian's transmission-daemon seeds a video-named file, peers meet through
// Debian's opentracker (DHT/LSD/PEX/uTP off), our service downloads it, seeds, and hardlinks it into the library.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import parseTorrent from 'parse-torrent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../api/api-types.js';
import { openDatabase, type Db } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { WorkControl } from '../core/work-control.js';
import { freePort, startOpentracker, type Opentracker } from '../../e2e/support/opentracker.js';
import { until } from '../../e2e/support/wait.js';
import { writePayload } from '../../e2e/support/torrent-fixtures.js';
import { makeTorrent, startTransmission, type Transmission } from '../../e2e/support/transmission.js';
import { DownloadService, type LibraryImporter } from './download-service.js';
import { TorrentClient } from './torrent-client.js';

const FILE = 'Test.Movie.2010.1080p.mkv';
const SIZE = 1024 * 1024 + 4321;
const PEER_WAIT_MS = 60_000;

let tmp = '';
let db: Db | undefined;
let tracker: Opentracker | undefined;
let transmission: Transmission | undefined;
let client: TorrentClient | undefined;
let service: DownloadService | undefined;
let infoHash = '';
let payload: Buffer;

/** A small real importer over a temp library root that records what it was asked to index. */
function recordingImporter(root: string): LibraryImporter & { indexed: string[] } {
  const indexed: string[] = [];
  return {
    indexed,
    libraryRoot: async () => root,
    indexFile: async (abs) => {
      if (!fs.statSync(abs).isFile()) throw new Error(`not a file: ${abs}`);
      indexed.push(abs);
    },
  };
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-download-peer-'));
  const port = await freePort();
  const seedDir = path.join(tmp, 'seed');
  payload = writePayload(seedDir, 'service', { [FILE]: SIZE }).get(FILE)!;
  const torrent = await makeTorrent(
    path.join(seedDir, FILE),
    path.join(tmp, 'movie.torrent'),
    `http://127.0.0.1:${port}/announce`,
  );
  infoHash = (await parseTorrent(torrent)).infoHash;
  tracker = await startOpentracker([infoHash], port);
  transmission = await startTransmission({ downloadDir: path.join(tmp, 'transmission') });
  await transmission.add(torrent, seedDir);
  await transmission.waitFor(infoHash, (t) => t.status === 6 && t.percentDone === 1, 'transmission seeding', 20_000);
  await tracker.waitFor(infoHash, (s) => s.complete >= 1, 'the transmission seeder', 20_000);
});

afterAll(async () => {
  await service?.stop();
  await client?.destroy();
  db?.close();
  await transmission?.stop();
  await tracker?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('DownloadService with a real peer', () => {
  it(
    'downloads from transmission via the tracker, seeds, and hardlinks the movie into the library',
    { timeout: 120_000 },
    async () => {
      db = openDatabase(path.join(tmp, 'racoon.db'));
      const bus = new EventBus();
      const events: EngineEvent[] = [];
      bus.subscribe((e) => events.push(e));
      const libraryRoot = path.join(tmp, 'media');
      const importer = recordingImporter(libraryRoot);
      let svc: DownloadService | undefined;
      client = new TorrentClient({
        downloadRoot: path.join(tmp, 'torrents'),
        dht: false,
        lsd: false,
        pex: false,
        utp: false,
        log: { info: () => {}, warn: () => {} },
        onEvent: (e) => svc?.handleClientEvent(e),
      });
      svc = service = new DownloadService({
        db,
        bus,
        work: new WorkControl(),
        log: silentLogger(),
        client,
        importer,
        settings: { tickMs: 200 },
      });
      await svc.start();
      const magnet = `magnet:?xt=urn:btih:${infoHash}&dn=${FILE}&tr=${encodeURIComponent(tracker!.announceUrl)}`;
      const { id } = await svc.add({ uri: magnet });

      const completed = await until('download.completed', PEER_WAIT_MS, () =>
        events.find((e) => e.type === 'download.completed'),
      );
      expect(completed).toEqual({ type: 'download.completed', id, infoHash, name: FILE });
      const detail = svc.get(id)!;
      expect(detail).toMatchObject({
        state: 'seeding',
        progress: 1,
        size: SIZE,
        downloaded: SIZE,
        completedAt: expect.any(String),
      });

      const source = path.join(detail.savePath, FILE);
      const target = path.join(libraryRoot, 'Movies', 'Test Movie (2010)', 'Test Movie (2010).mkv');
      expect(fs.readFileSync(source).equals(payload)).toBe(true);
      expect(fs.statSync(target).ino).toBe(fs.statSync(source).ino);
      expect(importer.indexed).toEqual([target]);
      expect(detail.imported).toEqual([{ source: FILE, target }]);
      const row = db.prepare('SELECT state, imported, torrent IS NOT NULL AS has_meta FROM downloads WHERE id = ?').get(id);
      expect(row).toEqual({ state: 'seeding', imported: JSON.stringify([{ source: FILE, target }]), has_meta: 1 });
      expect(events.some((e) => e.type === 'downloads.changed' && e.downloads.some((d) => d.id === id))).toBe(true);
    },
  );
});
