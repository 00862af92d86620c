import { compareDecisions, type Decision, type ReleaseCandidate, type WantedItem } from './release-decision-types.js';
import { formatSeasons, fullSeasons, gb } from './release-match.js';

/** What is made of ranked decisions: why one release beats another, and the fewest releases covering every season. */

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
