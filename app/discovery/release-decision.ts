import type { ParsedRelease, Quality } from './release-types.js';
import {
  PREFERENCE_POINTS,
  PRESET_WEIGHTS,
  SOURCE_RANK,
  compileWords,
  type CompiledWords,
  type ReleaseProfile,
} from './release-profile.js';

/**
 * The release decision engine: which of an indexer's candidates to download for a wanted movie or series, and why.
 * Pure: data in, data out. Every rejection reason is listed (not just the first) and score = sum of the breakdown.
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

export interface DecideOptions {
  /** info-hashes never to download again (any case) */
  blocklist?: Set<string>;
}

const MB = 1024 * 1024;
const SEEDERS_FULL_POINTS = 1000;
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

/** Seasons that coverage is scored against: all wanted seasons, or the one wanted season when no episode is named. */
function coverageTargets(w: WantedItem): number[] {
  if (w.seasons?.length) return w.seasons;
  return w.season !== undefined && w.episode === undefined ? [w.season] : [];
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

const gb = (bytes: number) => `${(bytes / 1024 / MB).toFixed(1)} GB`;

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

/** Accepted first, then score, then more seeders, then smaller size; Array.sort is stable for the rest. */
export function compareDecisions(a: Decision, b: Decision): number {
  if (a.accepted !== b.accepted) return a.accepted ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  if ((a.seeders ?? -1) !== (b.seeders ?? -1)) return (b.seeders ?? -1) - (a.seeders ?? -1);
  return a.size - b.size;
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

/** Points per factor, summed (several preferred words make one 'preferred-word' factor), with the values joined. */
function byFactor(d: Decision): Map<string, { points: number; value: string }> {
  const m = new Map<string, { points: number; value: string }>();
  for (const f of d.breakdown) {
    const prev = m.get(f.factor);
    m.set(
      f.factor,
      prev ? { points: prev.points + f.points, value: `${prev.value}, ${f.value}` } : { points: f.points, value: f.value },
    );
  }
  return m;
}

/** One sentence: why the better-ranked of the two ranks above the other (works in either argument order). */
export function explainWinner(a: Decision, b: Decision): string {
  const [w, l] = compareDecisions(a, b) <= 0 ? [a, b] : [b, a];
  const W = `"${w.title}"`;
  const L = `"${l.title}"`;
  if (w.accepted && !l.accepted) return `${W} is accepted; ${L} is rejected: ${l.rejections.map((r) => r.message).join('; ')}.`;
  const both = w.accepted ? '' : ' (both are rejected)';
  if (w.score === l.score) {
    const tie = `${W} and ${L} tie at ${w.score} points${both}`;
    if ((w.seeders ?? -1) !== (l.seeders ?? -1))
      return `${tie}; ${W} has more seeders (${w.seeders} vs ${l.seeders ?? 'unknown'}).`;
    if (w.size !== l.size) return `${tie}; ${W} is smaller (${gb(w.size)} vs ${gb(l.size)}).`;
    return `${tie} with equal seeders and size; ${W} came first.`;
  }
  const fw = byFactor(w);
  const fl = byFactor(l);
  const diffs = [...new Set([...fw.keys(), ...fl.keys()])].map((factor) => ({
    factor,
    diff: (fw.get(factor)?.points ?? 0) - (fl.get(factor)?.points ?? 0),
    wv: fw.get(factor)?.value ?? 'none',
    lv: fl.get(factor)?.value ?? 'none',
  }));
  const ahead = diffs
    .filter((d) => d.diff > 0)
    .sort((x, y) => y.diff - x.diff)
    .slice(0, 3);
  const behind = diffs.filter((d) => d.diff < 0).sort((x, y) => x.diff - y.diff)[0];
  const reasons = ahead.map((d) => `${d.factor} ${d.wv} vs ${d.lv} (+${d.diff})`).join(', ');
  const despite = behind ? `, despite ${behind.factor} ${behind.lv} vs ${behind.wv} (${behind.diff})` : '';
  return `${W} ranks above ${L}${both} by ${w.score - l.score} points (${w.score} vs ${l.score}): ${reasons}${despite}.`;
}

export interface CompactPick {
  candidateId: string;
  /** wanted seasons this pick adds to the plan */
  seasons: number[];
  reason: string;
}

export interface CompactPlan {
  picks: CompactPick[];
  /** wanted seasons no accepted candidate holds in full */
  uncovered: number[];
}

/** Fewest accepted candidates covering every wanted season: greedy set cover, most new seasons first, ties → higher score. */
export function compactPlan(wanted: WantedItem, decisions: Decision[], candidates: ReleaseCandidate[]): CompactPlan {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const pool = decisions
    .filter((d) => d.accepted && byId.has(d.candidateId))
    .sort(compareDecisions)
    .map((d) => ({ d, seasons: fullSeasons(byId.get(d.candidateId)!.parsed, wanted) }));
  const remaining = new Set(wanted.seasons?.length ? wanted.seasons : wanted.season !== undefined ? [wanted.season] : []);
  const picks: CompactPick[] = [];
  while (remaining.size > 0) {
    const options = pool
      .map((p) => ({ ...p, fresh: p.seasons.filter((s) => remaining.has(s)) }))
      .filter((o) => o.fresh.length > 0)
      // stable sort keeps the ranking order among equal coverage and score
      .sort((x, y) => y.fresh.length - x.fresh.length || y.d.score - x.d.score);
    const best = options[0];
    if (!best) break;
    const tied = options.filter((o) => o.fresh.length === best.fresh.length).length - 1;
    const all = best.fresh.length === remaining.size;
    picks.push({
      candidateId: best.d.candidateId,
      seasons: [...best.fresh].sort((x, y) => x - y),
      reason:
        `covers season(s) ${formatSeasons(best.fresh)}: ${all ? 'all' : 'the most'} of the remaining ${formatSeasons([...remaining])}` +
        (tied > 0 ? `; the highest score (${best.d.score}) of ${tied + 1} candidates adding as many` : ''),
    });
    for (const s of best.fresh) remaining.delete(s);
    pool.splice(pool.indexOf(pool.find((p) => p.d === best.d)!), 1);
  }
  return { picks, uncovered: [...remaining].sort((x, y) => x - y) };
}
