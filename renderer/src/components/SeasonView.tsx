import { useSearchParams } from 'react-router-dom';
import type { Episode, EpisodeWatchState, SeriesDetail } from '../../../app/api/api-types';
import { episodeCode, plural, seasonLabel } from '../format';
import { useWatch } from '../store/watch';
import { episodeWatch, seasonPlayed } from '../watch-format';
import { FileEntry } from './FileEntry';
import { PlayedCheck, PlayedToggle, WatchBar } from './WatchMarks';

/** Seasons as tabs (selected one kept in ?season=N), the chosen season's episodes below. */
export function SeasonView({ series }: { series: SeriesDetail }) {
  const [params, setParams] = useSearchParams();
  const watch = useWatch((s) => s.items.get(series.id));
  const seasons = [...series.seasons].sort((a, b) => (a.number === 0 ? 1 : b.number === 0 ? -1 : a.number - b.number));
  if (seasons.length === 0) return <p className="muted">No episodes found for this series yet.</p>;

  const wanted = Number(params.get('season'));
  const current = seasons.find((s) => s.number === wanted && params.has('season')) ?? seasons[0];
  const episodes = [...current.episodes].sort((a, b) => a.number - b.number);

  return (
    <section className="seasons">
      <div className="tabs" role="tablist" aria-label="Seasons">
        {seasons.map((s) => (
          <button
            key={s.number}
            type="button"
            role="tab"
            aria-selected={s.number === current.number}
            className={`tab ${s.number === current.number ? 'active' : ''}`}
            data-testid={`season-${s.number}`}
            onClick={() => setParams({ season: String(s.number) }, { replace: true })}
          >
            {seasonLabel(s.number)}
            <span className="tab-count">{s.episodes.length}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={seasonLabel(current.number)}>
        <div className="season-actions">
          <p className="muted small">{plural(episodes.length, 'episode')}</p>
          {watch && (
            <PlayedToggle
              played={seasonPlayed(watch.episodes, current.number) === 'all'}
              what="season"
              small
              testId="season-played-toggle"
              onToggle={(played) => useWatch.getState().setItemPlayed(series.id, played, current.number)}
            />
          )}
        </div>
        <ol className="episodes">
          {episodes.map((ep) => (
            <EpisodeRow
              key={ep.id}
              series={series}
              season={current.number}
              episode={ep}
              watch={watch ? (watch.episodes.find((w) => w.episodeId === ep.id) ?? null) : undefined}
            />
          ))}
        </ol>
      </div>
    </section>
  );
}

interface EpisodeRowProps {
  series: SeriesDetail;
  season: number;
  episode: Episode;
  /** this user's state: undefined while loading, null when the engine has none for it */
  watch: EpisodeWatchState | null | undefined;
}

function EpisodeRow({ series, season, episode, watch }: EpisodeRowProps) {
  const code = episodeCode(season, episode.number);
  const title = episode.title ?? `Episode ${episode.number}`;
  const play = { title: `${series.title} — ${code}${episode.title ? ` — ${episode.title}` : ''}`, itemId: series.id };
  const marks = episodeWatch(watch ?? undefined);
  return (
    <li className="episode" data-testid="episode-row" data-episode-id={episode.id} data-played={marks.played || undefined}>
      <div className="episode-head">
        {marks.played && <PlayedCheck inline />}
        <span className="episode-code mono">{code}</span>
        <span className="episode-title">{title}</span>
        {watch !== undefined && (
          <PlayedToggle
            played={marks.played}
            what="episode"
            small
            testId={`episode-played-toggle-${episode.id}`}
            onToggle={(played) => useWatch.getState().setEpisodePlayed(episode.id, played)}
          />
        )}
      </div>
      {marks.progress !== null && (
        <div className="episode-watch">
          <WatchBar value={marks.progress} label={marks.label ?? 'Progress'} />
          {marks.label && <span className="watch-label">{marks.label}</span>}
        </div>
      )}
      {episode.files.length === 0 ? (
        <p className="muted small">No file for this episode.</p>
      ) : (
        <div className="episode-files">
          {episode.files.map((f) => (
            <FileEntry key={f.id} file={f} play={play} />
          ))}
        </div>
      )}
    </li>
  );
}
