/** Pause/resume for all background work (scans, probes, later downloads and transcodes). */
export class WorkControl {
  private paused = false;
  private waiters: Array<() => void> = [];
  private readonly listeners = new Set<(paused: boolean) => void>();

  isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.emit();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
    this.emit();
  }

  /** Resolves at once when running, or when work is resumed. */
  waitUntilRunning(): Promise<void> {
    if (!this.paused) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  onChange(listener: (paused: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.paused);
  }
}
