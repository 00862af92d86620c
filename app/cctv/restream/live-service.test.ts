import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { resolveFfmpegPaths } from '../../../native/ffmpeg-paths.js';
import { ffmpegPidsMentioning } from '../../../e2e/support/processes.js';
import { makeClip } from '../../../e2e/support/media-fixtures.js';
import { freePort } from '../../../e2e/support/opentracker.js';
import { startRtspCamera, type RtspCamera } from '../../../e2e/support/rtsp-camera.js';
import { tempDir, waitFor } from '../../transcode/transcode-sources.test-support.js';
import { watchFlv, type FlvViewer } from './flv-reader.test-support.js';
import { LiveService, type CameraStream, type LiveServiceDeps } from './live-service.js';
import { RestreamServer } from './restream-server.js';

const tools = resolveFfmpegPaths();
const execFileAsync = promisify(execFile);
const GRACE_MS = 3000;

/** A restream server on free loopback ports. */
const testServer = (secret = 'test-secret') =>
  new RestreamServer({ host: '127.0.0.1', rtmpPort: 0, httpPort: 0, secret: async () => secret, log: silentLogger() });

/** A started live service on a fresh loopback server, with the real ffmpeg; the test says where cameras and files are. */
function startLive(deps: Pick<LiveServiceDeps, 'cameraUrl' | 'filePath' | 'graceMs' | 'retry'>): {
  server: RestreamServer;
  live: LiveService;
} {
  const server = testServer();
  const live = new LiveService({ server, ffmpeg: tools, log: silentLogger(), ...deps });
  live.start();
  return { server, live };
}

