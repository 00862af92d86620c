/**
 * The titles the metadata test server knows, independent of how TMDB or OMDb render them
 * (metadata-answers.test-support.ts does that). Pass your own catalogue to MetadataTestServer.start to test others.
 */

/** A string per language tag ('en-US', 'ru-RU'); a plain string is the same in every language. */
export type Localized = string | Record<string, string>;

export interface FixtureEpisode {
  number: number;
  name: Localized;
  /** YYYY-MM-DD */
  airDate: string | null;
  runtime: number | null;
}

export interface FixtureSeason {
  /** 0 = Specials: TMDB lists it, OMDb does not */
  number: number;
  name: Localized;
  airDate: string | null;
  episodes: FixtureEpisode[];
  /** announced: the show lists it, but its own endpoint answers not found (TMDB 34, OMDb "Series or season not found!") */
  unavailable?: boolean;
}

export interface FixtureTitle {
  kind: 'movie' | 'series';
  tmdbId: number;
  /** null: OMDb does not know the title */
  imdbId: string | null;
  tvdbId?: number | null;
  title: Localized;
  originalTitle: string;
  /** release date of a movie, first air date of a series (YYYY-MM-DD) */
  date: string | null;
  /** last year a series aired (OMDb's "2008–2013"); null while running */
  endYear?: number | null;
  overview: Localized;
  /** TMDB's vote_average / vote_count / popularity */
  voteAverage: number;
  voteCount: number;
  popularity: number;
  /** TMDB's poster_path ('/abc.jpg'); OMDb serves the same file from its own image host */
  posterPath: string | null;
  /** minutes (an episode's for a series) */
  runtime: number | null;
  genres: Localized[];
  /** OMDb's imdbRating / imdbVotes; null renders as "N/A" */
  imdbRating: number | null;
  imdbVotes: number | null;
  seasons?: FixtureSeason[];
}

export interface FixturePerson {
  id: number;
  name: string;
}

export interface MetadataCatalogue {
  titles: FixtureTitle[];
  /** only TMDB's multi search lists people, which the provider must leave out */
  people: FixturePerson[];
}

/** The string for `language`: exact tag, then same language ('ru' for 'ru-RU'), then en-US, then any. */
export function localize(value: Localized, language: string | undefined): string {
  if (typeof value === 'string') return value;
  const lang = language ?? 'en-US';
  const prefix = lang.split('-')[0];
  const sameLanguage = Object.keys(value).find((k) => k.split('-')[0] === prefix);
  return value[lang] ?? (sameLanguage ? value[sameLanguage] : undefined) ?? value['en-US'] ?? Object.values(value)[0] ?? '';
}

export const BREAKING_BAD: FixtureTitle = {
  kind: 'series',
  tmdbId: 1396,
  imdbId: 'tt0903747',
  tvdbId: 81189,
  title: { 'en-US': 'Breaking Bad', 'ru-RU': 'Во все тяжкие' },
  originalTitle: 'Breaking Bad',
  date: '2008-01-20',
  endYear: 2013,
  overview: {
    'en-US': 'Walter White, a New Mexico chemistry teacher, is diagnosed with Stage III cancer.',
    'ru-RU': 'Школьный учитель химии Уолтер Уайт узнаёт, что болен раком лёгких.',
  },
  voteAverage: 8.9,
  voteCount: 15234,
  popularity: 312.5,
  posterPath: '/ztkUQFLlC19CCMYHW9o1zWhJRNq.png',
  runtime: 47,
  genres: [
    { 'en-US': 'Drama', 'ru-RU': 'драма' },
    { 'en-US': 'Crime', 'ru-RU': 'криминал' },
  ],
  imdbRating: 9.5,
  imdbVotes: 2_312_457,
  seasons: [
    {
      number: 0,
      name: { 'en-US': 'Specials', 'ru-RU': 'Спецматериалы' },
      airDate: '2009-02-17',
      episodes: [
        {
          number: 1,
          name: { 'en-US': 'Good Cop Bad Cop', 'ru-RU': 'Хороший коп, плохой коп' },
          airDate: '2009-02-17',
          runtime: 3,
        },
      ],
    },
    {
      number: 1,
      name: { 'en-US': 'Season 1', 'ru-RU': 'Сезон 1' },
      airDate: '2008-01-20',
      episodes: [
        { number: 1, name: { 'en-US': 'Pilot', 'ru-RU': 'Пилот' }, airDate: '2008-01-20', runtime: 58 },
        { number: 2, name: { 'en-US': "Cat's in the Bag...", 'ru-RU': 'Кот в мешке…' }, airDate: '2008-01-27', runtime: 48 },
        {
          number: 3,
          name: { 'en-US': "...And the Bag's in the River", 'ru-RU': '…и мешок в реке' },
          airDate: '2008-02-10',
          runtime: 48,
        },
      ],
    },
    {
      number: 2,
      name: { 'en-US': 'Season 2', 'ru-RU': 'Сезон 2' },
      airDate: '2009-03-08',
      episodes: [
        { number: 1, name: { 'en-US': 'Seven Thirty-Seven', 'ru-RU': 'Семь тридцать семь' }, airDate: '2009-03-08', runtime: 47 },
        { number: 2, name: { 'en-US': 'Grilled', 'ru-RU': 'Жареный' }, airDate: '2009-03-15', runtime: 46 },
      ],
    },
  ],
};

