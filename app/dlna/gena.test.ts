import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventListener } from './gena-listener.test-support.js';
import { GenaEventing, parseCallbackHeader, parseTimeoutHeader, propertySetXml, type GenaOptions } from './gena.js';

const SERVER = 'Linux/6.1 UPnP/1.0 Racoon/0.1.0';

describe('GENA headers', () => {
  it.each([
    ['Second-300', 300],
    ['second-1800', 1800],
    ['Second-99999', 1800],
    ['Second-0', 1],
    ['infinite', 1800],
    [undefined, 1800],
    ['Second-abc', 1800],
  ])('TIMEOUT %s → %i s', (header, seconds) => {
    expect(parseTimeoutHeader(header)).toBe(seconds);
  });

  it('reads CALLBACK URLs: http only, at most 4', () => {
    expect(parseCallbackHeader('<http://10.0.0.5:49152/evt>')?.map(String)).toEqual(['http://10.0.0.5:49152/evt']);
    expect(parseCallbackHeader('<ftp://x/><http://a/1> <http://b/2>')?.map(String)).toEqual(['http://a/1', 'http://b/2']);
    expect(parseCallbackHeader('<http://a/1><http://a/2><http://a/3><http://a/4><http://a/5>')).toHaveLength(4);
    for (const bad of [undefined, '', 'http://no-brackets/', '<https://tls/>', '<not a url>', '<>']) {
      expect(parseCallbackHeader(bad), String(bad)).toBeNull();
    }
  });

  it('writes an escaped property set', () => {
    expect(propertySetXml({ SystemUpdateID: 4, ContainerUpdateIDs: 'a&b' })).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<e:propertyset xmlns:e="urn:schemas-upnp-org:event-1-0">' +
        '<e:property><SystemUpdateID>4</SystemUpdateID></e:property>' +
        '<e:property><ContainerUpdateIDs>a&amp;b</ContainerUpdateIDs></e:property></e:propertyset>\n',
    );
  });
});

