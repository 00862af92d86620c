/**
 * Renderers show who they are on some requests only (a TV's media player often sends a bare User-Agent while its
 * browser sends the telling one): what an address was last recognised as is remembered for a while, as minidlna does.
 */
import type { RendererQuirks } from './dlna-types.js';

export class RendererMemory {
  private readonly known = new Map<string, { quirks: RendererQuirks; at: number }>();

  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly maxEntries = 256,
    private readonly now: () => number = Date.now,
  ) {}

  /** A recognised renderer is remembered for its address; a generic request from a known address gets its quirks. */
  resolve(address: string, detected: RendererQuirks): RendererQuirks {
    if (detected.name !== 'generic') {
      this.known.delete(address);
      this.known.set(address, { quirks: detected, at: this.now() });
      // oldest first in a Map: bounded however many devices come and go
      if (this.known.size > this.maxEntries) this.known.delete(this.known.keys().next().value as string);
      return detected;
    }
    const entry = this.known.get(address);
    if (entry && this.now() - entry.at < this.ttlMs) return entry.quirks;
    if (entry) this.known.delete(address);
    return detected;
  }
}
