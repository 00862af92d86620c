import { describe, expect, it } from 'vitest';
import { EventBus } from './event-bus.js';
import { WorkControl } from './work-control.js';

describe('WorkControl', () => {
  it('holds waiters while paused and releases them all on resume, telling listeners each change once', async () => {
    const work = new WorkControl();
    const changes: boolean[] = [];
    work.onChange((paused) => changes.push(paused));
    await work.waitUntilRunning(); // running: resolves at once
    work.pause();
    work.pause();
    let released = 0;
    const waiters = [work.waitUntilRunning(), work.waitUntilRunning()].map((p) => p.then(() => released++));
    await new Promise((r) => setTimeout(r, 20));
    expect(released).toBe(0);
    work.resume();
    await Promise.all(waiters);
    expect(released).toBe(2);
    expect(changes).toEqual([true, false]);
  });
});

describe('EventBus', () => {
  it('delivers to every subscriber, survives a throwing one, and unsubscribes', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('faulty subscriber');
    });
    const off = bus.subscribe((e) => seen.push(e.type));
    bus.publish({ type: 'engine.paused', paused: true });
    off();
    bus.publish({ type: 'engine.paused', paused: false });
    expect(seen).toEqual(['engine.paused']);
    expect(bus.size).toBe(1);
  });
});
