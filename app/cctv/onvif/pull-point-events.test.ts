import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startOnvifCamera, type OnvifCamera } from '../../../e2e/support/onvif-camera.js';
import { waitFor } from '../../transcode/transcode-sources.test-support.js';
import { PullPointEvents, type OnvifAlarm } from './pull-point-events.js';
import { OnvifEventBridge } from './onvif-event-bridge.js';

const PASSWORD = 'onvif-Pa55';
const retry = { initialMs: 200, maxMs: 1000 };

describe('PullPointEvents: ONVIF alarms of one camera over a PullPoint subscription', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setup() {
    const sim = await startOnvifCamera({ streamUrl: 'rtsp://127.0.0.1:8554/cam', username: 'admin', password: PASSWORD });
    cleanup.push(() => sim.stop());
    const alarms: OnvifAlarm[] = [];
    const events = new PullPointEvents({
      target: { xaddr: sim.xaddr, username: 'admin', password: PASSWORD },
      onAlarm: (a) => alarms.push(a),
      retry,
    });
    cleanup.push(() => events.stop());
    events.start();
    await waitFor(() => (events.state.status === 'subscribed' ? true : undefined), 'subscribed', 15_000);
    return { sim, alarms, events };
  }

  it('motion raised → start, cleared → end, tamper likewise; the state announced at subscription is no event', async () => {
    const { sim, alarms } = await setup();
    const before = Date.now();
    sim.setMotion(true);
    await waitFor(() => alarms.length >= 1 || undefined, 'motion start', 15_000);
    expect(alarms[0]).toMatchObject({ kind: 'motion', phase: 'start', topic: 'RuleEngine/CellMotionDetector/Motion' });
    expect(alarms[0].atMs).toBeGreaterThanOrEqual(before - 1000);
    sim.setTamper(true);
    sim.setMotion(false);
    await waitFor(() => alarms.length >= 3 || undefined, 'tamper start and motion end', 15_000);
    sim.setTamper(false);
    await waitFor(() => alarms.length >= 4 || undefined, 'tamper end', 15_000);
    expect(alarms.map((a) => `${a.kind} ${a.phase}`)).toEqual(['motion start', 'tamper start', 'motion end', 'tamper end']);
    expect(alarms[1].topic).toBe('VideoSource/GlobalSceneChange/ImagingService');
  }, 30_000);

  it('stop() unsubscribes, and ends an alarm that is still on', async () => {
    const { sim, alarms, events } = await setup();
    sim.setMotion(true);
    await waitFor(() => alarms.length >= 1 || undefined, 'motion start', 15_000);
    expect(sim.activeSubscriptions()).toBe(1);
    await events.stop();
    expect(sim.stats.unsubscribes).toBe(1);
    expect(sim.activeSubscriptions()).toBe(0);
    expect(alarms.map((a) => `${a.kind} ${a.phase}`)).toEqual(['motion start', 'motion end']);
    expect(events.state.status).toBe('stopped');
  }, 30_000);

  it('the camera dropping and coming back: retries with back-off, subscribes again, resyncs and keeps reporting', async () => {
    const { sim, alarms, events } = await setup();
    sim.setMotion(true);
    await waitFor(() => alarms.length >= 1 || undefined, 'motion start', 15_000);
    await sim.stop();
    const retrying = await waitFor(() => (events.state.status === 'retrying' ? events.state : undefined), 'retrying', 15_000);
    expect(retrying.error).toMatch(/127\.0\.0\.1/);
    // while it is away, motion stops; after the "reboot" the camera's Initialized state says so
    sim.setMotion(false);
    await sim.restart();
    await waitFor(
      () => (events.state.status === 'subscribed' && events.state.subscriptions === 2) || undefined,
      'a new subscription',
      20_000,
    );
    await waitFor(() => alarms.length >= 2 || undefined, 'motion end after the resync', 15_000);
    sim.setTamper(true);
    await waitFor(() => alarms.length >= 3 || undefined, 'tamper after the reconnection', 15_000);
    expect(alarms.map((a) => `${a.kind} ${a.phase}`)).toEqual(['motion start', 'motion end', 'tamper start']);
    expect(sim.stats.subscriptionsCreated).toBe(2);
  }, 60_000);

  it('a camera that refuses Renew: subscribed afresh before each lapse, a motion held across them is one event', async () => {
    const sim = await startOnvifCamera({
      streamUrl: 'rtsp://127.0.0.1:8554/cam',
      renew: false,
      maxSubscriptionMs: 3000,
      maxPullWaitMs: 500,
    });
    cleanup.push(() => sim.stop());
    const alarms: OnvifAlarm[] = [];
    const events = new PullPointEvents({ target: { xaddr: sim.xaddr }, onAlarm: (a) => alarms.push(a), retry });
    cleanup.push(() => events.stop());
    events.start();
    await waitFor(() => (events.state.status === 'subscribed' ? true : undefined), 'subscribed', 15_000);
    sim.setMotion(true);
    await waitFor(() => alarms.length >= 1 || undefined, 'motion start', 15_000);
    // each new subscription announces IsMotion=true again (Initialized): that is the same motion
    await waitFor(() => sim.stats.subscriptionsCreated >= 4 || undefined, 'three more subscriptions', 20_000);
    expect(events.state).toMatchObject({ status: 'subscribed', error: null });
    sim.setMotion(false);
    await waitFor(() => alarms.length >= 2 || undefined, 'motion end', 15_000);
    expect(alarms.map((a) => `${a.kind} ${a.phase}`)).toEqual(['motion start', 'motion end']);
    expect(sim.stats.renews).toBe(0);
  }, 40_000);

  it('stop() while the camera is not answering returns promptly and tries no more', async () => {
    const silent = http.createServer(() => undefined); // accepts, never replies
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    let requests = 0;
    silent.on('request', () => requests++);
    cleanup.push(async () => {
      silent.closeAllConnections();
      silent.close();
    });
    const port = (silent.address() as AddressInfo).port;
    const events = new PullPointEvents({
      target: { host: '127.0.0.1', port, timeoutMs: 20_000 },
      onAlarm: () => undefined,
      retry,
    });
    events.start();
    await waitFor(() => requests >= 1 || undefined, 'the first request', 15_000);
    const started = Date.now();
    await events.stop();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(events.state.status).toBe('stopped');
    const seen = requests;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(requests).toBe(seen);
  }, 30_000);

  it('a wrong password keeps it retrying with the reason, and never subscribes', async () => {
    const sim = await startOnvifCamera({ streamUrl: 'rtsp://127.0.0.1:8554/cam', username: 'admin', password: PASSWORD });
    cleanup.push(() => sim.stop());
    const events = new PullPointEvents({
      target: { xaddr: sim.xaddr, username: 'admin', password: 'wrong' },
      onAlarm: () => undefined,
      retry,
    });
    cleanup.push(() => events.stop());
    events.start();
    const state = await waitFor(() => (events.state.status === 'retrying' ? events.state : undefined), 'retrying', 15_000);
    expect(state.error).toMatch(/refused the user name or password/);
    expect(sim.stats.subscriptionsCreated).toBe(0);
  }, 30_000);
});

