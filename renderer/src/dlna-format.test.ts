import { describe, expect, it } from 'vitest';
import type { DlnaAvailableInterface, DlnaRenderer, DlnaSettings, DlnaSettingsAnswer } from '../../app/api/api-types';
import {
  dlnaPatch,
  emptyRendererForm,
  everyLanText,
  fromRendererForm,
  interfaceChoices,
  matchLines,
  profileText,
  quirkSummary,
  sameDlnaForm,
  serverErrorFields,
  splitList,
  statusView,
  toDlnaForm,
  toggleInterface,
  toRendererForm,
  type RendererForm,
} from './dlna-format';

const settings: DlnaSettings = {
  enabled: true,
  friendlyName: 'Racoon on host',
  interfaces: [],
  port: 8200,
  uuid: '7f1c2a4e-0b7e-4f4e-9a57-2d3c1c9f0b11',
};

const available: DlnaAvailableInterface[] = [
  { name: 'lo', address: '127.0.0.1', internal: true, virtual: null },
  { name: 'docker0', address: '172.17.0.1', internal: false, virtual: 'Docker' },
  { name: 'eth0', address: '192.168.1.20', internal: false, virtual: null },
  { name: 'eth0', address: '192.168.1.21', internal: false, virtual: null },
  { name: 'wlan0', address: '192.168.1.30', internal: false, virtual: null },
];

function answer(patch: { settings?: Partial<DlnaSettings>; status?: Partial<DlnaSettingsAnswer['status']> } = {}) {
  const s = { ...settings, ...patch.settings };
  return {
    settings: s,
    status: {
      running: true,
      friendlyName: s.friendlyName,
      uuid: s.uuid,
      port: 8200,
      interfaces: [{ name: 'eth0', address: '192.168.1.20' }],
      skipped: [],
      error: null,
      ...patch.status,
    },
    available,
  } satisfies DlnaSettingsAnswer;
}

const samsung: DlnaRenderer = {
  quirks: {
    name: 'samsung',
    label: 'Samsung TV',
    deviceProfile: 'samsung-tv',
    samsungCaptions: true,
    omitDlnaProfileName: false,
    xboxContainerIds: false,
    maxPageSize: 0,
  },
  match: { userAgentContains: ['SEC_HHP', 'Samsung'], headerContains: [{ header: 'getCaptionInfo.sec', contains: '' }] },
  builtin: true,
};

describe('interfaces', () => {
  it('groups addresses by name, LAN first, marks loopback and virtual, keeps a saved name that is gone', () => {
    const choices = interfaceChoices(available, ['usb0', 'lo']);
    expect(choices.map((c) => [c.name, c.kind, c.note])).toEqual([
      ['eth0', 'lan', null],
      ['wlan0', 'lan', null],
      ['docker0', 'virtual', 'virtual · Docker'],
      ['lo', 'loopback', 'loopback'],
      ['usb0', 'missing', 'not on this machine now'],
    ]);
    expect(choices[0].addresses).toEqual(['192.168.1.20', '192.168.1.21']);
    expect(choices[4].addresses).toEqual([]);
  });

  it('says what no tick means now', () => {
    expect(everyLanText(interfaceChoices(available, []))).toBe('Every LAN interface (now eth0, wlan0)');
    expect(everyLanText(interfaceChoices(available.slice(0, 2), []))).toMatch(/there is none now/);
  });

  it('ticks and unticks one name', () => {
    expect(toggleInterface(['eth0'], 'lo', true)).toEqual(['eth0', 'lo']);
    expect(toggleInterface(['eth0', 'lo'], 'eth0', false)).toEqual(['lo']);
    expect(toggleInterface(['eth0'], 'eth0', true)).toEqual(['eth0']);
  });
});

