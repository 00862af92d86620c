import { describe, it, expect } from 'vitest';
import { VIDEO_EXTENSIONS, isIgnoredPath, isVideoFile, parseMediaPath, type ParsedMedia } from './media-name-parser.js';

const movie = (title: string, year: number | null): ParsedMedia => ({ kind: 'movie', title, year });
const episode = (
  seriesTitle: string,
  seriesYear: number | null,
  season: number,
  episodes: number[],
  episodeTitle: string | null = null,
): ParsedMedia => ({ kind: 'episode', seriesTitle, seriesYear, season, episodes, episodeTitle });

describe('parseMediaPath: movies', () => {
  const rows: [string, ParsedMedia][] = [
    ['Movie (2010)/Movie (2010).mkv', movie('Movie', 2010)],
    ['Movie (2010) [1080p]/movie.mkv', movie('Movie', 2010)],
    ['The.Matrix.1999.1080p.BluRay.x264-GRP.mkv', movie('The Matrix', 1999)],
    ['Blade Runner 2049 (2017)/Blade Runner 2049 (2017).mkv', movie('Blade Runner 2049', 2017)],
    ['Blade Runner 2049 (2017)/Blade.Runner.2049.2017.2160p.UHD.BluRay.x265-GRP.mkv', movie('Blade Runner 2049', 2017)],
    ['Blade.Runner.2049.2017.1080p.WEB-DL.mkv', movie('Blade Runner 2049', 2017)],
    ['2001 A Space Odyssey (1968).mkv', movie('2001 A Space Odyssey', 1968)],
    ['Movie.mkv', movie('Movie', null)],
    ['Брат 2 (2000).avi', movie('Брат 2', 2000)],
    ['Брат.2.2000.BDRip.1080p.mkv', movie('Брат 2', 2000)],
    ['Брат 2 (2000) BDRip 1080p [Rutracker].avi', movie('Брат 2', 2000)],
    ['Movie (2010) {tmdb-12345}.mkv', movie('Movie', 2010)],
    ['Movie (2010) [imdbid-tt0123456]/Movie (2010) [imdbid-tt0123456].mkv', movie('Movie', 2010)],
    ["Ocean's 11 (2001)/Ocean's 11 (2001).mkv", movie("Ocean's 11", 2001)],
    ['Movie.Name.2010.720p.mkv', movie('Movie Name', 2010)],
    ['Movie.Name.2010.720p.h.265.DD5.1-GRP.mkv', movie('Movie Name', 2010)],
    ['Movie.Name.2010.REMASTERED.1080p.BluRay.x264.DTS-HD.MA.5.1-GRP.mkv', movie('Movie Name', 2010)],
    ['Movie.Name.PROPER.1080p.WEB.h264-GRP.mkv', movie('Movie Name', null)],
    ['Movie_Name_2012_720p.mp4', movie('Movie Name', 2012)],
    ['1917 (2019)/1917.mkv', movie('1917', 2019)],
    ['2012.mkv', movie('2012', null)],
    ["Charlotte's Web (2006).mkv", movie("Charlotte's Web", 2006)],
    ["Charlotte's Web.mkv", movie("Charlotte's Web", null)],
    ['Mr. Nobody (2009).mkv', movie('Mr. Nobody', 2009)],
    ['A.I. Artificial Intelligence (2001).mkv', movie('A.I. Artificial Intelligence', 2001)],
    ['[REC] (2007).mkv', movie('REC', 2007)],
    ['Movie   Name    (2010)  .mkv', movie('Movie Name', 2010)],
    ['Movie (2010)\\Movie (2010).MKV', movie('Movie', 2010)],
    ['Movie (2010)/VIDEO_TS/VTS_01_1.VOB', movie('Movie', 2010)],
    ['Movie (2010)/BDMV/STREAM/00000.m2ts', movie('Movie', 2010)],
    ['Movie (2010)/CD1/movie cd1.avi', movie('Movie', 2010)],
    ['Movie (2010)/Movie (2010) - cd2.avi', movie('Movie', 2010)],
    ['Collection/Iron Man (2008).mkv', movie('Iron Man', 2008)],
    ['Pixar (1995-2020)/Toy Story (1995).mkv', movie('Toy Story', 1995)],
    ['The.Matrix.1999.1080p.BluRay.x264-GRP/the.matrix.1999.1080p-grp.mkv', movie('The Matrix', 1999)],
    ['Some Film/1080p.mkv', movie('Some Film', null)],
    ['Movie (2010)', movie('Movie', 2010)],
    ['Movie.2010.iso', movie('Movie', 2010)],
    ['Star Wars Episode IV - A New Hope (1977).mkv', movie('Star Wars Episode IV - A New Hope', 1977)],
    ['Звёздные войны Эпизод 1 - Скрытая угроза (1999).mkv', movie('Звёздные войны Эпизод 1 - Скрытая угроза', 1999)],
    ['Space Odyssey 2999.mkv', movie('Space Odyssey 2999', null)],
    ['Amélie (2001).mkv', movie('Amélie', 2001)],
    ['', movie('', null)],
  ];
  it.each(rows)('%s', (path, expected) => {
    expect(parseMediaPath(path)).toEqual(expected);
  });
});