export const THE_MATRIX: FixtureTitle = {
  kind: 'movie',
  tmdbId: 603,
  imdbId: 'tt0133093',
  title: { 'en-US': 'The Matrix', 'ru-RU': 'Матрица' },
  originalTitle: 'The Matrix',
  date: '1999-03-30',
  overview: {
    'en-US':
      'Set in the 22nd century, The Matrix tells the story of a computer hacker who joins a group of underground insurgents.',
    'ru-RU': 'Жизнь Томаса Андерсона разделена на две части: днём он программист, ночью — хакер Нео.',
  },
  voteAverage: 8.2,
  voteCount: 26012,
  popularity: 88.4,
  posterPath: '/f89U3ADr1oiB1s9GkdPOEpXUk5H.jpg',
  runtime: 136,
  genres: [
    { 'en-US': 'Action', 'ru-RU': 'боевик' },
    { 'en-US': 'Science Fiction', 'ru-RU': 'фантастика' },
  ],
  imdbRating: 8.7,
  imdbVotes: 2_101_458,
};

/** A running series whose announced second season has no page of its own yet. */
export const NORTHERN_STATION: FixtureTitle = {
  kind: 'series',
  tmdbId: 990002,
  imdbId: 'tt9900002',
  tvdbId: null,
  title: { 'en-US': 'Northern Station', 'ru-RU': 'Северная станция' },
  originalTitle: 'Northern Station',
  date: '2025-09-05',
  endYear: null,
  overview: { 'en-US': 'A weather crew waits out the polar night.', 'ru-RU': 'Метеорологи пережидают полярную ночь.' },
  voteAverage: 7.1,
  voteCount: 84,
  popularity: 12.3,
  posterPath: '/nS7aT1oNpOsTeR.jpg',
  runtime: null,
  genres: [{ 'en-US': 'Drama', 'ru-RU': 'драма' }],
  imdbRating: 7.4,
  imdbVotes: 1_204,
  seasons: [
    {
      number: 1,
      name: { 'en-US': 'Season 1', 'ru-RU': 'Сезон 1' },
      airDate: '2025-09-05',
      episodes: [
        { number: 1, name: { 'en-US': 'Arrival', 'ru-RU': 'Прибытие' }, airDate: '2025-09-05', runtime: 52 },
        { number: 2, name: { 'en-US': 'Whiteout', 'ru-RU': 'Белая мгла' }, airDate: '2025-09-12', runtime: null },
      ],
    },
    { number: 2, name: { 'en-US': 'Season 2', 'ru-RU': 'Сезон 2' }, airDate: null, episodes: [], unavailable: true },
  ],
};

/** A title both services know almost nothing about: OMDb answers "N/A", TMDB empty strings and zero votes. */
export const OBSCURE_SHORT: FixtureTitle = {
  kind: 'movie',
  tmdbId: 990001,
  imdbId: 'tt9900001',
  title: 'Obscure Short',
  originalTitle: 'Obscure Short',
  date: null,
  overview: '',
  voteAverage: 0,
  voteCount: 0,
  popularity: 0.6,
  posterPath: null,
  runtime: null,
  genres: [],
  imdbRating: null,
  imdbVotes: null,
};

export const DEFAULT_CATALOGUE: MetadataCatalogue = {
  titles: [BREAKING_BAD, THE_MATRIX, NORTHERN_STATION, OBSCURE_SHORT],
  people: [{ id: 17419, name: 'Bryan Cranston' }],
};

/** A real 2×2 PNG (what TMDB serves for a .png poster path). */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAEElEQVR4nGPQqN8BRAwQCgAkMgV99H/FqgAAAABJRU5ErkJggg==',
  'base64',
);

/** A real 2×2 baseline JPEG (made with ffmpeg). */
export const JPEG_BYTES = Buffer.from(
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgEBAQEBAUFBQUFBQYGBgYGBgYGBgYGBgYHBwcICAgHBwcGBgcHCAgICAkJCQgICAgJCQoKCgwMCwsODg4RERT/xABMAAEBAAAAAAAAAAAAAAAAAAAABgEBAQAAAAAAAAAAAAAAAAAABQcQAQAAAAAAAAAAAAAAAAAAAAARAQAAAAAAAAAAAAAAAAAAAAD/wAARCAACAAIDASIAAhEAAxEA/9oADAMBAAIRAxEAPwCeAAqI/9k=',
  'base64',
);
