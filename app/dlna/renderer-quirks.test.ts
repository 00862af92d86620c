import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { openDatabase, type Db } from '../core/database.js';
import { writeJsonSetting } from '../core/json-setting.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import { BUILTIN_DEVICE_PROFILES } from '../stream/device-profiles.js';
import { RendererMemory } from './renderer-memory.js';
import { BUILTIN_RENDERER_RULES, detectRenderer, GENERIC_RENDERER, RendererQuirksStore } from './renderer-quirks.js';

describe('detectRenderer', () => {
  // User-Agents as the devices send them (from minidlna's and Gerbera's client lists and captures)
  it.each([
    ['samsung', { 'user-agent': 'DLNADOC/1.50 SEC_HHP_[TV] Samsung Q7 Series (55)/1.0 UPnP/1.0' }],
    ['samsung', { 'user-agent': 'SamsungWiselinkPro/1.0' }],
    ['samsung', { 'user-agent': 'Linux/2.6 UPnP/1.0 DLNADOC/1.50', 'getcaptioninfo.sec': '1' }],
    ['lg', { 'user-agent': 'Linux/3.10.19-32.afro.4 UPnP/1.0 LGE WebOS TV LGE_DLNA_SDK/1.6.0/04.30.13 DLNADOC/1.50' }],
    ['lg', { 'user-agent': 'Mozilla/5.0 (Web0S; Linux/SmartTV) webOS.TV-2020' }],
    ['sony', { 'user-agent': 'UPnP/1.0 DLNADOC/1.50 SonyBDP/2.0' }],
    [
      'sony',
      {
        'user-agent': 'Linux/4.9 UPnP/1.0 KDL-55W800C/1.0',
        'x-av-client-info': 'av=5.0; cn="Sony Corporation"; mn="BRAVIA KDL-55W800C"',
      },
    ],
    ['xbox', { 'user-agent': 'Xbox/2.0.17559.0 UPnP/1.0 Xbox/2.0.17559.0' }],
    ['xbox', { 'user-agent': 'Xenon' }],
    ['vlc', { 'user-agent': 'VLC/3.0.20 LibVLC/3.0.20' }],
    ['vlc', { 'user-agent': 'Linux/6.1, UPnP/1.0, Portable SDK for UPnP devices/1.14.18 libupnp vlc' }],
    ['kodi', { 'user-agent': 'Kodi/20.2 (X11; Linux x86_64) Debian/12 App_Bitness/64 Version/20.2' }],
    ['kodi', { 'user-agent': 'XBMC/12.0 (Linux)' }],
    // the app plays, whatever TV it runs on
    ['kodi', { 'user-agent': 'Kodi/20.2 (Linux; Android 11; BRAVIA 4K VH2) Android/11.0.0' }],
    ['generic', { 'user-agent': 'BubbleUPnP UPnP/1.1' }],
    ['generic', {}],
  ])('%s ← %j', (name, headers) => {
    expect(detectRenderer(headers).quirks.name).toBe(name);
  });

  it('says why', () => {
    expect(detectRenderer({ 'user-agent': 'SEC_HHP_TV' }).reason).toBe('User-Agent contains "SEC_HHP"');
    expect(detectRenderer({ 'getcaptioninfo.sec': '1' }).reason).toBe('getCaptionInfo.sec header present');
    expect(detectRenderer({}).reason).toBe('no rule matched');
  });

  it('maps each built-in to an existing device profile with its quirks', () => {
    const profiles = new Set(BUILTIN_DEVICE_PROFILES.map((p) => p.name));
    for (const rule of [...BUILTIN_RENDERER_RULES.map((r) => r.quirks), GENERIC_RENDERER]) {
      expect(profiles.has(rule.deviceProfile), rule.name).toBe(true);
    }
    expect(detectRenderer({ 'user-agent': 'SEC_HHP' }).quirks).toMatchObject({
      deviceProfile: 'samsung-tv',
      samsungCaptions: true,
    });
    expect(detectRenderer({ 'user-agent': 'Xbox' }).quirks).toMatchObject({ xboxContainerIds: true, omitDlnaProfileName: true });
    expect(GENERIC_RENDERER).toMatchObject({ deviceProfile: 'dlna-generic', samsungCaptions: false, maxPageSize: 0 });
  });
});

