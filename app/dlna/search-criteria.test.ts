import { describe, expect, it } from 'vitest';
import { UpnpError } from './dlna-types.js';
import { parseSearchCriteria, type PropertyLookup, type PropertyValue } from './search-criteria.js';

const objects: Record<string, Record<string, PropertyValue[]>> = {
  movie: {
    '@id': ['movies/f/1'],
    '@parentID': ['movies'],
    'upnp:class': ['object.item.videoItem.movie'],
    'dc:title': ['Alien'],
    'dc:date': ['1979-01-01'],
    'res@size': [1500],
    'res@duration': [7023.25],
  },
  episode: {
    '@id': ['series/20/s1/f/4'],
    '@parentID': ['series/20/s1'],
    'upnp:class': ['object.item.videoItem'],
    'dc:title': ['S01E01 · Pilot "quoted" \\ back'],
    'upnp:seriesTitle': ['Breaking Bad'],
    'upnp:episodeNumber': [10],
    'upnp:episodeSeason': [1],
    'res@size': [900],
  },
  folder: {
    '@id': ['folders/1'],
    '@parentID': ['folders'],
    'upnp:class': ['object.container.storageFolder'],
    'dc:title': ['Sci-Fi'],
  },
};

const lookupOf =
  (name: string): PropertyLookup =>
  (property) =>
    objects[name][property] ?? null;

/** Which of movie, episode, folder the criteria match, in that order. */
function matching(criteria: string): string[] {
  const predicate = parseSearchCriteria(criteria);
  return Object.keys(objects).filter((name) => predicate(lookupOf(name)));
}

const ALL = ['movie', 'episode', 'folder'];

const rows: Array<[string, string[]]> = [
  ['*', ALL],
  ['  *  ', ALL],
  ['upnp:class derivedfrom "object.item"', ['movie', 'episode']],
  ['upnp:class derivedfrom "object.item.videoItem"', ['movie', 'episode']],
  ['upnp:class derivedfrom "object.item.videoItem.movie"', ['movie']],
  ['upnp:class derivedfrom "object.container"', ['folder']],
  ['upnp:class derivedfrom "object.item.video"', []], // a prefix of a class name is not a parent class
  ['upnp:class derivedfrom "OBJECT.ITEM"', ['movie', 'episode']],
  ['upnp:class DerivedFrom "object.item"', ['movie', 'episode']],
  ['upnp:class = "object.item.videoItem"', ['episode']],
  ['upnp:class="object.item.videoItem"', ['episode']],
  ['upnp:class != "object.item.videoItem"', ['movie', 'folder']],
  ['dc:title contains "ali"', ['movie']],
  ['dc:title contains "I"', ['movie', 'episode', 'folder']],
  ['dc:title doesNotContain "ali"', ['episode', 'folder']],
  ['dc:title doesnotcontain "ALI"', ['episode', 'folder']],
  ['dc:title = "alien"', ['movie']],
  ['dc:title contains "\\"quoted\\""', ['episode']],
  ['dc:title contains "\\\\ back"', ['episode']],
  ['dc:title contains ""', ALL],
  ['dc:date >= "1979"', ['movie']],
  ['dc:date < "1979"', []],
  ['dc:date <= "1979-01-01"', ['movie']],
  ['dc:date > "1980-01-01"', []],
  ['upnp:episodeNumber = "10"', ['episode']],
  ['upnp:episodeNumber > "9"', ['episode']], // numbers by value: 10 > 9 (as text "10" < "9")
  ['upnp:episodeNumber < "9"', []],
  ['res@size >= "1000"', ['movie']],
  ['res@size < "1000"', ['episode']],
  ['dc:date exists true', ['movie']],
  ['dc:date exists false', ['episode', 'folder']],
  ['@refID exists false', ALL],
  ['@refID exists true', []],
  ['upnp:genre = "Drama"', []], // unknown property: matches nothing, not an error
  ['upnp:genre != "Drama"', []],
  ['upnp:genre doesNotContain "x"', []],
  ['upnp:genre exists false', ALL],
  ['upnp:seriesTitle = "Breaking Bad"', ['episode']],
  ['@id = "folders/1"', ['folder']],
  ['@parentID = "movies"', ['movie']],
  // precedence: "and" binds tighter than "or"
  ['dc:title = "Alien" or dc:title = "Sci-Fi" and upnp:class derivedfrom "object.item"', ['movie']],
  ['(dc:title = "Alien" or dc:title = "Sci-Fi") and upnp:class derivedfrom "object.item"', ['movie']],
  ['(dc:title = "Alien" or dc:title = "Sci-Fi") and upnp:class derivedfrom "object.container"', ['folder']],
  ['upnp:class derivedfrom "object.container" or dc:title = "Alien" and res@size > "1"', ['movie', 'folder']],
  ['upnp:class derivedfrom "object.item" and dc:title contains "a" or upnp:class derivedfrom "object.container"', ALL],
  ['upnp:class derivedfrom "object.item.videoItem" and @refID exists false', ['movie', 'episode']],
  ['((dc:title contains "alien"))', ['movie']],
  ['( dc:title contains "alien" )', ['movie']],
  ['dc:title contains "alien" AND upnp:class derivedfrom "object.item"', ['movie']],
  ['dc:title contains "pilot" OR dc:title contains "sci"', ['episode', 'folder']],
  [
    'upnp:class derivedfrom "object.item.videoItem" and (dc:title contains "pilot" or dc:title contains "alien")',
    ['movie', 'episode'],
  ],
  ['\tdc:title\ncontains\r"alien"\t', ['movie']],
];

