import { describe, expect, it } from 'vitest';
import { planImport, type ImportFile, type ImportInput, type ImportMetadata } from './import-plan.js';
import { describeRelease, episodeCode, sanitizeName, subtitleTags } from './library-names.js';

const f = (path: string, length = 1_000, selected = true): ImportFile => ({ path, length, selected });
const movie = (title: string, year: number | null): ImportMetadata => ({ type: 'movie', title, year });
const series = (title: string, year: number | null = null): ImportMetadata => ({ type: 'series', title, year });

const MATRIX = 'The.Matrix.1999.1080p.BluRay.x264-GRP';
const M = 'Movies/The Matrix (1999)/The Matrix (1999)';
const PACK = 'Show.Name.S02.1080p.WEB-DL.x264-GRP';
const S2 = 'Shows/Show Name/Season 02/Show Name';
const KUBIK = 'Show [S01-03] (2018-2021) BDRip-HEVC 1080p | Кубик в кубе';
const LOSTFILM = 'Сериал / Series / Сезон: 1 / Серии: 1-8 из 8 [2019, WEB-DLRip] MVO (LostFilm)';
const SER = 'Shows/Series/Season 01/Series';

/** [case, input, outcomes ('source → target' imported, 'source ✗ reason fragment' skipped), problem fragments] */
type Row = [string, ImportInput, string[], string[]?];
const plan = (releaseTitle: string, files: ImportFile[], metadata?: ImportMetadata): ImportInput => ({
  releaseTitle,
  files,
  ...(metadata ? { metadata } : {}),
});
const NO_VIDEO = ['no video file to import'];
const M1 = `${MATRIX}.mkv`;
const EP1 = 'Show.Name.S02E01.mkv';