describe('live view: node-media-server in-process, on-demand camera relays, library files', () => {
  let dir: string;
  let cam: RtspCamera;
  /** a camera that goes away and comes back */
  let flaky: RtspCamera;
  let deadPort: number;
  let server: RestreamServer;
  let live: LiveService;
  const viewers: FlvViewer[] = [];
  const files = new Map<number, string>();

  const watch = async (url: string) => {
    const viewer = await watchFlv(url);
    viewers.push(viewer);
    return viewer;
  };
  const cameraUrl = async (id: number, stream: CameraStream): Promise<string | null> => {
    if (id === 1) return cam.urlWithCredentials;
    if (id === 2) return `rtsp://admin:S3cret-pw@127.0.0.1:${deadPort}/${stream === 'sub' ? 'sub' : 'cam'}`;
    if (id === 3) return flaky.url;
    return null;
  };

  beforeAll(async () => {
    dir = tempDir('live-service');
    deadPort = await freePort();
    [cam, flaky] = await Promise.all([
      startRtspCamera({ user: 'admin', password: 'cam-Pa55word', fps: 10 }),
      startRtspCamera({ fps: 10 }),
    ]);
    makeClip(path.join(dir, 'clip.mp4'), 3);
    files.set(10, path.join(dir, 'clip.mp4'));
    // MPEG-4 Part 2 video and MP2 audio: both must be encoded for FLV players
    execFileSync(tools.ffmpeg, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440'],
      ...['-t', '3', '-c:v', 'mpeg4', '-c:a', 'mp2', path.join(dir, 'old.mkv')],
    ]);
    files.set(11, path.join(dir, 'old.mkv'));
    ({ server, live } = startLive({
      cameraUrl,
      filePath: async (id) => files.get(id) ?? null,
      graceMs: GRACE_MS,
      retry: { initialMs: 300, maxMs: 1000 },
    }));
  }, 60_000);

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    await live?.stop();
    await Promise.all([cam?.stop(), flaky?.stop()]);
    // every relay and file publisher is gone with the service
    expect(ffmpegPidsMentioning(dir)).toEqual([]);
    for (const c of [cam, flaky]) if (c) expect(ffmpegPidsMentioning(c.url.replace('rtsp://', ''))).toEqual([]);
    expect(server.running).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pulls = (camera: RtspCamera) => ffmpegPidsMentioning(`127.0.0.1:${camera.port}/cam`);
  /** Waits until camera `id`'s relay of `stream` is in error; its status then. */
  const relayInError = (id: number, stream: 'main' | 'sub', what: string) =>
    waitFor(
      () => {
        const s = live.relayStatus(id, stream);
        return s?.relay === 'error' ? s : null;
      },
      what,
      30_000,
    );

  it('a viewer gets real HTTP-FLV: the header, an AVC sequence header, then coded pictures', async () => {
    const viewer = await watch(await live.cameraFlvSource(1, 'main'));
    expect(viewer.status).toBe(200);
    await waitFor(() => viewer.flv.playable(5), 'five pictures after the AVC sequence header', 30_000);
    expect(viewer.flv.error).toBeNull();
    expect(viewer.flv.header).toMatchObject({ video: true });
    expect(live.relayStatus(1, 'main')?.relay).toBe('live');
    // timestamps go forward
    const times = viewer.flv
      .avc()
      .filter((v) => !v.sequenceHeader)
      .map((v) => v.timestamp);
    expect(times.at(-1)!).toBeGreaterThan(times[0]);
  }, 60_000);

  it('two viewers cost the camera one pull; the last one leaving stops the relay after the grace period', async () => {
    const second = await watch(await live.cameraFlvSource(1, 'main'));
    await waitFor(() => second.flv.playable(3), 'the second viewer playing', 30_000);
    expect(server.viewers('camera-1')).toBe(2);
    expect(live.relayCount()).toBe(1);
    expect(pulls(cam)).toHaveLength(1);
    expect(live.list()).toEqual([
      expect.objectContaining({ key: 'camera-1', kind: 'camera', id: 1, stream: 'main', viewers: 2, relay: 'live' }),
    ]);

    for (const viewer of viewers.splice(0)) viewer.close();
    await waitFor(() => server.viewers('camera-1') === 0, 'the viewers counted out', 10_000);
    const goneAt = Date.now();
    // within the grace period the relay keeps pulling (a reload costs nothing)
    expect(pulls(cam)).toHaveLength(1);
    await waitFor(() => pulls(cam).length === 0, 'the relay stopped', 20_000);
    // (goneAt is when the test noticed, a little after the count went to zero)
    expect(Date.now() - goneAt).toBeGreaterThanOrEqual(GRACE_MS / 2);
    expect(live.relayCount()).toBe(0);
    expect(live.relayStatus(1, 'main')).toBeNull();
  }, 60_000);

  it('a camera that cannot be reached: the relay is in error with the reason, and no password shows', async () => {
    const viewer = await watch(await live.cameraFlvSource(2, 'sub'));
    const status = await relayInError(2, 'sub', 'the relay in error');
    expect(status.reason).toMatch(/unreachable|refused/i);
    expect(status.reason).not.toContain('S3cret-pw');
    expect(status.retryAt).toBeGreaterThan(Date.now() - 1000);
    expect(viewer.flv.avc()).toEqual([]);
    viewer.close();
    await waitFor(() => live.relayCount() === 0, 'the failing relay given up after the grace period', 20_000);
  }, 60_000);

  it('a camera that drops mid-stream: error with a reason, then back with a back-off, the viewer still watching', async () => {
    const viewer = await watch(await live.cameraFlvSource(3, 'main'));
    await waitFor(() => viewer.flv.playable(3), 'pictures before the drop', 30_000);
    await flaky.stop();
    const status = await relayInError(3, 'main', 'the relay in error after the drop');
    expect(status.reason).toBeTruthy();
    const before = viewer.flv.avc().length;
    await flaky.restart();
    await waitFor(() => live.relayStatus(3, 'main')?.relay === 'live', 'the relay live again', 30_000);
    // node-media-server keeps the player attached while the publisher comes back: pictures flow again
    await waitFor(() => viewer.flv.avc().length > before + 5, 'pictures after the camera came back', 30_000);
    expect(pulls(flaky)).toHaveLength(1);
    viewer.close();
    await waitFor(() => pulls(flaky).length === 0, 'the relay stopped', 20_000);
  }, 90_000);

  it('players without a valid signature get nothing', async () => {
    await live.cameraFlvSource(1, 'main');
    const port = server.address()!.http;
    for (const query of ['', '?sign=123-abc', `?sign=${Math.floor(Date.now() / 1000) - 10}-${'0'.repeat(32)}`]) {
      const viewer = await watch(`http://127.0.0.1:${port}/live/camera-1.flv${query}`);
      await waitFor(() => viewer.ended, `the unsigned play ${query} ended`, 10_000);
      expect(viewer.flv.bytes).toBe(0);
    }
    // a signature for another stream does not open this one
    const other = new URL(server.localFlvUrl('camera-9'));
    const viewer = await watch(`http://127.0.0.1:${port}/live/camera-1.flv${other.search}`);
    await waitFor(() => viewer.ended, 'the mis-signed play ended', 10_000);
    expect(viewer.flv.bytes).toBe(0);
    expect(server.viewers('camera-1')).toBe(0);
    expect(live.relayCount()).toBe(0);
  }, 30_000);

  it('a publisher without a valid signature is refused', async () => {
    await server.start();
    const port = server.address()!.rtmp;
    // (asynchronously: the server answering it runs in this process)
    const publish = (url: string) =>
      execFileAsync(
        tools.ffmpeg,
        [
          ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2'],
          ...['-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'flv', url],
        ],
        { timeout: 20_000 },
      );
    await expect(publish(`rtmp://127.0.0.1:${port}/live/item-77`)).rejects.toThrow();
    await expect(publish(`rtmp://127.0.0.1:${port}/live/item-77?sign=${server.sign('item-78', 60)}`)).rejects.toThrow();
    // what our own relays use goes through
    await expect(publish(server.publishUrl('item-77'))).resolves.toBeTruthy();
  }, 60_000);

  it('a signed player of a camera that does not exist is sent away', async () => {
    await server.start();
    const viewer = await watch(server.localFlvUrl('camera-5'));
    await waitFor(() => viewer.ended, 'the player sent away', 10_000);
    expect(live.relayStatus(5, 'main')).toMatchObject({ relay: 'error', reason: 'The camera no longer exists' });
    await waitFor(() => live.relayCount() === 0, 'the relay dropped after the grace period', 10_000);
  }, 30_000);

  it('publishes a library file once (H.264/AAC copied), playable by a viewer, then it ends and leaves the list', async () => {
    const urls = await live.publishFile(10, 'media.local');
    expect(urls.key).toBe('item-10');
    expect(urls.externalFlvUrl).toMatch(/^http:\/\/media\.local:\d+\/live\/item-10\.flv\?sign=\d+-[0-9a-f]{32}$/);
    expect(urls.rtmpUrl).toMatch(/^rtmp:\/\/media\.local:\d+\/live\/item-10\?sign=/);
    const viewer = await watch(await live.fileFlvSource(10));
    await waitFor(() => viewer.flv.playable(10) && viewer.flv.aac().length > 5, 'the file playing', 30_000);
    expect(viewer.flv.aac()[0]).toEqual({ sequenceHeader: true });
    expect(live.list()).toContainEqual(expect.objectContaining({ key: 'item-10', kind: 'item', id: 10, viewers: 1 }));
    await waitFor(() => !live.list().some((e) => e.key === 'item-10'), 'the file played out', 30_000);
    viewer.close();
  }, 60_000);

  it('encodes what FLV players cannot take (MPEG-4 video, MP2 audio); stops on request; 404s', async () => {
    await live.publishFile(11, '127.0.0.1');
    const viewer = await watch(await live.fileFlvSource(11));
    await waitFor(() => viewer.flv.playable(5) && viewer.flv.aac().length > 2, 'the encoded file playing', 30_000);
    await live.stopFile(11);
    expect(ffmpegPidsMentioning(path.join(dir, 'old.mkv'))).toEqual([]);
    expect(live.list().some((e) => e.key === 'item-11')).toBe(false);
    viewer.close();
    await expect(live.stopFile(11)).rejects.toThrow(/not being restreamed/);
    await expect(live.publishFile(99, 'x')).rejects.toThrow(/No library file 99/);
    await expect(live.cameraFlvSource(42, 'main')).rejects.toThrow(/No camera 42/);
  }, 60_000);

  it('a second server in the same process is refused clearly (node-media-server is a singleton)', async () => {
    const other = testServer('x');
    await expect(other.start()).rejects.toThrow(/already runs/);
    expect(server.running).toBe(true);
  });
});

