/**
 * Whether an object from webtorrent's internals has the members a hot-path tuning replaces or relies on
 * (piece-buffers.ts, wire-io.ts): each tuning checks before it patches, and leaves another version's code alone.
 */
export type MemberKind = 'function' | 'number' | 'boolean' | 'array' | 'present';

/** `shape` maps each member name to what it must be ('present': there at all, whatever its value, null included). */
export function hasShape(o: object, shape: Record<string, MemberKind>): boolean {
  return Object.entries(shape).every(([name, kind]) => {
    if (kind === 'present') return name in o;
    const value = (o as Record<string, unknown>)[name];
    return kind === 'array' ? Array.isArray(value) : typeof value === kind;
  });
}
