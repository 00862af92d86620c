// SsdpServer with real UDP sockets on loopback: our own M-SEARCH sender and NOTIFY listener, then GSSDP (a third-party
// SSDP stack, through Debian's python3-gi) as the control point. Every server gets its own uuid and the checks keep only
// what is about that uuid: other tests (and a minidlna) may share port 1900 at the same time.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../e2e/support/wait.js';
import type { DlnaIdentity } from './dlna-types.js';
import { chooseDlnaInterfaces, type ServingInterface } from './network-interfaces.js';
import { NotifyListener, SearchClient } from './ssdp-peer.test-support.js';
import { SsdpServer, type SsdpServerOptions } from './ssdp-server.js';

const HTTP_PORT = 8200;
const MS = 'urn:schemas-upnp-org:device:MediaServer:1';
const CDS = 'urn:schemas-upnp-org:service:ContentDirectory:1';
const LO = chooseDlnaInterfaces(['lo']).interfaces;
const WAIT_MS = 5000;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function identity(): DlnaIdentity {
  return { uuid: crypto.randomUUID(), friendlyName: 'Racoon test', serverHeader: 'Racoon/0.1.0-test', httpPort: HTTP_PORT };
}

async function startServer(options: Partial<SsdpServerOptions> = {}): Promise<{ server: SsdpServer; uuid: string }> {
  const id = options.identity ?? identity();
  const server = new SsdpServer({ identity: id, interfaces: LO, random: () => 0, notifyIntervalMs: 60_000, ...options });
  cleanups.push(() => server.stop());
  await server.start();
  return { server, uuid: id.uuid };
}

async function openClient(address?: string): Promise<SearchClient> {
  const client = await SearchClient.open(address);
  cleanups.push(() => client.close());
  return client;
}

const location = (address = '127.0.0.1') => `http://${address}:${HTTP_PORT}/dlna/description.xml`;

describe('SsdpServer answers M-SEARCH', () => {
  it('answers ssdp:all with every NT, unicast from the loopback interface', async () => {
    const { uuid } = await startServer();
    const client = await openClient();
    await client.search('ssdp:all');
    const answers = await until(
      'six answers to ssdp:all',
      WAIT_MS,
      () => client.answersFor(uuid).length >= 6 && client.answersFor(uuid),
    );
    expect(answers.map((a) => a.message.headers.st).sort()).toEqual(
      [
        'upnp:rootdevice',
        `uuid:${uuid}`,
        MS,
        CDS,
        'urn:schemas-upnp-org:service:ConnectionManager:1',
        'urn:microsoft.com:service:X_MS_MediaReceiverRegistrar:1',
      ].sort(),
    );
    for (const { message, from } of answers) {
      expect(message).toMatchObject({ kind: 'response', status: 200 });
      expect(from.address).toBe('127.0.0.1');
      expect(message.headers).toMatchObject({ location: location(), ext: '', 'cache-control': 'max-age=1800' });
      expect(message.headers.server).toMatch(/^\S+\/\S+ UPnP\/1\.0 Racoon\/0\.1\.0-test$/);
      expect(Number.isNaN(Date.parse(message.headers.date))).toBe(false);
      expect(Number(message.headers['bootid.upnp.org'])).toBeGreaterThan(0);
      const st = message.headers.st;
      expect(message.headers.usn).toBe(st === `uuid:${uuid}` ? st : `uuid:${uuid}::${st}`);
    }
  });

  it.each([
    ['upnp:rootdevice', (uuid: string) => `uuid:${uuid}::upnp:rootdevice`],
    [MS, (uuid: string) => `uuid:${uuid}::${MS}`],
    [CDS, (uuid: string) => `uuid:${uuid}::${CDS}`],
  ])('answers %s with that ST only', async (st, usn) => {
    const { uuid } = await startServer();
    const client = await openClient();
    await client.search(st);
    const [answer] = await until(
      `an answer to ${st}`,
      WAIT_MS,
      () => client.answersFor(uuid).length > 0 && client.answersFor(uuid),
    );
    expect(answer.message.headers).toMatchObject({ st, usn: usn(uuid), location: location() });
    // a search for something else in the same breath proves nothing more came for this one
    await client.search(`uuid:${uuid}`);
    await until('the uuid answer', WAIT_MS, () => client.answersFor(uuid, `uuid:${uuid}`).length > 0);
    expect(client.answersFor(uuid)).toHaveLength(2);
  });

  it('does not answer an unknown ST, a missing or invalid MX, or a higher version than ours', async () => {
    const { uuid } = await startServer();
    const client = await openClient();
    await client.search('urn:schemas-upnp-org:device:MediaRenderer:1');
    await client.search(MS, { mx: null });
    await client.search(MS, { mx: 'later' });
    await client.search('urn:schemas-upnp-org:device:MediaServer:2');
    // answers leave in arrival order (no delay here): once this one is in, any answer to the above would be too
    await client.search(`uuid:${uuid}`);
    await until('the answer to the last search', WAIT_MS, () => client.answersFor(uuid, `uuid:${uuid}`).length > 0);
    expect(client.answersFor(uuid).map((a) => a.message.headers.st)).toEqual([`uuid:${uuid}`]);
  });

  it('waits the MX delay (capped) before answering', async () => {
    const { uuid } = await startServer({ random: () => 0.999, maxDelayCapMs: 600 });
    const client = await openClient();
    const sentAt = Date.now();
    await client.search(MS, { mx: 3 });
    const [answer] = await until(
      'a delayed answer',
      WAIT_MS,
      () => client.answersFor(uuid).length > 0 && client.answersFor(uuid),
    );
    // floor(0.999 * 600) = 599 ms; node timers may fire a millisecond early
    expect(answer.at - sentAt).toBeGreaterThanOrEqual(590);
  });

  it('answers with the address of the interface whose subnet holds the sender, and not at all off its subnets', async () => {
    const narrow = (address: string): ServingInterface => ({
      ...LO[0],
      name: `lo-${address}`,
      address,
      netmask: '255.255.255.255',
    });
    const { uuid } = await startServer({ interfaces: [narrow('127.0.0.1'), narrow('127.0.0.2')] });
    const first = await openClient('127.0.0.1');
    const second = await openClient('127.0.0.2');
    const stranger = await openClient('127.0.0.3');
    await stranger.search(MS);
    await first.search(MS);
    await second.search(MS);
    const [a] = await until(
      'the answer to 127.0.0.1',
      WAIT_MS,
      () => first.answersFor(uuid).length > 0 && first.answersFor(uuid),
    );
    const [b] = await until(
      'the answer to 127.0.0.2',
      WAIT_MS,
      () => second.answersFor(uuid).length > 0 && second.answersFor(uuid),
    );
    expect([a.message.headers.location, a.from.address]).toEqual([location('127.0.0.1'), '127.0.0.1']);
    expect([b.message.headers.location, b.from.address]).toEqual([location('127.0.0.2'), '127.0.0.2']);
    expect(stranger.answersFor(uuid)).toEqual([]);
  });
});

