// DownloadService with a real TorrentClient (DHT/LSD/uTP off, no peers), real SQLite in a temp dir and a fake clock.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bencode from 'bencode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../api/api-types.js';
import { openDatabase, type Db } from '../core/database.js';
import { EventBus } from '../core/event-bus.js';
import { silentLogger } from '../core/logger.js';
import { WorkControl } from '../core/work-control.js';
import { DownloadInputError, DownloadService, type DownloadSettings } from './download-service.js';
import { TorrentClient } from './torrent-client.js';
import { until } from '../../e2e/support/wait.js';

const MINUTE = 60_000;
const hash = (n: number) => crypto.createHash('sha1').update(`racoon-test-${n}-${process.pid}`).digest('hex');
const magnet = (n: number) => `magnet:?xt=urn:btih:${hash(n)}&dn=Download%20${n}`;

let tmp = '';
let db: Db;
let t = 1_700_000_000_000;
const clients: TorrentClient[] = [];
const services: DownloadService[] = [];
const events: EngineEvent[] = [];
let bus: EventBus;
let work: WorkControl;

function build(settings: Partial<DownloadSettings> = {}): { service: DownloadService; client: TorrentClient } {
  let service: DownloadService | undefined;
  const client = new TorrentClient({
    downloadRoot: path.join(tmp, 'torrents'),
    dht: false,
    lsd: false,
    pex: false,
    utp: false,
    log: { info: () => {}, warn: () => {} },
    onEvent: (e) => service?.handleClientEvent(e),
  });
  service = new DownloadService({
    db,
    bus,
    work,
    log: silentLogger(),
    client,
    importer: { libraryRoot: async () => path.join(tmp, 'media'), indexFile: async () => {} },
    settings: { tickMs: 60_000, ...settings },
    now: () => t,
  });
  clients.push(client);
  services.push(service);
  return { service, client };
}

