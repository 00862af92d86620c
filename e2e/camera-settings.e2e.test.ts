// Settings → Cameras as a user: the real `racoon serve`, a real RTSP camera with a password (GStreamer), Debian's
// Chromium. Add a camera through the form (Test connection shows its resolution), give it a weekly schedule ("25:00"
// is refused inline, an overnight row is fine), save, and see it listed and recording by the schedule.
// Screenshots go to e2e/artifacts/camera-settings/.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CameraInfo } from '../app/api/api-types.js';
import { useE2eStage } from './support/e2e-stage.js';
import { startRtspCamera, type RtspCamera } from './support/rtsp-camera.js';

const PASSWORD = 'e2e camera settings';

describe('Settings → Cameras, end to end (racoon serve + RTSP camera + Chromium)', () => {
  let camera: RtspCamera;

  const stage = useE2eStage({
    name: 'camera-settings',
    password: PASSWORD,
    alongside: async () => {
      camera = await startRtspCamera({ user: 'admin', password: 's3cret', size: '640x360', fps: 10 });
    },
    cleanup: [['the camera', () => camera?.stop()]],
  });

  /** the Cameras panel only: the whole settings page is too long to look at */
  async function panelShot(name: string) {
    // the sticky top bar would be stitched over the middle of a tall element shot
    await stage.page.getByTestId('camera-settings').screenshot({
      path: path.join(stage.artifacts, `${name}.png`),
      animations: 'disabled',
      style: '.topbar { visibility: hidden; }',
    });
  }

  const cameras = () => stage.page.evaluate(() => fetch('/api/v1/cameras').then((r) => r.json())) as Promise<CameraInfo[]>;

  it('signs in and opens Settings → Cameras: no cameras yet', async () => {
    await stage.signInThroughPage();
    await stage.page.goto(stage.url('#/settings'));
    await stage.page.getByTestId('camera-none').waitFor();
    await stage.page.getByTestId('camera-settings').scrollIntoViewIfNeeded();
    await panelShot('01-no-cameras');
  });

  it('Test connection says why without the password, and shows codec and resolution with it', async () => {
    await stage.page.getByTestId('camera-add').click();
    await stage.page.getByTestId('camera-name').fill('Garden');
    await stage.page.getByTestId('camera-url').fill(camera.url);
    await stage.page.getByTestId('camera-test').click();
    const main = stage.page.getByTestId('camera-test-main');
    await stage.page.locator('[data-testid=camera-test-main][data-state=done]').waitFor({ timeout: 30_000 });
    expect(await main.textContent()).toContain('Wrong user name or password');

    await stage.page.getByTestId('camera-username').fill('admin');
    await stage.page.getByTestId('camera-password').fill('s3cret');
    await stage.page.getByTestId('camera-test').click();
    await main.filter({ hasText: '640×360' }).waitFor({ timeout: 30_000 });
    expect(await main.textContent()).toMatch(/H\.264 · 640×360 · 10 fps/);
  });

  it('a weekly schedule: 25:00 is refused inline, an overnight row is explained', async () => {
    await stage.page.getByTestId('camera-mode').selectOption('schedule');
    await stage.page.getByTestId('camera-schedule-add').click();
    await stage.page.getByTestId('camera-schedule-add').click();
    const from = stage.page.getByTestId('camera-schedule-from');
    const to = stage.page.getByTestId('camera-schedule-to');
    await from.nth(0).fill('25:00');
    await stage.page.getByTestId('camera-error-schedule.0').filter({ hasText: '“25:00” is not a time' }).waitFor();
    await from.nth(0).fill('08:00');
    expect(await stage.page.getByTestId('camera-error-schedule.0').count()).toBe(0);
    // the second row: every day, 22:00 → 06:00, recorded continuously
    const row = stage.page.getByTestId('camera-schedule-row').nth(1);
    for (const day of ['0', '6']) await row.locator(`[data-day="${day}"]`).click();
    await from.nth(1).fill('22:00');
    await to.nth(1).fill('06:00');
    await stage.page.getByTestId('camera-schedule-mode').nth(1).selectOption('continuous');
    expect(await row.getByTestId('camera-schedule-note').textContent()).toContain('runs overnight, until 06:00 the next day');
    await panelShot('02-form-filled');
  });

  it('saves, and the camera is listed without its password, recording by its schedule', async () => {
    await stage.page.getByTestId('camera-save').click();
    await stage.page.getByTestId('camera-done').filter({ hasText: 'Added “Garden”' }).waitFor();
    const row = stage.page.getByTestId('camera-row');
    // the list reloads after the save's message shows
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.getByTestId('camera-row-name').textContent()).toBe('Garden');
    expect(await row.getByTestId('camera-row-url').textContent()).toBe(camera.url);
    expect(await row.getByTestId('camera-row-schedule').textContent()).toBe(
      'Mon–Fri 08:00–18:00 events; every day 22:00–06:00 continuous',
    );

    const [saved] = await cameras();
    expect(saved).toMatchObject({ name: 'Garden', url: camera.url, mode: 'schedule', hasCredentials: true });
    expect(saved.schedule).toHaveLength(12);
    expect(saved.schedule).toContainEqual({ day: 0, start: '22:00', end: '06:00', mode: 'continuous' });
    expect(saved.effectiveReason).toMatch(/^schedule: /);
    // the list refreshes itself: the camera comes online (or says why) without a reload
    await row.getByTestId('camera-row-status').filter({ hasNotText: 'Connecting' }).waitFor({ timeout: 30_000 });
    await panelShot('03-listed');
    expect(stage.problems.pageErrors).toEqual([]);
  });

  it('edit sends only what changed; remove asks first', async () => {
    await stage.page.getByTestId('camera-edit').click();
    expect(await stage.page.getByTestId('camera-password').inputValue()).toBe('');
    await stage.page.getByTestId('camera-event-days').fill('14');
    await stage.page.getByTestId('camera-save').click();
    await stage.page.getByTestId('camera-done').filter({ hasText: 'Saved “Garden”' }).waitFor();
    const [saved] = await cameras();
    expect(saved.retention).toEqual({ continuousDays: null, eventDays: 14 });
    expect(saved.hasCredentials).toBe(true);

    await stage.page.getByTestId('camera-remove').click();
    await stage.page.getByTestId('camera-remove-confirm').click();
    await stage.page.getByTestId('camera-none').waitFor();
    expect(await cameras()).toEqual([]);
  });
});
