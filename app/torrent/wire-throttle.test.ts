// RateCap on its own: the bucket that paces one download's wires (the real-peer tests are in torrent-client.test.ts).
import { describe, expect, it } from 'vitest';
import { RateCap } from './wire-throttle.js';

const take = (cap: RateCap, bytes: number) => new Promise<void>((resolve) => cap.take(bytes, resolve));

describe('RateCap', () => {
  it('lets everything through at once without a rate', async () => {
    const cap = new RateCap(null);
    const started = Date.now();
    for (let i = 0; i < 1000; i++) await take(cap, 1 << 20);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cap.rate).toBeNull();
  });

  it('paces bytes at its rate, also an amount larger than one second of it (taken in parts)', async () => {
    const cap = new RateCap(100_000);
    const started = Date.now();
    await take(cap, 250_000); // the bucket starts empty: 2.5 s of tokens
    expect(Date.now() - started).toBeGreaterThanOrEqual(2300);
  });

  it('applies a new rate to what waits, and releases it when the cap is lifted', async () => {
    const cap = new RateCap(1000);
    expect(cap.rate).toBe(1000);
    const started = Date.now();
    const waiting = take(cap, 5000);
    cap.set(null); // the parts still to take pass at once
    await waiting;
    expect(Date.now() - started).toBeLessThan(2500);
    cap.set(0);
    expect(cap.rate).toBeNull();
    cap.set(2048.7);
    expect(cap.rate).toBe(2048);
  });
});