const states = (s: DownloadService) => s.list().map((d) => [d.id, d.state]);

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-downloads-'));
  db = openDatabase(path.join(tmp, 'racoon.db'));
  bus = new EventBus();
  work = new WorkControl();
  events.length = 0;
  bus.subscribe((e) => events.push(e));
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('DownloadService without peers', () => {
  it('adds a magnet at once, persists it, and refuses bad input, duplicates and unsafe torrents', async () => {
    const { service } = build();
    await service.start();
    const added = await service.add({ uri: magnet(1) });
    expect(added).toEqual({ id: expect.any(Number), infoHash: hash(1) });
    const row = db.prepare('SELECT info_hash, name, source_kind, state FROM downloads WHERE id = ?').get(added.id);
    expect(row).toEqual({ info_hash: hash(1), name: 'Download 1', source_kind: 'magnet', state: 'queued' });
    expect(service.get(added.id)).toMatchObject({ infoHash: hash(1), name: 'Download 1', files: [], imported: [] });

    await expect(service.add({ uri: magnet(1) })).rejects.toThrow(/already added as download/);
    await expect(service.add({ uri: 'magnet:?dn=nothing' })).rejects.toThrow(DownloadInputError);
    await expect(service.add({ uri: 'magnet:?xt=urn:btih:1234' })).rejects.toThrow(/40 hex/);
    await expect(service.add({ uri: 'ftp://example.com/x.torrent' })).rejects.toThrow(/magnet link .* or an http\(s\) URL/);
    await expect(service.add({ torrentFile: Buffer.from('not bencoded') })).rejects.toThrow(DownloadInputError);
    const evil = Buffer.from(
      bencode.encode({
        info: {
          name: 'innocent',
          'piece length': 16384,
          pieces: Buffer.alloc(20),
          files: [{ length: 10, path: ['..', 'evil'] }],
        },
      }),
    );
    await expect(service.add({ torrentFile: evil })).rejects.toThrow(/Unsafe file path/);
    expect(fs.existsSync(path.join(tmp, 'evil'))).toBe(false);

    db.prepare("INSERT INTO download_blocklist (info_hash, name, reason) VALUES (?, 'x', 'stalled for ever')").run(hash(9));
    expect(service.isBlocklisted(hash(9))).toBe(true);
    await expect(service.add({ uri: magnet(9) })).rejects.toThrow(/blocklisted: stalled for ever/);
    expect(service.list().map((d) => d.infoHash)).toEqual([hash(1)]);
  });

  it('queues beyond maxActiveDownloads, reorders, pauses, resumes, removes and restores after a restart', async () => {
    const first = build({ maxActiveDownloads: 1 });
    await first.service.start();
    const s = first.service;
    const [a, b, c] = [
      (await s.add({ uri: magnet(1) })).id,
      (await s.add({ uri: magnet(2) })).id,
      (await s.add({ uri: magnet(3) })).id,
    ];
    s.tick();
    expect(states(s)).toEqual([
      [a, 'downloading'],
      [b, 'queued'],
      [c, 'queued'],
    ]);
    expect(first.client.snapshot(String(a)).paused).toBe(false);
    expect(first.client.snapshot(String(b)).paused).toBe(true);
    expect(events.some((e) => e.type === 'downloads.changed')).toBe(true);

    s.move(c, 'top');
    s.tick();
    expect(states(s)).toEqual([
      [c, 'downloading'],
      [a, 'queued'],
      [b, 'queued'],
    ]);
    expect(first.client.snapshot(String(a)).paused).toBe(true);

    s.pause(c);
    s.tick();
    expect(states(s)).toEqual([
      [c, 'paused'],
      [a, 'downloading'],
      [b, 'queued'],
    ]);
    s.resume(c);
    s.tick();
    expect(states(s)).toEqual([
      [c, 'downloading'],
      [a, 'queued'],
      [b, 'queued'],
    ]);

    work.pause();
    s.tick();
    expect(first.client.snapshot(String(c)).paused).toBe(true);
    expect(s.list()[0]).toMatchObject({ state: 'paused', reason: 'all work is paused' });
    work.resume();
    s.tick();
    expect(first.client.snapshot(String(c)).paused).toBe(false);
    expect(s.list()[0].state).toBe('downloading');

    s.move(b, 'up');
    s.pause(a);
    const dir = path.join(tmp, 'torrents', String(a));
    expect(fs.existsSync(dir)).toBe(true);
    await s.remove(a, { deleteData: true });
    expect(fs.existsSync(dir)).toBe(false);
    const before = s.list().map((d) => [d.id, d.state, d.queuePosition]);
    expect(before.map(([id]) => id)).toEqual([c, b]);

    await s.stop();
    await first.client.destroy();
    const second = build({ maxActiveDownloads: 1 });
    await second.service.start();
    expect(second.service.list().map((d) => [d.id, d.state, d.queuePosition])).toEqual(before);
    expect(second.client.snapshot(String(c)).paused).toBe(false);
    expect(second.client.snapshot(String(b)).paused).toBe(true);
  });

  it("keeps a download's own limits across a restart, applies its caps to the client, and seeds by its own ratio", async () => {
    const first = build({ seedAction: 'remove' });
    await first.service.start();
    const { id } = await first.service.add({ uri: magnet(4) });
    const detail = first.service.setOptions(id, { downloadKiBps: 512, uploadKiBps: 64, ratioLimit: 0 });
    expect(detail.options).toEqual({ downloadKiBps: 512, uploadKiBps: 64, ratioLimit: 0, seedingTimeLimitMin: null });
    expect(first.client.snapshot(String(id)).caps).toEqual({ downloadBps: 512 * 1024, uploadBps: 64 * 1024 });
    first.service.setOptions(id, { uploadKiBps: null }); // cleared: only the global caps apply
    expect(first.client.snapshot(String(id)).caps).toEqual({ downloadBps: 512 * 1024, uploadBps: null });
    expect(() => first.service.setOptions(9999, { ratioLimit: 1 })).toThrow('Download not found');

    await first.service.stop();
    await first.client.destroy();
    const second = build({ seedAction: 'remove' });
    await second.service.start();
    expect(second.service.get(id)!.options).toMatchObject({ downloadKiBps: 512, uploadKiBps: null, ratioLimit: 0 });
    expect(second.client.snapshot(String(id)).caps).toEqual({ downloadBps: 512 * 1024, uploadBps: null });

    // a complete download with a ratio limit of its own (0) is done seeding at once; seedAction 'remove' drops it,
    // keeping its data (what a seeding rule removes is the torrent, never the library's files)
    db.prepare('UPDATE downloads SET state = ?, size = 10, downloaded = 10, seeding_since = ? WHERE id = ?').run(
      'seeding',
      t,
      id,
    );
    await second.service.stop();
    await second.client.destroy();
    const third = build({ seedAction: 'remove' });
    await third.service.start();
    const dir = path.join(tmp, 'torrents', String(id));
    await until('the seeding rule to remove it', 5000, () => third.service.get(id) === null);
    expect(fs.existsSync(dir)).toBe(true);
  });

  it('marks a download without progress stalled, then failed and blocklisted, and refuses it afterwards', async () => {
    const { service, client } = build({ stallAfterMin: 10, failAfterMin: 60 });
    await service.start();
    const { id } = await service.add({ uri: magnet(5) });
    service.tick();
    expect(service.get(id)?.state).toBe('downloading');
    t += 11 * MINUTE;
    service.tick();
    expect(service.get(id)).toMatchObject({ state: 'stalled', reason: expect.stringMatching(/no verified progress for 11 min/) });
    t += 60 * MINUTE;
    service.tick();
    expect(service.get(id)).toMatchObject({ state: 'failed', reason: expect.stringMatching(/failed, release blocklisted/) });
    expect(client.snapshot(String(id)).paused).toBe(true);
    expect(events.filter((e) => e.type === 'download.failed')).toEqual([
      { type: 'download.failed', id, infoHash: hash(5), name: 'Download 5', reason: expect.stringMatching(/blocklisted/) },
    ]);
    expect(service.isBlocklisted(hash(5))).toBe(true);
    await service.remove(id, { deleteData: true });
    await expect(service.add({ uri: magnet(5) })).rejects.toThrow(/blocklisted/);
    t += 10 * MINUTE;
    service.tick();
    expect(events.filter((e) => e.type === 'download.failed')).toHaveLength(1);
  });
});