describe('GenaEventing', () => {
  let listener: EventListener;
  let callback: string;
  let gena: GenaEventing;
  let systemUpdateId: number;

  const make = (options: Partial<GenaOptions> = {}) =>
    new GenaEventing({
      serverHeader: SERVER,
      state: (service): Record<string, string | number> =>
        service === 'cds'
          ? { SystemUpdateID: systemUpdateId, ContainerUpdateIDs: '' }
          : { SourceProtocolInfo: 'http-get:*:video/mp4:*', SinkProtocolInfo: '', CurrentConnectionIDs: '0' },
      moderationMs: 0,
      ...options,
    });

  /** SUBSCRIBE as the HTTP server passes it on, then the initial event as it sends it after the answer. */
  function subscribe(service: 'cds' | 'cms' = 'cds', headers: Record<string, string> = {}) {
    const answer = gena.handle('SUBSCRIBE', service, {
      callback: `<${callback}>`,
      nt: 'upnp:event',
      timeout: 'Second-300',
      ...headers,
    });
    if (answer.newSid) gena.sendInitialEvent(answer.newSid);
    return answer;
  }

  beforeEach(async () => {
    systemUpdateId = 1;
    listener = new EventListener();
    callback = await listener.start();
    gena = make();
  });
  afterEach(async () => {
    gena.close();
    await listener.stop();
  });

  it('subscribes, sends the initial event (SEQ 0, every variable), then each change with SEQ counting up', async () => {
    const answer = subscribe();
    expect(answer.status).toBe(200);
    expect(answer.headers.SID).toMatch(/^uuid:[0-9a-f-]{36}$/);
    expect(answer.headers.TIMEOUT).toBe('Second-300');
    expect(answer.headers.SERVER).toBe(SERVER);
    expect(answer.headers.DATE).toMatch(/GMT$/);
    const sid = answer.headers.SID;
    const [initial] = await listener.waitFor(sid, 1);
    expect(initial).toMatchObject({ method: 'NOTIFY', seq: 0, nt: 'upnp:event', nts: 'upnp:propchange' });
    expect(initial.contentType).toContain('text/xml');
    expect(initial.variables).toEqual({ SystemUpdateID: '1', ContainerUpdateIDs: '' });

    gena.publish('cds', { SystemUpdateID: 2 });
    const events = await listener.waitFor(sid, 2);
    expect(events[1]).toMatchObject({ seq: 1, variables: { SystemUpdateID: '2' } });
    gena.publish('cds', { SystemUpdateID: 3 });
    expect((await listener.waitFor(sid, 3))[2]).toMatchObject({ seq: 2, variables: { SystemUpdateID: '3' } });
  });

  it('keeps services apart: a ContentDirectory change is not sent to a ConnectionManager subscriber', async () => {
    const cms = subscribe('cms').headers.SID;
    const cds = subscribe('cds').headers.SID;
    expect((await listener.waitFor(cms, 1))[0].variables).toHaveProperty('SourceProtocolInfo');
    await listener.waitFor(cds, 1);
    gena.publish('cds', { SystemUpdateID: 2 });
    await listener.waitFor(cds, 2);
    expect(listener.eventsFor(cms)).toHaveLength(1);
  });

  it('moderates: quick changes are merged, at most one NOTIFY per interval, the last value always arrives', async () => {
    gena.close();
    gena = make({ moderationMs: 300 });
    const sid = subscribe().headers.SID;
    await listener.waitFor(sid, 1);
    for (let id = 2; id <= 20; id++) gena.publish('cds', { SystemUpdateID: id });
    const deadline = Date.now() + 10_000;
    while (listener.eventsFor(sid).at(-1)?.variables.SystemUpdateID !== '20') {
      if (Date.now() > deadline) throw new Error('the last value never arrived');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const events = listener.eventsFor(sid);
    expect(events.length).toBeLessThanOrEqual(3);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });

  it('renews by SID, and refuses malformed renewals', () => {
    const sid = subscribe().headers.SID;
    const renewed = gena.handle('SUBSCRIBE', 'cds', { sid, timeout: 'Second-1000' });
    expect(renewed).toMatchObject({ status: 200, headers: { SID: sid, TIMEOUT: 'Second-1000' } });
    expect(renewed.newSid).toBeUndefined();
    expect(gena.handle('SUBSCRIBE', 'cds', { sid, callback: `<${callback}>` }).status).toBe(400);
    expect(gena.handle('SUBSCRIBE', 'cds', { sid, nt: 'upnp:event' }).status).toBe(400);
    expect(gena.handle('SUBSCRIBE', 'cds', { sid: 'uuid:00000000-0000-0000-0000-000000000000' }).status).toBe(412);
    // a SID of another service's subscription is not this service's
    expect(gena.handle('SUBSCRIBE', 'cms', { sid }).status).toBe(412);
  });

  it('unsubscribes: no more events, and a second UNSUBSCRIBE is 412', async () => {
    const sid = subscribe().headers.SID;
    await listener.waitFor(sid, 1);
    expect(gena.handle('UNSUBSCRIBE', 'cds', { sid }).status).toBe(200);
    expect(gena.size).toBe(0);
    gena.publish('cds', { SystemUpdateID: 5 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listener.eventsFor(sid)).toHaveLength(1);
    expect(gena.handle('UNSUBSCRIBE', 'cds', { sid }).status).toBe(412);
    expect(gena.handle('UNSUBSCRIBE', 'cds', {}).status).toBe(412);
    expect(gena.handle('UNSUBSCRIBE', 'cds', { sid, nt: 'upnp:event' }).status).toBe(400);
  });

  it.each([
    ['no CALLBACK', { callback: undefined }],
    ['a CALLBACK without brackets', { callback: 'http://127.0.0.1:1/x' }],
    ['an https CALLBACK', { callback: '<https://127.0.0.1:1/x>' }],
    ['no NT', { nt: undefined }],
    ['a wrong NT', { nt: 'ssdp:alive' }],
  ])('refuses %s with 412', (_name, override) => {
    const headers = Object.fromEntries(
      Object.entries({ callback: `<${callback}>`, nt: 'upnp:event', ...override }).filter(([, v]) => v !== undefined),
    ) as Record<string, string>;
    expect(gena.handle('SUBSCRIBE', 'cds', headers).status).toBe(412);
    expect(gena.size).toBe(0);
  });

  it('bounds the number of subscribers (503 beyond)', () => {
    gena.close();
    gena = make({ maxSubscribers: 3 });
    for (let i = 0; i < 3; i++) expect(subscribe().status).toBe(200);
    expect(subscribe().status).toBe(503);
    expect(gena.size).toBe(3);
  });

  it('drops subscriptions that were not renewed in time', () => {
    let now = 1_000_000;
    gena.close();
    gena = make({ now: () => now });
    const sid = gena.handle('SUBSCRIBE', 'cds', { callback: `<${callback}>`, nt: 'upnp:event', timeout: 'Second-60' }).headers
      .SID;
    now += 59_000;
    expect(gena.handle('SUBSCRIBE', 'cds', { sid, timeout: 'Second-60' }).status).toBe(200);
    now += 61_000;
    expect(gena.size).toBe(0);
    expect(gena.handle('SUBSCRIBE', 'cds', { sid }).status).toBe(412);
  });

  it('tolerates a dead callback and a stalled one: each event costs at most one timeout, nothing piles up', async () => {
    gena.close();
    gena = make({ notifyTimeoutMs: 300 });
    // a port nobody listens on
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = gena.handle('SUBSCRIBE', 'cds', { callback: `<http://127.0.0.1:${deadPort}/x>`, nt: 'upnp:event' });
    gena.sendInitialEvent(dead.headers.SID);

    listener.stallMs = 2000;
    const sid = subscribe().headers.SID;
    await listener.waitFor(sid, 1);
    // while the initial event is stalled, a hundred changes wait as one merged event
    for (let id = 2; id <= 101; id++) gena.publish('cds', { SystemUpdateID: id });
    listener.stallMs = 0;
    const events = await listener.waitFor(sid, 2);
    expect(events[1]).toMatchObject({ seq: 1, variables: { SystemUpdateID: '101' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(listener.eventsFor(sid)).toHaveLength(2);
    expect(gena.size).toBe(2);
  });
});
