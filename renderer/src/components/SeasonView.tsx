import { useSearchParams } from 'react-router-dom';
import type { Episode, SeriesDetail } from '../../../app/api/api-types';
import { episodeCode, plural, seasonLabel } from '../format';
import { FileEntry } from './FileEntry';

/** Seasons as tabs (selected one kept in ?season=N), the chosen season's episodes below. */
export function SeasonView({ series }: { series: SeriesDetail }) {
  const [params, setParams] = useSearchParams();
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
        <p className="muted small">{plural(episodes.length, 'episode')}</p>
        <ol className="episodes">
          {episodes.map((ep) => (
            <EpisodeRow key={ep.id} series={series} season={current.number} episode={ep} />
          ))}
        </ol>
      </div>
    </section>
  );
}

function EpisodeRow({ series, season, episode }: { series: SeriesDetail; season: number; episode: Episode }) {
  const code = episodeCode(season, episode.number);
  const title = episode.title ?? `Episode ${episode.number}`;
  const play = { title: `${series.title} — ${code}${episode.title ? ` — ${episode.title}` : ''}`, itemId: series.id };
  return (
    <li className="episode" data-testid="episode-row" data-episode-id={episode.id}>
      <div className="episode-head">
        <span className="episode-code mono">{code}</span>
        <span className="episode-title">{title}</span>
      </div>
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
