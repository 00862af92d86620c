import { describe, expect, it } from 'vitest';
import type { LibraryItemSummary, ProbeInfo } from '../../app/api/api-types';
import {
  playingTitle,
  audioTrackLabel,
  channelsLabel,
  codecLabel,
  containerLabel,
  episodeCode,
  fileName,
  filterLibrary,
  formatBitRate,
  formatDuration,
  formatSize,
  itemCountLabel,
  languageLabel,
  mediaErrorMessage,
  probeSummary,
  resolutionLabel,
  seasonLabel,
  titleHue,
  titleInitials,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0:00:00'],
    [59.4, '0:00:59'],
    [65, '0:01:05'],
    [3600, '1:00:00'],
    [5525, '1:32:05'],
    [36000 + 61, '10:01:01'],
  ])('%s s → %s', (sec, text) => expect(formatDuration(sec)).toBe(text));

  it('shows a dash when unknown', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });
});

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [734_003_200, '700 MB'],
    [4_692_251_770, '4.37 GB'],
    [15 * 1024 ** 3, '15 GB'],
    [2.5 * 1024 ** 4, '2.5 TB'],
  ])('%s bytes → %s', (bytes, text) => expect(formatSize(bytes)).toBe(text));

  it('shows a dash when unknown', () => expect(formatSize(null)).toBe('—'));
});

describe('formatBitRate', () => {
  it('uses Mb/s and kb/s', () => {
    expect(formatBitRate(8_200_000)).toBe('8.2 Mb/s');
    expect(formatBitRate(640_000)).toBe('640 kb/s');
    expect(formatBitRate(null)).toBe('—');
  });
});

describe('episodeCode', () => {
  it('pads to two digits', () => {
    expect(episodeCode(1, 2)).toBe('S01E02');
    expect(episodeCode(12, 10)).toBe('S12E10');
    expect(episodeCode(0, 1)).toBe('S00E01');
  });
  it('keeps three-digit episodes', () => expect(episodeCode(1, 105)).toBe('S01E105'));
  it('names season 0 Specials', () => {
    expect(seasonLabel(0)).toBe('Specials');
    expect(seasonLabel(3)).toBe('Season 3');
  });
});

describe('resolutionLabel', () => {
  it.each([
    [3840, 2160, '4K'],
    [4096, 1716, '4K'],
    [7680, 4320, '8K'],
    [2560, 1440, '1440p'],
    [1920, 1080, '1080p'],
    [1920, 800, '1080p'],
    [1280, 720, '720p'],
    [1280, 536, '720p'],
    [720, 576, '576p'],
    [720, 480, '480p'],
    [640, 360, '360p'],
  ])('%sx%s → %s', (w, h, label) => expect(resolutionLabel(w, h)).toBe(label));

  it('is null without a frame size', () => expect(resolutionLabel(null, null)).toBeNull());
});

describe('codec, container, channel and language labels', () => {
  it('names common codecs', () => {
    expect(codecLabel('hevc')).toBe('HEVC');
    expect(codecLabel('h264')).toBe('H.264');
    expect(codecLabel('ac3')).toBe('AC-3');
    expect(codecLabel('eac3')).toBe('E-AC-3');
    expect(codecLabel('pcm_s16le')).toBe('PCM');
    expect(codecLabel('prores')).toBe('PRORES');
  });
  it('reads ffprobe format names', () => {
    expect(containerLabel('matroska,webm')).toBe('MKV');
    expect(containerLabel('mov,mp4,m4a,3gp,3g2,mj2')).toBe('MP4');
    expect(containerLabel('avi')).toBe('AVI');
  });
  it('names channel layouts', () => {
    expect(channelsLabel(1)).toBe('Mono');
    expect(channelsLabel(2)).toBe('Stereo');
    expect(channelsLabel(6)).toBe('5.1');
    expect(channelsLabel(8)).toBe('7.1');
    expect(channelsLabel(null, 'quad')).toBe('quad');
  });
  it('names languages', () => {
    expect(languageLabel('eng')).toBe('English');
    expect(languageLabel('fr')).toBe('French');
    expect(languageLabel('und')).toBeNull();
    expect(languageLabel('tlh')).toBe('tlh');
  });
  it('describes an audio track', () => {
    expect(
      audioTrackLabel({
        index: 1,
        codec: 'eac3',
        channels: 6,
        channelLayout: '5.1(side)',
        language: 'eng',
        title: null,
        isDefault: true,
      }),
    ).toBe('English · E-AC-3 · 5.1 · default');
  });
});

