// End to end, as a user: a real RTSP camera (GStreamer, a moving ball) recorded continuously by the real
// `racoon serve`, watched in Debian's Chromium. The Cameras page shows its live tile playing (HTTP-FLV through
// mpegts.js); the camera page's timeline shows what was recorded; a click on a recorded span replays it through
// hls.js, with the playhead's wall-clock time inside that span; a clip of it exports to an MP4 for download.
// Screenshots go to e2e/artifacts/cameras/.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CameraEventInfo, CameraInfo, CameraLiveInfo, CameraTimeline } from '../app/api/api-types.js';
import { useE2eStage } from './support/e2e-stage.js';
import { startRtspCamera, type RtspCamera } from './support/rtsp-camera.js';

const PASSWORD = 'e2e correct horse';
const CAMERA_NAME = 'Front door';

/** What a video element is doing, read in the page. */
const videoState = (video: Locator) =>
  video.evaluate((v: HTMLVideoElement) => ({
    time: v.currentTime,
    width: v.videoWidth,
    paused: v.paused,
    readyState: v.readyState,
  }));

/**
 * Waits until the video's time has moved on by `seconds` from where it was first seen, with a picture. When it does
 * not, the failure says what the player, the camera and its relay were doing (`explain`): the summary at the end of a
 * CI log is often all there is to read.
 */
async function expectPlaying(video: Locator, seconds: number, timeout: number, explain?: () => Promise<string>): Promise<void> {
  try {
    await expect.poll(async () => (await videoState(video)).readyState, { timeout }).toBeGreaterThanOrEqual(2);
    const first = await videoState(video);
    await expect
      .poll(async () => (await videoState(video)).time - first.time, { timeout, interval: 250 })
      .toBeGreaterThan(seconds);
    expect((await videoState(video)).width).toBeGreaterThan(0);
  } catch (err) {
    if (!explain) throw err;
    const why = await explain().catch((e: Error) => `(could not say why: ${e.message})`);
    throw new Error(`${(err as Error).message}\n${why}`, { cause: err });
  }
}

