// The player's side of watch state, end to end: the real useWatchProgress hook and ResumePrompt (built by Vite into a
// bare player page the engine serves), a real engine in this process, a real H.264/AAC file, Debian's Chromium.
// Resume prompt, resume, start over, reports on pause / every 10 s / leaving the player / the end.
// Screenshots go to e2e/artifacts/watch-progress/.
import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileProgress, MovieDetail, LibraryItemSummary } from '../app/api/api-types.js';
import { silentLogger } from '../app/core/logger.js';
import { Engine } from '../app/engine.js';
import { launchChromium, screenshot, watchPageProblems, type PageProblems } from './support/browser.js';
import { makeClip, tempDir } from './support/media-fixtures.js';
import { REPO_ROOT } from './support/racoon-process.js';

const ARTIFACTS = path.join(REPO_ROOT, 'e2e', 'artifacts', 'watch-progress');
const HARNESS = path.join(REPO_ROOT, 'e2e', 'support', 'watch-harness');
const CLIP_SECONDS = 150;

describe('watch progress in the player (useWatchProgress + ResumePrompt, real engine, Chromium)', () => {
  let dir: string;
  let engine: Engine;
  let base: string;
  let token: string;
  let fileId: number;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  const progress = async (): Promise<FileProgress> => {
    const res = await fetch(`${base}/api/v1/files/${fileId}/progress`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as FileProgress;
  };

  /** Polls the engine until this user's progress of the file passes `check`. */
  async function progressUntil(check: (p: FileProgress) => boolean, what: string, timeoutMs = 20_000): Promise<FileProgress> {
    const deadline = Date.now() + timeoutMs;
    let last = await progress();
    while (!check(last)) {
      if (Date.now() > deadline) throw new Error(`no report ${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, 100));
      last = await progress();
    }
    return last;
  }

  const video = () => page.getByTestId('video');
  const videoState = () =>
    video().evaluate((v: HTMLVideoElement) => ({ time: v.currentTime, paused: v.paused, ready: v.readyState }));
  const waitForVideo = (condition: string, timeout = 20_000) =>
    page.waitForFunction(
      (cond) => {
        const v = document.querySelector('video');
        return !!v && new Function('v', `return ${cond}`)(v);
      },
      condition,
      { timeout, polling: 50 },
    );

  const openPlayer = async () => {
    await page.goto(`${base}/?file=${fileId}`);
    await waitForVideo('v.readyState >= 1');
  };

  beforeAll(async () => {
    dir = tempDir('watch-e2e');
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    const media = path.join(dir, 'media');
    makeClip(path.join(media, 'Movies', 'Resume Test (2022)', 'Resume Test (2022).mp4'), CLIP_SECONDS, '160x90');
    const ui = path.join(dir, 'ui');
    await build({
      configFile: false,
      root: HARNESS,
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      build: { outDir: ui, emptyOutDir: true },
    });
    engine = await Engine.create({
      dataDir: path.join(dir, 'data'),
      mediaDirs: [media],
      port: 0,
      adminPassword: 'watch e2e password',
      logger: silentLogger(),
      watch: false,
      scanOnStart: false,
      rendererDir: ui,
    });
    base = (await engine.start()).url.replace(/\/$/, '');
    await engine.library.scan();
    engine.probes.start();
    await engine.probes.idle();
    token = await engine.issueSessionToken();
    const items = (await (
      await fetch(`${base}/api/v1/library/items`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as LibraryItemSummary[];
    const movie = (await (
      await fetch(`${base}/api/v1/library/items/${items[0].id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as MovieDetail;
    fileId = movie.files[0].id;

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    context.setDefaultTimeout(20_000);
    await context.addCookies([{ name: 'racoon_session', value: token, url: base }]);
    page = await context.newPage();
    problems = watchPageProblems(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await engine?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a first viewing: no prompt; a pause after seeking reports the position', async () => {
    await openPlayer();
    await waitForVideo('!v.paused && v.currentTime > 0.2'); // autoplay started: the hook held nothing back
    expect(await page.getByTestId('resume-prompt').count()).toBe(0);
    await video().evaluate((v: HTMLVideoElement) => {
      v.currentTime = 75;
    });
    await waitForVideo('!v.seeking && v.currentTime >= 75');
    await video().evaluate((v: HTMLVideoElement) => v.pause());
    const saved = await progressUntil((p) => p.positionSec !== null, 'after the pause');
    expect(saved.positionSec).toBeGreaterThanOrEqual(75);
    expect(saved.positionSec).toBeLessThan(78);
    expect(saved.durationSec).toBeCloseTo(CLIP_SECONDS, 0);
  });

  it('reopening offers "Resume from 1:15" with the video held paused; Resume seeks there and plays', async () => {
    await openPlayer();
    const prompt = page.getByTestId('resume-prompt');
    await prompt.waitFor();
    expect(await page.getByTestId('resume-play').textContent()).toMatch(/Resume from 1:1[5-7]/);
    await page.waitForTimeout(300);
    const held = await videoState();
    expect(held.paused).toBe(true);
    expect(held.time).toBeLessThan(2);
    await screenshot(page, ARTIFACTS, '01-resume-prompt', false);
    // the prompt is open: nothing has been reported, the resume point is intact
    expect((await progress()).positionSec).toBeGreaterThanOrEqual(75);

    await page.getByTestId('resume-play').click();
    await waitForVideo('!v.paused && !v.seeking && v.currentTime >= 75');
    expect(await prompt.count()).toBe(0);
  });

  it('while playing it reports about every 10 s without a pause', async () => {
    const before = (await progress()).positionSec!;
    const after = await progressUntil((p) => (p.positionSec ?? 0) >= before + 5, 'from the 10-second tick', 30_000);
    expect((await videoState()).paused).toBe(false);
    expect(after.positionSec).toBeGreaterThan(before);
  });

  it('leaving the player (unmount) reports where it was', async () => {
    await waitForVideo('v.currentTime >= 90', 30_000);
    await page.getByTestId('leave').click();
    await page.getByTestId('closed').waitFor();
    const saved = await progressUntil((p) => (p.positionSec ?? 0) >= 90, 'on leaving');
    expect(saved.positionSec).toBeLessThan(CLIP_SECONDS * 0.9);
  });

  it('Start over plays from the beginning; a pause in the first minute clears the resume point', async () => {
    await openPlayer();
    await page.getByTestId('resume-start-over').click();
    await waitForVideo('!v.paused && v.currentTime >= 1.5');
    expect((await videoState()).time).toBeLessThan(30);
    await video().evaluate((v: HTMLVideoElement) => v.pause());
    await progressUntil((p) => p.positionSec === null, 'clearing the resume point');
  });

  it('playing to the end marks it played', async () => {
    await openPlayer();
    expect(await page.getByTestId('resume-prompt').count()).toBe(0);
    await video().evaluate((v: HTMLVideoElement, seconds) => {
      v.currentTime = seconds - 2;
      void v.play();
    }, CLIP_SECONDS);
    await waitForVideo('v.ended', 30_000);
    const done = await progressUntil((p) => p.played, 'at the end');
    expect(done.positionSec).toBeNull();
    await screenshot(page, ARTIFACTS, '02-ended', false);
    expect(problems.pageErrors).toEqual([]);
  });
});