describe('live view: a viewer arriving while a camera relay waits out its back-off', () => {
  let camera: RtspCamera;
  let live: LiveService;
  const viewers: FlvViewer[] = [];

  beforeAll(async () => {
    camera = await startRtspCamera({ fps: 10 });
    ({ live } = startLive({
      cameraUrl: async (id) => (id === 1 ? camera.url : null),
      filePath: async () => null,
      graceMs: 30_000,
      // a back-off far longer than the test: only a retry at the viewer's arrival can bring the picture in time
      retry: { initialMs: 120_000, maxMs: 120_000 },
    }));
  }, 60_000);

  afterAll(async () => {
    for (const viewer of viewers) viewer.close();
    await live?.stop();
    await camera?.stop();
  });

  it('retries the camera at once instead of after the back-off', async () => {
    await camera.stop();
    const first = await watchFlv(await live.cameraFlvSource(1, 'main'));
    viewers.push(first);
    const status = await waitFor(
      () => {
        const s = live.relayStatus(1, 'main');
        return s?.relay === 'error' ? s : null;
      },
      'the relay in error while the camera is away',
      30_000,
    );
    expect(status.retryAt! - Date.now()).toBeGreaterThan(60_000);
    await camera.restart();
    // the first player gave up (the live page reconnects after a while without a picture); its reconnect arrives
    first.close();
    const second = await watchFlv(await live.cameraFlvSource(1, 'main'));
    viewers.push(second);
    await waitFor(() => second.flv.playable(3), 'pictures long before the back-off ends', 30_000);
    expect(live.relayStatus(1, 'main')?.relay).toBe('live');
  }, 90_000);
});