describe('the server form', () => {
  it('sends only what changed, the name trimmed and the port a number', () => {
    const form = { ...toDlnaForm(settings), friendlyName: '  Living room  ', port: '8201' };
    expect(dlnaPatch(form, settings)).toEqual({ ok: true, patch: { friendlyName: 'Living room', port: 8201 } });
    expect(dlnaPatch(toDlnaForm(settings), settings)).toEqual({ ok: true, patch: {} });
  });

  it('treats interfaces as a set and a blank port as 0 (a free one)', () => {
    const saved = { ...settings, interfaces: ['eth0', 'lo'] };
    expect(dlnaPatch({ ...toDlnaForm(saved), interfaces: ['lo', 'eth0'] }, saved)).toEqual({ ok: true, patch: {} });
    expect(dlnaPatch({ ...toDlnaForm(saved), interfaces: [] }, saved)).toEqual({ ok: true, patch: { interfaces: [] } });
    expect(dlnaPatch({ ...toDlnaForm(saved), port: ' ' }, saved)).toEqual({ ok: true, patch: { port: 0 } });
    expect(dlnaPatch({ ...toDlnaForm(saved), enabled: false }, saved)).toEqual({ ok: true, patch: { enabled: false } });
  });

  it('names each bad field', () => {
    const r = dlnaPatch({ ...toDlnaForm(settings), friendlyName: ' ', port: '70000' }, settings);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['friendlyName', 'port']);
    expect(r.errors[1].message).toMatch(/0 to 65535/);
    const long = dlnaPatch({ ...toDlnaForm(settings), friendlyName: 'x'.repeat(65), port: '-1' }, settings);
    expect(long.ok ? [] : long.errors.map((e) => e.message)).toEqual([
      'Name: at most 64 characters',
      'Port: a whole number from 0 to 65535 (0 = a free one)',
    ]);
  });

  it('compares forms the way the patch does', () => {
    const form = toDlnaForm({ ...settings, interfaces: ['eth0', 'lo'] });
    expect(sameDlnaForm(form, { ...form, interfaces: ['lo', 'eth0'], friendlyName: ' Racoon on host ' })).toBe(true);
    expect(sameDlnaForm(form, { ...form, port: '8201' })).toBe(false);
    expect(sameDlnaForm(form, { ...form, enabled: false })).toBe(false);
  });

  it("reads the fields out of the server's 400", () => {
    expect([...serverErrorFields('friendlyName: at most 64 characters; port: Number must be at most 65535')]).toEqual([
      'friendlyName',
      'port',
    ]);
    expect([...serverErrorFields('headerContains.0.header: an HTTP header name')]).toEqual(['headerContains.0.header']);
    expect(serverErrorFields('No network interface named "usb0"').size).toBe(0);
  });
});

describe('status in words', () => {
  it('running: where, the port and the name TVs show', () => {
    const view = statusView(
      answer({ status: { interfaces: [{ name: 'lo', address: '127.0.0.1' }] }, settings: { interfaces: ['lo'] } }),
    );
    expect(view).toEqual({
      tone: 'running',
      headline: 'Running on lo 127.0.0.1, port 8200 — TVs on your network see “Racoon on host”',
      notes: [],
    });
  });

  it('notes a port that was taken and interfaces named on the command line', () => {
    const taken = statusView(answer({ status: { port: 40123 } }));
    expect(taken.notes).toEqual(['Port 8200 was in use, so it took 40123.']);
    // nothing chosen here means LAN only: serving on loopback came from --dlna-interface lo
    const named = statusView(answer({ status: { interfaces: [{ name: 'lo', address: '127.0.0.1' }] } }));
    expect(named.notes).toEqual([expect.stringMatching(/command line/)]);
    const other = statusView(answer({ settings: { interfaces: ['wlan0'] } }));
    expect(other.notes).toEqual([expect.stringMatching(/command line/)]);
    expect(statusView(answer({ settings: { port: 0 }, status: { port: 40123 } })).notes).toEqual([]);
  });

  it('an error in red while it should run; off is off even after an old error', () => {
    const failed = answer({ status: { running: false, port: null, interfaces: [], error: 'no LAN interface to serve on' } });
    expect(statusView(failed)).toEqual({ tone: 'error', headline: 'Not running: no LAN interface to serve on', notes: [] });
    const off = answer({ settings: { enabled: false }, status: { running: false, port: null, interfaces: [], error: 'old' } });
    expect(statusView(off).tone).toBe('off');
    expect(statusView(off).headline).toMatch(/^Off/);
    const notStarted = answer({ status: { running: false, port: null, interfaces: [] } });
    expect(statusView(notStarted).headline).toMatch(/--no-dlna/);
  });
});

