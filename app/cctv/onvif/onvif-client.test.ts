import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifCamera, type OnvifCamera } from '../../../e2e/support/onvif-camera.js';
import { deviceServiceUrl, OnvifError, probeOnvifCamera } from './onvif-client.js';

const PASSWORD = 'onvif-Pa55';

async function failure(promise: Promise<unknown>): Promise<OnvifError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OnvifError);
  return err as OnvifError;
}

describe('onvif-client: probing an ONVIF camera', () => {
  let sim: OnvifCamera;
  let notOnvif: http.Server;
  let notOnvifPort: number;

  beforeAll(async () => {
    sim = await startOnvifCamera({
      streamUrl: 'rtsp://127.0.0.1:8554/main',
      subStreamUrl: 'rtsp://127.0.0.1:8554/sub',
      username: 'admin',
      password: PASSWORD,
      manufacturer: 'Acme',
      model: 'AC-100',
    });
    // a web server that is not a camera: answers every POST with an HTML page
    notOnvif = http.createServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not here</body></html>'),
    );
    await new Promise<void>((resolve) => notOnvif.listen(0, '127.0.0.1', () => resolve()));
    notOnvifPort = (notOnvif.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await sim?.stop();
    notOnvif?.close();
  });

  it('reads identity and every profile with its RTSP URI, snapshot URI, resolution, codec and fps', async () => {
    const result = await probeOnvifCamera({ xaddr: sim.xaddr, username: 'admin', password: PASSWORD });
    expect(result).toEqual({
      xaddr: sim.xaddr,
      manufacturer: 'Acme',
      model: 'AC-100',
      firmware: '1.0.0',
      serial: expect.stringMatching(/^[0-9A-F]{12}$/),
      hardwareId: 'AC-100',
      events: true,
      profiles: [
        {
          token: 'Profile_1',
          name: 'mainStream',
          streamUrl: 'rtsp://127.0.0.1:8554/main',
          snapshotUrl: `http://127.0.0.1:${sim.port}/onvif/snapshot.jpg?profile=Profile_1`,
          width: 320,
          height: 240,
          codec: 'H264',
          fps: 10,
        },
        expect.objectContaining({ token: 'Profile_2', streamUrl: 'rtsp://127.0.0.1:8554/sub', width: 160, height: 120, fps: 5 }),
      ],
    });
  });

  it('takes a host and port instead of an XAddr', async () => {
    const result = await probeOnvifCamera({ host: '127.0.0.1', port: sim.port, username: 'admin', password: PASSWORD });
    expect(result.profiles.map((p) => p.streamUrl)).toEqual(['rtsp://127.0.0.1:8554/main', 'rtsp://127.0.0.1:8554/sub']);
  });

  it('a wrong password, and no password, are told apart from other failures', async () => {
    const wrong = await failure(probeOnvifCamera({ xaddr: sim.xaddr, username: 'admin', password: 'nope' }));
    expect(wrong.reason).toBe('unauthorized');
    expect(wrong.message).toBe(`The camera at 127.0.0.1:${sim.port} refused the user name or password`);
    expect(wrong.message).not.toContain('nope');
    const none = await failure(probeOnvifCamera({ xaddr: sim.xaddr }));
    expect(none).toMatchObject({
      reason: 'unauthorized',
      message: `The camera at 127.0.0.1:${sim.port} needs a user name and password`,
    });
  });

  it('nothing listening → unreachable; a web server that is not a camera → not ONVIF', async () => {
    const port = 1; // nothing listens there, and no other test can be given it (unlike a port free a moment ago)
    const gone = await failure(probeOnvifCamera({ host: '127.0.0.1', port, username: 'admin', password: PASSWORD }));
    expect(gone).toMatchObject({ reason: 'unreachable', message: `Nothing answers at 127.0.0.1:${port} (connection refused)` });
    const web = await failure(probeOnvifCamera({ host: '127.0.0.1', port: notOnvifPort }));
    expect(web).toMatchObject({ reason: 'not-onvif' });
    expect(web.message).toMatch(/not as an ONVIF device/);
  });

  it('a camera that never answers → timeout, within the deadline asked for', async () => {
    const silent = http.createServer(() => undefined); // accepts, never replies
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const started = Date.now();
      const port = (silent.address() as AddressInfo).port;
      const err = await failure(probeOnvifCamera({ host: '127.0.0.1', port, timeoutMs: 500 }));
      expect(err.reason).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('deviceServiceUrl: an XAddr as given, host:port with the standard path, IPv6 in brackets, bad input named', () => {
    expect(deviceServiceUrl({ xaddr: 'http://10.0.0.5:8080/onvif/device_service' }).toString()).toBe(
      'http://10.0.0.5:8080/onvif/device_service',
    );
    expect(deviceServiceUrl({ host: '10.0.0.5' }).toString()).toBe('http://10.0.0.5/onvif/device_service');
    expect(deviceServiceUrl({ host: 'fe80::2', port: 8000 }).toString()).toBe('http://[fe80::2]:8000/onvif/device_service');
    expect(() => deviceServiceUrl({ xaddr: 'rtsp://10.0.0.5/x' })).toThrow(/xaddr: only http/);
    expect(() => deviceServiceUrl({ xaddr: 'not a url' })).toThrow(/xaddr: not a URL/);
    expect(() => deviceServiceUrl({})).toThrow(/xaddr or host/);
  });
});
