import { describe, expect, it } from 'vitest';
import { InterruptibleSleep } from './interruptible-sleep.js';

describe('InterruptibleSleep', () => {
  it('sleeps the time asked', async () => {
    const started = Date.now();
    await new InterruptibleSleep().sleep(120);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('wake() ends the sleep at once; a wake with nobody asleep does nothing to the next sleep', async () => {
    const wait = new InterruptibleSleep();
    wait.wake();
    const started = Date.now();
    const sleeping = wait.sleep(60_000);
    setTimeout(() => wait.wake(), 50);
    await sleeping;
    expect(Date.now() - started).toBeLessThan(5_000);
    const again = Date.now();
    await wait.sleep(100);
    expect(Date.now() - again).toBeGreaterThanOrEqual(90);
  });
});
