/**
 * Lets something through at most once per `intervalMs` (progress events, "the library changed" notices), or at
 * once when forced. Replaces hand-kept "last time" fields and their comparisons.
 */
export class IntervalGate {
  private last = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True (and the interval restarts) when forced or when the interval has passed since the last pass. */
  pass(force = false): boolean {
    const now = this.now();
    if (!force && now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }
}