describe('SsdpServer announces', () => {
  it('sends NOTIFY alive twice for every NT at start, again periodically, and byebye for every NT at stop', async () => {
    const listener = await NotifyListener.open();
    cleanups.push(() => listener.close());
    const id = identity();
    const { uuid } = id;
    const server = new SsdpServer({ identity: id, interfaces: LO, notifyIntervalMs: 700 });
    cleanups.push(() => server.stop());
    await server.start();

    const perNt = (nts: 'ssdp:alive' | 'ssdp:byebye') => {
      const counts = new Map<string, number>();
      for (const { message } of listener.notifications(uuid, nts))
        counts.set(message.headers.nt, (counts.get(message.headers.nt) ?? 0) + 1);
      return counts;
    };
    const everyNt = (counts: Map<string, number>, atLeast: number) =>
      counts.size === 6 && [...counts.values()].every((n) => n >= atLeast);

    await until('two alive per NT after start', WAIT_MS, () => everyNt(perNt('ssdp:alive'), 2));
    const alive = listener.notifications(uuid, 'ssdp:alive')[0].message.headers;
    expect(alive).toMatchObject({
      host: '239.255.255.250:1900',
      'cache-control': 'max-age=1800',
      location: location(),
      nts: 'ssdp:alive',
    });
    expect(alive.server).toContain('UPnP/1.0 Racoon/0.1.0-test');
    expect(alive['bootid.upnp.org']).toMatch(/^\d+$/);

    await until('a periodic re-announcement', WAIT_MS, () => everyNt(perNt('ssdp:alive'), 4));

    await server.stop();
    await until('byebye per NT after stop', WAIT_MS, () => everyNt(perNt('ssdp:byebye'), 1));
    const byebye = listener.notifications(uuid, 'ssdp:byebye')[0].message.headers;
    expect(byebye.location).toBeUndefined();
    expect(byebye['bootid.upnp.org']).toBe(alive['bootid.upnp.org']);

    // nothing announced after stop: one more period passes in silence
    const aliveAtStop = listener.notifications(uuid, 'ssdp:alive').length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(listener.notifications(uuid, 'ssdp:alive').length).toBe(aliveAtStop);
  });

  it('starts once when asked twice, and again after a stop with a larger BOOTID', async () => {
    const listener = await NotifyListener.open();
    cleanups.push(() => listener.close());
    const id = identity();
    const { uuid } = id;
    const server = new SsdpServer({ identity: id, interfaces: LO });
    cleanups.push(() => server.stop());
    // a second start while the first is under way opens nothing more
    await Promise.all([server.start(), server.start()]);
    expect(server.interfacesInUse()).toHaveLength(1);
    await until('first alive', WAIT_MS, () => listener.notifications(uuid, 'ssdp:alive').length > 0);
    await server.stop();
    await server.start();
    const bootIds = () =>
      new Set(listener.notifications(uuid, 'ssdp:alive').map((r) => Number(r.message.headers['bootid.upnp.org'])));
    const [first, second] = await until('alive after the restart', WAIT_MS, () => bootIds().size === 2 && [...bootIds()]);
    expect(second).toBeGreaterThan(first);
    expect(server.interfacesInUse().map((i) => i.address)).toEqual(['127.0.0.1']);
  });

  it('stays idle without interfaces', async () => {
    const server = new SsdpServer({ identity: identity(), interfaces: [] });
    await server.start();
    expect(server.interfacesInUse()).toEqual([]);
    await server.stop();
  });
});

