import type { EngineEvent } from '../api/api-types.js';

export type EventListener = (event: EngineEvent) => void;

/** One typed channel for everything the engine announces (scan progress, library changes, pause state…). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  publish(event: EngineEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // a faulty subscriber must not break the publisher or the other subscribers
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