describe('parseMediaPath: episodes', () => {
  const rows: [string, ParsedMedia][] = [
    ['Show/Season 01/Show S01E02.mkv', episode('Show', null, 1, [2])],
    ['Show/Season 01/Other Name S01E02.mkv', episode('Show', null, 1, [2])],
    ['Show (2019)/Season 2/S02E03 - Title.mkv', episode('Show', 2019, 2, [3], 'Title')],
    ['Show.S01E02.1080p.WEB-DL.mkv', episode('Show', null, 1, [2])],
    ['Show.Name.S01E02E03.mkv', episode('Show Name', null, 1, [2, 3])],
    ['Show.Name.S01E01-E03.mkv', episode('Show Name', null, 1, [1, 2, 3])],
    ['Show S01E01-03.mkv', episode('Show', null, 1, [1, 2, 3])],
    ['Show S01E01-1080p.mkv', episode('Show', null, 1, [1])],
    ['Show 1x07.avi', episode('Show', null, 1, [7])],
    ['Show 2x04-05.avi', episode('Show', null, 2, [4, 5])],
    ['Show/Season 1/07.mkv', episode('Show', null, 1, [7])],
    ['Show/Season 1/07 - Pilot.mkv', episode('Show', null, 1, [7], 'Pilot')],
    ['Show/Season 1/01. Pilot.mkv', episode('Show', null, 1, [1], 'Pilot')],
    ['Show/Season 1/Show E07.mkv', episode('Show', null, 1, [7])],
    ['Show/Season 1/Episode 7.mkv', episode('Show', null, 1, [7])],
    ['Show/Season 1/[Group] Show - 05 [1080p].mkv', episode('Show', null, 1, [5])],
    ['Show/Specials/Show S00E01 - Christmas Special.mkv', episode('Show', null, 0, [1], 'Christmas Special')],
    ['Show/Specials/Behind the Making.mkv', episode('Show', null, 0, [], 'Behind the Making')],
    ['Show/Season 1/Show.mkv', episode('Show', null, 1, [], 'Show')],
    ['Сериал/Сезон 2/02 серия.mkv', episode('Сериал', null, 2, [2])],
    ['Сериал (2019)/Сезон 1/Серия 5.mkv', episode('Сериал', 2019, 1, [5])],
    ['Сериал (2019)/1 сезон/Серия 05 - Название.mkv', episode('Сериал', 2019, 1, [5], 'Название')],
    ['Сериал/01 серия.avi', episode('Сериал', null, 1, [1])],
    ['Сериал - 2 сезон 5 серия.avi', episode('Сериал', null, 2, [5])],
    ['Сериал.S01.1080p/Сериал.S01E05.mkv', episode('Сериал', null, 1, [5])],
    ['Сериал.S01.1080p.WEB-DL/05.mkv', episode('Сериал', null, 1, [5])],
    ['Show.Name.2019.S02.1080p.WEB-DL-GRP/Show.Name.2019.S02E01.1080p.WEB-DL-GRP.mkv', episode('Show Name', 2019, 2, [1])],
    ['Show/S03/Show - 3x04 - Name.mkv', episode('Show', null, 3, [4], 'Name')],
    [
      'The Office (US)/Season 05/The Office (US) - S05E14 - Stress Relief.mkv',
      episode('The Office (US)', null, 5, [14], 'Stress Relief'),
    ],
    ['The Office (US) - S05E14 - Stress Relief.mkv', episode('The Office (US)', null, 5, [14], 'Stress Relief')],
    ['show.name.s01e02.720p.hdtv.x264-grp.mkv', episode('show name', null, 1, [2])],
    ['Show.Name.2019.S01E02.1080p.WEB.h264-GRP.mkv', episode('Show Name', 2019, 1, [2])],
    ['Show - S01E02 - Pilot.1080p.WEB-DL.x264-GRP.mkv', episode('Show', null, 1, [2], 'Pilot')],
    ['Show - S01E02 - 1080p WEB-DL.mkv', episode('Show', null, 1, [2])],
    ['Show - S01E02 - Pilot (1080p).mkv', episode('Show', null, 1, [2], 'Pilot')],
    ['Show S01E02 Pilot.mkv', episode('Show', null, 1, [2])],
    ['Show   -   S01E02   -   Two  Words.mkv', episode('Show', null, 1, [2], 'Two Words')],
    ['Show S01 E02.mkv', episode('Show', null, 1, [2])],
    ['Show.S1E2.mkv', episode('Show', null, 1, [2])],
    ['Show/Show.S01E02.mkv', episode('Show', null, 1, [2])],
    ['Show/Show.2015.S01E02.mkv', episode('Show', 2015, 1, [2])],
    ['Season 1/S01E02.mkv', episode('', null, 1, [2])],
    ['Show/Season 2 [1080p]/S02E01.mkv', episode('Show', null, 2, [1])],
    ['Show\\Season 1\\Show S01E03.mkv', episode('Show', null, 1, [3])],
    ['TV/Show/Season 1/Disc 1/Show S01E01.mkv', episode('Show', null, 1, [1])],
    ['Doctor Who (2005)/Series 3/Doctor.Who.2005.S03E10.Blink.720p.mkv', episode('Doctor Who', 2005, 3, [10])],
    ['S.W.A.T.2017.S01E01.1080p.mkv', episode('S.W.A.T.', 2017, 1, [1])],
    ["Marvel's.Agents.of.S.H.I.E.L.D.S01E01.mkv", episode("Marvel's Agents of S.H.I.E.L.D.", null, 1, [1])],
    ['Show.Name.S01E02.REPACK.720p.mkv', episode('Show Name', null, 1, [2])],
    ['Show/Season 10/Show S10E100.mkv', episode('Show', null, 10, [100])],
    ['[SubsPlease] Show Name - 05 (1080p) [ABCD1234].mkv', episode('Show Name', null, 1, [5])],
    ['Show Name/[Group] Show Name - 1049 [1080p].mkv', episode('Show Name', null, 1, [1049])],
    ['Show/Season 1/Show - 05v2.mkv', episode('Show', null, 1, [5])],
    ['Show.S01E02E03-E05.mkv', episode('Show', null, 1, [2, 3, 4, 5])],
    ['Space.1999.S01E01.mkv', episode('Space', 1999, 1, [1])],
    // a flat folder of many shows names none of them; a show's own folder still wins over a transliterated file name
    ['Downloads/Scene.Show.S01E03.1080p.WEB-DL.x264-GRP.mp4', episode('Scene Show', null, 1, [3])],
    ['TV Shows/The.Office.US.S05E14.720p.mkv', episode('The Office US', null, 5, [14])],
    ['Сериалы/Kuhnya.S02E05.avi', episode('Kuhnya', null, 2, [5])],
    ['Кухня/Kuhnya.S02E05.avi', episode('Кухня', null, 2, [5])],
    ['Series/Season 2/Show S02E01.mkv', episode('Show', null, 2, [1])], // season folders straight under a collection folder
  ];
  it.each(rows)('%s', (path, expected) => {
    expect(parseMediaPath(path)).toEqual(expected);
  });
});

