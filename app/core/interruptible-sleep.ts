/**
 * The wait between retries that stop() must be able to cut short: camera recorders, live relays and ONVIF
 * subscriptions each sleep in one, and wake() ends the sleep at once.
 */
export class InterruptibleSleep {
  private pending: (() => void) | null = null;

  /** Resolves after `ms`, or as soon as wake() is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.pending === done) this.pending = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending = done;
    });
  }

  wake(): void {
    this.pending?.();
  }
}