// prettier-ignore
const rows: Row[] = [
  // ---- movies ----
  ['scene movie, .nfo skipped', plan(MATRIX, [f(M1), f(`${MATRIX}.nfo`)]),
    [`${M1} → ${M}.mkv`, `${MATRIX}.nfo ✗ not a video or subtitle file (.nfo)`]],
  ['movie under the torrent root folder', plan(MATRIX, [f(`${MATRIX}/the.matrix.1999.1080p-grp.mkv`)]),
    [`${MATRIX}/the.matrix.1999.1080p-grp.mkv → ${M}.mkv`]],
  ['single-file torrent movie.mkv named by the release', plan(MATRIX, [f('movie.mkv')]), [`movie.mkv → ${M}.mkv`]],
  ['single-file movie.mkv, no title anywhere: never guessed', plan('movie.mkv', [f('movie.mkv')]),
    ['movie.mkv ✗ no usable movie title'], NO_VIDEO],
  ['single-file movie.mkv named by metadata', plan('movie.mkv', [f('movie.mkv')], movie('The Matrix', 1999)),
    [`movie.mkv → ${M}.mkv`]],
  ['metadata wins over the release title', plan(MATRIX, [f(M1)], movie('Матрица', 1999)),
    [`${M1} → Movies/Матрица (1999)/Матрица (1999).mkv`]],
  ['metadata without a year keeps the parsed year', plan(MATRIX, [f('movie.mkv')], movie('The Matrix', null)),
    [`movie.mkv → ${M}.mkv`]],
  ['movie without a year, extension lower-cased', plan('Some.Movie.1080p.WEB-DL.x264-GRP', [f('Some.Movie.1080p.WEB-DL.MKV')]),
    ['Some.Movie.1080p.WEB-DL.MKV → Movies/Some Movie/Some Movie.mkv']],
  ['tracker movie title: original name, year from brackets',
    plan('Матрица / The Matrix (Вачовски) [1999, BDRip 1080p]', [f('Matrix.1080p.mkv', 5000), f('Matrix.720p.mkv', 3000)]),
    [`Matrix.1080p.mkv → ${M}.mkv`, 'Matrix.720p.mkv ✗ a larger file ("Matrix.1080p.mkv") is the movie "The Matrix (1999)"']],
  ['two copies: the largest is the movie, wherever it is listed', plan(MATRIX, [f('small.mkv', 10), f('big.mkv', 20)]),
    [`big.mkv → ${M}.mkv`, 'small.mkv ✗ a larger file ("big.mkv")']],
  ['CD1/ CD2/ folders: parts, a subtitle follows its part',
    plan('Movie.Name.2005.DVDRip.XviD', [f('CD1/movie.name.cd1.avi'), f('CD2/movie.name.cd2.avi'), f('CD1/movie.name.cd1.srt')]),
    ['CD1/movie.name.cd1.avi → Movies/Movie Name (2005)/Movie Name (2005) - part1.avi',
     'CD2/movie.name.cd2.avi → Movies/Movie Name (2005)/Movie Name (2005) - part2.avi',
     'CD1/movie.name.cd1.srt → Movies/Movie Name (2005)/Movie Name (2005) - part1.srt']],
  ['part1/part2 in file names; a non-part file is skipped',
    plan('Movie.Name.2005', [f('Movie.Name.2005.part1.avi'), f('Movie.Name.2005.part2.avi'), f('Movie.Name.2005.avi', 9_000)]),
    ['Movie.Name.2005.part1.avi → Movies/Movie Name (2005)/Movie Name (2005) - part1.avi',
     'Movie.Name.2005.part2.avi → Movies/Movie Name (2005)/Movie Name (2005) - part2.avi',
     'Movie.Name.2005.avi ✗ not one of the parts of the multi-part movie "Movie Name (2005)"']],
  ['one "DVD9" file is not a part', plan('Movie.Name.2005.DVD9', [f('Movie.Name.2005.DVD9.mkv')]),
    ['Movie.Name.2005.DVD9.mkv → Movies/Movie Name (2005)/Movie Name (2005).mkv']],
  ['a collection keeps its movies apart', plan('Pixar Collection', [f('Toy.Story.1995.mkv'), f('Toy.Story.2.1999.mkv')]),
    ['Toy.Story.1995.mkv → Movies/Toy Story (1995)/Toy Story (1995).mkv',
     'Toy.Story.2.1999.mkv → Movies/Toy Story 2 (1999)/Toy Story 2 (1999).mkv']],
  ['sample, extras and hidden files are skipped',
    plan(MATRIX, [f(M1), f('Sample/matrix-sample.mkv'), f('Featurettes/Making of.mkv'), f('.DS_Store')]),
    [`${M1} → ${M}.mkv`, 'Sample/matrix-sample.mkv ✗ sample, extra or hidden',
     'Featurettes/Making of.mkv ✗ sample, extra or hidden', '.DS_Store ✗ sample, extra or hidden']],
  // ---- subtitles ----
  ['subtitles: same stem, Rus Subs/ by language, forced, unknown language',
    plan(MATRIX, [f(M1), f(`${MATRIX}.eng.srt`), f('Rus Subs/Русские.srt'), f('Rus Subs/Русские (форсированные).ass'),
      f('Subs/Commentary.ssa')]),
    [`${M1} → ${M}.mkv`, `${MATRIX}.eng.srt → ${M}.en.srt`, `Rus Subs/Русские.srt → ${M}.ru.srt`,
     `Rus Subs/Русские (форсированные).ass → ${M}.ru.forced.ass`, `Subs/Commentary.ssa → ${M}.ssa`]],
  ['subtitles: Rus Subs/ named after the video, .idx/.sub pair, .vtt',
    plan(MATRIX, [f(M1), f(`Rus Subs/${MATRIX}.srt`), f(`${MATRIX}.rus.idx`), f(`${MATRIX}.rus.sub`), f(`${MATRIX}.en.vtt`)]),
    [`${M1} → ${M}.mkv`, `Rus Subs/${MATRIX}.srt → ${M}.ru.srt`, `${MATRIX}.rus.idx → ${M}.ru.idx`,
     `${MATRIX}.rus.sub → ${M}.ru.sub`, `${MATRIX}.en.vtt → ${M}.en.vtt`]],
  ['the subtitle of a skipped copy is skipped', plan(MATRIX, [f('big.mkv', 20), f('small.mkv', 10), f('small.srt')]),
    [`big.mkv → ${M}.mkv`, 'small.mkv ✗ a larger file', 'small.srt ✗ subtitle of "small.mkv", which is not imported']],
  ['a subtitle no video claims among several',
    plan('Pixar Collection', [f('Toy.Story.1995.mkv'), f('Toy.Story.2.1999.mkv'), f('Subs/English.srt')]),
    ['Toy.Story.1995.mkv → Movies/Toy Story (1995)/Toy Story (1995).mkv',
     'Toy.Story.2.1999.mkv → Movies/Toy Story 2 (1999)/Toy Story 2 (1999).mkv', 'Subs/English.srt ✗ no imported video it clearly belongs to']],
  ['a subtitle of another episode does not follow the lone video',
    plan(PACK, [f(EP1), f('Show.Name.S02E01.srt'), f('Subs/Show.Name.S02E07.srt'), f('Subs/English.srt')]),
    [`${EP1} → ${S2} S02E01.mkv`, `Show.Name.S02E01.srt → ${S2} S02E01.srt`, `Subs/English.srt → ${S2} S02E01.en.srt`,
     'Subs/Show.Name.S02E07.srt ✗ no imported video']],
  ['a movie called "Movie" by metadata', plan('movie.mkv', [f('movie.mkv')], movie('Movie', 2020)),
    ['movie.mkv → Movies/Movie (2020)/Movie (2020).mkv']],
  ['only subtitles selected', plan(MATRIX, [f(M1, 1000, false), f(`${MATRIX}.srt`)]),
    [`${M1} ✗ not selected`, `${MATRIX}.srt ✗ no video is imported`], NO_VIDEO],
  // ---- series ----
  ['scene season pack with Sample/ and .nfo',
    plan(PACK, [f(EP1), f('Show.Name.S02E02.mkv'), f('Sample/show.name.s02e01.sample.mkv'), f('Show.Name.S02.nfo')]),
    [`${EP1} → ${S2} S02E01.mkv`, `Show.Name.S02E02.mkv → ${S2} S02E02.mkv`, 'Sample/show.name.s02e01.sample.mkv ✗ sample',
     'Show.Name.S02.nfo ✗ not a video']],
  ['multi-episode files: SNNEMM-EMM', plan(PACK, [f('Show.Name.S02E04E05.mkv'), f('Show.Name.S02E06-E08.mkv')]),
    [`Show.Name.S02E04E05.mkv → ${S2} S02E04-E05.mkv`, `Show.Name.S02E06-E08.mkv → ${S2} S02E06-E08.mkv`]],
  ['season pack: episode-only names take the release season', plan(PACK, [f('Episode 3.mkv'), f('04 - Title.mkv')]),
    [`Episode 3.mkv → ${S2} S02E03.mkv`, `04 - Title.mkv → ${S2} S02E04.mkv`]],
  ['season pack: no episode number → skipped, never guessed', plan(PACK, [f(EP1), f('Show.Name.S02.Recap.mkv')]),
    [`${EP1} → ${S2} S02E01.mkv`, 'Show.Name.S02.Recap.mkv ✗ episode number could not be determined']],
  ['RARBG Subs/<episode>/N_Lang.srt; a second English collides',
    plan(PACK, [f(EP1), f('Subs/Show.Name.S02E01/2_English.srt'), f('Subs/Show.Name.S02E01/3_English.srt'),
      f('Subs/Show.Name.S02E01/4_Russian.srt')]),
    [`${EP1} → ${S2} S02E01.mkv`, `Subs/Show.Name.S02E01/2_English.srt → ${S2} S02E01.en.srt`,
     `Subs/Show.Name.S02E01/4_Russian.srt → ${S2} S02E01.ru.srt`, 'Subs/Show.Name.S02E01/3_English.srt ✗ already taken'],
    ['"Subs/Show.Name.S02E01/3_English.srt" and "Subs/Show.Name.S02E01/2_English.srt" both map to']],
  ['an episode subtitle matched by its episode number',
    plan(PACK, [f('Show.Name.S02E01.1080p.mkv'), f('Show.Name.S02E02.1080p.mkv'), f('Rus Subs/Show.Name.S02E02.rus.srt')]),
    [`Show.Name.S02E01.1080p.mkv → ${S2} S02E01.mkv`, `Show.Name.S02E02.1080p.mkv → ${S2} S02E02.mkv`,
     `Rus Subs/Show.Name.S02E02.rus.srt → ${S2} S02E02.ru.srt`]],
  ['two files of one episode: the second is a problem', plan(PACK, [f(EP1), f('Show.Name.S02E01.PROPER.mkv')]),
    [`${EP1} → ${S2} S02E01.mkv`, `Show.Name.S02E01.PROPER.mkv ✗ already taken by "${EP1}"`], ['both map to']],
  ['per-episode folders do not rename the show',
    plan(PACK, [f('Show.Name.S02E01.1080p/Show.Name.S02E01.1080p.mkv'), f('WEB/Show.Name.S02E03.mkv')]),
    [`Show.Name.S02E01.1080p/Show.Name.S02E01.1080p.mkv → ${S2} S02E01.mkv`, `WEB/Show.Name.S02E03.mkv → ${S2} S02E03.mkv`]],
  ['a release naming no show: its folders name the shows',
    plan('Cartoons', [f('Show A/Season 1/01.mkv'), f('Show B/Show.B.S01E01.mkv')]),
    ['Show A/Season 1/01.mkv → Shows/Show A/Season 01/Show A S01E01.mkv',
     'Show B/Show.B.S01E01.mkv → Shows/Show B/Season 01/Show B S01E01.mkv']],
  ['targets collide case-insensitively', plan(PACK, [f(`a/${EP1}`), f('b/show.name.s02e01.MKV')]),
    [`a/${EP1} → ${S2} S02E01.mkv`, 'b/show.name.s02e01.MKV ✗ already taken'], ['both map to']],
  ['season 0 goes to Season 00, a Specials/ folder too',
    plan('Show.Name.Complete.1080p.BluRay', [f('Show.Name.S00E01.mkv'), f('Specials/02.mkv'), f('Season 1/Show.Name.S01E01.mkv')]),
    ['Show.Name.S00E01.mkv → Shows/Show Name/Season 00/Show Name S00E01.mkv',
     'Specials/02.mkv → Shows/Show Name/Season 00/Show Name S00E02.mkv',
     'Season 1/Show.Name.S01E01.mkv → Shows/Show Name/Season 01/Show Name S01E01.mkv']],
  ['multi-season pack with a | dub group and a year range',
    plan(KUBIK, [f('Season 1/Show.S01E01.mkv'), f('Season 2/02.mkv'), f('S03/Show.S03E10.1080p.mkv'), f('Season 3/extra stuff.mkv')]),
    ['Season 1/Show.S01E01.mkv → Shows/Show/Season 01/Show S01E01.mkv', 'Season 2/02.mkv → Shows/Show/Season 02/Show S02E02.mkv',
     'S03/Show.S03E10.1080p.mkv → Shows/Show/Season 03/Show S03E10.mkv',
     'Season 3/extra stuff.mkv ✗ episode number could not be determined']],
  ['LostFilm tracker title with 01.avi..08.avi', plan(LOSTFILM, [f('01.avi'), f('02.avi'), f('08.avi')]),
    [`01.avi → ${SER} S01E01.avi`, `02.avi → ${SER} S01E02.avi`, `08.avi → ${SER} S01E08.avi`]],
  ['LostFilm tracker title with Series.S01E01.avi', plan(LOSTFILM, [f('Series.S01E01.avi'), f('Series.S01E02.avi')]),
    [`Series.S01E01.avi → ${SER} S01E01.avi`, `Series.S01E02.avi → ${SER} S01E02.avi`]],
  ['a tracker title without a season: 01.avi is never guessed',
    plan('Сериал / Series / Серии: 1-8 из 8 [2019, WEB-DLRip]', [f('01.avi'), f('02.avi')]),
    ['01.avi ✗ episode number could not be determined', '02.avi ✗ episode number could not be determined'], NO_VIDEO],
  ['a single-episode release with a generic file name', plan('Show.Name.S01E05.720p.HDTV.x264-GRP', [f('show-grp.mkv')]),
    ['show-grp.mkv → Shows/Show Name/Season 01/Show Name S01E05.mkv']],
  ['metadata names the show (sanitised)', plan(PACK, [f(EP1)], series('Show Name: Reloaded?', 2020)),
    [`${EP1} → Shows/Show Name Reloaded/Season 02/Show Name Reloaded S02E01.mkv`]],
  ['metadata says series, the file has no episode', plan(MATRIX, [f(M1)], series('Matrix')),
    [`${M1} ✗ episode number could not be determined`], NO_VIDEO],
  ['metadata says movie for an episode-named file', plan(PACK, [f(EP1)], movie('Show Name Movie', 2020)),
    [`${EP1} → Movies/Show Name Movie (2020)/Show Name Movie (2020).mkv`]],
  // ---- bad input ----
  ['unsafe paths are skipped and reported', plan(MATRIX, [f('../evil.mkv'), f('/etc/x.mkv'), f('C:/x.mkv'), f('a\\..\\b.mkv'), f(M1)]),
    [`${M1} → ${M}.mkv`, '../evil.mkv ✗ unsafe path', '/etc/x.mkv ✗ unsafe path', 'C:/x.mkv ✗ unsafe path', 'a\\..\\b.mkv ✗ unsafe path'],
    ['"../evil.mkv"', '"/etc/x.mkv"', '"C:/x.mkv"', '"a\\..\\b.mkv"']],
  ['unselected and empty files', plan(MATRIX, [f(M1, 0), f('other.mkv', 5, false)]),
    [`${M1} ✗ empty video file`, 'other.mkv ✗ not selected'], NO_VIDEO],
  ['a reserved Windows name from metadata', plan('x', [f('a.mkv')], movie('CON', null)), ['a.mkv → Movies/CON_/CON_.mkv']],
  ['a metadata title of dots only is no title', plan('x', [f('a.mkv')], movie('..', 2000)), ['a.mkv ✗ no usable movie title'], NO_VIDEO],
  ['an empty torrent', plan(MATRIX, []), [], NO_VIDEO],
];

