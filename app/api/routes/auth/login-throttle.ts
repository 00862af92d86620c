const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 10;

/** Slows down password guessing: after 10 failures from one address in 5 minutes, wait. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  retryAfterSeconds(address: string): number {
    const recent = this.recent(address);
    if (recent.length < MAX_FAILURES) return 0;
    return Math.max(1, Math.ceil((recent[0] + WINDOW_MS - this.now()) / 1000));
  }

  failed(address: string): void {
    this.failures.set(address, [...this.recent(address), this.now()]);
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    return (this.failures.get(address) ?? []).filter((t) => t > cutoff);
  }
}
