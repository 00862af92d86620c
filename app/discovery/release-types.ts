/**
 * What the release-title parser extracts from one indexer title. Its JSON form is the `racoon parse-title` output
 * (one object a line), so field names and value spellings are a public contract: change them only with the CLI.
 */
export type Quality = '2160p' | '1080p' | '720p' | '480p';

/** Where the picture came from, best first as the decision engine ranks it. */
export type Source =
  'BluRay' | 'BDRip' | 'WEB-DL' | 'WEBRip' | 'HDTV' | 'HDRip' | 'DVD' | 'DVDRip' | 'SATRip' | 'TVRip' | 'CAM' | 'TS';

export type ReleaseType = 'movie' | 'series' | 'music' | 'other';

/** A voice-over track as tracker titles name it: its kind and, when given, the studio (LostFilm, Кубик в кубе, …). */
export interface Voice {
  /** DUB (full dub), MVO/DVO/AVO/VO (multi-, two-, author, single voice-over), ORIG (original track), or null */
  kind: 'DUB' | 'MVO' | 'DVO' | 'AVO' | 'VO' | 'ORIG' | null;
  /** the studio as written in the title, e.g. "LostFilm"; null when only the kind is given */
  studio: string | null;
}

export interface ParsedRelease {
  /** every title alternative, in title order (`Сериал / Series` gives both) */
  titles: string[];
  year: number | null;
  /** seasons covered: a range `S01-03` or `Сезон: 1-4` expands to every number */
  seasons: number[];
  /** episodes covered (within the season when one season is named) */
  episodes: number[];
  quality: Quality | null;
  source: Source | null;
  /** video codec: 'H.264' | 'H.265' | 'AV1' | 'VP9' | 'MPEG-2' | 'XviD' | 'VC-1' | null */
  codec: string | null;
  /** audio codec: 'AAC' | 'AC3' | 'EAC3' | 'DTS' | 'DTS-HD' | 'TrueHD' | 'FLAC' | 'MP3' | 'Opus' | null */
  audio: string | null;
  remux: boolean;
  hdr: boolean;
  voice: Voice[];
  /** subtitle languages as ISO 639-1 codes ('ru', 'en', …) */
  subtitles: string[];
  group: string | null;
  type: ReleaseType;
}
