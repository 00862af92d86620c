/**
 * UPnP ContentDirectory sort criteria: "+dc:title,-dc:date" → a comparator. Pure. An empty criteria keeps the tree's
 * natural order (the sort is stable, and ties keep it too). A property we can't sort by is UpnpError 709.
 */
import { UpnpError } from './dlna-types.js';
import type { PropertyValue } from './search-criteria.js';

export const SORT_PROPERTIES = [
  'dc:title',
  'dc:date',
  'upnp:class',
  'upnp:seriesTitle',
  'upnp:episodeSeason',
  'upnp:episodeNumber',
  'res@size',
  'res@duration',
] as const;
export type SortProperty = (typeof SORT_PROPERTIES)[number];

export interface SortKey {
  property: SortProperty;
  descending: boolean;
}

/** Text as people read it: case-insensitive, numbers by value ("Part 2" before "Part 10"). */
export const textCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const isSortProperty = (name: string): name is SortProperty => (SORT_PROPERTIES as readonly string[]).includes(name);

/** Parses the criteria; a property without a sign sorts ascending (clients forget it), empty entries are skipped. */
export function parseSortCriteria(criteria: string): SortKey[] {
  const keys: SortKey[] = [];
  for (const raw of criteria.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const sign = entry[0];
    const signed = sign === '+' || sign === '-';
    const property = (signed ? entry.slice(1) : entry).trim();
    if (!isSortProperty(property)) {
      throw new UpnpError(709, `Unsupported sort criteria: ${property || entry} (sortable: ${SORT_PROPERTIES.join(', ')})`);
    }
    keys.push({ property, descending: sign === '-' });
  }
  return keys;
}

/** The criteria in one canonical form ("+dc:title,-res@size"), to key a cache of sorted lists. */
export const sortKeyText = (keys: readonly SortKey[]) => keys.map((k) => `${k.descending ? '-' : '+'}${k.property}`).join(',');

function compareValues(a: PropertyValue, b: PropertyValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return textCollator.compare(String(a), String(b));
}

/**
 * A comparator by the keys, in order. An object without a value for a key sorts after those with one, whichever
 * direction (a film without a year is not "the oldest").
 */
export function sortComparator<T>(
  keys: readonly SortKey[],
  valueOf: (object: T, property: SortProperty) => PropertyValue | null,
): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const va = valueOf(a, key.property);
      const vb = valueOf(b, key.property);
      if (va === null || vb === null) {
        if (va !== vb) return va === null ? 1 : -1;
        continue;
      }
      const order = compareValues(va, vb);
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  };
}

/** A sorted copy (the input is not changed); with no keys, the input's order as it is. */
export function sortObjects<T>(
  objects: readonly T[],
  keys: readonly SortKey[],
  valueOf: (object: T, property: SortProperty) => PropertyValue | null,
): T[] {
  if (keys.length === 0) return [...objects];
  // values read once per object, not once per comparison: a 10,000-item container sorts in a few milliseconds
  const cached = objects.map((object, i) => ({ object, i, values: new Map<SortProperty, PropertyValue | null>() }));
  const read = (entry: (typeof cached)[number], property: SortProperty) => {
    if (!entry.values.has(property)) entry.values.set(property, valueOf(entry.object, property));
    return entry.values.get(property) ?? null;
  };
  const compare = sortComparator(keys, read);
  return cached.sort((a, b) => compare(a, b) || a.i - b.i).map((entry) => entry.object);
}