describe('planImport', () => {
  it.each(rows)('%s', (_name, input, outcomes, problems = []) => {
    const result = planImport(input);
    // imported: in input order with the exact target; skipped: a reason containing the fragment
    const imported = result.items.map((i) => `${i.source} → ${i.target}`);
    expect(imported).toEqual(outcomes.filter((o) => o.includes(' → ')));
    const wanted = outcomes.flatMap((o) => (o.includes(' ✗ ') ? [o.split(' ✗ ')] : []));
    expect(result.skipped.map((s) => s.source)).toEqual(wanted.map(([source]) => source));
    result.skipped.forEach((s, i) => expect(s.reason).toContain(wanted[i][1]));
    expect(result.problems).toHaveLength(problems.length);
    problems.forEach((fragment, i) => expect(result.problems[i]).toContain(fragment));
    for (const item of result.items) {
      expect(item.reason).not.toBe('');
      expect(item.target.split('/')).not.toContain('..');
      const kind = /\.(srt|ass|ssa|sub|idx|vtt)$/.test(item.target)
        ? 'subtitle'
        : item.target.startsWith('Shows/')
          ? 'episode'
          : 'movie';
      expect(item.kind).toBe(kind);
    }
  });

  it('keeps reasons readable and honours the folder options', () => {
    const result = planImport(plan(MATRIX, [f('movie.mkv'), f('Rus Subs/Русские (форсированные).srt')]), {
      moviesFolder: 'Фильмы',
      showsFolder: 'TV',
    });
    expect(result.items).toEqual([
      {
        source: 'movie.mkv',
        target: 'Фильмы/The Matrix (1999)/The Matrix (1999).mkv',
        kind: 'movie',
        reason: 'movie "The Matrix (1999)", title from the release and file names',
      },
      {
        source: 'Rus Subs/Русские (форсированные).srt',
        target: 'Фильмы/The Matrix (1999)/The Matrix (1999).ru.forced.srt',
        kind: 'subtitle',
        reason: 'subtitle of "movie.mkv", language ru, forced',
      },
    ]);
    expect(
      planImport(plan(PACK, [f('Show.Name.S02E01.mkv')]), { moviesFolder: 'Movies', showsFolder: 'TV' }).items[0].target,
    ).toBe('TV/Show Name/Season 02/Show Name S02E01.mkv');
  });
});

