/**
 * Pure glue between the pieces of a release search: a title's details → what is wanted (titles, year, runtime, seasons)
 * and the Torznab query; merged indexer releases → decision candidates; decisions → the API's release rows.
 */
import type { ReleaseRow, TitleDetails } from '../api/api-types.js';
import type { Decision, ReleaseCandidate, WantedItem } from './release-decision.js';
import type { ParsedRelease, Voice } from './release-types.js';
import type { TorznabQuery } from './torznab-plan.js';
import type { MergedRelease } from './torznab-search.js';

export interface ReleaseScope {
  season?: number;
  episode?: number;
}

export function wantedFrom(title: TitleDetails, scope: ReleaseScope): WantedItem {
  const titles = [...new Set([title.title, title.originalTitle].filter((t): t is string => Boolean(t)))];
  const wanted: WantedItem = { kind: title.kind, titles, year: title.year, runtimeMin: title.runtimeMin };
  if (title.kind === 'series') {
    const seasons = title.seasons.filter((s) => s.number > 0);
    wanted.episodeCounts = Object.fromEntries(seasons.map((s) => [s.number, s.episodeCount]));
    if (scope.season !== undefined) wanted.season = scope.season;
    else wanted.seasons = seasons.map((s) => s.number);
    if (scope.season !== undefined && scope.episode !== undefined) wanted.episode = scope.episode;
  }
  return wanted;
}

/** Ids first (indexers that know them answer exactly); the original title for the rest (scene names are in it). */
export function queryFor(title: TitleDetails & { tvdbId?: number | null }, scope: ReleaseScope): TorznabQuery {
  return {
    kind: title.kind,
    q: title.originalTitle ?? title.title,
    imdbId: title.imdbId ?? undefined,
    tmdbId: title.tmdbId ?? undefined,
    tvdbId: title.tvdbId ?? undefined,
    year: title.kind === 'movie' ? (title.year ?? undefined) : undefined,
    season: scope.season,
    episode: scope.season !== undefined ? scope.episode : undefined,
  };
}

/** A release's id: its info-hash when known, else a hash of its indexer guid (stable across searches). */
export function releaseId(r: MergedRelease): string {
  if (r.infoHash) return r.infoHash;
  let h = 0x811c9dc5; // FNV-1a: short, stable, no crypto needed for an id
  for (const ch of `${r.indexerIds[0] ?? ''}|${r.guid}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return `g${(h >>> 0).toString(16)}`;
}

export function candidateOf(r: MergedRelease, parsed: ParsedRelease): ReleaseCandidate {
  return {
    id: releaseId(r),
    title: r.title,
    parsed,
    size: r.size,
    seeders: r.seeders,
    leechers: r.leechers,
    indexer: r.indexers[0] ?? r.indexer,
    infoHash: r.infoHash,
    downloadVolumeFactor: r.downloadVolumeFactor,
    publishDate: r.publishDate,
  };
}

export function voiceText(v: Voice): string {
  if (v.kind && v.studio) return `${v.kind} (${v.studio})`;
  return v.kind ?? v.studio ?? '';
}

export function rowOf(d: Decision, r: MergedRelease, parsed: ParsedRelease): ReleaseRow {
  return {
    id: d.candidateId,
    title: r.title,
    indexers: r.indexers,
    size: r.size,
    seeders: r.seeders,
    leechers: r.leechers,
    publishDate: r.publishDate,
    infoHash: r.infoHash,
    infoUrl: r.infoUrl,
    // a .torrent link is what Jackett/Prowlarr proxy best; the magnet when there is nothing else
    uri: r.link && /^https?:/iu.test(r.link) ? r.link : (r.magnetUrl ?? r.link),
    quality: parsed.quality,
    source: parsed.source,
    codec: parsed.codec,
    voice: parsed.voice.map(voiceText).filter(Boolean),
    seasons: parsed.seasons,
    episodes: parsed.episodes,
    accepted: d.accepted,
    score: d.score,
    rejections: d.rejections.map((x) => ({ code: x.code, message: x.message })),
    breakdown: d.breakdown.map((f) => ({ factor: f.factor, points: f.points, value: f.value, why: f.why })),
    notes: d.notes,
  };
}
