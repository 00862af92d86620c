// Pure display helpers for watch state: played marks, progress bars, "continue watching" cards. No DOM, no fetch.
import type { ContinueWatchingEntry, EpisodeWatchState, ItemWatchSummary } from '../../app/api/api-types';
import { episodeCode } from './format';

/** position / duration as 0..1, or null when there is no resume point or no duration to measure it against. */
export function progressFraction(positionSec: number | null | undefined, durationSec: number | null | undefined): number | null {
  if (positionSec == null || durationSec == null || !(durationSec > 0) || !Number.isFinite(positionSec)) return null;
  return Math.min(1, Math.max(0, positionSec / durationSec));
}

/** Seconds as a clock: "4:07", "12:34", "1:02:03". */
export function clockLabel(sec: number): string {
  const total = Math.max(0, Math.floor(sec));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "Resume from 12:34". */
export function resumeLabel(positionSec: number): string {
  return `Resume from ${clockLabel(positionSec)}`;
}

/** What is left to watch: "23 min left", "1 h 5 min left", "under a minute left"; null when unknown. */
export function timeLeftLabel(positionSec: number | null, durationSec: number | null): string | null {
  if (positionSec == null || durationSec == null || !(durationSec > 0)) return null;
  const left = Math.max(0, durationSec - positionSec);
  if (left < 60) return 'under a minute left';
  const minutes = Math.round(left / 60);
  if (minutes < 60) return `${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h left` : `${h} h ${m} min left`;
}

export interface CardWatch {
  /** the check mark */
  played: boolean;
  /** the thin bar under the poster: a movie's resume point, a series' share of episodes played */
  progress: number | null;
  /** the same in words, for screen readers and the tooltip */
  label: string | null;
}

/** A library card's mark and bar from its item's watch summary (none: never watched). */
export function cardWatch(summary: ItemWatchSummary | undefined): CardWatch {
  if (!summary) return { played: false, progress: null, label: null };
  if (summary.totalEpisodes > 0) {
    const { playedEpisodes: n, totalEpisodes: total } = summary;
    if (summary.played) return { played: true, progress: null, label: `All ${total} episodes watched` };
    if (n === 0) return { played: false, progress: null, label: null };
    return { played: false, progress: n / total, label: `${n} of ${total} episodes watched` };
  }
  const progress = progressFraction(summary.positionSec, summary.durationSec);
  if (progress !== null && summary.positionSec !== null) {
    const left = timeLeftLabel(summary.positionSec, summary.durationSec);
    return {
      played: summary.played,
      progress,
      label: `${summary.played ? 'Watched · ' : ''}${resumeLabel(summary.positionSec)}${left ? ` · ${left}` : ''}`,
    };
  }
  return summary.played ? { played: true, progress: null, label: 'Watched' } : { played: false, progress: null, label: null };
}

/** An episode row's mark and bar. */
export function episodeWatch(state: EpisodeWatchState | undefined): CardWatch {
  if (!state) return { played: false, progress: null, label: null };
  const progress = progressFraction(state.positionSec, state.durationSec);
  if (progress !== null && state.positionSec !== null) {
    const left = timeLeftLabel(state.positionSec, state.durationSec);
    return { played: state.played, progress, label: `${resumeLabel(state.positionSec)}${left ? ` · ${left}` : ''}` };
  }
  return state.played ? { played: true, progress: null, label: 'Watched' } : { played: false, progress: null, label: null };
}

/** "Played" state of a set of episodes for a season's action: all, some or none played. */
export function seasonPlayed(states: ReadonlyArray<EpisodeWatchState>, season: number): 'all' | 'some' | 'none' {
  const inSeason = states.filter((s) => s.season === season);
  const played = inSeason.filter((s) => s.played).length;
  if (inSeason.length > 0 && played === inSeason.length) return 'all';
  return played > 0 ? 'some' : 'none';
}

/** The played toggle's words: "Mark season played" / "✓ Season played"; an episode row just "Mark played" / "✓ Played". */
export function playedToggleText(played: boolean, what: 'movie' | 'series' | 'season' | 'episode'): string {
  if (what === 'episode') return played ? '✓ Played' : 'Mark played';
  return played ? `✓ ${what[0].toUpperCase()}${what.slice(1)} played` : `Mark ${what} played`;
}

/** A continue-watching card's lines: the title, and what to watch ("S01E02 · Pilot", "Next · S01E03"). */
export function continueLines(entry: ContinueWatchingEntry): { title: string; subtitle: string | null } {
  const { item, episode } = entry;
  if (!episode) return { title: item.title, subtitle: item.year ? String(item.year) : null };
  const code = episodeCode(episode.season, episode.number);
  const what = episode.title ? `${code} · ${episode.title}` : code;
  return { title: item.title, subtitle: entry.kind === 'next-up' ? `Next · ${what}` : what };
}

/** What the player shows as "now playing" when opened from a card (the item page uses the same words). */
export function continuePlayTitle(entry: ContinueWatchingEntry): string {
  const { item, episode } = entry;
  if (!episode) return item.year ? `${item.title} (${item.year})` : item.title;
  const code = episodeCode(episode.season, episode.number);
  return `${item.title} — ${code}${episode.title ? ` — ${episode.title}` : ''}`;
}

/** Cards for the library tab in view: Movies shows movies, Series shows episodes. */
export function continueForTab(
  entries: readonly ContinueWatchingEntry[],
  tab: 'all' | 'movie' | 'series',
): ContinueWatchingEntry[] {
  return tab === 'all' ? [...entries] : entries.filter((e) => e.item.type === tab);
}
