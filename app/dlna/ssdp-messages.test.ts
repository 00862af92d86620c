import { describe, expect, it } from 'vitest';
import {
  announcementsFor,
  buildNotifyAlive,
  buildNotifyByebye,
  buildSearchResponse,
  parseSsdpMessage,
  planSearchAnswer,
  searchTargetsFor,
  ssdpServerHeader,
  type SsdpMessage,
} from './ssdp-messages.js';

const UUID = '5f2b1a3c-8d4e-4f60-9a7b-1c2d3e4f5a6b';
const UDN = `uuid:${UUID}`;
const MS = 'urn:schemas-upnp-org:device:MediaServer:1';
const CDS = 'urn:schemas-upnp-org:service:ContentDirectory:1';
const CMS = 'urn:schemas-upnp-org:service:ConnectionManager:1';
const MRR = 'urn:microsoft.com:service:X_MS_MediaReceiverRegistrar:1';
const FACTS = {
  location: 'http://192.168.1.20:8200/dlna/description.xml',
  server: 'Linux/6.1 UPnP/1.0 Racoon/0.1.0',
  bootId: 1700000000,
  configId: 1,
};

function mSearch(headers: Record<string, string>, startLine = 'M-SEARCH * HTTP/1.1'): SsdpMessage {
  const text = [startLine, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
  const parsed = parseSsdpMessage(text);
  if (!parsed) throw new Error('test M-SEARCH did not parse');
  return parsed;
}

const SEARCH = { HOST: '239.255.255.250:1900', MAN: '"ssdp:discover"', MX: '2', ST: 'ssdp:all' };

describe('parseSsdpMessage', () => {
  it('reads an M-SEARCH with case-insensitive header names', () => {
    const parsed = parseSsdpMessage(
      'M-SEARCH * HTTP/1.1\r\nHost: 239.255.255.250:1900\r\nman: "ssdp:discover"\r\nMX: 3\r\nSt: upnp:rootdevice\r\nUSER-AGENT: Linux/6 UPnP/1.1 Test/1\r\n\r\n',
    );
    expect(parsed).toEqual({
      kind: 'request',
      method: 'M-SEARCH',
      target: '*',
      headers: {
        host: '239.255.255.250:1900',
        man: '"ssdp:discover"',
        mx: '3',
        st: 'upnp:rootdevice',
        'user-agent': 'Linux/6 UPnP/1.1 Test/1',
      },
    });
  });

  it('reads a search response and a NOTIFY, LF-only line ends too', () => {
    expect(parseSsdpMessage('HTTP/1.1 200 OK\nST: upnp:rootdevice\nEXT:\nUSN: uuid:x::upnp:rootdevice\n\n')).toEqual({
      kind: 'response',
      status: 200,
      reason: 'OK',
      headers: { st: 'upnp:rootdevice', ext: '', usn: 'uuid:x::upnp:rootdevice' },
    });
    const notify = parseSsdpMessage(
      Buffer.from(buildNotifyAlive({ nt: 'upnp:rootdevice', usn: 'uuid:x::upnp:rootdevice' }, FACTS)),
    );
    expect(notify).toMatchObject({
      kind: 'request',
      method: 'NOTIFY',
      target: '*',
      headers: { nts: 'ssdp:alive', location: FACTS.location },
    });
  });

  it('keeps the first of a repeated header and colons inside values', () => {
    const parsed = parseSsdpMessage('NOTIFY * HTTP/1.1\r\nLOCATION: http://a:1/x\r\nLocation: http://evil:2/y\r\n\r\n');
    expect(parsed?.headers.location).toBe('http://a:1/x');
  });

  it('ignores what follows the blank line and skips header lines without a colon', () => {
    const parsed = parseSsdpMessage('M-SEARCH * HTTP/1.1\r\ngarbage line\r\nST: ssdp:all\r\n\r\nST: other\r\n');
    expect(parsed?.headers).toEqual({ st: 'ssdp:all' });
  });

  it.each([
    ['empty', ''],
    ['a bare line', 'hello'],
    ['binary', '\u0000\u0001\u0002\u00ff\r\n\r\n'],
    ['a start line without version', 'M-SEARCH *\r\nST: ssdp:all\r\n\r\n'],
    ['HTTP/2', 'M-SEARCH * HTTP/2.0\r\n\r\n'],
    ['a status that is not a number', 'HTTP/1.1 OK\r\n\r\n'],
    ['too many headers', `M-SEARCH * HTTP/1.1\r\n${Array.from({ length: 80 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\n\r\n`],
  ])('rejects %s', (_name, text) => {
    expect(parseSsdpMessage(text)).toBeNull();
  });

  it('does not let a header named __proto__ reach the prototype', () => {
    const parsed = parseSsdpMessage('M-SEARCH * HTTP/1.1\r\n__proto__: polluted\r\nST: ssdp:all\r\n\r\n');
    expect(parsed?.headers.st).toBe('ssdp:all');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('announcementsFor', () => {
  it('lists rootdevice, the uuid, the device type and the three service types', () => {
    expect(announcementsFor(UUID)).toEqual([
      { nt: 'upnp:rootdevice', usn: `${UDN}::upnp:rootdevice` },
      { nt: UDN, usn: UDN },
      { nt: MS, usn: `${UDN}::${MS}` },
      { nt: CDS, usn: `${UDN}::${CDS}` },
      { nt: CMS, usn: `${UDN}::${CMS}` },
      { nt: MRR, usn: `${UDN}::${MRR}` },
    ]);
  });
});

describe('searchTargetsFor', () => {
  it('answers ssdp:all with every announcement, ST = NT', () => {
    const targets = searchTargetsFor('ssdp:all', UUID);
    expect(targets).toHaveLength(6);
    expect(targets.map((t) => t.st)).toEqual(announcementsFor(UUID).map((a) => a.nt));
    expect(targets.map((t) => t.usn)).toEqual(announcementsFor(UUID).map((a) => a.usn));
  });

  it.each([
    ['upnp:rootdevice', 'upnp:rootdevice', `${UDN}::upnp:rootdevice`],
    [UDN, UDN, UDN],
    [UDN.toUpperCase().replace('UUID:', 'uuid:'), UDN.toUpperCase().replace('UUID:', 'uuid:'), UDN],
    [MS, MS, `${UDN}::${MS}`],
    [CDS, CDS, `${UDN}::${CDS}`],
    [CMS, CMS, `${UDN}::${CMS}`],
    [MRR, MRR, `${UDN}::${MRR}`],
    [` ${CDS} `, CDS, `${UDN}::${CDS}`],
  ])('%s → ST %s, USN %s', (st, answeredSt, usn) => {
    expect(searchTargetsFor(st, UUID)).toEqual([{ st: answeredSt, usn }]);
  });

  it.each([
    ['a higher device version', 'urn:schemas-upnp-org:device:MediaServer:2'],
    ['a higher service version', 'urn:schemas-upnp-org:service:ContentDirectory:3'],
    ['version 0', 'urn:schemas-upnp-org:device:MediaServer:0'],
    ['another device type', 'urn:schemas-upnp-org:device:MediaRenderer:1'],
    ['another service', 'urn:schemas-upnp-org:service:AVTransport:1'],
    ['another domain', 'urn:example-com:device:MediaServer:1'],
    ['another uuid', 'uuid:00000000-0000-0000-0000-000000000000'],
    ['a type without version', 'urn:schemas-upnp-org:device:MediaServer'],
    ['a prefix of ours', 'urn:schemas-upnp-org:device:Media'],
    ['garbage', 'ssdp:everything'],
    ['empty', ''],
  ])('answers nothing for %s', (_name, st) => {
    expect(searchTargetsFor(st, UUID)).toEqual([]);
  });
});

describe('planSearchAnswer', () => {
  const options = { uuid: UUID, random: () => 0.5 };

  it('waits a random part of min(MX, 5) seconds, echoing the targets', () => {
    expect(planSearchAnswer(mSearch({ ...SEARCH, ST: MS, MX: '2' }), options)).toEqual({
      answer: true,
      targets: [{ st: MS, usn: `${UDN}::${MS}` }],
      delayMs: 1000,
    });
    expect(planSearchAnswer(mSearch({ ...SEARCH, MX: '120' }), options)).toMatchObject({ answer: true, delayMs: 2500 });
    expect(planSearchAnswer(mSearch({ ...SEARCH, MX: '1' }), { ...options, random: () => 0 })).toMatchObject({ delayMs: 0 });
    expect(planSearchAnswer(mSearch({ ...SEARCH, MX: '5' }), { ...options, random: () => 0.9999 })).toMatchObject({
      delayMs: 4999,
    });
  });

  it('keeps the delay under a configured cap', () => {
    expect(planSearchAnswer(mSearch({ ...SEARCH, MX: '5' }), { ...options, maxDelayMs: 200 })).toMatchObject({ delayMs: 100 });
  });

  it('clamps a random source that strays out of [0, 1)', () => {
    expect(planSearchAnswer(mSearch(SEARCH), { ...options, random: () => 7 })).toMatchObject({ delayMs: 2000 });
    expect(planSearchAnswer(mSearch(SEARCH), { ...options, random: () => -1 })).toMatchObject({ delayMs: 0 });
  });

  it.each([
    ['MX missing', { HOST: SEARCH.HOST, MAN: SEARCH.MAN, ST: 'ssdp:all' }, 'no MX header'],
    ['MX not a number', { ...SEARCH, MX: 'soon' }, 'invalid MX soon'],
    ['MX negative', { ...SEARCH, MX: '-1' }, 'invalid MX -1'],
    ['MX zero', { ...SEARCH, MX: '0' }, 'invalid MX 0'],
    ['MX fractional', { ...SEARCH, MX: '1.5' }, 'invalid MX 1.5'],
    ['MAN other than ssdp:discover', { ...SEARCH, MAN: '"ssdp:alive"' }, 'MAN "ssdp:alive" is not "ssdp:discover"'],
    ['no ST', { HOST: SEARCH.HOST, MAN: SEARCH.MAN, MX: '1' }, 'no ST header'],
    [
      'an ST that is not ours',
      { ...SEARCH, ST: 'urn:schemas-upnp-org:device:MediaRenderer:1' },
      'ST urn:schemas-upnp-org:device:MediaRenderer:1 is not ours',
    ],
  ])('does not answer with %s', (_name, headers, reason) => {
    expect(planSearchAnswer(mSearch(headers), options)).toEqual({ answer: false, reason });
  });

  it('does not answer what is not an M-SEARCH * request', () => {
    expect(planSearchAnswer(mSearch(SEARCH, 'NOTIFY * HTTP/1.1'), options)).toEqual({ answer: false, reason: 'not an M-SEARCH' });
    expect(planSearchAnswer(mSearch(SEARCH, 'M-SEARCH /x HTTP/1.1'), options)).toMatchObject({ answer: false });
    expect(planSearchAnswer(parseSsdpMessage('HTTP/1.1 200 OK\r\nST: ssdp:all\r\n\r\n')!, options)).toMatchObject({
      answer: false,
    });
  });

  it('accepts MAN without quotes and a search without MAN', () => {
    expect(planSearchAnswer(mSearch({ ...SEARCH, MAN: 'ssdp:discover' }), options)).toMatchObject({ answer: true });
    expect(planSearchAnswer(mSearch({ HOST: SEARCH.HOST, MX: '1', ST: 'ssdp:all' }), options)).toMatchObject({ answer: true });
  });

  it('answers a unicast search (HOST is our address) at once, MX or not', () => {
    expect(planSearchAnswer(mSearch({ HOST: '192.168.1.20:1900', MAN: SEARCH.MAN, ST: MS }), options)).toEqual({
      answer: true,
      targets: [{ st: MS, usn: `${UDN}::${MS}` }],
      delayMs: 0,
    });
  });
});

describe('building messages', () => {
  const parse = (text: string) => {
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    return parseSsdpMessage(text)!;
  };

  it('NOTIFY ssdp:alive carries what UPnP 1.1 asks for', () => {
    const text = buildNotifyAlive({ nt: MS, usn: `${UDN}::${MS}` }, FACTS);
    expect(text.startsWith('NOTIFY * HTTP/1.1\r\n')).toBe(true);
    expect(parse(text).headers).toEqual({
      host: '239.255.255.250:1900',
      'cache-control': 'max-age=1800',
      location: FACTS.location,
      nt: MS,
      nts: 'ssdp:alive',
      server: FACTS.server,
      usn: `${UDN}::${MS}`,
      'bootid.upnp.org': '1700000000',
      'configid.upnp.org': '1',
    });
  });

  it('NOTIFY ssdp:byebye has no LOCATION, SERVER or CACHE-CONTROL', () => {
    const text = buildNotifyByebye({ nt: 'upnp:rootdevice', usn: `${UDN}::upnp:rootdevice` }, FACTS);
    expect(parse(text).headers).toEqual({
      host: '239.255.255.250:1900',
      nt: 'upnp:rootdevice',
      nts: 'ssdp:byebye',
      usn: `${UDN}::upnp:rootdevice`,
      'bootid.upnp.org': '1700000000',
      'configid.upnp.org': '1',
    });
  });

  it('an M-SEARCH response is HTTP/1.1 200 OK with DATE, EXT, ST and USN', () => {
    const text = buildSearchResponse({ st: CDS, usn: `${UDN}::${CDS}` }, FACTS, new Date(Date.UTC(2025, 0, 2, 3, 4, 5)));
    const parsed = parse(text);
    expect(parsed).toMatchObject({ kind: 'response', status: 200, reason: 'OK' });
    expect(parsed.headers).toEqual({
      'cache-control': 'max-age=1800',
      date: 'Thu, 02 Jan 2025 03:04:05 GMT',
      ext: '',
      location: FACTS.location,
      server: FACTS.server,
      st: CDS,
      usn: `${UDN}::${CDS}`,
      'bootid.upnp.org': '1700000000',
      'configid.upnp.org': '1',
      'content-length': '0',
    });
  });

  it('never lets a line break in a value add a header', () => {
    const text = buildNotifyAlive({ nt: MS, usn: 'x' }, { ...FACTS, server: 'Evil\r\nLOCATION: http://evil/' });
    expect(parse(text).headers.location).toBe(FACTS.location);
    expect(text.split('\r\n').filter((line) => line.startsWith('LOCATION'))).toHaveLength(1);
  });

  it('SERVER header: completes a bare product token, keeps a full one', () => {
    expect(ssdpServerHeader('Racoon/0.1.0', 'Linux', '6.1.0')).toBe('Linux/6.1.0 UPnP/1.0 Racoon/0.1.0');
    expect(ssdpServerHeader('Linux/6.1 UPnP/1.0 Racoon/0.1.0', 'Darwin', '23')).toBe('Linux/6.1 UPnP/1.0 Racoon/0.1.0');
  });
});
