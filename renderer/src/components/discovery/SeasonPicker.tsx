import type { TitleDetails, TitleEpisode, TitleSeason } from '../../../../app/api/api-types';
import { formatAirDate, isUpcoming, localDay, seasonName } from '../../discovery-format';
import { episodeCode, plural } from '../../format';

interface Props {
  details: TitleDetails;
  season: number | null;
  episode: number | null;
  onChange: (season: number | null, episode: number | null) => void;
}

/** Regular seasons in order, specials last. */
function sortedSeasons(seasons: readonly TitleSeason[]): TitleSeason[] {
  return [...seasons].sort((a, b) => (a.number === 0 ? 1 : b.number === 0 ? -1 : a.number - b.number));
}

/** The episodes the provider listed, or numbered stand-ins when it only gave a count. */
function episodesOf(s: TitleSeason): TitleEpisode[] {
  if (s.episodes.length > 0) return [...s.episodes].sort((a, b) => a.number - b.number);
  return Array.from({ length: s.episodeCount }, (_, i) => ({ number: i + 1, title: null, airDate: null, runtimeMin: null }));
}

/** What the release search is for: every season, one season, or one episode; with the chosen season's episodes. */
export function SeasonPicker({ details, season, episode, onChange }: Props) {
  const seasons = sortedSeasons(details.seasons);
  if (seasons.length === 0) return <p className="muted small">The provider lists no seasons for this series.</p>;
  const current = season === null ? null : (seasons.find((s) => s.number === season) ?? null);

  return (
    <section className="disc-seasons" data-testid="season-picker" aria-label="Seasons">
      <div className="tabs" role="tablist" aria-label="Search releases for">
        <button
          type="button"
          role="tab"
          aria-selected={season === null}
          className={`tab ${season === null ? 'active' : ''}`}
          data-testid="season-all"
          onClick={() => onChange(null, null)}
        >
          All seasons
        </button>
        {seasons.map((s) => (
          <button
            key={s.number}
            type="button"
            role="tab"
            aria-selected={s.number === season}
            className={`tab ${s.number === season ? 'active' : ''}`}
            data-testid={`season-tab-${s.number}`}
            onClick={() => onChange(s.number, null)}
          >
            {s.name || seasonName(s.number)}
            <span className="tab-count">{s.episodeCount}</span>
          </button>
        ))}
      </div>
      {season === null && (
        <p className="muted small disc-season-hint">
          {plural(seasons.length, 'season')}: the releases below include season packs and complete series. Pick a season to look
          for it alone, or one episode.
        </p>
      )}
      {season !== null && !current && <p className="muted small">The provider lists no {seasonName(season).toLowerCase()}.</p>}
      {current && <SeasonEpisodes season={current} episode={episode} onEpisode={(n) => onChange(current.number, n)} />}
    </section>
  );
}

function SeasonEpisodes({
  season,
  episode,
  onEpisode,
}: {
  season: TitleSeason;
  episode: number | null;
  onEpisode: (n: number | null) => void;
}) {
  const episodes = episodesOf(season);
  const today = localDay(new Date());
  return (
    <div className="disc-season-body">
      <div className="disc-season-line">
        <label className="disc-inline-field">
          <span className="muted small">Episode</span>
          <select
            className="input"
            data-testid="episode-select"
            value={episode ?? ''}
            onChange={(e) => onEpisode(e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">Whole season</option>
            {episodes.map((ep) => (
              <option key={ep.number} value={ep.number}>
                {episodeCode(season.number, ep.number)}
                {ep.title ? ` · ${ep.title}` : ''}
              </option>
            ))}
          </select>
        </label>
        {season.airDate && <span className="muted small">First aired {formatAirDate(season.airDate)}</span>}
      </div>
      {episodes.length > 0 && (
        <details className="disc-episodes" open={episodes.length <= 12}>
          <summary className="muted small">{plural(episodes.length, 'episode')} with air dates</summary>
          <ol className="disc-episode-list" data-testid="episode-list">
            {episodes.map((ep) => {
              const upcoming = isUpcoming(ep.airDate, today);
              const chosen = ep.number === episode;
              return (
                <li key={ep.number}>
                  <button
                    type="button"
                    className={`disc-ep${chosen ? ' chosen' : ''}${upcoming ? ' upcoming' : ''}`}
                    aria-pressed={chosen}
                    title={chosen ? 'Back to the whole season' : 'Find releases of this episode'}
                    data-testid="episode-row"
                    onClick={() => onEpisode(chosen ? null : ep.number)}
                  >
                    <span className="episode-code mono">{episodeCode(season.number, ep.number)}</span>
                    <span className="disc-ep-title">{ep.title ?? `Episode ${ep.number}`}</span>
                    <span className="muted small disc-ep-date">
                      {upcoming ? `airs ${formatAirDate(ep.airDate)}` : ep.airDate ? formatAirDate(ep.airDate) : ''}
                    </span>
                  </button>
                </li>
              );
            })}
          </ol>
        </details>
      )}
    </div>
  );
}
