// End to end, as a user: an MKV with MPEG-2 video and AC-3 audio (Chromium plays neither) in the library of the real
// `racoon serve`, opened in Debian's Chromium. The player says it transcodes and why, plays through hls.js (the
// video's time advances), seeks to 80 % and plays on within seconds; leaving the page stops the stream's ffmpeg.
// Screenshots go to e2e/artifacts/transcode-playback/.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryItemSummary, MovieDetail, PlaybackInfo } from '../app/api/api-types.js';
import { makeMpeg2Ac3Mkv } from '../app/stream/media-sources.test-support.js';
import { isAlive } from './support/processes.js';
import { useE2eStage } from './support/e2e-stage.js';

const PASSWORD = 'e2e correct horse';
// longer than what the engine transcodes ahead of the player (60 s), so the seek needs a restarted ffmpeg
const SOURCE_SECONDS = 150;

interface StreamState {
  id: string;
  pid: number | null;
  runStart: number | null;
  segmentsReady: number;
}

describe('transcoded playback through HLS, end to end (racoon serve + Chromium + ffmpeg)', () => {
  let movie: MovieDetail;

  const stage = useE2eStage({
    name: 'transcode-playback',
    password: PASSWORD,
    racoon: async (dir) => {
      const media = path.join(dir, 'media');
      await makeMpeg2Ac3Mkv(path.join(media, 'Movies', 'Old Broadcast (1998)', 'Old Broadcast (1998).mkv'), {
        seconds: SOURCE_SECONDS,
        size: '640x360',
      });
      return { mediaDirs: [media] };
    },
  });

  /** The player's video: where it is, how much is buffered ahead, whether it is playing. */
  const videoState = () =>
    stage.page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => ({
      time: v.currentTime,
      duration: v.duration,
      paused: v.paused,
      readyState: v.readyState,
    }));

  it('signs in and finds the movie once it is scanned and probed', async () => {
    await stage.signIn();
    const deadline = Date.now() + 60_000;
    for (;;) {
      const items = await stage.get<LibraryItemSummary[]>('/library/items');
      const found = items.find((i) => i.title === 'Old Broadcast');
      if (found) {
        movie = await stage.get<MovieDetail>(`/library/items/${found.id}`);
        if (movie.files[0]?.probe) break;
      }
      if (Date.now() > deadline) throw new Error('the movie was not scanned and probed within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(movie.files[0].probe?.video?.codec).toBe('mpeg2video');
  });

  it('the player says it transcodes and why, and the video plays through hls.js', async () => {
    const fileId = movie.files[0].id;
    await stage.page.goto(stage.url(`#/play/${fileId}`));
    await expect.poll(() => stage.page.getByTestId('playback-method').textContent()).toBe('Transcode');
    const reasons = await stage.page
      .getByTestId('playback-reasons')
      .locator('li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')));
    expect(reasons).toEqual(
      expect.arrayContaining(['container-not-supported', 'video-codec-not-supported', 'audio-codec-not-supported']),
    );
    expect(await stage.page.getByTestId('player-video').getAttribute('data-method')).toBe('transcode');
    // autoplay may be refused without a gesture: press play like a user
    await stage.page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.play().catch(() => undefined));
    await expect.poll(async () => (await videoState()).time, { timeout: 20_000 }).toBeGreaterThan(1.5);
    const state = await videoState();
    expect(state.duration).toBeGreaterThan(SOURCE_SECONDS - 1);
    await stage.screenshot('01-transcoding-plays');
  });

  it('a seek to 80 % plays on within a few seconds, from a restarted ffmpeg', async () => {
    const target = SOURCE_SECONDS * 0.8;
    const started = Date.now();
    await stage.page.getByTestId('player-video').evaluate((v: HTMLVideoElement, t: number) => {
      v.currentTime = t;
      void v.play().catch(() => undefined);
    }, target);
    await expect.poll(async () => (await videoState()).time, { timeout: 10_000, interval: 100 }).toBeGreaterThan(target + 1);
    const seekSeconds = (Date.now() - started) / 1000;
    expect(seekSeconds).toBeLessThan(8);
    const streams = await stage.get<StreamState[]>('/playback/sessions');
    expect(streams).toHaveLength(1);
    // ffmpeg was restarted at the seek target instead of transcoding everything before it
    const targetSegment = Math.floor(target / 2);
    expect(streams[0].segmentsReady).toBeLessThan(SOURCE_SECONDS / 2);
    if (streams[0].runStart !== null) expect(streams[0].runStart).toBeGreaterThanOrEqual(targetSegment - 2);
    await stage.screenshot('02-after-seek-80-percent');
  });

  it('switching to the library stops the stream: no ffmpeg left', async () => {
    const [stream] = await stage.get<StreamState[]>('/playback/sessions');
    await stage.page.getByTestId('player-back').click();
    await expect.poll(async () => (await stage.get<StreamState[]>('/playback/sessions')).length, { timeout: 10_000 }).toBe(0);
    if (stream.pid) await expect.poll(() => isAlive(stream.pid!), { timeout: 5_000 }).toBe(false);
  });

  it('reopening offers to resume where the viewer left, and resuming plays on from there through a new stream', async () => {
    await stage.page.goto(stage.url(`#/play/${movie.files[0].id}`));
    const prompt = stage.page.getByTestId('resume-prompt');
    await prompt.waitFor();
    expect(await stage.page.getByTestId('resume-play').textContent()).toMatch(/Resume from 2:0\d/);
    await stage.screenshot('03-resume-prompt');
    await stage.page.getByTestId('resume-play').click();
    await expect
      .poll(async () => (await videoState()).time, { timeout: 15_000, interval: 100 })
      .toBeGreaterThan(SOURCE_SECONDS * 0.8 + 1);
    expect(await prompt.count()).toBe(0);
    await stage.page.getByTestId('player-back').click();
    await expect.poll(async () => (await stage.get<StreamState[]>('/playback/sessions')).length, { timeout: 10_000 }).toBe(0);
  });

  it('the API answers the same decision to a client that names its profile', async () => {
    const info = await stage.get<PlaybackInfo>(`/items/${movie.id}/playback?profile=chromium`);
    expect(info.method).toBe('transcode');
    expect(info.url).toMatch(/\/api\/v1\/hls\/[\w-]+\/master\.m3u8$/);
    const res = await stage.context.request.delete(info.url.replace(/\/master\.m3u8$/, ''));
    expect(res.status()).toBe(204);
  });
});