describe('RendererQuirksStore', () => {
  let dir: string;
  let db: Db;
  let store: RendererQuirksStore;
  const known = new Set(BUILTIN_DEVICE_PROFILES.map((p) => p.name));
  const panasonic = {
    name: 'panasonic-tv',
    label: 'Panasonic Viera',
    userAgentContains: ['Panasonic MIL DLNA'],
    deviceProfile: 'dlna-generic',
    maxPageSize: 50,
  };

  beforeEach(() => {
    dir = tempDir('dlna-renderers');
    db = openDatabase(path.join(dir, 'racoon.db'));
    store = new RendererQuirksStore(db, (name) => known.has(name));
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("saves a user's renderer, which is then detected first and survives a reopen", () => {
    const saved = store.save(panasonic);
    expect(saved.quirks).toEqual({
      name: 'panasonic-tv',
      label: 'Panasonic Viera',
      deviceProfile: 'dlna-generic',
      samsungCaptions: false,
      omitDlnaProfileName: false,
      xboxContainerIds: false,
      maxPageSize: 50,
    });
    expect(store.detect({ 'user-agent': 'Panasonic MIL DLNA CP UPnP/1.0' })).toEqual({
      quirks: saved.quirks,
      reason: 'User-Agent contains "Panasonic MIL DLNA"',
    });
    // a user's rule wins over a built-in that matches too
    store.save({ name: 'my-samsung', label: 'Bedroom Samsung', userAgentContains: ['UE40'], deviceProfile: 'lg-tv' });
    expect(store.detect({ 'user-agent': 'SEC_HHP_[TV] UE40D6500/1.0' }).quirks.name).toBe('my-samsung');
    const reopened = new RendererQuirksStore(db);
    expect(reopened.userRules().map((r) => r.quirks.name)).toEqual(['my-samsung', 'panasonic-tv']);
    expect(reopened.list().map((r) => r.quirks.name)).toEqual([
      'vlc',
      'kodi',
      'xbox',
      'samsung',
      'lg',
      'sony',
      'generic',
      'my-samsung',
      'panasonic-tv',
    ]);
  });

  it('matches by a header as well, and replaces a rule saved under the same name', () => {
    store.save({ ...panasonic, userAgentContains: [], headerContains: [{ header: 'X-Panasonic-Model', contains: 'TX-' }] });
    expect(store.detect({ 'x-panasonic-model': 'TX-55' }).quirks.name).toBe('panasonic-tv');
    store.save({ ...panasonic, label: 'Renamed' });
    expect(store.userRules()).toHaveLength(1);
    expect(store.userRules()[0].quirks.label).toBe('Renamed');
  });

  it.each([
    ['a built-in name', { ...panasonic, name: 'samsung' }, /built-in/],
    ['a bad name', { ...panasonic, name: 'Panasonic TV' }, /^name: lower-case/],
    ['no way to recognise it', { ...panasonic, userAgentContains: [] }, /userAgentContains: give at least one/],
    ['a one-letter fragment', { ...panasonic, userAgentContains: ['P'] }, /userAgentContains\.0: at least 2/],
    [
      'a bad header name',
      { ...panasonic, headerContains: [{ header: 'Bad Header:', contains: 'x' }] },
      /headerContains\.0\.header/,
    ],
    ['an unknown profile', { ...panasonic, deviceProfile: 'toaster' }, /deviceProfile: no device profile named "toaster"/],
    ['a huge page size', { ...panasonic, maxPageSize: 1e9 }, /maxPageSize/],
    ['an unknown field', { ...panasonic, colour: 'red' }, /colour|Unrecognized/i],
  ])('refuses %s with the field named', (_name, input, message) => {
    expect(() => store.save(input)).toThrow(UserError);
    expect(() => store.save(input)).toThrow(message);
    expect(store.userRules()).toHaveLength(0);
  });

  it('removes a rule; refuses built-ins and unknown names', () => {
    store.save(panasonic);
    store.remove('panasonic-tv');
    expect(store.userRules()).toHaveLength(0);
    expect(() => store.remove('samsung')).toThrow(UserError);
    expect(() => store.remove('panasonic-tv')).toThrow(NotFoundError);
  });

  it('skips a damaged saved entry instead of failing', () => {
    writeJsonSetting(db, 'dlna-renderers', { renderers: [{ name: 'broken' }, { ...panasonic }] });
    expect(new RendererQuirksStore(db).userRules().map((r) => r.quirks.name)).toEqual(['panasonic-tv']);
    writeJsonSetting(db, 'dlna-renderers', { renderers: 'nonsense' });
    expect(new RendererQuirksStore(db).userRules()).toEqual([]);
  });
});

describe('RendererMemory', () => {
  it('gives a bare request from a recognised address that renderer’s quirks, for a while', () => {
    let now = 0;
    const memory = new RendererMemory(60_000, 2, () => now);
    const samsung = detectRenderer({ 'user-agent': 'SEC_HHP' }).quirks;
    expect(memory.resolve('10.0.0.5', samsung).name).toBe('samsung');
    expect(memory.resolve('10.0.0.5', GENERIC_RENDERER).name).toBe('samsung');
    expect(memory.resolve('10.0.0.6', GENERIC_RENDERER).name).toBe('generic');
    now = 61_000;
    expect(memory.resolve('10.0.0.5', GENERIC_RENDERER).name).toBe('generic');
  });

  it('stays bounded', () => {
    const memory = new RendererMemory(60_000, 2, () => 0);
    const lg = detectRenderer({ 'user-agent': 'LGE' }).quirks;
    for (const address of ['a', 'b', 'c']) memory.resolve(address, lg);
    expect(memory.resolve('a', GENERIC_RENDERER).name).toBe('generic');
    expect(memory.resolve('c', GENERIC_RENDERER).name).toBe('lg');
  });
});
