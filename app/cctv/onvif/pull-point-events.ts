// ONVIF alarms of one camera over a PullPoint subscription: subscribe, long-poll PullMessages, renew before the
// subscription lapses, and when anything fails (the camera reboots, the network drops, the subscription is forgotten)
// start over with a growing back-off. Messages become start/end transitions per property, so a camera repeating
// "IsMotion=true" or re-announcing its state after a re-subscription does not make a second event.
import { classifyOnvifNotification, type OnvifEventKind } from './onvif-event-topics.js';
import { OnvifConnection, OnvifError, type OnvifTarget } from './onvif-client.js';
import { InterruptibleSleep } from '../../core/interruptible-sleep.js';

export interface OnvifAlarm {
  kind: OnvifEventKind;
  phase: 'start' | 'end';
  atMs: number;
  /** e.g. RuleEngine/CellMotionDetector/Motion */
  topic: string;
}

export type PullPointStatus = 'connecting' | 'subscribed' | 'retrying' | 'stopped';

export interface PullPointState {
  status: PullPointStatus;
  /** why the last attempt failed (null while subscribed) */
  error: string | null;
  /** when the next attempt starts while retrying */
  retryAt: number | null;
  /** subscriptions made so far (the first one and every re-subscription) */
  subscriptions: number;
}

export interface PullPointEventsOptions {
  target: OnvifTarget;
  onAlarm: (alarm: OnvifAlarm) => void;
  onState?: (state: PullPointState) => void;
  /** re-subscription back-off (default 1 s doubling to 60 s; reset by a good pull) */
  retry?: { initialMs?: number; maxMs?: number };
  /** renew when the subscription has less than this left (default 70 s: a pull may take a minute) */
  renewBeforeMs?: number;
  log?: { warn: (data: object, msg: string) => void; debug?: (data: object, msg: string) => void };
}

export class PullPointEvents {
  private stopped = true;
  private connection: OnvifConnection | null = null;
  /** cuts a connection still being opened when stop() comes */
  private opening: AbortController | null = null;
  /** the wait before a retry, cut short by stop() */
  private readonly retryWait = new InterruptibleSleep();
  private loop: Promise<void> | null = null;
  /** properties that are on now, by key, with what to report when they end */
  private readonly active = new Map<string, { kind: OnvifEventKind; topic: string }>();
  private readonly current: PullPointState = { status: 'stopped', error: null, retryAt: null, subscriptions: 0 };

  constructor(private readonly options: PullPointEventsOptions) {}

  get state(): PullPointState {
    return { ...this.current };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Unsubscribes (best effort), cuts the long poll, and ends what is still on. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.retryWait.wake();
    this.opening?.abort();
    const connection = this.connection;
    this.connection = null;
    if (connection) {
      // an Unsubscribe frees the camera's slot now rather than when the subscription lapses (cameras have few)
      await withTimeout(connection.unsubscribe(), 3000).catch(() => undefined);
      connection.close();
    }
    // the loop ends at once; the race only guards against a client that never calls back
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    const now = Date.now();
    for (const [key, on] of this.active) {
      this.active.delete(key);
      this.options.onAlarm({ kind: on.kind, phase: 'end', atMs: now, topic: on.topic });
    }
    this.setState({ status: 'stopped', error: null, retryAt: null });
  }

  private async run(): Promise<void> {
    const initialMs = this.options.retry?.initialMs ?? 1000;
    const maxMs = this.options.retry?.maxMs ?? 60_000;
    let delayMs = initialMs;
    while (!this.stopped) {
      try {
        this.setState({ status: 'connecting', error: null, retryAt: null });
        await this.subscribeAndPull(() => (delayMs = initialMs));
      } catch (err) {
        if (this.stopped) break;
        const why = err instanceof OnvifError ? err.message : String((err as Error)?.message ?? err);
        this.options.log?.warn({ err: why, retryInMs: delayMs }, 'ONVIF events: subscription lost, subscribing again');
        this.connection?.close();
        this.connection = null;
        this.setState({ status: 'retrying', error: why, retryAt: Date.now() + delayMs });
        await this.retryWait.sleep(delayMs);
        delayMs = Math.min(maxMs, delayMs * 2);
      }
    }
  }

  private async subscribeAndPull(onGoodPull: () => void): Promise<void> {
    this.opening = new AbortController();
    const connection = await OnvifConnection.open(this.options.target, { signal: this.opening.signal }).finally(
      () => (this.opening = null),
    );
    if (this.stopped) return connection.close();
    this.connection = connection;
    if (!connection.hasEvents) throw new OnvifError('failed', 'The camera has no ONVIF events service');
    let terminationMs = await connection.createPullPoint();
    this.setState({ status: 'subscribed', error: null, retryAt: null, subscriptions: this.current.subscriptions + 1 });
    const renewBeforeMs = this.options.renewBeforeMs ?? 70_000;
    while (!this.stopped) {
      const pulled = await connection.pullMessages();
      if (this.stopped) return;
      onGoodPull();
      for (const message of pulled.messages) this.handle(message);
      terminationMs = pulled.terminationMs ?? terminationMs;
      if (terminationMs - Date.now() < renewBeforeMs) {
        try {
          terminationMs = (await connection.renew()) ?? Date.now() + 60_000;
        } catch (err) {
          // some cameras do not renew PullPoints: a fresh subscription before this one lapses (its Initialized
          // messages resync the states); a camera that is gone fails the next pull and goes the back-off way
          this.options.log?.debug?.({ err: String(err) }, 'ONVIF events: renew refused');
          if (terminationMs - Date.now() < 10_000) {
            await connection.unsubscribe().catch(() => undefined);
            terminationMs = await connection.createPullPoint();
            this.setState({ subscriptions: this.current.subscriptions + 1 });
          }
        }
      }
    }
  }

  private handle(message: unknown): void {
    const n = classifyOnvifNotification(message, Date.now());
    if (!n) return;
    const emit = (phase: 'start' | 'end') => this.options.onAlarm({ kind: n.kind, phase, atMs: n.atMs, topic: n.topic });
    if (n.active === null) {
      // a pulse (a line crossed): it starts and ends at once; a re-announced pulse is no new event
      if (n.initial) return;
      emit('start');
      emit('end');
      return;
    }
    const wasOn = this.active.has(n.key);
    if (n.active && !wasOn) {
      this.active.set(n.key, { kind: n.kind, topic: n.topic });
      emit('start');
    } else if (!n.active && wasOn) {
      this.active.delete(n.key);
      emit('end');
    }
  }

  private setState(patch: Partial<PullPointState>): void {
    Object.assign(this.current, patch);
    this.options.onState?.(this.state);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