describe('sanitizeName', () => {
  const rows: [string, string][] = [
    ['Star Wars: Episode IV', 'Star Wars Episode IV'],
    ['a<b>c"d/e\\f|g?h*i', 'a b c d e f g h i'],
    ['S.W.A.T.', 'S.W.A.T'],
    ['  .hidden name. . ', 'hidden name'],
    ['..', ''],
    ['CON', 'CON_'],
    ['nul.srt', 'nul_.srt'],
    ['COM1', 'COM1_'],
    ['Console', 'Console'],
    ['tab\tand\nnewline', 'tab and newline'],
    ['movie\u202Evkm.exe', 'movie vkm.exe'],
  ];
  it.each(rows)('%j → %j', (input, expected) => expect(sanitizeName(input)).toBe(expected));
  it('caps the length in UTF-8 bytes without splitting a character', () => {
    expect(Buffer.byteLength(sanitizeName('я'.repeat(300)))).toBe(240);
    expect(sanitizeName('я'.repeat(300), 9)).toBe('яяяя');
    expect(sanitizeName(`${'a'.repeat(9)} b`, 10)).toBe('a'.repeat(9));
  });
});

describe('episodeCode', () => {
  const rows: [number, number[], string][] = [
    [1, [2], 'S01E02'],
    [2, [4, 5], 'S02E04-E05'],
    [1, [3, 1, 2], 'S01E01-E03'],
    [0, [1], 'S00E01'],
    [12, [105], 'S12E105'],
  ];
  it.each(rows)('S%i %j → %s', (season, episodes, expected) => expect(episodeCode(season, episodes)).toBe(expected));
});

