import type { ParsedRelease, Quality } from './release-types.js';
import {
  PREFERENCE_POINTS,
  PRESET_WEIGHTS,
  SOURCE_RANK,
  compileWords,
  type CompiledWords,
  type ReleaseProfile,
} from './release-profile.js';
import {
  compareDecisions,
  type Decision,
  type ReleaseCandidate,
  type Rejection,
  type RejectionCode,
  type ScoreFactor,
  type WantedItem,
} from './release-decision-types.js';
import { MB, audioLanguages, effectiveQuality, formatSeasons, fullSeasons, gb, normalizeTitle } from './release-match.js';

/**
 * The release decision engine: which of an indexer's candidates to download for a wanted movie or series, and why.
 * Pure: data in, data out. Every rejection reason is listed (not just the first) and score = sum of the breakdown.
 */

// Split across modules to stay readable; everything stays importable from here.
export {
  compareDecisions,
  type Decision,
  type ReleaseCandidate,
  type Rejection,
  type RejectionCode,
  type ScoreFactor,
  type WantedItem,
} from './release-decision-types.js';
export { audioLanguages, effectiveQuality, formatSeasons, fullSeasons, normalizeTitle } from './release-match.js';
export { compactPlan, explainWinner, type CompactPick, type CompactPlan } from './release-plan.js';

export interface DecideOptions {
  /** info-hashes never to download again (any case) */
  blocklist?: Set<string>;
}

const SEEDERS_FULL_POINTS = 1000;

/** Seasons that coverage is scored against: all wanted seasons, or the one wanted season when no episode is named. */
function coverageTargets(w: WantedItem): number[] {
  if (w.seasons?.length) return w.seasons;
  return w.season !== undefined && w.episode === undefined ? [w.season] : [];
}

/** Minutes of video the release should hold, or why that is unknown. */
function runtimeOf(w: WantedItem, p: ParsedRelease): { minutes: number } | { skip: string } {
  if (w.runtimeMin == null) return { skip: 'runtime unknown: size limits not checked' };
  if (w.kind === 'movie') return { minutes: w.runtimeMin };
  if (p.seasons.length === 1 && p.episodes.length > 0) return { minutes: p.episodes.length * w.runtimeMin };
  const counts = p.seasons.map((s) => w.episodeCounts?.[s]);
  if (counts.length === 0 || counts.some((c) => c === undefined))
    return { skip: `episode count of season(s) ${formatSeasons(p.seasons) || '?'} unknown: size limits not checked` };
  return { minutes: counts.reduce((sum: number, c) => sum + (c ?? 0), 0) * w.runtimeMin };
}

