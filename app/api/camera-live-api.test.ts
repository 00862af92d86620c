import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraLiveInfo, RestreamFileStarted, RestreamInfo } from './api-types.js';
import type { Engine } from '../engine.js';
import { apiCaller, startTestEngine } from './api.test-support.js';
import { ffmpegPidsMentioning } from '../../e2e/support/processes.js';
import { makeClip } from '../../e2e/support/media-fixtures.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../transcode/transcode-sources.test-support.js';
import { watchFlv, type FlvViewer } from '../cctv/restream/flv-reader.test-support.js';

describe('HTTP API live view and restream against a real engine, a real RTSP camera and ffmpeg', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let cam: RtspCamera;
  let cameraId: number;
  let fileId: number;
  const viewers: FlvViewer[] = [];

  const { call, json } = apiCaller(
    () => base,
    () => token,
  );
  const watch = async (url: string, headers: Record<string, string>) => {
    const viewer = await watchFlv(url, headers);
    viewers.push(viewer);
    return viewer;
  };
  const pulls = () => ffmpegPidsMentioning(`127.0.0.1:${cam.port}/cam`);

  beforeAll(async () => {
    dir = tempDir('camera-live-api');
    makeClip(path.join(dir, 'media', 'Movies', 'Clip (2020)', 'Clip (2020).mp4'), 4);
    cam = await startRtspCamera({ user: 'admin', password: 'cam-Pa55word' });
    ({ engine, base, token } = await startTestEngine(dir, {
      mediaDirs: [path.join(dir, 'media')],
      adminPassword: 'live password',
      cctv: { retry: { initialMs: 300, maxMs: 1000 } },
      restream: { rtmpPort: 0, httpPort: 0, graceMs: 1000 },
    }));
    await engine.library.scan();
    fileId = engine.library.mediaIndex()[0].fileId;
    const camera = await engine.cctv.add({ name: 'Porch', url: cam.urlWithCredentials, mode: 'off' });
    cameraId = camera.id;
  }, 60_000);

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    await engine?.stop();
    await cam?.stop();
    expect(ffmpegPidsMentioning(dir)).toEqual([]);
    if (cam) expect(pulls()).toEqual([]);
    // the restream server's scratch store goes with it
    expect(fs.existsSync(path.join(dir, 'data', 'cache', 'restream'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session everywhere', async () => {
    for (const [method, url] of [
      ['GET', `/api/v1/cameras/${cameraId}/live.flv`],
      ['GET', `/api/v1/cameras/${cameraId}/live`],
      ['GET', '/api/v1/restream'],
      ['POST', `/api/v1/restream/files/${fileId}`],
      ['DELETE', `/api/v1/restream/files/${fileId}`],
      ['GET', `/api/v1/restream/files/${fileId}/live.flv`],
    ]) {
      expect((await call(method, url, undefined, null)).status, `${method} ${url}`).toBe(401);
    }
    // nobody asked for live view yet: no relay, nothing listed
    expect(await json(call('GET', '/api/v1/restream'))).toEqual([]);
    // documented in the OpenAPI document
    const doc = await json<{ paths: Record<string, unknown> }>(call('GET', '/api/v1/openapi.json'));
    for (const route of ['/api/v1/cameras/{id}/live.flv', '/api/v1/cameras/{id}/live', '/api/v1/restream/files/{fileId}']) {
      expect(doc.paths, route).toHaveProperty([route]);
    }
  });

  it('404 for an unknown camera or file, 400 naming a bad field', async () => {
    for (const url of ['/api/v1/cameras/999/live', '/api/v1/cameras/999/live.flv']) {
      const res = await call('GET', url);
      expect(res.status, url).toBe(404);
      expect((await json<{ message: string }>(res)).message).toMatch(/No camera 999/);
    }
    expect((await call('POST', '/api/v1/restream/files/999')).status).toBe(404);
    expect((await call('DELETE', '/api/v1/restream/files/999')).status).toBe(404);
    expect((await call('GET', '/api/v1/restream/files/999/live.flv')).status).toBe(404);
    const bad = await call('GET', `/api/v1/cameras/${cameraId}/live?stream=hd`);
    expect(bad.status).toBe(400);
    expect((await json<{ message: string }>(bad)).message).toMatch(/stream/);
    expect((await call('GET', '/api/v1/cameras/abc/live')).status).toBe(400);
  });

  it('live info: the proxied URL, signed outside URLs, no viewers and an idle relay', async () => {
    const info = await json<CameraLiveInfo>(call('GET', `/api/v1/cameras/${cameraId}/live`));
    expect(info).toMatchObject({
      flvUrl: `${base}/api/v1/cameras/${cameraId}/live.flv`,
      viewers: 0,
      relay: 'idle',
      reason: null,
    });
    expect(info.externalFlvUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/live/camera-${cameraId}\\.flv\\?sign=\\d+-[0-9a-f]{32}$`),
    );
    expect(info.rtmpUrl).toMatch(new RegExp(`^rtmp://127\\.0\\.0\\.1:\\d+/live/camera-${cameraId}\\?sign=`));
    // the credentials never leave the engine
    expect(JSON.stringify(info)).not.toContain('cam-Pa55word');
    const sub = await json<CameraLiveInfo & { key: string }>(call('GET', `/api/v1/cameras/${cameraId}/live?stream=sub`));
    expect(sub.flvUrl).toBe(`${base}/api/v1/cameras/${cameraId}/live.flv?stream=sub`);
    // no sub-stream: "sub" is the main stream, relayed once under the main key
    expect(sub.key).toBe(`camera-${cameraId}`);
    expect(sub.externalFlvUrl).toContain(`/live/camera-${cameraId}.flv?sign=`);
  });

  it('live.flv streams the camera as FLV (Bearer or the UI cookie); an outside player shares the one pull', async () => {
    const viewer = await watch(`${base}/api/v1/cameras/${cameraId}/live.flv`, { authorization: `Bearer ${token}` });
    expect(viewer.status).toBe(200);
    expect(viewer.headers['content-type']).toBe('video/x-flv');
    await waitFor(() => viewer.flv.playable(5), 'pictures through the proxy', 30_000);
    expect(viewer.flv.error).toBeNull();
    // the test camera has no microphone: the header says so (mpegts.js would wait for audio otherwise)
    expect(viewer.flv.header).toEqual({ audio: false, video: true });

    const byCookie = await watch(`${base}/api/v1/cameras/${cameraId}/live.flv`, { cookie: `racoon_session=${token}` });
    await waitFor(() => byCookie.flv.playable(3), 'pictures for the cookie viewer', 30_000);
    const info = await json<CameraLiveInfo>(call('GET', `/api/v1/cameras/${cameraId}/live`));
    const outside = await watch(info.externalFlvUrl, {});
    // the "sub" stream of a camera without one rides on the same relay
    const sub = await watch(`${base}/api/v1/cameras/${cameraId}/live.flv?stream=sub`, { authorization: `Bearer ${token}` });
    await waitFor(() => outside.flv.playable(3) && sub.flv.playable(3), 'pictures for the outside and sub players', 30_000);

    const now = await json<CameraLiveInfo>(call('GET', `/api/v1/cameras/${cameraId}/live`));
    expect(now).toMatchObject({ viewers: 4, relay: 'live', reason: null });
    expect(pulls()).toHaveLength(1);
    expect(await json<RestreamInfo[]>(call('GET', '/api/v1/restream'))).toEqual([
      expect.objectContaining({ key: `camera-${cameraId}`, kind: 'camera', id: cameraId, viewers: 4, relay: 'live' }),
    ]);

    for (const v of viewers.splice(0)) v.close();
    await waitFor(() => pulls().length === 0, 'the relay stopped after the last viewer left', 20_000);
    const after = await json<CameraLiveInfo>(call('GET', `/api/v1/cameras/${cameraId}/live`));
    expect(after).toMatchObject({ viewers: 0, relay: 'idle' });
  }, 90_000);

  it('restreams a library file: 201 with URLs, plays through the proxy, DELETE stops it', async () => {
    const res = await call('POST', `/api/v1/restream/files/${fileId}`);
    expect(res.status).toBe(201);
    const started = await json<RestreamFileStarted>(res);
    expect(started).toMatchObject({ key: `item-${fileId}`, flvUrl: `${base}/api/v1/restream/files/${fileId}/live.flv` });
    const viewer = await watch(started.flvUrl, { authorization: `Bearer ${token}` });
    await waitFor(() => viewer.flv.playable(5), 'the file playing through the proxy', 30_000);
    expect(viewer.flv.header).toEqual({ audio: true, video: true });
    expect(viewer.flv.aac().length).toBeGreaterThan(0);
    expect(await json<RestreamInfo[]>(call('GET', '/api/v1/restream'))).toContainEqual(
      expect.objectContaining({ key: `item-${fileId}`, kind: 'item', id: fileId, stream: null, viewers: 1 }),
    );
    expect((await call('DELETE', `/api/v1/restream/files/${fileId}`)).status).toBe(204);
    await waitFor(() => viewer.ended, 'the viewer disconnected', 10_000);
    expect(await json(call('GET', '/api/v1/restream'))).toEqual([]);
  }, 60_000);
});
