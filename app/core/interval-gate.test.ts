import { describe, expect, it } from 'vitest';
import { IntervalGate } from './interval-gate.js';

describe('IntervalGate', () => {
  it('passes once per interval, or at once when forced (which restarts the interval)', () => {
    let now = 10_000;
    const gate = new IntervalGate(500, () => now);
    expect(gate.pass()).toBe(true);
    now += 499;
    expect(gate.pass()).toBe(false);
    now += 1;
    expect(gate.pass()).toBe(true);
    now += 100;
    expect(gate.pass(true)).toBe(true);
    now += 450;
    expect(gate.pass()).toBe(false);
    now += 50;
    expect(gate.pass()).toBe(true);
  });
});