function check(w: WantedItem, c: ReleaseCandidate, profile: ReleaseProfile, words: CompiledWords, blocklist: Set<string>) {
  const p = c.parsed;
  const rejections: Rejection[] = [];
  const notes: string[] = [];
  const reject = (code: RejectionCode, message: string) => rejections.push({ code, message });

  if (c.infoHash && blocklist.has(c.infoHash.toLowerCase())) reject('blocklisted', `info-hash ${c.infoHash} is blocklisted`);
  if (p.type === 'music' || p.type === 'other') reject('not-video', `not a video release (${p.type})`);
  if (w.kind === 'movie' && (p.seasons.length > 0 || p.type === 'series'))
    reject('wrong-kind', 'a series release, but a movie is wanted');

  const wantedTitles = new Set(w.titles.map(normalizeTitle).filter(Boolean));
  if (wantedTitles.size > 0 && !p.titles.some((t) => wantedTitles.has(normalizeTitle(t))))
    reject(
      'wrong-title',
      `title ${p.titles.map((t) => `"${t}"`).join(' / ') || '(none parsed)'} matches none of the wanted titles`,
    );
  if (w.kind === 'movie' && w.year != null && p.year != null && Math.abs(p.year - w.year) > 1)
    reject('wrong-year', `year ${p.year} is more than one year from ${w.year}`);

  if (w.kind === 'series') {
    const want = w.season !== undefined ? [w.season] : (w.seasons ?? []);
    if (want.length > 0 && !p.seasons.some((s) => want.includes(s)))
      reject(
        'wrong-season',
        p.seasons.length ? `season(s) ${formatSeasons(p.seasons)}, not ${formatSeasons(want)}` : 'the title names no season',
      );
    // episodes are per season only when one season is named; a pack (no episodes) holds every episode
    if (w.episode !== undefined && p.seasons.length === 1 && p.episodes.length > 0 && !p.episodes.includes(w.episode))
      reject('wrong-episode', `episode(s) ${formatSeasons(p.episodes)}, not episode ${w.episode}`);
  }

  const quality = effectiveQuality(p);
  if (!quality) reject('quality-not-allowed', 'quality unknown');
  else if (!profile.qualities.includes(quality))
    reject('quality-not-allowed', `${quality} is not one of ${profile.qualities.join(', ')}`);
  if (quality && !p.quality) notes.push(`quality ${quality} inferred from source ${p.source}`);
  if (profile.sources) {
    if (!p.source) notes.push('source unknown: not checked against the allowed sources');
    else if (!profile.sources.includes(p.source)) reject('source-not-allowed', `${p.source} is not an allowed source`);
  }
  if (p.remux && !profile.remuxAllowed) reject('remux-not-allowed', 'remuxes are not allowed by the profile');

  const limits = quality ? profile.sizeLimits[quality] : undefined;
  if (limits && c.size <= 0) notes.push('size unknown: size limits not checked');
  else if (limits) {
    const runtime = runtimeOf(w, p);
    if ('skip' in runtime) notes.push(runtime.skip);
    else {
      const perMin = c.size / MB / runtime.minutes;
      const what = `${gb(c.size)} is ${perMin.toFixed(1)} MB/min over ${runtime.minutes} min`;
      if (limits.minMbPerMin !== undefined && perMin < limits.minMbPerMin)
        reject('too-small', `${what}; ${quality} needs at least ${limits.minMbPerMin} MB/min`);
      if (limits.maxMbPerMin !== undefined && perMin > limits.maxMbPerMin)
        reject('too-large', `${what}; ${quality} allows at most ${limits.maxMbPerMin} MB/min`);
    }
  }

  if (c.seeders === 0) reject('no-seeders', 'no seeders: it cannot download');
  else if (c.seeders == null) notes.push('seeders unknown: minimum seeders not checked');
  else if (c.seeders < profile.minSeeders)
    reject('min-seeders', `${c.seeders} seeders, the profile needs at least ${profile.minSeeders}`);

  for (const re of words.forbidden) if (re.test(c.title)) reject('forbidden-word', `title matches forbidden /${re.source}/`);
  for (const re of words.required)
    if (!re.test(c.title)) reject('missing-required-word', `title does not match required /${re.source}/`);
  return { rejections, notes, quality };
}

type SizeRange = { min: number; max: number } | null;

/** Points by position in a preference list: the first gets all, later ones less, never zero. */
const byRank = (max: number, index: number, length: number) => Math.round(max * (1 - index / length));

