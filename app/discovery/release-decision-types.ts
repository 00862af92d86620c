import type { ParsedRelease } from './release-types.js';

/**
 * The data the release decision engine (release-decision.ts) reads and writes, and the ranking order every part of it
 * agrees on. Kept apart so release-match.ts and release-plan.ts can use them without importing release-decision.ts.
 */

export interface ReleaseCandidate {
  id: string;
  title: string;
  parsed: ParsedRelease;
  /** bytes; 0 when the indexer did not say */
  size: number;
  seeders: number | null;
  leechers: number | null;
  indexer: string;
  infoHash: string | null;
  /** 0 = freeleech */
  downloadVolumeFactor: number | null;
  publishDate: string | null;
}

export interface WantedItem {
  kind: 'movie' | 'series';
  /** every known title: original, localized, alternatives */
  titles: string[];
  year: number | null;
  /** movie runtime, or one episode's runtime for a series */
  runtimeMin: number | null;
  season?: number;
  episode?: number;
  /** all seasons of the series wanted at once (the 'compact' preset covers them with the fewest torrents) */
  seasons?: number[];
  /** episodes per season when known: sizes season packs and tells when an episode range is a full season */
  episodeCounts?: Record<number, number>;
}

export type RejectionCode =
  | 'not-video'
  | 'wrong-kind'
  | 'wrong-title'
  | 'wrong-year'
  | 'wrong-season'
  | 'wrong-episode'
  | 'quality-not-allowed'
  | 'source-not-allowed'
  | 'remux-not-allowed'
  | 'too-small'
  | 'too-large'
  | 'no-seeders'
  | 'min-seeders'
  | 'forbidden-word'
  | 'missing-required-word'
  | 'blocklisted';

export interface Rejection {
  code: RejectionCode;
  message: string;
}

export interface ScoreFactor {
  factor: string;
  points: number;
  /** short value for side-by-side display: '1080p', 'BluRay', '120 seeders' */
  value: string;
  why: string;
}

export interface Decision {
  candidateId: string;
  title: string;
  accepted: boolean;
  rejections: Rejection[];
  score: number;
  breakdown: ScoreFactor[];
  /** what could not be checked and why (unknown runtime, seeders, source…) */
  notes: string[];
  seeders: number | null;
  size: number;
}

/** Accepted first, then score, then more seeders, then smaller size; Array.sort is stable for the rest. */
export function compareDecisions(a: Decision, b: Decision): number {
  if (a.accepted !== b.accepted) return a.accepted ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  if ((a.seeders ?? -1) !== (b.seeders ?? -1)) return (b.seeders ?? -1) - (a.seeders ?? -1);
  return a.size - b.size;
}