describe('subtitleTags', () => {
  const rows: [string, string[], string | null, boolean, boolean][] = [
    ['.en', [], 'en', false, false],
    ['.eng.forced', [], 'en', true, false],
    ['2_English', ['Subs', 'Show.S01E01'], 'en', false, false],
    ['English SDH', [], 'en', false, true],
    ['Русские', ['Rus Subs'], 'ru', false, false],
    ['Unknown', ['Rus Subs'], 'ru', false, false],
    ['Unknown', ['Subs', 'Ukrainian'], 'uk', false, false],
    ['Commentary', ['Movie.1999.RUS.ENG'], null, false, false],
    ['.it', [], 'it', false, false],
    ['', [], null, false, false],
  ];
  it.each(rows)('%j in %j', (tail, folders, language, forced, sdh) => {
    expect(subtitleTags(tail, folders)).toEqual({ language, forced, sdh });
  });
});

describe('describeRelease', () => {
  const rows: [string, string, number | null, number | null, boolean][] = [
    [MATRIX, 'The Matrix', 1999, null, false],
    [PACK, 'Show Name', null, 2, true],
    [KUBIK, 'Show', 2018, null, true],
    [LOSTFILM, 'Series', 2019, 1, true],
    ['Матрица / The Matrix (Вачовски) [1999, BDRip 1080p]', 'The Matrix', 1999, null, false],
    ['Сериал (2 сезон) [2020, WEB-DL]', 'Сериал', 2020, 2, true],
    ['Show.Name.S01E05.720p.HDTV.x264-GRP', 'Show Name', null, 1, true],
  ];
  it.each(rows)('%s', (title, name, year, season, isSeries) => {
    expect(describeRelease(title)).toMatchObject({ title: name, year, season, series: isSeries });
  });
});