const probe: ProbeInfo = {
  container: 'matroska,webm',
  durationSec: 5400,
  bitRate: 8_000_000,
  video: {
    codec: 'hevc',
    profile: 'Main 10',
    width: 3840,
    height: 2160,
    frameRate: 23.976,
    pixelFormat: 'yuv420p10le',
    bitDepth: 10,
  },
  audio: [{ index: 1, codec: 'ac3', channels: 6, channelLayout: '5.1', language: 'eng', title: null, isDefault: true }],
  subtitles: [],
};

describe('probeSummary and mediaErrorMessage', () => {
  it('summarises a file on one line', () => expect(probeSummary(probe)).toBe('4K · HEVC · AC-3 5.1 · MKV'));
  it('names the formats the browser refused', () => {
    expect(mediaErrorMessage(4, probe)).toBe(
      "This browser can't play this file's format (HEVC / AC-3 / MKV); transcoding comes with the playback update.",
    );
    expect(mediaErrorMessage(4, null)).toContain("can't play this file's format;");
    expect(mediaErrorMessage(2, probe)).toContain('network');
  });
});

const item = (id: number, type: 'movie' | 'series', title: string, year: number | null): LibraryItemSummary => ({
  id,
  type,
  title,
  year,
  addedAt: '2024-01-01T00:00:00Z',
  fileCount: 1,
  seasonCount: type === 'series' ? 1 : 0,
});

describe('library helpers', () => {
  const items = [
    item(1, 'movie', 'The Matrix', 1999),
    item(2, 'series', 'Breaking Bad', 2008),
    item(3, 'movie', 'Alien', 1979),
    item(4, 'movie', 'Matrix Reloaded', 2003),
    item(5, 'movie', 'Alien', 1960),
  ];
  it('sorts by title ignoring articles, then year', () => {
    expect(filterLibrary(items, 'all', '').map((i) => i.id)).toEqual([5, 3, 2, 1, 4]);
  });
  it('filters by type and text', () => {
    expect(filterLibrary(items, 'series', '').map((i) => i.id)).toEqual([2]);
    expect(filterLibrary(items, 'movie', 'matrix').map((i) => i.id)).toEqual([1, 4]);
    expect(filterLibrary(items, 'all', '1979').map((i) => i.id)).toEqual([3]);
  });
  it('does not mutate the input', () => {
    filterLibrary(items, 'all', '');
    expect(items[0].id).toBe(1);
  });
  it('makes poster initials and a stable hue', () => {
    expect(titleInitials('The Dark Knight')).toBe('DK');
    expect(titleInitials('Alien')).toBe('A');
    expect(titleInitials('the')).toBe('T');
    expect(titleInitials('Амели')).toBe('А');
    expect(titleInitials('!!!')).toBe('?');
    expect(titleHue('Alien')).toBe(titleHue('Alien'));
    expect(titleHue('Alien')).toBeGreaterThanOrEqual(0);
    expect(titleHue('Alien')).toBeLessThan(360);
  });
  it('counts files and episodes', () => {
    expect(itemCountLabel({ ...item(1, 'movie', 'X', null), fileCount: 2 })).toBe('2 files');
    expect(itemCountLabel({ ...item(2, 'series', 'Y', null), fileCount: 24, seasonCount: 3 })).toBe('3 seasons · 24 episodes');
    expect(itemCountLabel({ ...item(2, 'series', 'Y', null), fileCount: 1, seasonCount: 1 })).toBe('1 season · 1 episode');
  });
  it('takes the file name from any path', () => {
    expect(fileName('/media/Movies/Alien (1979).mkv')).toBe('Alien (1979).mkv');
    expect(fileName('D:\\Media\\Alien.mkv')).toBe('Alien.mkv');
  });
});

describe('playingTitle', () => {
  const item = (type: 'movie' | 'series', year: number | null = null) => ({ id: 1, type, title: 'Dark', year });
  it.each([
    [{ item: item('movie', 2010), episodes: [] }, 'Dark (2010)'],
    [{ item: item('movie'), episodes: [] }, 'Dark'],
    [{ item: item('series'), episodes: [{ season: 1, number: 2, title: 'Lies' }] }, 'Dark · S01E02 · Lies'],
    [{ item: item('series'), episodes: [{ season: 1, number: 2, title: null }] }, 'Dark · S01E02'],
    [
      {
        item: item('series'),
        episodes: [
          { season: 3, number: 1, title: 'Deja-vu' },
          { season: 3, number: 2, title: null },
        ],
      },
      'Dark · S03E01–E02 · Deja-vu',
    ],
  ])('%j → %s', (file, expected) => expect(playingTitle(file)).toBe(expected));
});
