import type { ProbeInfo, ProbeStatus } from '../api/api-types.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { IntervalGate } from '../core/interval-gate.js';
import type { WorkControl } from '../core/work-control.js';
import type { LibraryCatalogue } from './library-catalogue.js';

export type ProbeFunction = (file: string) => Promise<ProbeInfo>;

export interface ProbeQueueDeps {
  catalogue: LibraryCatalogue;
  probe: ProbeFunction;
  bus: EventBus;
  work: WorkControl;
  log: Logger;
  /** parallel ffprobe processes; 1 keeps a 2-core box responsive */
  concurrency?: number;
}

const PROGRESS_INTERVAL_MS = 500;
// UIs refetch what they show on library.changed: tell them less often than the progress counter
const CHANGED_INTERVAL_MS = 2000;

/** Probes catalogued files with ffprobe in the background, never blocking a scan. */
export class ProbeQueue {
  private running = 0;
  private done = 0;
  private failed = 0;
  private stopped = true;
  private active: Promise<void> | null = null;
  private wakeRequested = false;
  private readonly progressGate = new IntervalGate(PROGRESS_INTERVAL_MS);
  private readonly changedGate = new IntervalGate(CHANGED_INTERVAL_MS);
  private readonly inFlight = new Set<number>();

  constructor(private readonly deps: ProbeQueueDeps) {}

  status(): ProbeStatus {
    return {
      pending: Math.max(0, this.deps.catalogue.countUnprobed() - this.running),
      running: this.running,
      done: this.done,
      failed: this.failed,
    };
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Called after a scan or a watcher event: there may be new files to probe. */
  wake(): void {
    if (this.stopped) return;
    if (this.active) {
      this.wakeRequested = true;
      return;
    }
    this.active = this.drain().finally(() => {
      this.active = null;
      if (this.wakeRequested && !this.stopped) {
        this.wakeRequested = false;
        this.wake();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.active;
  }

  /** Resolves when nothing is left to probe (tests and the CLI wait on it). */
  async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  private async drain(): Promise<void> {
    const concurrency = this.deps.concurrency ?? 1;
    for (;;) {
      await this.deps.work.waitUntilRunning();
      if (this.stopped) return;
      const batch = this.deps.catalogue.unprobedFiles(concurrency * 4).filter((f) => !this.inFlight.has(f.id));
      if (batch.length === 0) break;
      for (let i = 0; i < batch.length && !this.stopped; i += concurrency) {
        await Promise.all(batch.slice(i, i + concurrency).map((file) => this.probeOne(file)));
      }
    }
    this.publish(true);
  }

  private async probeOne(file: { id: number; path: string }): Promise<void> {
    this.running++;
    this.inFlight.add(file.id);
    try {
      const probe = await this.deps.probe(file.path);
      this.deps.catalogue.setProbe(file.id, { probe });
      this.done++;
    } catch (err) {
      const message = (err as Error).message;
      this.deps.log.warn({ file: file.path }, message);
      this.deps.catalogue.setProbe(file.id, { error: message });
      this.failed++;
    } finally {
      this.running--;
      this.inFlight.delete(file.id);
      this.publish();
    }
  }

  private publish(force = false): void {
    if (this.progressGate.pass(force)) this.deps.bus.publish({ type: 'probe.progress', status: this.status() });
    if (this.changedGate.pass(force)) this.deps.bus.publish({ type: 'library.changed', reason: 'probe' });
  }
}