describe('parseMediaPath: numbers that are not episodes', () => {
  const rows: [string, ParsedMedia][] = [
    ['Movie.2010.2160p.HDR.x265.mkv', movie('Movie', 2010)],
    ['Movie.1080p.x264.mkv', movie('Movie', null)],
    ['Movie 1920x1080.mkv', movie('Movie 1920x1080', null)],
    ['Movie.2010.DTS.5.1.mkv', movie('Movie', 2010)],
    ['Movie.2010.AAC2.0.mkv', movie('Movie', 2010)],
    ['Apollo 13 (1995).mkv', movie('Apollo 13', 1995)],
    ['Robot 2.0 (2018).mkv', movie('Robot 2.0', 2018)],
    ['Movie 2.2000.mkv', movie('Movie 2', 2000)],
    ['Movie 2 (2012)/Movie 2 (2012).mkv', movie('Movie 2', 2012)],
    ['[Group] Evangelion 3.0+1.0 (2021) [1080p].mkv', movie('Evangelion 3.0+1.0', 2021)],
    ['[Group] Kimi no Na wa (2016) [BD 1080p].mkv', movie('Kimi no Na wa', 2016)],
    ['Harry.Potter.and.the.Deathly.Hallows.Part.2.2011.mkv', movie('Harry Potter and the Deathly Hallows Part 2', 2011)],
  ];
  it.each(rows)('%s', (path, expected) => {
    expect(parseMediaPath(path)).toEqual(expected);
  });
});