const errors: Array<[string, RegExp]> = [
  ['', /empty/],
  ['   ', /empty/],
  ['dc:title', /ends where an operator/],
  ['dc:title contains', /ends where a quoted value/],
  ['dc:title contains alien', /expected a quoted value/],
  ['dc:title contains "alien', /unterminated string/],
  ['dc:title contains "a\\nb"', /invalid escape \\n/],
  ['dc:title like "alien"', /unknown operator "like"/],
  ['dc:title == "alien"', /expected a quoted value/],
  ['dc:title ! "alien"', /"!" without "="/],
  ['dc:title exists maybe', /exists takes true or false/],
  ['dc:title exists "true"', /exists takes true or false/],
  ['(dc:title contains "a"', /ends where "\)" was expected/],
  ['dc:title contains "a")', /unexpected "\)"/],
  ['dc:title contains "a" and', /ends where a property/],
  ['and dc:title contains "a"', /expected a property at 0/],
  ['dc:title contains "a" dc:title contains "b"', /unexpected "dc:title"/],
  ['dc:title contains "a" xor dc:title contains "b"', /unexpected "xor"/],
  ['"dc:title" contains "a"', /expected a property/],
  ['()', /expected a property/],
  ['*  and dc:title contains "a"', /"\*" at 0: it means everything and stands alone/],
  ['dc:title contains "a" or *', /stands alone/],
  [`${'('.repeat(100)}dc:title = "a"${')'.repeat(100)}`, /nested deeper/],
  ['dc:title = "' + 'x'.repeat(20_000) + '"', /longer than/],
];

describe('search criteria', () => {
  it.each(rows)('%s', (criteria, expected) => {
    expect(matching(criteria)).toEqual(expected);
  });

  it.each(errors)('rejects %j as UPnP error 708', (criteria, message) => {
    let error: unknown;
    try {
      parseSearchCriteria(criteria);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UpnpError);
    expect((error as UpnpError).code).toBe(708);
    expect((error as UpnpError).message).toMatch(/^Unsupported or invalid search criteria: /);
    expect((error as UpnpError).message).toMatch(message);
  });

  it('has more than 40 rows of matches and errors', () => {
    expect(rows.length + errors.length).toBeGreaterThanOrEqual(40);
  });

  it('reads a multi-valued property: any value may match, "!=" and doesNotContain need all to differ', () => {
    const lookup: PropertyLookup = (p) => (p === 'upnp:genre' ? ['Drama', 'Crime'] : null);
    expect(parseSearchCriteria('upnp:genre = "crime"')(lookup)).toBe(true);
    expect(parseSearchCriteria('upnp:genre != "crime"')(lookup)).toBe(false);
    expect(parseSearchCriteria('upnp:genre != "comedy"')(lookup)).toBe(true);
    expect(parseSearchCriteria('upnp:genre doesNotContain "ram"')(lookup)).toBe(false);
  });
});
