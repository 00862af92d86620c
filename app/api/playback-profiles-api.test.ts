// HTTP API /api/v1/playback/profiles against a real engine: list and read for every user, add / replace / remove own
// profiles for administrators, and the bad input a user hits.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import type { DeviceProfile } from '../stream/playback-types.js';

const BUILTINS = ['chromium', 'firefox', 'safari', 'dlna-generic', 'samsung-tv', 'lg-tv', 'sony-tv', 'telegram'];

const bedroomTv = {
  label: 'Bedroom TV',
  containers: ['mpegts', 'mp4'],
  video: [{ codec: 'h264', profiles: ['main', 'high'], maxLevel: 40 }],
  audioCodecs: ['aac', 'ac3'],
  maxAudioChannels: 6,
  maxWidth: 1920,
  maxHeight: 1080,
  maxBitrate: 20_000_000,
  textSubtitles: false,
  transcode: {
    protocol: 'file',
    container: 'mpegts',
    videoCodec: 'h264',
    audioCodec: 'ac3',
    maxWidth: 1920,
    maxHeight: 1080,
    videoBitrate: 8_000_000,
    audioBitrate: 384_000,
    maxAudioChannels: 6,
  },
};

describe('HTTP API /api/v1/playback/profiles against a real engine', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let adminToken: string;
  let viewerToken: string;

  const call = (method: string, url: string, body?: unknown, token: string | null = adminToken) =>
    fetch(base + url, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async <T>(res: Response | Promise<Response>, status = 200): Promise<T> => {
    const r = await res;
    const body = (await r.json()) as T;
    expect(r.status, JSON.stringify(body)).toBe(status);
    return body;
  };

  beforeAll(async () => {
    dir = tempDir('profiles-api');
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      port: 0,
      adminPassword: 'profiles password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      torrent: { dht: false, lsd: false, utp: false },
    });
    base = (await engine.start()).url.replace(/\/$/u, '');
    adminToken = await engine.issueSessionToken();
    await engine.users.create('viewer', 'viewer password', false);
    const login = await json<LoginResponse>(
      call('POST', '/api/v1/auth/login', { username: 'viewer', password: 'viewer password' }, null),
    );
    viewerToken = login.token;
  });

  afterAll(async () => {
    await engine?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session', async () => {
    expect((await call('GET', '/api/v1/playback/profiles', undefined, null)).status).toBe(401);
    expect((await call('GET', '/api/v1/playback/profiles/chromium', undefined, null)).status).toBe(401);
    expect((await call('PUT', '/api/v1/playback/profiles/mine', bedroomTv, null)).status).toBe(401);
    expect((await call('DELETE', '/api/v1/playback/profiles/mine', undefined, null)).status).toBe(401);
  });

  it('lists the built-ins for any user, and reads one', async () => {
    const list = await json<DeviceProfile[]>(call('GET', '/api/v1/playback/profiles', undefined, viewerToken));
    expect(list.map((p) => p.name)).toEqual(BUILTINS);
    expect(list.every((p) => p.builtin)).toBe(true);
    const chromium = await json<DeviceProfile>(call('GET', '/api/v1/playback/profiles/chromium', undefined, viewerToken));
    expect(chromium).toEqual(engine.deviceProfiles.get('chromium'));
    expect(chromium.transcode).toMatchObject({ protocol: 'hls', container: 'mpegts', videoCodec: 'h264' });
  });

  it('an unknown profile is a 404 naming the known ones; a malformed name a 400', async () => {
    const missing = await json<{ message: string }>(call('GET', '/api/v1/playback/profiles/kitchen-tv'), 404);
    expect(missing.message).toBe(`Unknown device profile "kitchen-tv"; known: ${BUILTINS.join(', ')}`);
    const bad = await json<{ message: string }>(call('GET', '/api/v1/playback/profiles/Kitchen%20TV'), 400);
    expect(bad.message).toMatch(/name/);
  });

  it('only an administrator may add, replace or remove a profile: 403 for anyone else', async () => {
    for (const res of await Promise.all([
      call('PUT', '/api/v1/playback/profiles/bedroom-tv', bedroomTv, viewerToken),
      call('DELETE', '/api/v1/playback/profiles/bedroom-tv', undefined, viewerToken),
    ])) {
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Only an administrator may do this' });
    }
    expect(engine.deviceProfiles.find('bedroom-tv')).toBeNull();
  });

  it('a bad profile is a 400 that names the fields; nothing is saved', async () => {
    const res = await json<{ message: string }>(
      call('PUT', '/api/v1/playback/profiles/bedroom-tv', {
        ...bedroomTv,
        maxBitrate: -1,
        containers: [],
        transcode: { ...bedroomTv.transcode, videoCodec: 'hevc' },
      }),
      400,
    );
    expect(res.message).toMatch(/maxBitrate/);
    expect(res.message).toMatch(/containers/);
    expect(res.message).toMatch(/transcode.*videoCodec/);
    // the name and the builtin flag are not the body's to give
    const extra = await json<{ message: string }>(
      call('PUT', '/api/v1/playback/profiles/bedroom-tv', { ...bedroomTv, builtin: true }),
      400,
    );
    expect(extra.message).toMatch(/builtin/);
    expect((await call('PUT', '/api/v1/playback/profiles/bedroom-tv', 'not json at all')).status).toBe(400);
    expect(engine.deviceProfiles.find('bedroom-tv')).toBeNull();
  });

  it('a built-in can be neither replaced nor removed', async () => {
    const put = await json<{ message: string }>(call('PUT', '/api/v1/playback/profiles/chromium', bedroomTv), 400);
    expect(put.message).toBe('"chromium" is a built-in device profile: save yours under another name');
    const del = await json<{ message: string }>(call('DELETE', '/api/v1/playback/profiles/telegram'), 400);
    expect(del.message).toBe('"telegram" is a built-in device profile and cannot be removed');
  });

  it('adds (201), replaces (200), lists after the built-ins, removes (204) a profile of ours', async () => {
    const created = await json<DeviceProfile>(call('PUT', '/api/v1/playback/profiles/bedroom-tv', bedroomTv), 201);
    expect(created).toEqual({ ...bedroomTv, name: 'bedroom-tv', builtin: false });
    const replaced = await json<DeviceProfile>(
      call('PUT', '/api/v1/playback/profiles/bedroom-tv', { ...bedroomTv, label: 'Bedroom TV (2012)', maxBitrate: 10_000_000 }),
    );
    expect(replaced).toMatchObject({ label: 'Bedroom TV (2012)', maxBitrate: 10_000_000 });

    const list = await json<DeviceProfile[]>(call('GET', '/api/v1/playback/profiles', undefined, viewerToken));
    expect(list.map((p) => p.name)).toEqual([...BUILTINS, 'bedroom-tv']);
    expect(await json<DeviceProfile>(call('GET', '/api/v1/playback/profiles/bedroom-tv', undefined, viewerToken))).toEqual(
      replaced,
    );

    const removed = await call('DELETE', '/api/v1/playback/profiles/bedroom-tv');
    expect(removed.status).toBe(204);
    expect((await call('DELETE', '/api/v1/playback/profiles/bedroom-tv')).status).toBe(404);
    expect((await call('GET', '/api/v1/playback/profiles/bedroom-tv')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, unknown> }>(call('GET', '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/playback/profiles', '/api/v1/playback/profiles/{name}']),
    );
  });
});
