import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine.js';
import { apiCaller, signInViewer, startTestEngine } from './api.test-support.js';
import { startOnvifCamera, type OnvifCamera } from '../../e2e/support/onvif-camera.js';
import { startRtspCamera, type RtspCamera } from '../../e2e/support/rtsp-camera.js';
import { tempDir } from '../transcode/transcode-sources.test-support.js';

interface ProbeWire {
  manufacturer: string | null;
  model: string | null;
  events: boolean;
  profiles: Array<{
    token: string;
    streamUrl: string | null;
    width: number | null;
    height: number | null;
    codec: string | null;
    fps: number | null;
  }>;
}

describe('HTTP API /api/v1/cameras/discover and /cameras/onvif/probe against a real engine and test ONVIF cameras', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let viewerToken: string;
  let rtsp: RtspCamera;
  let porch: OnvifCamera;
  let garage: OnvifCamera;

  const { call, json } = apiCaller(
    () => base,
    () => token,
  );
  /** POST /cameras/onvif/probe as the admin, signing in to the camera as its admin with `password` */
  const probeAs = (target: { xaddr: string } | { host: string; port: number }, password: string) =>
    call('POST', '/api/v1/cameras/onvif/probe', { ...target, username: 'admin', password });

  beforeAll(async () => {
    dir = tempDir('camera-onvif-api');
    rtsp = await startRtspCamera({ user: 'admin', password: 'cam-Pa55word' });
    porch = await startOnvifCamera({
      streamUrl: rtsp.url,
      username: 'admin',
      password: 'cam-Pa55word',
      name: 'Porch',
      manufacturer: 'Acme',
      model: 'AC-100',
    });
    garage = await startOnvifCamera({ streamUrl: 'rtsp://127.0.0.1:8554/garage', name: 'Garage' });
    ({ engine, base, token } = await startTestEngine(dir, {
      adminPassword: 'onvif password',
      onvif: {
        discovery: {
          targets: [
            { address: '127.0.0.1', port: porch.discoveryPort },
            { address: '127.0.0.1', port: garage.discoveryPort },
          ],
          timeoutMs: 1000,
        },
      },
    }));
    viewerToken = await signInViewer(engine, { call, json });
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await porch?.stop();
    await garage?.stop();
    await rtsp?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs a session (401) and an administrator (403)', async () => {
    for (const [url, body] of [
      ['/api/v1/cameras/discover', {}],
      ['/api/v1/cameras/onvif/probe', { xaddr: porch.xaddr }],
    ] as const) {
      expect((await call('POST', url, body, null)).status, url).toBe(401);
      expect((await call('POST', url, body, viewerToken)).status, url).toBe(403);
    }
  });

  it('POST /cameras/discover finds both cameras with their device service, name and model', async () => {
    const started = Date.now();
    const res = await call('POST', '/api/v1/cameras/discover');
    expect(res.status).toBe(200);
    const { devices } = await json<{ devices: Array<Record<string, unknown>> }>(res);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // it listens for the whole window
    expect(devices).toHaveLength(2);
    expect(devices.find((d) => d.xaddr === porch.xaddr)).toMatchObject({
      address: '127.0.0.1',
      name: 'Porch',
      manufacturer: 'Acme',
      model: 'AC-100',
      hardware: 'AC-100',
      endpoint: porch.endpoint,
      scopes: expect.arrayContaining(['onvif://www.onvif.org/Profile/Streaming']),
    });
    expect(devices.find((d) => d.xaddr === garage.xaddr)).toMatchObject({ name: 'Garage' });
    // a shorter window on request
    expect((await call('POST', '/api/v1/cameras/discover', { timeoutMs: 300 })).status).toBe(200);
  });

  it('POST /cameras/onvif/probe gives the profiles; the stream URL it gives passes "test connection"', async () => {
    const res = await probeAs({ xaddr: porch.xaddr }, 'cam-Pa55word');
    expect(res.status).toBe(200);
    const probe = await json<ProbeWire>(res);
    expect(probe).toMatchObject({ manufacturer: 'Acme', model: 'AC-100', events: true });
    expect(probe.profiles).toEqual([
      expect.objectContaining({ token: 'Profile_1', streamUrl: rtsp.url, width: 320, height: 240, codec: 'H264', fps: 10 }),
    ]);
    // what the settings page does next: test the stream with the same credentials
    const tested = await json(
      call('POST', '/api/v1/cameras/test', { url: probe.profiles[0].streamUrl, username: 'admin', password: 'cam-Pa55word' }),
    );
    expect(tested).toMatchObject({ ok: true, codec: 'h264', width: 320, height: 240 });
    // by host and port too
    const byHost = await json<ProbeWire>(probeAs({ host: '127.0.0.1', port: porch.port }, 'cam-Pa55word'));
    expect(byHost.profiles[0].streamUrl).toBe(rtsp.url);
  }, 30_000);

  it('a wrong password or a camera that is not there: 502 with the reason, never the password', async () => {
    const wrong = await probeAs({ xaddr: porch.xaddr }, 'not-it');
    expect(wrong.status).toBe(502);
    const body = await wrong.text();
    expect(JSON.parse(body)).toMatchObject({
      reason: 'unauthorized',
      message: `The camera at 127.0.0.1:${porch.port} refused the user name or password`,
    });
    expect(body).not.toContain('not-it');
    const port = 1; // nothing listens there, and no other test can be given it (unlike a port free a moment ago)
    const gone = await call('POST', '/api/v1/cameras/onvif/probe', { host: '127.0.0.1', port });
    expect(gone.status).toBe(502);
    expect(await json(gone)).toMatchObject({ reason: 'unreachable' });
  });

  it('both routes are in the OpenAPI document', async () => {
    const doc = await json<{ paths: Record<string, unknown> }>(call('GET', '/api/v1/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/cameras/discover', '/api/v1/cameras/onvif/probe']));
  });

  it('answers 400 naming the bad field', async () => {
    const bad = async (url: string, body: unknown, field: RegExp) => {
      const res = await call('POST', url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await json<{ message: string }>(res)).message).toMatch(field);
    };
    const probe = '/api/v1/cameras/onvif/probe';
    await bad(probe, {}, /xaddr or host is needed/);
    await bad(probe, { xaddr: 'rtsp://127.0.0.1/x' }, /xaddr: must be an http/);
    await bad(probe, { xaddr: 'nonsense' }, /xaddr/);
    await bad(probe, { host: 'a b;c' }, /host/);
    await bad(probe, { host: '127.0.0.1', port: 70000 }, /port/);
    await bad(probe, { host: '127.0.0.1', port: '80' }, /port/);
    await bad(probe, { xaddr: porch.xaddr, colour: 'red' }, /colour|Unrecognized/i);
    await bad('/api/v1/cameras/discover', { timeoutMs: 60_000 }, /timeoutMs/);
    await bad('/api/v1/cameras/discover', { timeoutMs: 'soon' }, /timeoutMs/);
    // the engine is still fine
    expect((await call('POST', probe, { xaddr: garage.xaddr })).status).toBe(200);
  });
  it('a camera added with its ONVIF address turns PullPoint motion and tamper into camera events, with a snapshot', async () => {
    const add = await call('POST', '/api/v1/cameras', {
      name: 'Porch',
      url: rtsp.url,
      mode: 'continuous',
      username: 'admin',
      password: 'cam-Pa55word',
      onvif: { xaddr: porch.xaddr },
    });
    expect(add.status).toBe(201);
    const camera = await json<{ id: number; onvif: { xaddr: string } | null }>(add);
    expect(camera.onvif).toEqual({ xaddr: porch.xaddr });
    type Ev = { kind: string; end: string | null; snapshotUrl: string | null };
    const events = () =>
      json<Ev[]>(call('GET', `/api/v1/cameras/${camera.id}/events?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`));
    const until = async (check: (list: Ev[]) => boolean) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const list = await events();
        if (check(list)) return list;
        if (Date.now() > deadline) throw new Error(`events never matched: ${JSON.stringify(list)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    porch.setMotion(true);
    await until((list) => list.some((e) => e.kind === 'motion' && e.end === null));
    porch.setMotion(false);
    porch.setTamper(true);
    // the snapshot is a frame grabbed from the camera as the event starts: it may land a moment after the event
    const list = await until(
      (l) => l.some((e) => e.kind === 'motion' && e.end !== null && e.snapshotUrl !== null) && l.some((e) => e.kind === 'tamper'),
    );
    porch.setTamper(false);
    const motion = list.find((e) => e.kind === 'motion')!;
    expect(motion.snapshotUrl).toMatch(/\/snapshot\.jpg$/);
    const jpeg = Buffer.from(await (await call('GET', motion.snapshotUrl!)).arrayBuffer());
    expect(jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');

    // PATCH onvif: null stops the subscription: new alarms raise nothing
    expect((await call('PATCH', `/api/v1/cameras/${camera.id}`, { onvif: null })).status).toBe(200);
    const before = (await events()).length;
    porch.setMotion(true);
    await new Promise((r) => setTimeout(r, 2000));
    porch.setMotion(false);
    expect((await events()).length).toBe(before);
    expect((await call('DELETE', `/api/v1/cameras/${camera.id}`)).status).toBe(204);
  }, 90_000);

  it("a removed camera's id is never given again (its recordings may still be on disk), and test connection can use saved credentials", async () => {
    const add = (name: string) =>
      json<{ id: number }>(
        call('POST', '/api/v1/cameras', { name, url: rtsp.url, mode: 'off', username: 'admin', password: 'cam-Pa55word' }),
      );
    const first = await add('One');
    const saved = await json<{ ok: boolean }>(call('POST', '/api/v1/cameras/test', { url: rtsp.url, cameraId: first.id }));
    expect(saved.ok).toBe(true);
    const without = await json<{ ok: boolean; reason?: string }>(call('POST', '/api/v1/cameras/test', { url: rtsp.url }));
    expect(without).toMatchObject({ ok: false, reason: 'unauthorized' });
    expect((await call('DELETE', `/api/v1/cameras/${first.id}`)).status).toBe(204);
    const second = await add('Two');
    expect(second.id).toBeGreaterThan(first.id);
    expect((await call('DELETE', `/api/v1/cameras/${second.id}`)).status).toBe(204);
  }, 60_000);
});
