import { describe, expect, it } from 'vitest';
import { UpnpError } from './dlna-types.js';
import type { PropertyValue } from './search-criteria.js';
import { parseSortCriteria, sortKeyText, sortObjects, type SortProperty } from './sort-criteria.js';

interface Obj {
  name: string;
  values: Partial<Record<SortProperty, PropertyValue>>;
}

const o = (name: string, values: Obj['values']): Obj => ({ name, values });
const valueOf = (obj: Obj, property: SortProperty) => obj.values[property] ?? null;
const names = (list: Obj[]) => list.map((x) => x.name);

// in "natural" order: what an empty criteria keeps
const films = [
  o('alien', { 'dc:title': 'Alien', 'dc:date': '1979-01-01', 'res@size': 300, 'upnp:class': 'object.item.videoItem.movie' }),
  o('part10', { 'dc:title': 'Part 10', 'dc:date': '2001-01-01', 'res@size': 100, 'upnp:class': 'object.item.videoItem.movie' }),
  o('part2', { 'dc:title': 'part 2', 'dc:date': '1979-01-01', 'res@size': 200, 'upnp:class': 'object.item.videoItem.movie' }),
  o('nodate', { 'dc:title': 'Zulu', 'res@size': 50, 'upnp:class': 'object.item.videoItem.movie' }),
  o('folder', { 'dc:title': 'Extras', 'upnp:class': 'object.container.storageFolder' }),
];

describe('sort criteria', () => {
  it('parses signs, spaces, unsigned and empty entries', () => {
    expect(parseSortCriteria('+dc:title,-dc:date')).toEqual([
      { property: 'dc:title', descending: false },
      { property: 'dc:date', descending: true },
    ]);
    expect(parseSortCriteria(' + dc:title , -res@size ,')).toEqual([
      { property: 'dc:title', descending: false },
      { property: 'res@size', descending: true },
    ]);
    expect(parseSortCriteria('dc:title')).toEqual([{ property: 'dc:title', descending: false }]);
    expect(parseSortCriteria('')).toEqual([]);
    expect(sortKeyText(parseSortCriteria('dc:title, -upnp:episodeNumber'))).toBe('+dc:title,-upnp:episodeNumber');
  });

  it.each([['+upnp:genre'], ['-dc:creator'], ['+dc:title,+upnp:artist'], ['+'], ['+DC:TITLE']])(
    'refuses %j as UPnP error 709 naming the property',
    (criteria) => {
      let error: unknown;
      try {
        parseSortCriteria(criteria);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UpnpError);
      expect((error as UpnpError).code).toBe(709);
      expect((error as UpnpError).message).toMatch(/^Unsupported sort criteria: /);
    },
  );

  it('keeps the natural order when empty, and never changes the input', () => {
    const before = names(films);
    expect(names(sortObjects(films, [], valueOf))).toEqual(before);
    sortObjects(films, parseSortCriteria('-dc:title'), valueOf);
    expect(names(films)).toEqual(before);
  });

  it('sorts titles as people read them: case-insensitive, numbers by value', () => {
    expect(names(sortObjects(films, parseSortCriteria('+dc:title'), valueOf))).toEqual([
      'alien',
      'folder',
      'part2',
      'part10',
      'nodate',
    ]);
    expect(names(sortObjects(films, parseSortCriteria('-dc:title'), valueOf))).toEqual([
      'nodate',
      'part10',
      'part2',
      'folder',
      'alien',
    ]);
  });

  it('breaks ties with the next key, then keeps natural order (stable)', () => {
    expect(names(sortObjects(films, parseSortCriteria('+dc:date,-dc:title'), valueOf))).toEqual([
      'part2',
      'alien',
      'part10',
      'nodate',
      'folder',
    ]);
    // equal dates keep their natural order without a second key
    expect(names(sortObjects(films, parseSortCriteria('+dc:date'), valueOf)).slice(0, 2)).toEqual(['alien', 'part2']);
  });

  it('puts objects without a value last in both directions', () => {
    expect(names(sortObjects(films, parseSortCriteria('-dc:date'), valueOf))).toEqual([
      'part10',
      'alien',
      'part2',
      'nodate',
      'folder',
    ]);
    expect(names(sortObjects(films, parseSortCriteria('+res@size'), valueOf))).toEqual([
      'nodate',
      'part10',
      'part2',
      'alien',
      'folder',
    ]);
    expect(names(sortObjects(films, parseSortCriteria('-res@size'), valueOf))).toEqual([
      'alien',
      'part2',
      'part10',
      'nodate',
      'folder',
    ]);
  });

  it('sorts numbers by value and classes as text', () => {
    const episodes = [
      o('e10', { 'upnp:episodeNumber': 10 }),
      o('e9', { 'upnp:episodeNumber': 9 }),
      o('e1', { 'upnp:episodeNumber': 1 }),
    ];
    expect(names(sortObjects(episodes, parseSortCriteria('+upnp:episodeNumber'), valueOf))).toEqual(['e1', 'e9', 'e10']);
    expect(names(sortObjects(films, parseSortCriteria('+upnp:class,+dc:title'), valueOf))).toEqual([
      'folder',
      'alien',
      'part2',
      'part10',
      'nodate',
    ]);
  });

  it('reads each value once per object however many comparisons', () => {
    let reads = 0;
    const many = Array.from({ length: 1000 }, (_, i) => o(`n${i}`, { 'dc:title': `Title ${(i * 7919) % 1000}` }));
    sortObjects(many, parseSortCriteria('+dc:title'), (obj, property) => {
      reads++;
      return valueOf(obj, property);
    });
    expect(reads).toBe(1000);
  });
});
