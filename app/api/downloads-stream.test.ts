// Playing a download while it downloads, through the real engine's HTTP API: transmission seeds through opentracker,
// the engine downloads slowly (a speed limit), and a Range request near the end of the file answers those bytes first.
import fs from 'node:fs';
import path from 'node:path';
import parseTorrent from 'parse-torrent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddDownloadResponse, DownloadDetail } from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { freePort, sleep, startOpentracker, type Opentracker } from '../../e2e/support/opentracker.js';
import { writePayload } from '../../e2e/support/torrent-fixtures.js';
import { makeTorrent, startTransmission, type Transmission } from '../../e2e/support/transmission.js';

const FILE = 'Stream.Test.2012.720p.mp4';
const SIZE = 6 * 1024 * 1024 + 777;

describe('streaming a download in progress over HTTP', () => {
  let dir: string;
  let tracker: Opentracker | undefined;
  let transmission: Transmission | undefined;
  let engine: Engine | undefined;
  let base: string;
  let token: string;
  let payload: Buffer;
  let torrentFile: Buffer;

  const call = (url: string, init: RequestInit = {}) =>
    fetch(base + url, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

  beforeAll(async () => {
    dir = tempDir('download-stream');
    const port = await freePort();
    const seedDir = path.join(dir, 'seed');
    payload = writePayload(seedDir, 'stream', { [FILE]: SIZE }).get(FILE)!;
    torrentFile = await makeTorrent(
      path.join(seedDir, FILE),
      path.join(dir, 'stream.torrent'),
      `http://127.0.0.1:${port}/announce`,
    );
    const infoHash = (await parseTorrent(torrentFile)).infoHash;
    tracker = await startOpentracker([infoHash], port);
    transmission = await startTransmission({ downloadDir: path.join(dir, 'transmission') });
    await transmission.add(torrentFile, seedDir);
    await transmission.waitFor(infoHash, (t) => t.status === 6 && t.percentDone === 1, 'transmission seeding', 20_000);
    await tracker.waitFor(infoHash, (s) => s.complete >= 1, 'the transmission seeder', 20_000);

    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      port: 0,
      adminPassword: 'stream password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      torrent: {
        dht: false,
        lsd: false,
        utp: false,
        // slow enough that the file is far from complete when we ask for its end
        settings: {
          speed: {
            global: { downloadKiBps: 384, uploadKiBps: null },
            alternative: { downloadKiBps: null, uploadKiBps: null },
            altMode: 'off',
            schedule: [],
          },
        },
      },
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    token = await engine.issueSessionToken();
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    await transmission?.stop();
    await tracker?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a range near the end with the right bytes before the download is done', async () => {
    const form = new FormData();
    form.set('torrent', new Blob([new Uint8Array(torrentFile)]), 'stream.torrent');
    const added = (await (await call('/api/v1/downloads', { method: 'POST', body: form })).json()) as AddDownloadResponse;

    // wait until the metadata is known and the download runs
    const deadline = Date.now() + 60_000;
    let detail: DownloadDetail;
    for (;;) {
      detail = (await (await call(`/api/v1/downloads/${added.id}`)).json()) as DownloadDetail;
      if (detail.state === 'downloading' && detail.files.length === 1) break;
      if (Date.now() > deadline) throw new Error(`download never started: ${JSON.stringify(detail)}`);
      await sleep(200);
    }

    const start = SIZE - 100_000;
    const res = await call(`/api/v1/downloads/${added.id}/files/0/stream`, { headers: { range: `bytes=${start}-` } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${SIZE - 1}/${SIZE}`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(payload.subarray(start))).toBe(true);

    const after = (await (await call(`/api/v1/downloads/${added.id}`)).json()) as DownloadDetail;
    expect(after.progress).toBeLessThan(0.9);

    expect(
      (await call(`/api/v1/downloads/${added.id}/files/0/stream`, { headers: { range: `bytes=${SIZE + 5}-` } })).status,
    ).toBe(416);
    expect((await call(`/api/v1/downloads/${added.id}/files/7/stream`)).status).toBe(404);
  }, 120_000);
});
