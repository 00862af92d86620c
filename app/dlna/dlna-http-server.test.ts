import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { makeDirectPlayMp4, makeMultiTrackMkv } from '../stream/media-sources.test-support.js';
import {
  CONNECTION_MANAGER_TYPE,
  CONTENT_DIRECTORY_TYPE,
  DLNA_PATHS,
  MEDIA_RECEIVER_REGISTRAR_TYPE,
  MEDIA_SERVER_TYPE,
} from './dlna-types.js';
import {
  catalogue,
  request,
  soap,
  soapEnvelope,
  startServer,
  type ServerHandle,
  type TestLibrary,
} from './dlna-server.test-support.js';
import { EventListener } from './gena-listener.test-support.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => n === 'service',
});
const didlParser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => ['container', 'item', 'res'].includes(n),
});

let dir: string;
let library: TestLibrary;
let handle: ServerHandle;
let base: string;
const cds = () => base + DLNA_PATHS.control.cds;

beforeAll(async () => {
  dir = tempDir('dlna-http');
  const root = path.join(dir, 'media');
  library = await catalogue(root, [
    { title: 'Alpha', path: await makeDirectPlayMp4(path.join(root, 'Alpha (2000)', 'alpha.mp4')) },
    { title: 'Beta', path: await makeMultiTrackMkv(path.join(root, 'Beta (2001)', 'beta.mkv')) },
  ]);
  handle = await startServer(library, dir);
  base = handle.baseUrl;
});