describe('OnvifEventBridge: one subscription per camera, alarms with the camera id', () => {
  it('runs a subscription for each camera, follows the list, and stops them all', async () => {
    const front = await startOnvifCamera({ streamUrl: 'rtsp://127.0.0.1:8554/front', username: 'admin', password: PASSWORD });
    const back = await startOnvifCamera({ streamUrl: 'rtsp://127.0.0.1:8554/back' });
    const calls: string[] = [];
    const bridge = new OnvifEventBridge({
      onAlarm: (cameraId, kind, phase) => calls.push(`${cameraId} ${kind} ${phase}`),
      retry,
    });
    try {
      await bridge.sync([
        { cameraId: 1, xaddr: front.xaddr, username: 'admin', password: PASSWORD },
        { cameraId: 2, xaddr: back.xaddr },
      ]);
      await waitFor(
        () => [...bridge.states().values()].every((s) => s.status === 'subscribed') || undefined,
        'both subscribed',
        15_000,
      );
      front.setMotion(true);
      back.setTamper(true);
      await waitFor(() => calls.length >= 2 || undefined, 'two alarms', 15_000);
      expect(calls.sort()).toEqual(['1 motion start', '2 tamper start']);
      // camera 2 removed: its subscription ends (and its open alarm with it); camera 1 keeps going
      await bridge.sync([{ cameraId: 1, xaddr: front.xaddr, username: 'admin', password: PASSWORD }]);
      expect(calls).toContain('2 tamper end');
      expect(back.activeSubscriptions()).toBe(0);
      front.setMotion(false);
      await waitFor(() => calls.includes('1 motion end') || undefined, 'camera 1 still reporting', 15_000);
      expect([...bridge.states().keys()]).toEqual([1]);
      // changes made at once are applied in order
      await Promise.all([
        bridge.remove(1),
        bridge.set({ cameraId: 3, xaddr: back.xaddr }),
        bridge.sync([{ cameraId: 3, xaddr: back.xaddr }]),
      ]);
      expect([...bridge.states().keys()]).toEqual([3]);
      await waitFor(() => back.activeSubscriptions() === 1 || undefined, 'one subscription to the back camera', 15_000);
    } finally {
      await bridge.stop();
      expect(front.activeSubscriptions()).toBe(0);
      await front.stop();
      await back.stop();
    }
  }, 60_000);
});
