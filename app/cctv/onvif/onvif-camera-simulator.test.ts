// The test ONVIF camera (e2e/support/onvif-camera.ts) against the npm `onvif` client as it is, with no wrapper of ours:
// if a real-world client connects, reads profiles and URIs and gets PullPoint events, the simulator speaks ONVIF.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cam } from 'onvif';
import { startOnvifCamera, type OnvifCamera } from '../../../e2e/support/onvif-camera.js';
import { waitFor } from '../../transcode/transcode-sources.test-support.js';

type Cb<T> = (err: Error | null, data?: T) => void;
const call = <T>(run: (cb: Cb<T>) => void) =>
  new Promise<T>((resolve, reject) => run((err, data) => (err ? reject(err) : resolve(data as T))));

function connect(sim: OnvifCamera, username?: string, password?: string): Promise<Cam> {
  const cam = new Cam({ hostname: '127.0.0.1', port: sim.port, username, password, autoconnect: false, timeout: 10_000 });
  return call<unknown>((cb) => cam.connect(cb)).then(() => cam);
}

describe('ONVIF camera simulator, seen by the npm onvif client', () => {
  let sim: OnvifCamera;

  beforeAll(async () => {
    sim = await startOnvifCamera({
      streamUrl: 'rtsp://127.0.0.1:8554/main',
      subStreamUrl: 'rtsp://127.0.0.1:8554/sub',
      username: 'admin',
      password: 'onvif-Pa55',
      name: 'Front Door',
      manufacturer: 'Acme',
      model: 'AC-100',
      maxPullWaitMs: 2000,
    });
  });
  afterAll(() => sim?.stop());

  it('connects with WS-Security: services, profiles, active source, device information and scopes', async () => {
    const cam = await connect(sim, 'admin', 'onvif-Pa55');
    expect(cam.uri?.media?.href).toBe(`http://127.0.0.1:${sim.port}/onvif/media_service`);
    expect(cam.uri?.events?.href).toBe(`http://127.0.0.1:${sim.port}/onvif/event_service`);
    expect(cam.profiles?.map((p) => p.name)).toEqual(['mainStream', 'subStream']);
    expect(cam.activeSource).toMatchObject({ profileToken: 'Profile_1', encoding: 'H264', width: 320, height: 240, fps: 10 });
    const info = await call<Record<string, unknown>>((cb) => cam.getDeviceInformation(cb));
    expect(info).toMatchObject({ manufacturer: 'Acme', model: 'AC-100', firmwareVersion: '1.0.0' });
    const scopes = await call<Array<{ scopeItem: string }>>((cb) => cam.getScopes(cb));
    expect(scopes.map((s) => s.scopeItem)).toContain('onvif://www.onvif.org/name/Front%20Door');
  });

  it('gives each profile its stream URI and a snapshot URI that serves a JPEG', async () => {
    const cam = await connect(sim, 'admin', 'onvif-Pa55');
    const main = await call<{ uri: string }>((cb) => cam.getStreamUri({ protocol: 'RTSP', profileToken: 'Profile_1' }, cb));
    const sub = await call<{ uri: string }>((cb) => cam.getStreamUri({ protocol: 'RTSP', profileToken: 'Profile_2' }, cb));
    expect([main.uri, sub.uri]).toEqual(['rtsp://127.0.0.1:8554/main', 'rtsp://127.0.0.1:8554/sub']);
    await expect(call((cb) => cam.getStreamUri({ profileToken: 'nope' }, cb))).rejects.toThrow(/No such profile/);
    const snap = await call<{ uri: string }>((cb) => cam.getSnapshotUri({ profileToken: 'Profile_1' }, cb));
    const res = await fetch(snap.uri);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const jpeg = Buffer.from(await res.arrayBuffer());
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
  });

  it('rejects a wrong password and a missing one with ter:NotAuthorized, yet tells its clock to anyone', async () => {
    const before = sim.stats.authFailures;
    const wrong = await connect(sim, 'admin', 'wrong');
    // the client swallows media errors while connecting; the protected calls fail
    await expect(call((cb) => wrong.getDeviceInformation(cb))).rejects.toThrow(/Sender not authorized/);
    const anonymous = new Cam({ hostname: '127.0.0.1', port: sim.port, autoconnect: false });
    const time = await call<Date>((cb) => anonymous.getSystemDateAndTime(cb));
    expect(Math.abs(time.getTime() - Date.now())).toBeLessThan(5000);
    await expect(call((cb) => anonymous.getDeviceInformation(cb))).rejects.toThrow(/Sender not authorized/);
    expect(sim.stats.authFailures).toBeGreaterThan(before);
  });

  it('publishes motion and tamper through a PullPoint subscription the client polls, renews and ends', async () => {
    const cam = await connect(sim, 'admin', 'onvif-Pa55');
    const props = await call<Record<string, unknown>>((cb) => cam.getEventProperties(cb));
    expect(JSON.stringify(props.topicSet)).toMatch(/cellMotionDetector.*globalSceneChange/);
    const seen: Array<{ topic: string; op: string; value: unknown }> = [];
    cam.on('event', (m: any) =>
      seen.push({
        topic: m.topic._,
        op: m.message.message.$.PropertyOperation,
        value: m.message.message.data.simpleItem.$.Value,
      }),
    );
    // the initial state first, then the changes
    await waitFor(() => seen.length >= 2 || undefined, 'the Initialized messages', 15_000);
    expect(seen.slice(0, 2)).toEqual([
      { topic: 'tns1:RuleEngine/CellMotionDetector/Motion', op: 'Initialized', value: false },
      { topic: 'tns1:VideoSource/GlobalSceneChange/ImagingService', op: 'Initialized', value: false },
    ]);
    sim.setMotion(true);
    sim.setTamper(true);
    sim.setMotion(false);
    await waitFor(() => seen.length >= 5 || undefined, 'three changes', 15_000);
    expect(seen.slice(2).map((s) => [s.topic.split('/').pop(), s.op, s.value])).toEqual([
      ['Motion', 'Changed', true],
      ['ImagingService', 'Changed', true],
      ['Motion', 'Changed', false],
    ]);
    expect(sim.stats.renews).toBeGreaterThan(0);
    await call((cb) => cam.unsubscribe(cb));
    expect(sim.activeSubscriptions()).toBe(0);
    sim.setTamper(false);
  }, 30_000);
});
