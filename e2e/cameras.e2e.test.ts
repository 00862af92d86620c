// End to end, as a user: a real RTSP camera (GStreamer, a moving ball) recorded continuously by the real
// `racoon serve`, watched in Debian's Chromium. The Cameras page shows its live tile playing (HTTP-FLV through
// mpegts.js); the camera page's timeline shows what was recorded; a click on a recorded span replays it through
// hls.js, with the playhead's wall-clock time inside that span; a clip of it exports to an MP4 for download.
// Screenshots go to e2e/artifacts/cameras/.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraEventInfo, CameraInfo, CameraTimeline } from '../app/api/api-types.js';
import { launchChromium, screenshot, watchPageProblems, type PageProblems } from './support/browser.js';
import { tempDir } from './support/media-fixtures.js';
import { REPO_ROOT, startRacoon, stopAllRacoons, type RacoonProcess } from './support/racoon-process.js';
import { startRtspCamera, type RtspCamera } from './support/rtsp-camera.js';
import { chainSteps } from './support/steps.js';

const PASSWORD = 'e2e correct horse';
const ARTIFACTS = path.join(REPO_ROOT, 'e2e', 'artifacts', 'cameras');
const CAMERA_NAME = 'Front door';

/** What a video element is doing, read in the page. */
const videoState = (video: Locator) =>
  video.evaluate((v: HTMLVideoElement) => ({
    time: v.currentTime,
    width: v.videoWidth,
    paused: v.paused,
    readyState: v.readyState,
  }));

/** Waits until the video's time has moved on by `seconds` from where it was first seen, with a picture. */
async function expectPlaying(video: Locator, seconds: number, timeout: number): Promise<void> {
  await expect.poll(async () => (await videoState(video)).readyState, { timeout }).toBeGreaterThanOrEqual(2);
  const first = await videoState(video);
  await expect.poll(async () => (await videoState(video)).time - first.time, { timeout, interval: 250 }).toBeGreaterThan(seconds);
  expect((await videoState(video)).width).toBeGreaterThan(0);
}