describe('isVideoFile', () => {
  const rows: [string, boolean][] = [
    ['movie.mkv', true],
    ['MOVIE.MKV', true],
    ['a.m2ts', true],
    ['clip.webm', true],
    ['dir/sub/file.mp4', true],
    ['dir\\file.avi', true],
    ['movie.iso', false],
    ['movie.srt', false],
    ['movie.nfo', false],
    ['movie', false],
    ['.mkv', false],
    ['movie.mkv.part', false],
  ];
  it.each(rows)('%s → %s', (name, expected) => {
    expect(isVideoFile(name)).toBe(expected);
  });

  it('lists lower-case extensions with a leading dot', () => {
    for (const ext of VIDEO_EXTENSIONS) expect(ext).toMatch(/^\.[a-z0-9]+$/);
    expect(VIDEO_EXTENSIONS.has('.iso')).toBe(false);
  });
});

describe('isIgnoredPath', () => {
  const rows: [string, boolean][] = [
    ['Movie (2010)/Movie (2010).mkv', false],
    ['.hidden/Movie.mkv', true],
    ['Movie (2010)/.Movie.mkv', true],
    ['Movie (2010)/._Movie.mkv', true],
    ['Movie (2010)/sample.mkv', true],
    ['Movie (2010)/movie-sample.mkv', true],
    ['Movie.2010.1080p/Movie.2010.1080p.SAMPLE.mkv', true],
    ['Movie (2010)/Sample/movie.mkv', true],
    ['Movie (2010)/Samples/movie.mkv', true],
    ['Movie (2010)/Sampler (2010).mkv', false],
    ['Movie (2010)/Extras/making of.mkv', true],
    ['Movie (2010)/Featurettes/a.mkv', true],
    ['Movie (2010)/Behind The Scenes/a.mkv', true],
    ['Movie (2010)/Deleted Scenes/a.mkv', true],
    ['Movie (2010)/trailers/a.mkv', true],
    ['Movie (2010)/Interviews/a.mkv', true],
    ['Movie (2010)/Scenes/a.mkv', true],
    ['Movie (2010)/Shorts/a.mkv', true],
    ['Movie (2010)/Other/a.mkv', true],
    ['Movie (2010)/Extras', true],
    ['Movie (2010)/Movie (2010)-trailer.mkv', true],
    ['@eaDir/Movie.mkv/SYNOVIDEO_VIDEO_SCREENSHOT.jpg', true],
    ['Movies/@eaDir/x.mkv', true],
    ['#recycle/Movie.mkv', true],
    ['lost+found/#123.mkv', true],
    ['$RECYCLE.BIN/S-1-5-21/movie.mkv', true],
    ['System Volume Information/x.mkv', true],
    ['Show/Season 1/Show S01E01.mkv', false],
    ['Spider-Man (2002)/Spider-Man (2002).mkv', false],
    ['Other People (2016)/Other People (2016).mkv', false],
    ['Movie (2010)\\Extras\\a.mkv', true],
  ];
  it.each(rows)('%s → %s', (path, expected) => {
    expect(isIgnoredPath(path)).toBe(expected);
  });
});