describe('SsdpServer on bad input', () => {
  it('ignores malformed, huge and hostile datagrams and keeps answering', async () => {
    const { uuid } = await startServer();
    const client = await openClient();
    const junk: Array<string | Buffer> = [
      '',
      'hello',
      crypto.randomBytes(512),
      Buffer.alloc(60_000, 'M'),
      `M-SEARCH * HTTP/1.1\r\nST: uuid:${uuid}\r\nMX: 1\r\n${'X-Pad: y\r\n'.repeat(6000)}\r\n`,
      `M-SEARCH * HTTP/1.1\r\n${Array.from({ length: 100 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\nST: uuid:${uuid}\r\nMX: 1\r\n\r\n`,
      `M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: uuid:${uuid}\r\nLOCATION: x\r\nLOCATION`,
      'M-SEARCH * HTTP/1.1\r\n__proto__: x\r\nconstructor: y\r\nST: ssdp:all\r\n\r\n',
      `HTTP/1.1 200 OK\r\nST: uuid:${uuid}\r\nUSN: uuid:${uuid}\r\n\r\n`,
    ];
    for (const datagram of junk) await client.sendRaw(datagram);
    await client.search(`uuid:${uuid}`);
    const answers = await until(
      'an answer after the junk',
      WAIT_MS,
      () => client.answersFor(uuid).length > 0 && client.answersFor(uuid),
    );
    // the one well-formed search among the junk (its last header is cut) and ours: both fine to answer
    expect(answers.every((a) => a.message.headers.st === `uuid:${uuid}`)).toBe(true);
    expect(client.answersFor(uuid).length).toBeLessThanOrEqual(2);
  });

  it('bounds the answers waiting for their delay under a flood of searches', async () => {
    const { uuid } = await startServer({ random: () => 0.5, maxDelayCapMs: 1200 });
    const client = await openClient();
    for (let i = 0; i < 300; i++) await client.search(`uuid:${uuid}`, { mx: 5 });
    // every answer waits 600 ms: after 2.5 s all that were kept are in
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const flooded = client.answersFor(uuid).length;
    expect(flooded).toBeGreaterThan(0);
    expect(flooded).toBeLessThanOrEqual(64);
    // and the queue drains: a later search is answered again
    await client.search(`uuid:${uuid}`, { mx: 5 });
    await until('an answer after the flood', WAIT_MS, () => client.answersFor(uuid).length > flooded);
  });
});

describe('SsdpServer seen by GSSDP (third-party control point)', () => {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gssdp-discover.test-support.py');

  it('is discovered as a MediaServer:1 on lo with our LOCATION, and reported gone on byebye', { timeout: 20_000 }, async () => {
    const { server, uuid } = await startServer({ random: Math.random, maxDelayCapMs: 300 });
    // the start announcements are out (2 × 150 ms apart): GSSDP can only learn of us by its M-SEARCH
    await new Promise((resolve) => setTimeout(resolve, 400));

    const events: Array<{ event: string; usn?: string; locations?: string[] }> = [];
    let stderr = '';
    const child: ChildProcess = spawn('/usr/bin/python3', [script, 'lo', MS, '15'], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) events.push(JSON.parse(line));
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      if (code !== 0) events.push({ event: `exited ${code}: ${stderr.trim()}` });
    });

    const ours = (event: string) => events.find((e) => e.event === event && e.usn === `uuid:${uuid}::${MS}`);
    const available = await until('GSSDP to report our MediaServer', 10_000, () => {
      const failure = events.find((e) => e.event.startsWith('exited'));
      if (failure) throw new Error(`gssdp-discover stand-in failed (needs python3-gi + gir1.2-gssdp-1.6): ${failure.event}`);
      return ours('available');
    });
    expect(available.locations).toEqual([location()]);

    await server.stop();
    await until('GSSDP to report our byebye', 5000, () => ours('unavailable'));
  });
});