describe('renderer rules', () => {
  it('says what a rule matches and which quirks it switches on', () => {
    expect(matchLines(samsung.match)).toEqual([
      { label: 'User-Agent has', items: ['SEC_HHP', 'Samsung'] },
      { label: 'Or header', items: ['getCaptionInfo.sec present'] },
    ]);
    const headers = [
      { header: 'X-AV-Client-Info', contains: 'Sony' },
      { header: 'X-Other', contains: '' },
    ];
    expect(matchLines({ userAgentContains: [], headerContains: headers })).toEqual([
      { label: 'Headers', items: ['X-AV-Client-Info contains “Sony”', 'X-Other present'] },
    ]);
    expect(matchLines({ userAgentContains: [], headerContains: [] })).toEqual([
      { label: 'Recognised by', items: ['any renderer no other rule recognises'] },
    ]);
    expect(quirkSummary(samsung.quirks)).toEqual(['Samsung subtitles']);
    expect(quirkSummary({ ...samsung.quirks, samsungCaptions: false, omitDlnaProfileName: true, maxPageSize: 50 })).toEqual([
      'No DLNA profile names',
      'pages of at most 50',
    ]);
  });

  it('names a device profile by its label, and one that is gone', () => {
    const profiles = [{ name: 'lg-tv', label: 'LG TV (webOS)' }];
    expect(profileText('lg-tv', profiles)).toBe('LG TV (webOS) · lg-tv');
    expect(profileText('old-tv', profiles)).toBe('old-tv (no such device profile)');
    expect(profileText('lg-tv', null)).toBe('lg-tv');
  });

  it('splits fragments: trimmed, blanks dropped, each once whatever the case', () => {
    expect(splitList(' VLC, ,Kodi, vlc ,')).toEqual(['VLC', 'Kodi']);
    expect(splitList('')).toEqual([]);
  });

  it('round-trips a rule through the form into the PUT body', () => {
    const own: DlnaRenderer = { ...samsung, quirks: { ...samsung.quirks, name: 'bedroom-tv', maxPageSize: 25 }, builtin: false };
    const r = fromRendererForm(toRendererForm(own), ['samsung'], ['samsung-tv']);
    expect(r).toEqual({
      ok: true,
      name: 'bedroom-tv',
      body: {
        label: 'Samsung TV',
        userAgentContains: ['SEC_HHP', 'Samsung'],
        headerContains: [{ header: 'getCaptionInfo.sec', contains: '' }],
        deviceProfile: 'samsung-tv',
        samsungCaptions: true,
        omitDlnaProfileName: false,
        xboxContainerIds: false,
        maxPageSize: 25,
      },
    });
  });

  it('copies a built-in under a free name', () => {
    const form = toRendererForm(samsung, { taken: ['samsung', 'samsung-custom'] });
    expect(form.name).toBe('samsung-custom-2');
    expect(form.label).toBe('Samsung TV (custom)');
    expect(form.samsungCaptions).toBe(true);
  });

  it('leaves empty header rows out and names every bad field', () => {
    const form: RendererForm = {
      ...emptyRendererForm('gone-profile'),
      name: 'Panasonic TV',
      headers: [
        { header: '', contains: '' },
        { header: 'bad header', contains: 'x' },
      ],
      userAgents: 'P',
      maxPageSize: '20000',
    };
    const r = fromRendererForm(form, ['samsung'], ['dlna-generic']);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual([
      'name',
      'label',
      'userAgentContains',
      'headerContains.1.header',
      'deviceProfile',
      'maxPageSize',
    ]);
  });

  it('wants something to recognise the renderer by, and a name that is free', () => {
    const base = { ...emptyRendererForm(), name: 'samsung', label: 'Mine' };
    const r = fromRendererForm(base, ['samsung']);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'Name: “samsung” is taken',
      'Recognised by: give at least one User-Agent fragment or header',
    ]);
    const headerOnly = fromRendererForm({ ...base, name: 'mine', headers: [{ header: ' X-Mine ', contains: '' }] }, ['samsung']);
    expect(headerOnly.ok && headerOnly.body.headerContains).toEqual([{ header: 'X-Mine', contains: '' }]);
    expect(headerOnly.ok && headerOnly.body.maxPageSize).toBe(0);
  });
});
