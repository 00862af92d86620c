import type { ParsedRelease, Quality } from './release-types.js';
import type { WantedItem } from './release-decision-types.js';

/** How a parsed release is read against a wanted item: titles, quality, audio languages, seasons; and their display. */

export const MB = 1024 * 1024;
const SD_SOURCES = new Set(['DVD', 'DVDRip', 'SATRip', 'TVRip', 'CAM', 'TS', 'HDRip']);

/** Lowercase, ё→е, no diacritics, '&'→and, no punctuation, no 'the', no spaces: "The Spider-Man" ≡ "spiderman". */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/ё/g, 'е')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && w !== 'the')
    .join('');
}

/** Untagged SD sources (DVDRip, SATRip…) are 480p-class on trackers; BDRip/WEB without a resolution stay unknown. */
export function effectiveQuality(p: ParsedRelease): Quality | null {
  return p.quality ?? (p.source && SD_SOURCES.has(p.source) ? '480p' : null);
}

/** Trackers that name voice-over kinds and studios are Russian-language, so a named voice-over is a Russian track. */
export function audioLanguages(p: ParsedRelease): string[] {
  const langs = new Set<string>();
  for (const v of p.voice) langs.add(v.kind === 'ORIG' ? 'original' : 'ru');
  return [...langs];
}

/** Seasons the release holds in full: any season of a multi-season pack, a one-season pack, or every episode listed. */
export function fullSeasons(p: ParsedRelease, wanted: WantedItem): number[] {
  if (p.seasons.length !== 1 || p.episodes.length === 0) return p.seasons;
  const count = wanted.episodeCounts?.[p.seasons[0]];
  const complete = count !== undefined && Array.from({ length: count }, (_, i) => i + 1).every((e) => p.episodes.includes(e));
  return complete ? p.seasons : [];
}

export function formatSeasons(seasons: number[]): string {
  const s = [...new Set(seasons)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; i++) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(j > i ? `${s[i]}-${s[j]}` : `${s[i]}`);
    i = j;
  }
  return parts.join(', ');
}

/** Bytes as gigabytes for messages: "1.4 GB". */
export const gb = (bytes: number) => `${(bytes / 1024 / MB).toFixed(1)} GB`;
