import { Link } from 'react-router-dom';
import type { LibraryItemSummary } from '../../../app/api/api-types';
import { itemCountLabel } from '../format';
import { PosterTile } from './PosterTile';

export function TypeBadge({ type }: { type: LibraryItemSummary['type'] }) {
  return <span className={`badge type-${type}`}>{type === 'movie' ? 'Movie' : 'Series'}</span>;
}

export function ItemCard({ item }: { item: LibraryItemSummary }) {
  return (
    <Link to={`/library/${item.id}`} className="card" data-testid="library-item" data-item-id={item.id}>
      <PosterTile title={item.title} />
      <div className="card-body">
        <div className="card-title" title={item.title}>
          {item.title}
        </div>
        <div className="card-meta">
          <span>{item.year ?? ''}</span>
          <TypeBadge type={item.type} />
        </div>
        <div className="card-count muted">{itemCountLabel(item)}</div>
      </div>
    </Link>
  );
}
