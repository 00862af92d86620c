import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { openDatabase, type Db } from '../core/database.js';
import { writeJsonSetting } from '../core/json-setting.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import {
  BUILTIN_DEVICE_PROFILES,
  copyableCodecs,
  DeviceProfileStore,
  deviceProfileSchema,
  parseDeviceProfile,
  type DeviceProfileInput,
} from './device-profiles.js';
import type { DeviceProfile } from './playback-types.js';

const BUILTIN_NAMES = ['chromium', 'firefox', 'safari', 'dlna-generic', 'samsung-tv', 'lg-tv', 'sony-tv', 'telegram'];

/** A user's profile: an old bedroom TV that plays MPEG-TS with H.264 4.0 and AAC only. */
const bedroomTv = (overrides: Partial<DeviceProfileInput> = {}): DeviceProfileInput => ({
  name: 'bedroom-tv',
  label: 'Bedroom TV',
  containers: ['mpegts', 'mp4'],
  video: [{ codec: 'h264', profiles: ['main', 'high'], maxLevel: 40 }],
  audioCodecs: ['aac'],
  maxAudioChannels: 2,
  maxWidth: 1280,
  maxHeight: 720,
  maxBitrate: 8_000_000,
  textSubtitles: false,
  transcode: {
    protocol: 'file',
    container: 'mpegts',
    videoCodec: 'h264',
    audioCodec: 'aac',
    maxWidth: 1280,
    maxHeight: 720,
    videoBitrate: 4_000_000,
    audioBitrate: 160_000,
    maxAudioChannels: 2,
  },
  ...overrides,
});

const withoutBuiltin = ({ builtin: _builtin, ...rest }: DeviceProfile) => rest;

describe('built-in device profiles', () => {
  it('ship every client class, in a stable order, each valid by the schema users are held to', () => {
    expect(BUILTIN_DEVICE_PROFILES.map((p) => p.name)).toEqual(BUILTIN_NAMES);
    for (const profile of BUILTIN_DEVICE_PROFILES) {
      expect(profile.builtin).toBe(true);
      const parsed = deviceProfileSchema.safeParse(withoutBuiltin(profile));
      expect(parsed.success, `${profile.name}: ${parsed.error?.message}`).toBe(true);
      // whatever a profile transcodes to, it can play
      expect(profile.containers.includes(profile.transcode.container) || profile.transcode.protocol === 'hls').toBe(true);
      expect(profile.video.some((r) => r.codec === profile.transcode.videoCodec)).toBe(true);
      expect(profile.audioCodecs).toContain(profile.transcode.audioCodec);
    }
  });

  it('have the capabilities the issue lists', () => {
    const byName = Object.fromEntries(BUILTIN_DEVICE_PROFILES.map((p) => [p.name, p]));
    const chromium = byName.chromium;
    expect(chromium.containers).toEqual(['mp4', 'webm', 'mov']);
    expect(chromium.video.map((r) => r.codec)).toEqual(['h264', 'vp8', 'vp9', 'av1']);
    expect(chromium.video[0]).toMatchObject({ maxLevel: 52, maxBitDepth: 8 });
    expect(chromium.audioCodecs).not.toContain('ac3');
    expect(chromium.transcode).toMatchObject({ protocol: 'hls', container: 'mpegts', videoCodec: 'h264', audioCodec: 'aac' });
    expect(byName.safari.video.find((r) => r.codec === 'hevc')).toMatchObject({ maxBitDepth: 10 });
    expect(byName.safari.audioCodecs).toEqual(expect.arrayContaining(['ac3', 'eac3']));
    for (const tv of ['dlna-generic', 'samsung-tv', 'lg-tv', 'sony-tv']) {
      expect(byName[tv].transcode).toMatchObject({ protocol: 'file', container: 'mpegts', videoCodec: 'h264' });
      expect(byName[tv].containers).toContain('mpegts');
    }
    expect(byName.telegram).toMatchObject({ containers: ['mp4'], maxWidth: 1280, maxHeight: 720 });
    expect(byName.telegram.transcode).toMatchObject({ protocol: 'file', container: 'mp4' });
    const telegramTotal = byName.telegram.transcode.videoBitrate + byName.telegram.transcode.audioBitrate;
    expect(telegramTotal).toBeLessThanOrEqual(byName.telegram.maxBitrate);
  });

  it('are frozen: editing one by mistake throws instead of changing the default', () => {
    const chromium = BUILTIN_DEVICE_PROFILES[0];
    expect(() => {
      (chromium as { maxBitrate: number }).maxBitrate = 1;
    }).toThrow(TypeError);
    expect(() => chromium.audioCodecs.push('dts')).toThrow(TypeError);
    expect(() => {
      (chromium.transcode as { videoBitrate: number }).videoBitrate = 1;
    }).toThrow(TypeError);
  });
});