afterAll(async () => {
  await handle?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('descriptions', () => {
  it('serves the device description, whose links all answer', async () => {
    const answer = await request(base + DLNA_PATHS.description);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('text/xml');
    expect(answer.headers.server).toMatch(/^\S+\/\S+ UPnP\/1\.0 Racoon\/0\.1\.0$/);
    expect(XMLValidator.validate(answer.text)).toBe(true);
    const device = parser.parse(answer.text).root.device;
    expect(device.deviceType).toBe(MEDIA_SERVER_TYPE);
    expect(device.UDN).toBe('uuid:3b0c5d7e-1f2a-4b3c-8d9e-0a1b2c3d4e5f');
    const services = device.serviceList.service as Array<Record<string, string>>;
    expect(services.map((s) => s.serviceType)).toEqual([
      CONTENT_DIRECTORY_TYPE,
      CONNECTION_MANAGER_TYPE,
      MEDIA_RECEIVER_REGISTRAR_TYPE,
    ]);
    for (const service of services) {
      const scpd = await request(new URL(service.SCPDURL, base + DLNA_PATHS.description).href);
      expect(scpd.status, service.SCPDURL).toBe(200);
      expect(XMLValidator.validate(scpd.text)).toBe(true);
      expect(parser.parse(scpd.text).scpd.actionList).toBeDefined();
    }
    for (const icon of device.iconList.icon as Array<{ url: string; width: string }>) {
      const png = await request(base + icon.url);
      expect(png.status).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.body.readUInt32BE(16)).toBe(Number(icon.width));
    }
  });

  it('answers HEAD with the headers only and an Xbox with its compatible description', async () => {
    const head = await request(base + DLNA_PATHS.description, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(500);
    expect(head.body.length).toBe(0);
    const xbox = await request(base + DLNA_PATHS.description, { headers: { 'User-Agent': 'Xbox/2.0.17559.0 UPnP/1.0' } });
    expect(parser.parse(xbox.text).root.device.modelName).toContain('Windows Media Connect');
  });

  it('answers 404 for unknown paths and 405 for a wrong method, with SERVER on each', async () => {
    for (const url of [
      '/',
      '/dlna/',
      '/dlna/description.xml/x',
      '/dlna/media/abc',
      '/dlna/media/../../etc/passwd',
      '/dlna/icon-64.png',
    ]) {
      const answer = await request(base + url);
      expect(answer.status, url).toBe(404);
      expect(answer.headers.server).toContain('Racoon/');
    }
    const wrong = await request(base + DLNA_PATHS.control.cds);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
    expect((await request(base + DLNA_PATHS.media(1), { method: 'DELETE' })).status).toBe(405);
  });
});

describe('control', () => {
  it('browses the root and a container, with DIDL-Lite res URLs on the address the client reached', async () => {
    const root = await soap(cds(), CONTENT_DIRECTORY_TYPE, 'Browse', {
      ObjectID: '0',
      BrowseFlag: 'BrowseDirectChildren',
      Filter: '*',
      StartingIndex: 0,
      RequestedCount: 0,
      SortCriteria: '',
    });
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toContain('text/xml');
    expect(root.headers.ext).toBe('');
    const didl = didlParser.parse(root.out.Result)['DIDL-Lite'];
    const containers = didl.container as Array<Record<string, string>>;
    expect(containers.length).toBeGreaterThan(0);
    expect(Number(root.out.NumberReturned)).toBe(containers.length);
    expect(Number(root.out.TotalMatches)).toBe(containers.length);
    expect(Number(root.out.UpdateID)).toBeGreaterThan(0);

    const search = await soap(cds(), CONTENT_DIRECTORY_TYPE, 'Search', {
      ContainerID: '0',
      SearchCriteria: 'upnp:class derivedfrom "object.item.videoItem" and dc:title contains "alp"',
      Filter: '*',
      StartingIndex: 0,
      RequestedCount: 10,
      SortCriteria: '+dc:title',
    });
    expect(search.status).toBe(200);
    const items = didlParser.parse(search.out.Result)['DIDL-Lite'].item as Array<{
      title: string;
      res: Array<{ '#text': string }>;
    }>;
    expect(Number(search.out.TotalMatches)).toBeGreaterThanOrEqual(1);
    expect(items.every((i) => i.title.includes('Alpha'))).toBe(true);
    expect(items[0].res[0]['#text']).toBe(base + DLNA_PATHS.media(1));
  });

  it('answers the capability, update id, connection manager and registrar actions', async () => {
    expect((await soap(cds(), CONTENT_DIRECTORY_TYPE, 'GetSearchCapabilities')).out.SearchCaps).toContain('dc:title');
    expect((await soap(cds(), CONTENT_DIRECTORY_TYPE, 'GetSortCapabilities')).out.SortCaps).toContain('dc:title');
    expect(Number((await soap(cds(), CONTENT_DIRECTORY_TYPE, 'GetSystemUpdateID')).out.Id)).toBe(
      handle.directory.systemUpdateId(),
    );
    const cms = base + DLNA_PATHS.control.cms;
    const info = await soap(cms, CONNECTION_MANAGER_TYPE, 'GetProtocolInfo');
    expect(info.out.Source).toContain('http-get:*:video/mp4:*');
    expect(info.out.Sink).toBe('');
    expect((await soap(cms, CONNECTION_MANAGER_TYPE, 'GetCurrentConnectionIDs')).out.ConnectionIDs).toBe('0');
    const connection = await soap(cms, CONNECTION_MANAGER_TYPE, 'GetCurrentConnectionInfo', { ConnectionID: 0 });
    expect(connection.out).toMatchObject({ RcsID: '-1', AVTransportID: '-1', Direction: 'Output', Status: 'OK' });
    const mrr = base + DLNA_PATHS.control.mrr;
    expect((await soap(mrr, MEDIA_RECEIVER_REGISTRAR_TYPE, 'IsAuthorized', { DeviceID: '' })).out.Result).toBe('1');
    expect((await soap(mrr, MEDIA_RECEIVER_REGISTRAR_TYPE, 'IsValidated', { DeviceID: '' })).out.Result).toBe('1');
  });

  it.each([
    ['an unknown action', 'DestroyObject', { ObjectID: '0' }, 401],
    ['an unknown ObjectID', 'Browse', { ObjectID: 'no/such/thing', BrowseFlag: 'BrowseMetadata' }, 701],
    ['a negative RequestedCount', 'Browse', { ObjectID: '0', BrowseFlag: 'BrowseDirectChildren', RequestedCount: -5 }, 402],
    [
      'an absurd RequestedCount',
      'Browse',
      { ObjectID: '0', BrowseFlag: 'BrowseDirectChildren', RequestedCount: '99999999999' },
      402,
    ],
    ['a bad BrowseFlag', 'Browse', { ObjectID: '0', BrowseFlag: 'Everything' }, 402],
    ['a missing ObjectID', 'Browse', { BrowseFlag: 'BrowseMetadata' }, 402],
    ['bad search criteria', 'Search', { ContainerID: '0', SearchCriteria: 'dc:title contains' }, 708],
    ['an unsupported sort', 'Browse', { ObjectID: '0', BrowseFlag: 'BrowseDirectChildren', SortCriteria: '+upnp:nonsense' }, 709],
  ])('faults %s (%s) with its UPnP code', async (_name, action, args, code) => {
    const answer = await soap(cds(), CONTENT_DIRECTORY_TYPE, action, args as Record<string, string>);
    expect(answer.status).toBe(500);
    expect(answer.errorCode).toBe(code);
    expect(answer.errorDescription).toBeTruthy();
  });

  it('faults malformed XML with 402 and a DOCTYPE ("billion laughs") with 400, unexpanded', async () => {
    const headers = { SOAPACTION: `"${CONTENT_DIRECTORY_TYPE}#Browse"`, 'Content-Type': 'text/xml' };
    const malformed = await request(cds(), { method: 'POST', headers, body: '<s:Envelope><s:Body><u:Browse>' });
    expect(malformed.status).toBe(500);
    expect(malformed.text).toContain('<errorCode>402</errorCode>');
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${entities}]>${soapEnvelope(CONTENT_DIRECTORY_TYPE, 'Browse', {}).replace(/^<\?xml[^>]*\?>/, '')}`;
    const started = Date.now();
    const refused = await request(cds(), {
      method: 'POST',
      headers,
      body: laughs.replace('<u:Browse ', '<u:Browse a="&lol9;" '),
    });
    expect(refused.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(2000);
    // still answering
    expect((await soap(cds(), CONTENT_DIRECTORY_TYPE, 'GetSystemUpdateID')).status).toBe(200);
  });

  it('refuses a 1 MB body (declared or chunked) with 413 without reading it all, and keeps serving', async () => {
    const port = Number(new URL(base).port);
    for (const framing of ['Content-Length: 1048576', 'Transfer-Encoding: chunked']) {
      const answer = await rawExchange(port, framing);
      expect(answer, framing).toMatch(/^HTTP\/1\.1 413 /);
    }
    expect((await soap(cds(), CONTENT_DIRECTORY_TYPE, 'GetSystemUpdateID')).status).toBe(200);
  });
});

describe('hostile clients', () => {
  it('times out a body that never comes (408) and answers garbage with 400, then keeps serving', async () => {
    const slow = await startServer(library, dir, { bodyTimeoutMs: 300 });
    try {
      const port = slow.server.port;
      const stalled = await rawText(
        port,
        `POST ${DLNA_PATHS.control.cds} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n<s:Envelope>`,
      );
      expect(stalled).toMatch(/^HTTP\/1\.1 408 /);
      expect(await rawText(port, 'BREW /coffee HTCPCP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
      expect(await rawText(port, `GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect((await request(`${slow.baseUrl}${DLNA_PATHS.description}`)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

/** Writes raw bytes and reads what comes back until the server closes (or 10 s pass). */
function rawText(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (data) => {
      answer += data.toString('utf8');
      if (/\r\n\r\n/.test(answer)) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(answer));
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

/** Sends a control POST that claims (or streams) 1 MB in 16 KiB pieces, stopping as soon as an answer comes. */
function rawExchange(port: number, framing: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const chunked = framing.startsWith('Transfer-Encoding');
    const piece = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!answer && sent < 1024 * 1024) {
        sent += piece.length;
        const ok = socket.write(
          chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece,
        );
        if (!ok) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(
        `POST ${DLNA_PATHS.control.cds} HTTP/1.1\r\nHost: 127.0.0.1\r\nSOAPACTION: "${CONTENT_DIRECTORY_TYPE}#Browse"\r\n${framing}\r\n\r\n`,
      );
      pump();
    });
    socket.on('data', (data) => {
      answer += data.toString('utf8');
      if (answer.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(answer);
      }
    });
    // the server may close while we still write: what it answered is what counts
    socket.on('error', () => (answer ? resolve(answer) : undefined));
    socket.on('close', () => (answer ? resolve(answer) : reject(new Error('closed without an answer'))));
    socket.setTimeout(20_000, () => socket.destroy(new Error('no answer')));
  });
}

describe('eventing', () => {
  it('subscribes with a real callback, sends SystemUpdateID at once and on a library change, renews, unsubscribes', async () => {
    const listener = new EventListener();
    const callback = await listener.start();
    try {
      const eventUrl = base + DLNA_PATHS.event.cds;
      const subscribed = await request(eventUrl, {
        method: 'SUBSCRIBE',
        headers: { CALLBACK: `<${callback}>`, NT: 'upnp:event', TIMEOUT: 'Second-300' },
      });
      expect(subscribed.status).toBe(200);
      const sid = String(subscribed.headers.sid);
      expect(sid).toMatch(/^uuid:/);
      expect(subscribed.headers.timeout).toBe('Second-300');
      expect(subscribed.headers.server).toContain('UPnP/1.0');
      const before = handle.directory.systemUpdateId();
      const [initial] = await listener.waitFor(sid, 1);
      expect(initial).toMatchObject({ seq: 0, variables: { SystemUpdateID: String(before) } });

      handle.libraryChanged();
      const events = await listener.waitFor(sid, 2);
      expect(events[1]).toMatchObject({ seq: 1, variables: { SystemUpdateID: String(before + 1) } });

      const renewed = await request(eventUrl, { method: 'SUBSCRIBE', headers: { SID: sid, TIMEOUT: 'Second-600' } });
      expect(renewed.status).toBe(200);
      expect(renewed.headers.timeout).toBe('Second-600');
      expect((await request(eventUrl, { method: 'UNSUBSCRIBE', headers: { SID: sid } })).status).toBe(200);
      expect((await request(eventUrl, { method: 'UNSUBSCRIBE', headers: { SID: sid } })).status).toBe(412);
      handle.libraryChanged();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(listener.eventsFor(sid)).toHaveLength(2);
    } finally {
      await listener.stop();
    }
  });

  it('answers a bad callback or NT with 412', async () => {
    const eventUrl = base + DLNA_PATHS.event.cms;
    const attempts: Array<Record<string, string>> = [
      { NT: 'upnp:event' },
      { CALLBACK: 'not-a-url', NT: 'upnp:event' },
      { CALLBACK: '<http://127.0.0.1:9/>', NT: 'x' },
    ];
    for (const headers of attempts) {
      expect((await request(eventUrl, { method: 'SUBSCRIBE', headers })).status).toBe(412);
    }
  });
});

describe('listening', () => {
  it('serves several addresses on one port, each describing itself with its own address', async () => {
    const two = await startServer(library, dir, { addresses: ['127.0.0.1', '127.0.0.2'] });
    try {
      const port = two.server.port;
      for (const address of ['127.0.0.1', '127.0.0.2']) {
        const answer = await soap(`http://${address}:${port}${DLNA_PATHS.control.cds}`, CONTENT_DIRECTORY_TYPE, 'Search', {
          ContainerID: '0',
          SearchCriteria: 'dc:title contains "Alpha"',
        });
        expect(answer.out.Result, address).toContain(`http://${address}:${port}${DLNA_PATHS.media(1)}`);
      }
    } finally {
      await two.close();
    }
    // closed: nothing listens any more
    await expect(request(`http://127.0.0.2:${two.server.port}${DLNA_PATHS.description}`)).rejects.toThrow();
  });
});