describe('cameras, end to end (RTSP camera + racoon serve + Chromium)', () => {
  let dir: string;
  let camera: RtspCamera;
  /** a second camera, for events-only recording */
  let yard: RtspCamera;
  let server: RacoonProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let cameraId: number;
  let clicked: { start: number; end: number };

  const url = (p: string) => new URL(p, server.url).href;
  async function api<T>(method: 'GET' | 'POST', urlPath: string, data?: unknown): Promise<{ status: number; body: T }> {
    const res = await context.request.fetch(url(`api/v1${urlPath}`), { method, data });
    return { status: res.status(), body: (await res.json().catch(() => null)) as T };
  }

  beforeAll(async () => {
    dir = tempDir('e2e-cameras');
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    [camera, yard, server, browser] = await Promise.all([
      startRtspCamera({ pattern: 'ball', size: '640x360', fps: 15 }),
      startRtspCamera({ pattern: 'ball', size: '320x240', fps: 10 }),
      startRacoon({ dataDir: path.join(dir, 'data'), adminPassword: PASSWORD }),
      launchChromium(),
    ]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    problems = watchPageProblems(page);
  });

  chainSteps({
    artifacts: ARTIFACTS,
    page: () => page,
    serverOutput: () => server?.output(),
    problems: () => problems,
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await stopAllRacoons();
    await camera?.stop();
    await yard?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, and a camera added in continuous mode comes online', async () => {
    const login = await context.request.post(url('api/v1/auth/login'), { data: { username: 'admin', password: PASSWORD } });
    expect(login.status()).toBe(200);
    const created = await api<CameraInfo>('POST', '/cameras', { name: CAMERA_NAME, url: camera.url, mode: 'continuous' });
    expect(created.status).toBe(201);
    cameraId = created.body.id;
    await expect
      .poll(async () => (await api<CameraInfo>('GET', `/cameras/${cameraId}`)).body.status, { timeout: 30_000 })
      .toBe('online');
  }, 60_000);

  it('the Cameras page shows its live tile playing', async () => {
    await page.goto(url('#/cameras'));
    const tile = page.getByTestId('camera-tile').filter({ hasText: CAMERA_NAME });
    await expect.poll(() => tile.count()).toBe(1);
    await expect.poll(() => tile.getByTestId('camera-status').textContent()).toBe('Online');
    await expectPlaying(tile.getByTestId('camera-live-video'), 2, 45_000);
    await expect.poll(() => tile.getAttribute('data-live-state'), { timeout: 10_000 }).toBe('playing');
    await screenshot(page, ARTIFACTS, '01-cameras-grid-live');
    // away mode: on from the switch, as the engine sees it, and off again
    const away = page.getByTestId('cameras-away');
    await away.click();
    await expect.poll(() => away.getAttribute('aria-checked')).toBe('true');
    expect((await api<{ away: boolean }>('GET', '/cameras/away')).body.away).toBe(true);
    await expect.poll(() => page.getByTestId('cameras-away-text').textContent()).toMatch(/Armed/);
    await screenshot(page, ARTIFACTS, '01a-away-on', false);
    await away.click();
    await expect.poll(() => away.getAttribute('aria-checked')).toBe('false');
    expect((await api<{ away: boolean }>('GET', '/cameras/away')).body.away).toBe(false);
  }, 90_000);

  it('the camera page plays live and its timeline shows a recorded span', async () => {
    await page.getByTestId('camera-tile-name').filter({ hasText: CAMERA_NAME }).click();
    await expect.poll(() => page.getByTestId('camera-name').textContent()).toBe(CAMERA_NAME);
    await expectPlaying(page.getByTestId('camera-live-video'), 1, 45_000);
    // a snapshot on demand: a real JPEG from the camera, offered to save
    await page.getByTestId('camera-snapshot').click();
    const shot = page.getByTestId('camera-snapshot-preview').locator('img');
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(640);
    await screenshot(page, ARTIFACTS, '02a-snapshot', false);
    await page.getByTestId('camera-snapshot-preview').getByRole('button', { name: 'Close' }).click();
    // enough footage to click into the middle of it and still have seconds left to play
    await expect
      .poll(
        async () => {
          const { body } = await api<CameraTimeline>('GET', `/cameras/${cameraId}/timeline`);
          return Math.max(0, ...body.spans.map((s) => Date.parse(s.end) - Date.parse(s.start)));
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toBeGreaterThan(25_000);
    await page.getByTestId('timeline-zoom-1').click();
    await expect.poll(() => page.getByTestId('timeline-span').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, ARTIFACTS, '02-camera-page-live-timeline');
  }, 180_000);

  it('a click on the recorded span replays it, the playhead inside that span', async () => {
    const span = page.getByTestId('timeline-span').last();
    await expect.poll(async () => (await span.boundingBox())?.width ?? 0, { timeout: 30_000 }).toBeGreaterThan(6); // 25 s at 1 h on this bar is ~8 px
    const box = (await span.boundingBox())!;
    clicked = {
      start: Date.parse((await span.getAttribute('data-start'))!),
      end: Date.parse((await span.getAttribute('data-end'))!),
    };
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
    const replay = page.getByTestId('camera-replay-video');
    await expectPlaying(replay, 1.5, 45_000);
    const shown = Date.parse((await page.getByTestId('camera-replay-clock').getAttribute('data-ms'))!);
    // the span keeps growing while the camera records: its end can only have moved on
    expect(shown).toBeGreaterThanOrEqual(clicked.start);
    expect(shown).toBeLessThanOrEqual(Date.now());
    expect(shown - clicked.start).toBeLessThan(clicked.end - clicked.start + 15_000);
    await expect.poll(() => page.getByTestId('timeline-playhead').count()).toBe(1);
    await screenshot(page, ARTIFACTS, '03-replay-playing');
  }, 120_000);

  it('a clip of the span exports to an MP4 to download', async () => {
    const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
    const from = clicked.start + 2000;
    const to = Math.min(clicked.end, from + 12_000);
    await page.getByTestId('camera-clip-from').fill(clock(from));
    await page.getByTestId('camera-clip-to').fill(clock(to));
    await page.getByTestId('camera-clip-export').click();
    const download = page.getByTestId('camera-clip-download');
    await expect.poll(() => download.count(), { timeout: 90_000, interval: 500 }).toBe(1);
    const res = await context.request.get(url((await download.getAttribute('href'))!.replace(/^\//, '')));
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp'); // an MP4
    await page.getByTestId('camera-clip').scrollIntoViewIfNeeded();
    await screenshot(page, ARTIFACTS, '04-clip-exported', false);
  }, 120_000);

  it('an events-only camera with motion shows its event in the grid and in its events list', async () => {
    const created = await api<CameraInfo>('POST', '/cameras', { name: 'Garden', url: yard.url, mode: 'events' });
    expect(created.status).toBe(201);
    const gardenId = created.body.id;
    await page.goto(url('#/cameras'));
    await expect.poll(() => page.getByTestId('camera-tile').count()).toBe(2);
    // the moving ball is motion: an event starts, and the tile learns of it within a refresh
    await expect
      .poll(async () => (await api<CameraEventInfo[]>('GET', `/cameras/${gardenId}/events`)).body.length, {
        timeout: 90_000,
        interval: 1000,
      })
      .toBeGreaterThan(0);
    const tile = page.getByTestId('camera-tile').filter({ hasText: 'Garden' });
    await expect.poll(() => tile.textContent(), { timeout: 15_000 }).toMatch(/Last event/);
    await expectPlaying(tile.getByTestId('camera-live-video'), 1, 45_000);
    await screenshot(page, ARTIFACTS, '05-grid-two-cameras');
    await tile.getByTestId('camera-tile-name').click();
    await expect.poll(() => page.getByTestId('camera-event').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = page.getByTestId('camera-event').first();
    expect(await first.textContent()).toMatch(/Motion/);
    await screenshot(page, ARTIFACTS, '06-events-list');
  }, 180_000);

  it('a camera that goes away shows offline with its reason and when it is retried', async () => {
    await yard.stop();
    await page.getByTestId('camera-back').click();
    const tile = page.getByTestId('camera-tile').filter({ hasText: 'Garden' });
    await expect.poll(() => tile.getByTestId('camera-status').textContent(), { timeout: 60_000 }).toMatch(/Offline|Error/);
    await expect.poll(() => tile.textContent(), { timeout: 30_000 }).toMatch(/retrying (in \d+ (s|min)|now)/);
    // the other camera plays on
    const front = page.getByTestId('camera-tile').filter({ hasText: CAMERA_NAME });
    await expectPlaying(front.getByTestId('camera-live-video'), 1, 45_000);
    await expect.poll(() => front.getAttribute('data-live-state'), { timeout: 10_000 }).toBe('playing');
    await screenshot(page, ARTIFACTS, '07-one-camera-offline');
  }, 150_000);

  it('on a phone-sized screen the pages fit the width', async () => {
    await page.setViewportSize({ width: 400, height: 860 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, ARTIFACTS, '08-narrow-grid');
    await page.getByTestId('camera-tile-name').filter({ hasText: CAMERA_NAME }).click();
    await expect.poll(() => page.getByTestId('camera-timeline').count()).toBe(1);
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, ARTIFACTS, '09-narrow-camera-page');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('the page had no errors', () => {
    expect(problems.pageErrors).toEqual([]);
  });
});
