import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FolderListing, LibraryItemSummary, LoginResponse, MovieDetail, SeriesDetail } from './api-types.js';
import { Engine } from '../engine.js';
import { silentLogger } from '../core/logger.js';
import { makeMediaTree, tempDir, type MediaTree } from '../../e2e/support/media-fixtures.js';

const PASSWORD = 'correct horse battery';

describe('HTTP API /api/v1 against a real engine, real files and real ffprobe', () => {
  let dir: string;
  let tree: MediaTree;
  let engine: Engine;
  let base: string;
  let token: string;

  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(base + url, { headers: { authorization: `Bearer ${token}`, ...headers } });
  const send = (method: string, url: string, body?: unknown, auth = true) =>
    fetch(base + url, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    dir = tempDir('api');
    tree = makeMediaTree(path.join(dir, 'media'));
    const ui = path.join(dir, 'ui');
    fs.mkdirSync(ui);
    fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Racoon</title>');
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      mediaDirs: [tree.root],
      port: 0,
      adminPassword: PASSWORD,
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      rendererDir: ui,
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    await engine.library.scan();
    engine.probes.start();
    await engine.probes.idle();
  });

  afterAll(async () => {
    await engine?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('health answers without a session', async () => {
    const res = await fetch(base + '/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('every other route wants a session: 401 without one or with a bad token', async () => {
    for (const url of ['/api/v1/library/items', '/api/v1/library/items/1', '/api/v1/files/1/stream', '/api/v1/engine/status']) {
      expect((await fetch(base + url)).status, url).toBe(401);
      expect((await fetch(base + url, { headers: { authorization: 'Bearer nope' } })).status, url).toBe(401);
    }
  });

  it('login: wrong password 401, malformed body 400, right password gives a token and a cookie', async () => {
    const wrong = await send('POST', '/api/v1/auth/login', { username: 'admin', password: 'wrong' }, false);
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe('Wrong username or password');
    const malformed = await send('POST', '/api/v1/auth/login', { username: 'admin' }, false);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).message).toMatch(/password/);

    const ok = await send('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD }, false);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as LoginResponse;
    expect(body.user).toEqual({ id: 1, username: 'admin', isAdmin: true });
    expect(ok.headers.get('set-cookie')).toMatch(/racoon_session=.+HttpOnly/i);
    token = body.token;

    const cookie = ok.headers.get('set-cookie')!.split(';')[0];
    const viaCookie = await fetch(base + '/api/v1/auth/me', { headers: { cookie } });
    expect(await viaCookie.json()).toMatchObject({ username: 'admin' });
  });

  it('lists the library: a movie and two series', async () => {
    const items = (await (await get('/api/v1/library/items')).json()) as LibraryItemSummary[];
    expect(items.map((i) => [i.type, i.title, i.year])).toEqual([
      ['movie', 'Big Buck Test', 2008],
      ['series', 'Scene Show', null],
      ['series', 'Test Show', null],
    ]);
  });

  it('an item: a movie with probed files, a series with seasons and episodes', async () => {
    const items = (await (await get('/api/v1/library/items')).json()) as LibraryItemSummary[];
    const movie = (await (await get(`/api/v1/library/items/${items[0].id}`)).json()) as MovieDetail;
    expect(movie.files).toHaveLength(1);
    expect(movie.files[0].probe).toMatchObject({
      container: 'matroska,webm',
      video: { codec: 'h264', width: 320, height: 180 },
      audio: [
        { codec: 'aac', language: 'eng' },
        { codec: 'aac', language: 'rus' },
      ],
      subtitles: [{ codec: 'subrip', language: 'eng' }],
    });
    expect(movie.files[0].probe!.durationSec).toBeCloseTo(3, 0);

    const series = (await (await get(`/api/v1/library/items/${items[2].id}`)).json()) as SeriesDetail;
    expect(series.seasons.map((s) => [s.number, s.episodes.map((e) => e.number)])).toEqual([
      [1, [1, 2]],
      [2, [1]],
    ]);
    expect(series.seasons[0].episodes[0].files[0]).toMatchObject({ size: expect.any(Number), probe: expect.any(Object) });
  });

  it('unknown ids are 404, malformed ids (also ../ paths) are 400', async () => {
    expect((await get('/api/v1/library/items/99999')).status).toBe(404);
    expect((await get('/api/v1/files/99999/stream')).status).toBe(404);
    expect((await get('/api/v1/library/items/abc')).status).toBe(400);
    expect((await get('/api/v1/files/..%2F..%2Fetc%2Fpasswd/stream')).status).toBe(400);
    expect((await get('/api/v1/files/-1/stream')).status).toBe(400);
  });

  it('streams a file with Range support: 200 whole, 206 partial, 416 beyond the end', async () => {
    const items = (await (await get('/api/v1/library/items')).json()) as LibraryItemSummary[];
    const series = (await (await get(`/api/v1/library/items/${items[2].id}`)).json()) as SeriesDetail;
    const file = series.seasons[0].episodes[0].files[0];
    const bytes = fs.readFileSync(file.path);

    const whole = await get(`/api/v1/files/${file.id}/stream`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const part = await get(`/api/v1/files/${file.id}/stream`, { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);

    const tail = await get(`/api/v1/files/${file.id}/stream`, { range: 'bytes=-10' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);

    expect((await get(`/api/v1/files/${file.id}/stream`, { range: `bytes=${bytes.length + 10}-` })).status).toBe(416);

    const mkv = await get(`/api/v1/files/${await movieFileId()}/stream`, { range: 'bytes=0-0' });
    expect(mkv.headers.get('content-type')).toBe('video/x-matroska');
  });

  async function movieFileId(): Promise<number> {
    const items = (await (await get('/api/v1/library/items')).json()) as LibraryItemSummary[];
    return ((await (await get(`/api/v1/library/items/${items[0].id}`)).json()) as MovieDetail).files[0].id;
  }

  it('media folders: a missing folder is a clear 400 and nothing is lost', async () => {
    const before = await (await get('/api/v1/library/roots')).json();
    const res = await send('POST', '/api/v1/library/roots', { path: path.join(dir, 'does-not-exist') });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/Folder not found/);
    const empty = await send('POST', '/api/v1/library/roots', { path: '' });
    expect(empty.status).toBe(400);
    expect(await (await get('/api/v1/library/roots')).json()).toEqual(before);
    expect((await get('/api/v1/library/items')).status).toBe(200);
  });

  it('browsing server folders: 401 without a session, 400 on a relative path, lists subfolders', async () => {
    expect((await fetch(base + '/api/v1/library/folders')).status).toBe(401);
    expect((await fetch(base + `/api/v1/library/folders?path=${encodeURIComponent(tree.root)}`)).status).toBe(401);

    const relative = await get('/api/v1/library/folders?path=media%2Fmovies');
    expect(relative.status).toBe(400);
    expect(await relative.json()).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringMatching(/full path.*media\/movies/),
    });
    const missing = await get(`/api/v1/library/folders?path=${encodeURIComponent(path.join(dir, 'nope'))}`);
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toBe(`Folder not found: ${path.join(dir, 'nope')}`);
    const file = await get(`/api/v1/library/folders?path=${encodeURIComponent(tree.movieFile)}`);
    expect((await file.json()).message).toMatch(/is a file, not a folder/);

    const listing = (await (await get(`/api/v1/library/folders?path=${encodeURIComponent(tree.root)}`)).json()) as FolderListing;
    expect(listing).toEqual({
      path: tree.root,
      parent: dir,
      folders: [
        { name: 'Movies', path: path.join(tree.root, 'Movies') },
        { name: 'Shows', path: path.join(tree.root, 'Shows') },
      ],
      truncated: false,
    });
    const up = (await (
      await get(`/api/v1/library/folders?path=${encodeURIComponent(tree.root + '/Shows/..')}`)
    ).json()) as FolderListing;
    expect(up.path).toBe(tree.root);

    const start = (await (await get('/api/v1/library/folders')).json()) as FolderListing;
    expect(start.path).toBeNull();
    expect(start.folders).toContainEqual({ name: 'Racoon media', path: path.join(dir, 'data', 'media') });
  });

  it('media folders and folder browsing are for administrators only: 403 for anyone else', async () => {
    await engine.users.create('viewer', 'viewer password', false);
    const login = (await (
      await send('POST', '/api/v1/auth/login', { username: 'viewer', password: 'viewer password' }, false)
    ).json()) as LoginResponse;
    const headers = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    const before = await (await get('/api/v1/library/roots')).json();
    const attempts = [
      fetch(base + '/api/v1/library/folders', { headers }),
      fetch(base + `/api/v1/library/folders?path=${encodeURIComponent(tree.root)}`, { headers }),
      fetch(base + '/api/v1/library/roots', { method: 'POST', headers, body: JSON.stringify({ path: dir }) }),
      fetch(base + '/api/v1/library/roots/1', { method: 'DELETE', headers }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status, res.url).toBe(403);
      expect(await res.json()).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Only an administrator may do this' });
    }
    // what a viewer may still do
    expect((await fetch(base + '/api/v1/library/roots', { headers })).status).toBe(200);
    expect(await (await get('/api/v1/library/roots')).json()).toEqual(before);
  });

  it('pause and resume all work', async () => {
    const paused = await send('POST', '/api/v1/engine/pause');
    expect(await paused.json()).toMatchObject({ paused: true });
    const resumed = await send('POST', '/api/v1/engine/resume');
    expect(await resumed.json()).toMatchObject({ paused: false, probe: { pending: 0 } });
  });

  it('pushes engine events over SSE', async () => {
    const controller = new AbortController();
    const res = await get('/api/v1/events', { accept: 'text/event-stream' });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await send('POST', '/api/v1/library/scan');
    let text = '';
    while (!text.includes('"scan.progress"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel();
    expect(text).toMatch(/data: \{"type":"scan.progress"/);
  });

  it('serves the OpenAPI document and the web UI with client-side routes', async () => {
    expect((await fetch(base + '/api/v1/openapi.json')).status).toBe(401);
    expect((await fetch(base + '/api/v1/nope')).status).toBe(401);
    const doc = await (await get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/library/items/{id}', '/api/v1/files/{id}/stream']));
    const deep = await fetch(base + '/library/123');
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Racoon</title>');
    const traversal = await fetch(base + '/..%2F..%2Fetc%2Fpasswd');
    expect(await traversal.text()).not.toContain('root:');
    expect((await fetch(base + '/api/v1/nope', { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it('logout ends the session', async () => {
    const login = (await (
      await send('POST', '/api/v1/auth/login', { username: 'admin', password: PASSWORD }, false)
    ).json()) as LoginResponse;
    const out = await fetch(base + '/api/v1/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${login.token}` },
    });
    expect(out.status).toBe(204);
    expect((await fetch(base + '/api/v1/auth/me', { headers: { authorization: `Bearer ${login.token}` } })).status).toBe(401);
  });
});
