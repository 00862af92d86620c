import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddDownloadResponse, DownloadDetail, DownloadSummary, TorrentSettingsResponse } from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';

const MAGNET = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Test.Movie.2010.1080p';
const STATES = ['queued', 'downloading', 'paused', 'stalled', 'seeding', 'completed', 'failed'];

describe('HTTP API /api/v1/downloads against a real engine', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let web: http.Server;
  let webUrl: string;
  let torrentFile: Buffer;

  const call = (method: string, url: string, body?: unknown) =>
    fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const upload = (bytes: Buffer, field = 'torrent') => {
    const form = new FormData();
    form.set(field, new Blob([new Uint8Array(bytes)]), 'x.torrent');
    return fetch(base + '/api/v1/downloads', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  };

  beforeAll(async () => {
    dir = tempDir('downloads-api');
    // a real .torrent made by Debian's transmission-create
    const payload = path.join(dir, 'Some.Show.S01E01.720p.mkv');
    fs.writeFileSync(payload, Buffer.alloc(300_000, 7));
    execFileSync('transmission-create', ['-o', path.join(dir, 'show.torrent'), payload], { stdio: 'pipe' });
    torrentFile = fs.readFileSync(path.join(dir, 'show.torrent'));

    // an "indexer" that answers a web page where a .torrent was expected
    web = http.createServer((req, res) => {
      if (req.url === '/page') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login first</html>');
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;

    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      port: 0,
      adminPassword: 'download password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      torrent: { dht: false, lsd: false, utp: false },
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    token = await engine.issueSessionToken();
  });

  afterAll(async () => {
    await engine?.stop();
    await new Promise((resolve) => web?.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session', async () => {
    expect((await fetch(base + '/api/v1/downloads')).status).toBe(401);
    expect((await fetch(base + '/api/v1/downloads', { method: 'POST' })).status).toBe(401);
  });

  it('adds a magnet at once: 201 { id, infoHash }, then lists it with the contract fields', async () => {
    const res = await call('POST', '/api/v1/downloads', { uri: MAGNET });
    expect(res.status).toBe(201);
    const added = (await res.json()) as AddDownloadResponse;
    expect(added).toEqual({ id: expect.any(Number), infoHash: '0123456789abcdef0123456789abcdef01234567' });

    const list = (await (await call('GET', '/api/v1/downloads')).json()) as DownloadSummary[];
    const row = list.find((d) => d.id === added.id)!;
    expect(row).toMatchObject({ infoHash: added.infoHash, progress: 0, downloadSpeed: 0, uploadSpeed: 0, peers: 0, ratio: 0 });
    expect(STATES).toContain(row.state);
    expect(typeof row.name).toBe('string');

    const again = await call('POST', '/api/v1/downloads', { uri: MAGNET });
    expect(again.status).toBe(400);
  });

  it('adds an uploaded .torrent (multipart field `torrent`) and shows its files', async () => {
    const res = await upload(torrentFile);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as AddDownloadResponse;
    const detail = (await (await call('GET', `/api/v1/downloads/${id}`)).json()) as DownloadDetail;
    expect(detail.name).toBe('Some.Show.S01E01.720p.mkv');
    expect(detail.files).toEqual([expect.objectContaining({ index: 0, length: 300_000, selected: true })]);
    expect(detail.savePath.startsWith(engine.paths.torrents)).toBe(true);
  });

  it.each([
    ['a malformed magnet', { uri: 'magnet:?xt=urn:btih:nothex' }, /info-hash/i],
    ['an unsupported scheme', { uri: 'ftp://example.org/x.torrent' }, /magnet|http/i],
    ['a URL that answers a web page', () => ({ uri: `${webUrl}/page` }), /web page|html|not a \.torrent/i],
    ['a URL that answers 404', () => ({ uri: `${webUrl}/missing.torrent` }), /404/],
  ])('400 with a clear message for %s, and nothing added', async (_name, body, message) => {
    const before = ((await (await call('GET', '/api/v1/downloads')).json()) as DownloadSummary[]).length;
    const res = await call('POST', '/api/v1/downloads', typeof body === 'function' ? body() : body);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(message);
    expect(((await (await call('GET', '/api/v1/downloads')).json()) as DownloadSummary[]).length).toBe(before);
  });

  it('400 for a garbage .torrent upload or a missing field', async () => {
    const garbage = await upload(Buffer.from('this is not bencoded'));
    expect(garbage.status).toBe(400);
    expect((await garbage.json()).message).toMatch(/torrent/i);
    const wrongField = await upload(torrentFile, 'file');
    expect(wrongField.status).toBe(400);
  });

  it('pause, resume, move and remove; unknown ids are 404', async () => {
    const list = (await (await call('GET', '/api/v1/downloads')).json()) as DownloadSummary[];
    const id = list[list.length - 1].id;
    expect((await call('POST', `/api/v1/downloads/${id}/pause`)).status).toBe(204);
    expect(((await (await call('GET', `/api/v1/downloads/${id}`)).json()) as DownloadDetail).state).toBe('paused');
    expect((await call('POST', `/api/v1/downloads/${id}/resume`)).status).toBe(204);
    expect((await call('POST', `/api/v1/downloads/${id}/move`, { to: 'top' })).status).toBe(204);
    const moved = (await (await call('GET', '/api/v1/downloads')).json()) as DownloadSummary[];
    expect(moved[0].id).toBe(id);
    expect((await call('POST', `/api/v1/downloads/${id}/move`, { to: 'sideways' })).status).toBe(400);

    expect(((await (await call('GET', `/api/v1/downloads/${id}`)).json()) as DownloadDetail).sequential).toBe(true);
    expect((await call('POST', `/api/v1/downloads/${id}/sequential`, { enabled: false })).status).toBe(204);
    expect(((await (await call('GET', `/api/v1/downloads/${id}`)).json()) as DownloadDetail).sequential).toBe(false);
    expect(engine.torrentClient!.snapshot(String(id)).sequential).toBe(false); // the running client follows

    // its own limits: speed caps reach the running client at once; null clears one; bad values are a 400 with the field
    const patched = await call('PATCH', `/api/v1/downloads/${id}`, { downloadKiBps: 300, ratioLimit: 1.5 });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as DownloadDetail).options).toEqual({
      downloadKiBps: 300,
      uploadKiBps: null,
      ratioLimit: 1.5,
      seedingTimeLimitMin: null,
    });
    expect(engine.torrentClient!.snapshot(String(id)).caps).toEqual({ downloadBps: 300 * 1024, uploadBps: null });
    await call('PATCH', `/api/v1/downloads/${id}`, { downloadKiBps: null });
    expect(engine.torrentClient!.snapshot(String(id)).caps.downloadBps).toBeNull();
    for (const bad of [{ downloadKiBps: 0 }, { uploadKiBps: -5 }, { ratioLimit: 'lots' }, { speed: 1 }]) {
      const res = await call('PATCH', `/api/v1/downloads/${id}`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/downloadKiBps|uploadKiBps|ratioLimit|speed/u);
    }
    expect((await call('PATCH', '/api/v1/downloads/99999', { ratioLimit: 1 })).status).toBe(404);

    expect((await call('GET', '/api/v1/downloads/99999')).status).toBe(404);
    const unknown = await call('POST', '/api/v1/downloads/99999/pause');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Download not found' });
    expect((await call('DELETE', `/api/v1/downloads/${id}?deleteData=true`)).status).toBe(204);
    expect((await call('GET', `/api/v1/downloads/${id}`)).status).toBe(404);
  });

  it('torrent settings: defaults, validation with a clear message, saved and applied', async () => {
    const initial = (await (await call('GET', '/api/v1/settings/torrent')).json()) as TorrentSettingsResponse;
    expect(initial.settings).toMatchObject({
      dht: true,
      lsd: true,
      maxActiveDownloads: 3,
      stallAfterMin: 10,
      seedAction: 'stop',
    });
    // flags for this run (DHT/LSD/uTP off) are not changes waiting for a restart
    expect(initial.restartNeeded).toEqual([]);

    const badSchedule = await call('PUT', '/api/v1/settings/torrent', {
      speed: { ...initial.settings.speed, altMode: 'scheduled', schedule: [{ days: [1], from: '25:00', to: '06:00' }] },
    });
    expect(badSchedule.status).toBe(400);
    expect((await badSchedule.json()).message).toMatch(/schedule.*rule 1/i);
    expect((await call('PUT', '/api/v1/settings/torrent', { maxActiveDownloads: 0 })).status).toBe(400);
    expect((await call('PUT', '/api/v1/settings/torrent', { nonsense: true })).status).toBe(400);

    const schedule = [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }];
    const ok = await call('PUT', '/api/v1/settings/torrent', {
      maxActiveDownloads: 1,
      speed: {
        global: { downloadKiBps: 5000, uploadKiBps: 500 },
        alternative: { downloadKiBps: 100, uploadKiBps: 10 },
        altMode: 'scheduled',
        schedule,
      },
    });
    expect(ok.status).toBe(200);
    const saved = (await (await call('GET', '/api/v1/settings/torrent')).json()) as TorrentSettingsResponse;
    expect(saved.settings).toMatchObject({ maxActiveDownloads: 1, speed: { altMode: 'scheduled', schedule } });
    expect(saved.restartNeeded).toEqual([]);
    const dhtOff = (await (await call('PUT', '/api/v1/settings/torrent', { dht: false })).json()) as TorrentSettingsResponse;
    expect(dhtOff.restartNeeded).toEqual(['dht']);
    // direct (O_DIRECT) writes: on unless turned off; the torrent client reads it once at start
    expect(saved.settings.directWrites).toBe(true);
    expect((await call('PUT', '/api/v1/settings/torrent', { directWrites: 'no' })).status).toBe(400);
    const cached = await call('PUT', '/api/v1/settings/torrent', { directWrites: false });
    const cachedBody = (await cached.json()) as TorrentSettingsResponse;
    expect(cachedBody.settings.directWrites).toBe(false);
    expect(cachedBody.restartNeeded).toEqual(['dht', 'directWrites']);
  });
});
