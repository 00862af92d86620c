import { Link } from 'react-router-dom';
import type { TitleHit } from '../../../../app/api/api-types';
import { ratingLabel, titleRoute } from '../../discovery-format';
import { TypeBadge } from '../ItemCard';
import { TitlePoster } from './TitlePoster';

/** One title found by the metadata providers: opens its page with the releases. */
export function SearchHitCard({ hit }: { hit: TitleHit }) {
  const rating = ratingLabel(hit.rating);
  const original = hit.originalTitle && hit.originalTitle !== hit.title ? hit.originalTitle : null;
  return (
    <Link
      to={titleRoute(hit)}
      className="card"
      data-testid="search-hit"
      data-title={hit.title}
      data-provider={hit.provider}
      data-kind={hit.kind}
      data-id={hit.id}
    >
      <TitlePoster title={hit.title} poster={hit.poster} />
      <div className="card-body">
        <div className="card-title" title={original ? `${hit.title} (${original})` : hit.title}>
          {hit.title}
        </div>
        {original && <div className="card-count muted disc-original">{original}</div>}
        <div className="card-meta">
          <span>{hit.year ?? ''}</span>
          <TypeBadge type={hit.kind} />
        </div>
        {rating && (
          <div className="card-count disc-rating" title={hit.votes ? `${hit.votes.toLocaleString('en-US')} votes` : undefined}>
            <span aria-hidden="true">★</span> {rating}
          </div>
        )}
      </div>
    </Link>
  );
}
