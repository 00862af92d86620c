// ONVIF alarms for every camera that has an ONVIF address: one PullPointEvents per camera, kept in step with the
// camera list (sync), each alarm handed to one callback with the camera's id. The CCTV service owns what an alarm
// does (an event row, a snapshot, a clip, a notification); this only turns PullPoint messages into start/end calls.
import type { OnvifEventKind } from './onvif-event-topics.js';
import { PullPointEvents, type PullPointEventsOptions, type PullPointState } from './pull-point-events.js';

export interface OnvifEventSource {
  cameraId: number;
  /** the camera's device service, e.g. http://192.168.1.20/onvif/device_service */
  xaddr: string;
  username?: string;
  password?: string;
}

export type OnvifAlarmHandler = (
  cameraId: number,
  kind: OnvifEventKind,
  phase: 'start' | 'end',
  atMs: number,
  topic: string,
) => void;

export interface OnvifEventBridgeOptions {
  onAlarm: OnvifAlarmHandler;
  /** a camera's subscription changed state (subscribed, retrying with the reason…) */
  onState?: (cameraId: number, state: PullPointState) => void;
  retry?: PullPointEventsOptions['retry'];
  log?: PullPointEventsOptions['log'];
}

export class OnvifEventBridge {
  private readonly running = new Map<number, { source: OnvifEventSource; events: PullPointEvents }>();
  /** changes one at a time: a sync that overlaps another (add, then remove at once) must not act on a stale list */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: OnvifEventBridgeOptions) {}

  /** Makes the running subscriptions match `sources`: new cameras start, gone ones stop, changed ones restart. */
  sync(sources: readonly OnvifEventSource[]): Promise<void> {
    return this.serial(() => this.syncNow(sources));
  }

  private async syncNow(sources: readonly OnvifEventSource[]): Promise<void> {
    const wanted = new Map(sources.map((s) => [s.cameraId, s]));
    const stopping: Array<Promise<void>> = [];
    for (const [cameraId, entry] of this.running) {
      const next = wanted.get(cameraId);
      if (!next || !sameSource(next, entry.source)) {
        this.running.delete(cameraId);
        stopping.push(entry.events.stop());
      }
    }
    await Promise.all(stopping);
    for (const source of wanted.values()) if (!this.running.has(source.cameraId)) this.startOne(source);
  }

  /** Starts (or restarts with new settings) one camera's subscription. */
  set(source: OnvifEventSource): Promise<void> {
    return this.serial(() => {
      const others = [...this.running.values()].map((e) => e.source).filter((s) => s.cameraId !== source.cameraId);
      return this.syncNow([...others, source]);
    });
  }

  remove(cameraId: number): Promise<void> {
    return this.serial(async () => {
      const entry = this.running.get(cameraId);
      if (!entry) return;
      this.running.delete(cameraId);
      await entry.events.stop();
    });
  }

  /** Each camera's subscription state, for status pages and logs. */
  states(): Map<number, PullPointState> {
    return new Map([...this.running].map(([id, entry]) => [id, entry.events.state]));
  }

  /** Stops every subscription (each unsubscribes and ends its open alarms). */
  stop(): Promise<void> {
    return this.serial(async () => {
      const entries = [...this.running.values()];
      this.running.clear();
      await Promise.all(entries.map((e) => e.events.stop()));
    });
  }

  private serial(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private startOne(source: OnvifEventSource): void {
    const events = new PullPointEvents({
      target: { xaddr: source.xaddr, username: source.username, password: source.password },
      onAlarm: (alarm) => this.options.onAlarm(source.cameraId, alarm.kind, alarm.phase, alarm.atMs, alarm.topic),
      onState: (state) => this.options.onState?.(source.cameraId, state),
      retry: this.options.retry,
      log: this.options.log,
    });
    this.running.set(source.cameraId, { source, events });
    events.start();
  }
}

const sameSource = (a: OnvifEventSource, b: OnvifEventSource) =>
  a.xaddr === b.xaddr && (a.username ?? '') === (b.username ?? '') && (a.password ?? '') === (b.password ?? '');