describe('cameras, end to end (RTSP camera + racoon serve + Chromium)', () => {
  let camera: RtspCamera;
  /** a second camera, for events-only recording */
  let yard: RtspCamera;
  let cameraId: number;
  let clicked: { start: number; end: number };

  const stage = useE2eStage({
    name: 'cameras',
    password: PASSWORD,
    alongside: async () => {
      [camera, yard] = await Promise.all([
        startRtspCamera({ pattern: 'ball', size: '640x360', fps: 15 }),
        startRtspCamera({ pattern: 'ball', size: '320x240', fps: 10 }),
      ]);
    },
    cleanup: [
      ['the front camera', () => camera?.stop()],
      ['the yard camera', () => yard?.stop()],
    ],
  });

  /** What a live tile's player, its camera and the camera's relay were doing, and the engine's last words on relays. */
  const liveReport = (id: number, video: Locator) => async (): Promise<string> => {
    const player = await video.evaluate((v: HTMLVideoElement) => ({
      state: v.dataset.state,
      overlay: v.parentElement?.querySelector('.cam-overlay')?.textContent ?? null,
      readyState: v.readyState,
      time: v.currentTime,
      width: v.videoWidth,
      error: v.error?.message ?? null,
    }));
    const camera = (await stage.api<CameraInfo>('GET', `/cameras/${id}`)).body;
    const relay = (await stage.api<CameraLiveInfo>('GET', `/cameras/${id}/live`)).body;
    const relayLog = stage.engineLog(12, (line) => line.includes(`"stream":"camera-${id}`) || /restream/.test(line));
    return [
      `player: ${JSON.stringify(player)}`,
      `camera ${id}: ${camera.status}${camera.reason ? ` (${camera.reason})` : ''}`,
      `relay: ${relay.relay}${relay.reason ? ` (${relay.reason})` : ''}, ${relay.viewers} viewer(s)`,
      "engine log (this camera's relays):",
      relayLog,
    ].join('\n');
  };

  it('signs in, and a camera added in continuous mode comes online', async () => {
    await stage.signIn();
    const created = await stage.api<CameraInfo>('POST', '/cameras', { name: CAMERA_NAME, url: camera.url, mode: 'continuous' });
    expect(created.status).toBe(201);
    cameraId = created.body.id;
    await expect
      .poll(async () => (await stage.api<CameraInfo>('GET', `/cameras/${cameraId}`)).body.status, { timeout: 30_000 })
      .toBe('online');
  }, 60_000);

  it('the Cameras page shows its live tile playing', async () => {
    await stage.page.goto(stage.url('#/cameras'));
    const tile = stage.page.getByTestId('camera-tile').filter({ hasText: CAMERA_NAME });
    await expect.poll(() => tile.count()).toBe(1);
    await expect.poll(() => tile.getByTestId('camera-status').textContent()).toBe('Online');
    const video = tile.getByTestId('camera-live-video');
    await expectPlaying(video, 2, 45_000, liveReport(cameraId, video));
    await expect.poll(() => tile.getAttribute('data-live-state'), { timeout: 10_000 }).toBe('playing');
    await stage.screenshot('01-cameras-grid-live');
    // away mode: on from the switch, as the engine sees it, and off again
    const away = stage.page.getByTestId('cameras-away');
    await away.click();
    await expect.poll(() => away.getAttribute('aria-checked')).toBe('true');
    expect((await stage.api<{ away: boolean }>('GET', '/cameras/away')).body.away).toBe(true);
    await expect.poll(() => stage.page.getByTestId('cameras-away-text').textContent()).toMatch(/Armed/);
    await stage.screenshot('01a-away-on', false);
    await away.click();
    await expect.poll(() => away.getAttribute('aria-checked')).toBe('false');
    expect((await stage.api<{ away: boolean }>('GET', '/cameras/away')).body.away).toBe(false);
  }, 90_000);

  it('the camera page plays live and its timeline shows a recorded span', async () => {
    await stage.page.getByTestId('camera-tile-name').filter({ hasText: CAMERA_NAME }).click();
    await expect.poll(() => stage.page.getByTestId('camera-name').textContent()).toBe(CAMERA_NAME);
    const video = stage.page.getByTestId('camera-live-video');
    await expectPlaying(video, 1, 45_000, liveReport(cameraId, video));
    // a snapshot on demand: a real JPEG from the camera, offered to save
    await stage.page.getByTestId('camera-snapshot').click();
    const shot = stage.page.getByTestId('camera-snapshot-preview').locator('img');
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 20_000 }).toBe(640);
    await stage.screenshot('02a-snapshot', false);
    await stage.page.getByTestId('camera-snapshot-preview').getByRole('button', { name: 'Close' }).click();
    // enough footage to click into the middle of it and still have seconds left to play
    await expect
      .poll(
        async () => {
          const { body } = await stage.api<CameraTimeline>('GET', `/cameras/${cameraId}/timeline`);
          return Math.max(0, ...body.spans.map((s) => Date.parse(s.end) - Date.parse(s.start)));
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toBeGreaterThan(25_000);
    await stage.page.getByTestId('timeline-zoom-1').click();
    await expect.poll(() => stage.page.getByTestId('timeline-span').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await stage.screenshot('02-camera-page-live-timeline');
  }, 180_000);

  it('a click on the recorded span replays it, the playhead inside that span', async () => {
    const span = stage.page.getByTestId('timeline-span').last();
    await expect.poll(async () => (await span.boundingBox())?.width ?? 0, { timeout: 30_000 }).toBeGreaterThan(6); // 25 s at 1 h on this bar is ~8 px
    const box = (await span.boundingBox())!;
    clicked = {
      start: Date.parse((await span.getAttribute('data-start'))!),
      end: Date.parse((await span.getAttribute('data-end'))!),
    };
    await stage.page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2);
    const replay = stage.page.getByTestId('camera-replay-video');
    await expectPlaying(replay, 1.5, 45_000);
    const shown = Date.parse((await stage.page.getByTestId('camera-replay-clock').getAttribute('data-ms'))!);
    // the span keeps growing while the camera records: its end can only have moved on
    expect(shown).toBeGreaterThanOrEqual(clicked.start);
    expect(shown).toBeLessThanOrEqual(Date.now());
    expect(shown - clicked.start).toBeLessThan(clicked.end - clicked.start + 15_000);
    await expect.poll(() => stage.page.getByTestId('timeline-playhead').count()).toBe(1);
    await stage.screenshot('03-replay-playing');
  }, 120_000);

  it('a clip of the span exports to an MP4 to download', async () => {
    const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
    const from = clicked.start + 2000;
    const to = Math.min(clicked.end, from + 12_000);
    await stage.page.getByTestId('camera-clip-from').fill(clock(from));
    await stage.page.getByTestId('camera-clip-to').fill(clock(to));
    await stage.page.getByTestId('camera-clip-export').click();
    const download = stage.page.getByTestId('camera-clip-download');
    await expect.poll(() => download.count(), { timeout: 90_000, interval: 500 }).toBe(1);
    const res = await stage.context.request.get(stage.url((await download.getAttribute('href'))!.replace(/^\//, '')));
    expect(res.status()).toBe(200);
    const bytes = await res.body();
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp'); // an MP4
    await stage.page.getByTestId('camera-clip').scrollIntoViewIfNeeded();
    await stage.screenshot('04-clip-exported', false);
  }, 120_000);

  it('an events-only camera with motion shows its event in the grid and in its events list', async () => {
    const created = await stage.api<CameraInfo>('POST', '/cameras', { name: 'Garden', url: yard.url, mode: 'events' });
    expect(created.status).toBe(201);
    const gardenId = created.body.id;
    await stage.page.goto(stage.url('#/cameras'));
    await expect.poll(() => stage.page.getByTestId('camera-tile').count()).toBe(2);
    // the moving ball is motion: an event starts, and the tile learns of it within a refresh
    await expect
      .poll(async () => (await stage.api<CameraEventInfo[]>('GET', `/cameras/${gardenId}/events`)).body.length, {
        timeout: 90_000,
        interval: 1000,
      })
      .toBeGreaterThan(0);
    const tile = stage.page.getByTestId('camera-tile').filter({ hasText: 'Garden' });
    await expect.poll(() => tile.textContent(), { timeout: 15_000 }).toMatch(/Last event/);
    const video = tile.getByTestId('camera-live-video');
    await expectPlaying(video, 1, 45_000, liveReport(gardenId, video));
    await stage.screenshot('05-grid-two-cameras');
    await tile.getByTestId('camera-tile-name').click();
    await expect.poll(() => stage.page.getByTestId('camera-event').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = stage.page.getByTestId('camera-event').first();
    expect(await first.textContent()).toMatch(/Motion/);
    await stage.screenshot('06-events-list');
  }, 180_000);

  it('a camera that goes away shows offline with its reason and when it is retried', async () => {
    await yard.stop();
    await stage.page.getByTestId('camera-back').click();
    const tile = stage.page.getByTestId('camera-tile').filter({ hasText: 'Garden' });
    await expect.poll(() => tile.getByTestId('camera-status').textContent(), { timeout: 60_000 }).toMatch(/Offline|Error/);
    await expect.poll(() => tile.textContent(), { timeout: 30_000 }).toMatch(/retrying (in \d+ (s|min)|now)/);
    // the other camera plays on
    const front = stage.page.getByTestId('camera-tile').filter({ hasText: CAMERA_NAME });
    const video = front.getByTestId('camera-live-video');
    await expectPlaying(video, 1, 45_000, liveReport(cameraId, video));
    await expect.poll(() => front.getAttribute('data-live-state'), { timeout: 10_000 }).toBe('playing');
    await stage.screenshot('07-one-camera-offline');
  }, 150_000);

  it('on a phone-sized screen the pages fit the width', async () => {
    await stage.page.setViewportSize({ width: 400, height: 860 });
    const overflow = () => stage.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await stage.screenshot('08-narrow-grid');
    await stage.page.getByTestId('camera-tile-name').filter({ hasText: CAMERA_NAME }).click();
    await expect.poll(() => stage.page.getByTestId('camera-timeline').count()).toBe(1);
    await expect.poll(overflow).toBeLessThanOrEqual(0);
    await stage.screenshot('09-narrow-camera-page');
    await stage.page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('the page had no errors', () => {
    expect(stage.problems.pageErrors).toEqual([]);
  });
});
