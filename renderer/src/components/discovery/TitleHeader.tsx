import type { TitleDetails, TitleHit } from '../../../../app/api/api-types';
import { PROVIDER_LABELS, ratingLabel, runtimeLabel, votesLabel } from '../../discovery-format';
import { TypeBadge } from '../ItemCard';
import { TitlePoster } from './TitlePoster';

/** Poster, titles, year, rating, runtime, genres and overview; a search hit stands in until the details arrive. */
export function TitleHeader({ title, details }: { title: TitleHit; details: TitleDetails | null }) {
  const rating = ratingLabel(title.rating);
  const votes = votesLabel(title.votes);
  const runtime = runtimeLabel(details?.runtimeMin);
  const original = title.originalTitle && title.originalTitle !== title.title ? title.originalTitle : null;
  const genres = details?.genres ?? [];
  return (
    <header className="disc-head">
      <TitlePoster title={title.title} poster={title.poster} size="large" />
      <div className="disc-head-text">
        <h1 className="page-title disc-head-title" data-testid="title-name">
          {title.title}
        </h1>
        {original && (
          <div className="muted disc-head-original" data-testid="title-original">
            {original}
          </div>
        )}
        <div className="item-meta">
          {title.year && <span>{title.year}</span>}
          <TypeBadge type={title.kind} />
          {runtime && <span className="muted">{runtime}</span>}
          {rating && (
            <span className="disc-rating" data-testid="title-rating" title={votes ?? undefined}>
              <span aria-hidden="true">★</span> {rating}
              {votes && <span className="muted small"> · {votes}</span>}
            </span>
          )}
          <span className="muted small">via {PROVIDER_LABELS[title.provider] ?? title.provider}</span>
        </div>
        {genres.length > 0 && (
          <ul className="disc-genres" aria-label="Genres">
            {genres.map((g) => (
              <li key={g} className="badge">
                {g}
              </li>
            ))}
          </ul>
        )}
        {title.overview && (
          <p className="disc-overview" data-testid="title-overview">
            {title.overview}
          </p>
        )}
        {!details && <p className="muted small">Loading the details…</p>}
      </div>
    </header>
  );
}
