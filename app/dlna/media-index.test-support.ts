/**
 * Media indexes for the ContentDirectory tests: a realistic small library (movies, a series with two seasons and a
 * multi-episode file, a file in a subfolder) and synthetic big ones (10,000 files in one folder / 10,000 movies).
 * Shaped exactly as LibraryCatalogue.mediaIndex returns them.
 */
import type { ProbeInfo } from '../api/api-types.js';
import type { MediaIndexEntry } from '../library/library-catalogue.js';
import type { RendererQuirks } from './dlna-types.js';

/** The first audio track of a probe: default, 48 kHz, English unless said. */
const audioTrack = (codec: string, channels: number, channelLayout: string, language: string | null = 'eng') => ({
  index: 1,
  codec,
  channels,
  channelLayout,
  sampleRate: 48000,
  language,
  title: null,
  isDefault: true,
});

const H264_1080P: NonNullable<ProbeInfo['video']> = {
  codec: 'h264',
  profile: 'High',
  width: 1920,
  height: 1080,
  frameRate: 23.976,
  pixelFormat: 'yuv420p',
  bitDepth: 8,
  level: 41,
};

export const H264_AAC_MP4: ProbeInfo = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSec: 7023.25,
  bitRate: 8_000_000,
  video: H264_1080P,
  audio: [audioTrack('aac', 2, 'stereo')],
  subtitles: [],
};

export const H264_AC3_MKV: ProbeInfo = {
  container: 'matroska,webm',
  durationSec: 2640.5,
  bitRate: 6_000_000,
  video: H264_1080P,
  audio: [audioTrack('ac3', 6, '5.1(side)')],
  subtitles: [
    { index: 2, codec: 'hdmv_pgs_subtitle', language: 'eng', title: null, isDefault: false, isForced: false },
    { index: 3, codec: 'subrip', language: 'eng', title: 'English', isDefault: false, isForced: false },
  ],
};

export const HEVC_EAC3_MKV: ProbeInfo = {
  container: 'matroska,webm',
  durationSec: 3300,
  bitRate: 20_000_000,
  video: {
    codec: 'hevc',
    profile: 'Main 10',
    width: 3840,
    height: 2160,
    frameRate: 24,
    pixelFormat: 'yuv420p10le',
    bitDepth: 10,
    level: 153,
  },
  audio: [audioTrack('eac3', 6, '5.1(side)')],
  subtitles: [],
};

export const MPEG2_TS: ProbeInfo = {
  container: 'mpegts',
  durationSec: 1800,
  bitRate: 15_000_000,
  video: { ...H264_1080P, codec: 'mpeg2video', profile: 'Main', frameRate: 29.97, level: 4 },
  audio: [audioTrack('ac3', 2, 'stereo', null)],
  subtitles: [],
};

let nextAdded = Date.UTC(2024, 0, 1);

interface EntryOptions {
  fileId: number;
  path: string;
  rootId?: number;
  rootPath?: string;
  item: MediaIndexEntry['item'];
  episodes?: MediaIndexEntry['episodes'];
  probe?: ProbeInfo | null;
  size?: number;
  addedAt?: string;
}

export function indexEntry(opts: EntryOptions): MediaIndexEntry {
  nextAdded += 60_000;
  return {
    fileId: opts.fileId,
    rootId: opts.rootId ?? 1,
    rootPath: opts.rootPath ?? '/media/Library',
    path: opts.path,
    size: opts.size ?? 1_000_000_000 + opts.fileId,
    mtimeMs: 1_700_000_000_000,
    addedAt: opts.addedAt ?? new Date(nextAdded).toISOString(),
    probe: opts.probe === undefined ? H264_AAC_MP4 : opts.probe,
    item: opts.item,
    episodes: opts.episodes ?? [],
  };
}

const BB = { id: 20, type: 'series' as const, title: 'Breaking Bad', year: 2008 };

/**
 * Two media folders: /media/Library (movies at the top and in a subfolder, a series in Season folders) and
 * /media/Other (one more movie). Breaking Bad has seasons 1 and 2, with S01E02E03 in one file.
 */
export function realisticIndex(): MediaIndexEntry[] {
  return [
    indexEntry({
      fileId: 1,
      path: '/media/Library/Alien (1979).mp4',
      item: { id: 10, type: 'movie', title: 'Alien', year: 1979 },
      addedAt: '2024-01-01T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 2,
      path: '/media/Library/Sci-Fi/Blade Runner (1982).mkv',
      item: { id: 11, type: 'movie', title: 'Blade Runner', year: 1982 },
      probe: H264_AC3_MKV,
      addedAt: '2024-01-02T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 3,
      path: '/media/Library/Sci-Fi/Dune (2021).mkv',
      item: { id: 12, type: 'movie', title: 'Dune', year: 2021 },
      probe: HEVC_EAC3_MKV,
      addedAt: '2024-01-03T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 4,
      path: '/media/Library/Breaking Bad/Season 1/Breaking.Bad.S01E01.Pilot.mkv',
      item: BB,
      episodes: [{ season: 1, number: 1, title: 'Pilot' }],
      probe: H264_AC3_MKV,
      addedAt: '2024-01-04T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 5,
      path: '/media/Library/Breaking Bad/Season 1/Breaking.Bad.S01E02E03.mkv',
      item: BB,
      episodes: [
        { season: 1, number: 2, title: "Cat's in the Bag" },
        { season: 1, number: 3, title: null },
      ],
      probe: H264_AC3_MKV,
      addedAt: '2024-01-05T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 6,
      path: '/media/Library/Breaking Bad/Season 2/Breaking.Bad.S02E01.mkv',
      item: BB,
      episodes: [{ season: 2, number: 1, title: 'Seven Thirty-Seven' }],
      probe: H264_AC3_MKV,
      addedAt: '2024-01-06T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 7,
      path: '/media/Other/Heat & Dust.ts',
      rootId: 2,
      rootPath: '/media/Other',
      item: { id: 13, type: 'movie', title: 'Heat & Dust <1983>', year: 1983 },
      probe: MPEG2_TS,
      addedAt: '2024-01-07T10:00:00.000Z',
    }),
    indexEntry({
      fileId: 8,
      path: '/media/Library/Unprobed.avi',
      item: { id: 14, type: 'movie', title: 'Unprobed', year: null },
      probe: null,
      addedAt: '2024-01-08T10:00:00.000Z',
    }),
  ];
}

const pad = (n: number) => String(n).padStart(5, '0');

/** `count` movie files in one folder, "Movie 00001" … (each its own movie), added in id order. */
export function syntheticMovies(count: number): MediaIndexEntry[] {
  const base = Date.UTC(2020, 0, 1);
  return Array.from({ length: count }, (_, i) =>
    indexEntry({
      fileId: i + 1,
      path: `/media/Big/Movie ${pad(i + 1)}.mp4`,
      rootPath: '/media/Big',
      item: { id: i + 1, type: 'movie', title: `Movie ${pad(i + 1)}`, year: 1950 + (i % 70) },
      addedAt: new Date(base + i * 1000).toISOString(),
    }),
  );
}

export function quirks(overrides: Partial<RendererQuirks> = {}): RendererQuirks {
  return {
    name: 'generic',
    label: 'Generic DLNA renderer',
    deviceProfile: 'dlna-generic',
    samsungCaptions: false,
    omitDlnaProfileName: false,
    xboxContainerIds: false,
    maxPageSize: 0,
    ...overrides,
  };
}