function score(
  w: WantedItem,
  c: ReleaseCandidate,
  profile: ReleaseProfile,
  words: CompiledWords,
  quality: Quality | null,
  range: SizeRange,
) {
  const p = c.parsed;
  const W = PRESET_WEIGHTS[profile.preset];
  const P = PREFERENCE_POINTS;
  const out: ScoreFactor[] = [];
  const add = (factor: string, points: number, value: string, why: string) => out.push({ factor, points, value, why });

  const qi = quality ? profile.qualities.indexOf(quality) : -1;
  if (W.quality && qi >= 0) {
    const ci = profile.qualities.indexOf(profile.cutoff);
    if (qi <= ci)
      add('quality', W.quality, quality!, `at or above the cutoff ${profile.cutoff}: top quality score, no upgrade sought`);
    else {
      const steps = qi - ci;
      add(
        'quality',
        byRank(W.quality, steps, profile.qualities.length - ci),
        quality!,
        `${steps} step(s) below the cutoff ${profile.cutoff}`,
      );
    }
  }
  const si = p.source ? SOURCE_RANK.indexOf(p.source) : -1;
  if (W.source && si >= 0)
    add('source', byRank(W.source, si, SOURCE_RANK.length), p.source!, `source rank ${si + 1} of ${SOURCE_RANK.length}`);
  if (W.remux && p.remux && profile.remuxAllowed) add('remux', W.remux, 'remux', 'untouched disc video and audio');
  if (W.hdr && p.hdr) add('hdr', W.hdr, 'HDR', 'high dynamic range');
  if (profile.preferredCodec && p.codec?.toLowerCase() === profile.preferredCodec.toLowerCase())
    add('codec', P.codec, p.codec, `${p.codec} is the preferred codec`);

  const studios = profile.preferredStudios.map((s) => s.toLowerCase());
  const studio = Math.min(...p.voice.map((v) => studios.indexOf(v.studio?.toLowerCase() ?? '')).filter((i) => i >= 0));
  if (Number.isFinite(studio))
    add(
      'voice-studio',
      byRank(P.studio, studio, studios.length),
      profile.preferredStudios[studio],
      `preferred studio #${studio + 1}`,
    );
  const kind = Math.min(...p.voice.map((v) => profile.preferredVoiceKinds.indexOf(v.kind!)).filter((i) => i >= 0));
  if (Number.isFinite(kind))
    add(
      'voice-kind',
      byRank(P.voiceKind, kind, profile.preferredVoiceKinds.length),
      profile.preferredVoiceKinds[kind],
      `preferred voice-over kind #${kind + 1}`,
    );
  const langs = audioLanguages(p);
  const lang = profile.preferredAudioLanguages.findIndex((l) => langs.includes(l.toLowerCase()));
  if (lang >= 0)
    add(
      'audio-language',
      byRank(P.audioLanguage, lang, profile.preferredAudioLanguages.length),
      profile.preferredAudioLanguages[lang],
      `preferred audio language #${lang + 1}`,
    );
  for (const { re, points } of words.preferred)
    if (re.test(c.title)) add('preferred-word', points, `/${re.source}/`, 'title matches a preferred word');

  if (W.seeders && c.seeders != null && c.seeders > 0) {
    const share = Math.min(1, Math.log10(1 + c.seeders) / Math.log10(1 + SEEDERS_FULL_POINTS));
    add('seeders', Math.round(W.seeders * share), `${c.seeders}`, `log scale, full points at ${SEEDERS_FULL_POINTS}+`);
  }
  if (W.size && range && c.size > 0) {
    const share =
      range.max === range.min ? 1 : (range.max - Math.min(range.max, Math.max(range.min, c.size))) / (range.max - range.min);
    add(
      'size',
      Math.round(W.size * share),
      gb(c.size),
      `smaller is better (${gb(range.min)}–${gb(range.max)} among the candidates)`,
    );
  }
  const targets = coverageTargets(w);
  if (W.coverage && w.kind === 'series' && targets.length > 0) {
    const covered = fullSeasons(p, w).filter((s) => targets.includes(s));
    add(
      'coverage',
      Math.round((W.coverage * covered.length) / targets.length),
      covered.length ? `seasons ${formatSeasons(covered)}` : 'episodes only',
      `${covered.length} of ${targets.length} wanted season(s) as full seasons`,
    );
  }
  if (c.downloadVolumeFactor === 0) add('freeleech', P.freeleech, 'freeleech', 'the download does not count against your ratio');
  if (w.kind === 'movie' && w.year != null && p.year != null && Math.abs(p.year - w.year) === 1)
    add('year', P.yearOffByOne, `${p.year}`, `one year off ${w.year}: tolerated, exact year preferred`);
  return out;
}

export function decide(
  wanted: WantedItem,
  candidates: ReleaseCandidate[],
  profile: ReleaseProfile,
  options: DecideOptions = {},
): { ranked: Decision[] } {
  const words = compileWords(profile);
  const blocklist = new Set([...(options.blocklist ?? [])].map((h) => h.toLowerCase()));
  const checked = candidates.map((c) => ({ c, ...check(wanted, c, profile, words, blocklist) }));
  // size points are relative to the accepted candidates (all of them when none is accepted)
  const pool = checked.some((x) => x.rejections.length === 0) ? checked.filter((x) => x.rejections.length === 0) : checked;
  const sizes = pool.map((x) => x.c.size).filter((s) => s > 0);
  const range = sizes.length ? { min: Math.min(...sizes), max: Math.max(...sizes) } : null;
  const ranked = checked.map(({ c, rejections, notes, quality }): Decision => {
    const breakdown = score(wanted, c, profile, words, quality, range);
    return {
      candidateId: c.id,
      title: c.title,
      accepted: rejections.length === 0,
      rejections,
      score: breakdown.reduce((sum, f) => sum + f.points, 0),
      breakdown,
      notes,
      seeders: c.seeders,
      size: c.size,
    };
  });
  return { ranked: ranked.sort(compareDecisions) };
}