describe('copyableCodecs', () => {
  it('follows what each output carries, unless the profile says otherwise', () => {
    const target = BUILTIN_DEVICE_PROFILES[0].transcode;
    expect(copyableCodecs(target)).toEqual({ video: ['h264'], audio: ['aac', 'mp3', 'ac3', 'eac3'] });
    expect(copyableCodecs({ ...target, container: 'mp4' }).video).toEqual(['h264', 'hevc', 'av1']);
    expect(copyableCodecs({ ...target, protocol: 'file' }).video).toContain('mpeg2video');
    expect(copyableCodecs({ ...target, copyVideoCodecs: ['h264', 'hevc'] })).toEqual({
      video: ['h264', 'hevc'],
      audio: ['aac', 'mp3', 'ac3', 'eac3'],
    });
  });
});

describe('deviceProfileSchema (users’ profiles)', () => {
  it('takes a good profile, lower-cases codec names and marks it as the user’s', () => {
    const profile = parseDeviceProfile(bedroomTv({ audioCodecs: ['AAC', ' mp3 '] }));
    expect(profile).toMatchObject({ name: 'bedroom-tv', builtin: false, audioCodecs: ['aac', 'mp3'] });
  });

  it('names every bad field in one error', () => {
    const bad = {
      ...bedroomTv(),
      name: 'Bedroom TV!',
      containers: ['mp4', 'mp4'],
      video: [{ codec: 'h264', maxLevel: -1 }],
      audioCodecs: [],
      maxAudioChannels: 0,
      maxBitrate: 'fast',
      transcode: { ...bedroomTv().transcode, protocol: 'rtsp', videoCodec: 'hevc', videoBitrate: 10 },
      codecs: ['h264'],
    };
    let error: unknown;
    try {
      parseDeviceProfile(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid device profile: /);
    for (const field of [
      'name:',
      'containers:',
      'video.0.maxLevel:',
      'audioCodecs:',
      'maxAudioChannels:',
      'maxBitrate:',
      'transcode.protocol:',
      'transcode.videoCodec:',
      'transcode.videoBitrate:',
      'codecs',
    ]) {
      expect(message, field).toContain(field);
    }
    expect(message).toContain('each container once');
    expect(message).toContain('at least one audio codec');
  });

  it.each([
    ['a codec name with spaces', { audioCodecs: ['ac 3'] }, 'audioCodecs.0'],
    ['no video codec', { video: [] }, 'video: at least one video codec'],
    ['two rules for one codec', { video: [{ codec: 'h264' }, { codec: 'h264', maxLevel: 41 }] }, 'video: one rule per codec'],
    ['a bit depth of 4', { video: [{ codec: 'h264', maxBitDepth: 4 }] }, 'video.0.maxBitDepth'],
    ['a fractional width', { maxWidth: 1280.5 }, 'maxWidth'],
    ['an empty label', { label: '  ' }, 'label: a label'],
    ['a builtin flag', { builtin: true } as Partial<DeviceProfileInput>, 'builtin'],
  ])('refuses %s', (_what, overrides, field) => {
    expect(() => parseDeviceProfile(bedroomTv(overrides))).toThrow(field);
  });
});

describe('DeviceProfileStore on a real SQLite database', () => {
  let dir: string;
  let db: Db;
  let store: DeviceProfileStore;
  beforeEach(() => {
    dir = tempDir('device-profiles');
    db = openDatabase(path.join(dir, 'racoon.db'));
    store = new DeviceProfileStore(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the built-ins first, then the user’s by name; saves, replaces and removes the user’s', () => {
    expect(store.list().map((p) => p.name)).toEqual(BUILTIN_NAMES);
    const saved = store.save(bedroomTv());
    expect(saved).toMatchObject({ name: 'bedroom-tv', builtin: false, maxWidth: 1280 });
    store.save(bedroomTv({ name: 'attic-projector', label: 'Attic projector' }));
    expect(store.list().map((p) => p.name)).toEqual([...BUILTIN_NAMES, 'attic-projector', 'bedroom-tv']);

    store.save(bedroomTv({ label: 'Bedroom TV (new)', maxBitrate: 4_000_000 }));
    expect(store.get('bedroom-tv')).toMatchObject({ label: 'Bedroom TV (new)', maxBitrate: 4_000_000 });
    expect(store.list().filter((p) => p.name === 'bedroom-tv')).toHaveLength(1);

    store.remove('bedroom-tv');
    expect(store.find('bedroom-tv')).toBeNull();
    expect(() => store.remove('bedroom-tv')).toThrow(NotFoundError);
  });

  it('keeps profiles across a restart (the settings table, key device-profiles)', () => {
    store.save(bedroomTv());
    db.close();
    db = openDatabase(path.join(dir, 'racoon.db'));
    const reopened = new DeviceProfileStore(db);
    expect(reopened.get('bedroom-tv')).toEqual(parseDeviceProfile(bedroomTv()));
    const row = db.prepare("SELECT value FROM settings WHERE key = 'device-profiles'").get() as { value: string };
    expect(JSON.parse(row.value).profiles[0]).not.toHaveProperty('builtin');
  });

  it('an unknown name is a NotFoundError that lists the known ones', () => {
    store.save(bedroomTv());
    expect(() => store.get('kitchen-tv')).toThrow(NotFoundError);
    expect(() => store.get('kitchen-tv')).toThrow(
      `Unknown device profile "kitchen-tv"; known: ${[...BUILTIN_NAMES, 'bedroom-tv'].join(', ')}`,
    );
  });

  it('built-ins can be neither overwritten nor removed, and a changed copy leaves them as they were', () => {
    expect(() => store.save(bedroomTv({ name: 'chromium' }))).toThrow(UserError);
    expect(() => store.save(bedroomTv({ name: 'chromium' }))).toThrow('"chromium" is a built-in device profile');
    expect(() => store.remove('telegram')).toThrow('"telegram" is a built-in device profile and cannot be removed');
    const copy = store.get('chromium');
    copy.audioCodecs.push('dts');
    copy.maxBitrate = 1;
    expect(store.get('chromium').audioCodecs).not.toContain('dts');
    expect(store.get('chromium').maxBitrate).toBe(120_000_000);
    expect(store.get('chromium').builtin).toBe(true);
  });

  it('a bad profile is refused with its fields named and nothing saved', () => {
    expect(() => store.save(bedroomTv({ maxHeight: 0 }))).toThrow(/Invalid device profile: maxHeight:/);
    expect(store.find('bedroom-tv')).toBeNull();
  });

  it('damaged saved data never stops the engine: bad entries are skipped, good ones kept', () => {
    writeJsonSetting(db, 'device-profiles', { profiles: [{ name: 'broken', label: 3 }, bedroomTv(), 'junk'] });
    expect(store.list().map((p) => p.name)).toEqual([...BUILTIN_NAMES, 'bedroom-tv']);
    db.prepare("UPDATE settings SET value = '{not json' WHERE key = 'device-profiles'").run();
    expect(store.list().map((p) => p.name)).toEqual(BUILTIN_NAMES);
    writeJsonSetting(db, 'device-profiles', { profiles: 'nope' });
    expect(store.list().map((p) => p.name)).toEqual(BUILTIN_NAMES);
    // saving over damaged data works
    store.save(bedroomTv());
    expect(store.list().map((p) => p.name)).toEqual([...BUILTIN_NAMES, 'bedroom-tv']);
  });
});
