import { Link } from 'react-router-dom';
import type { LibraryItemSummary } from '../../../app/api/api-types';
import { itemCountLabel } from '../format';
import { useWatch } from '../store/watch';
import { cardWatch } from '../watch-format';
import { PosterTile } from './PosterTile';

export function TypeBadge({ type }: { type: LibraryItemSummary['type'] }) {
  return <span className={`badge type-${type}`}>{type === 'movie' ? 'Movie' : 'Series'}</span>;
}

export function ItemCard({ item }: { item: LibraryItemSummary }) {
  const watch = cardWatch(useWatch((s) => s.summaries?.get(item.id)));
  return (
    <Link
      to={`/library/${item.id}`}
      className="card"
      data-testid="library-item"
      data-item-id={item.id}
      data-played={watch.played || undefined}
      title={watch.label ?? undefined}
    >
      <PosterTile title={item.title} watch={watch} />
      <div className="card-body">
        <div className="card-title" title={item.title}>
          {item.title}
        </div>
        <div className="card-meta">
          <span>{item.year ?? ''}</span>
          <TypeBadge type={item.type} />
        </div>
        <div className="card-count muted">{itemCountLabel(item)}</div>
        {watch.label && <span className="visually-hidden">{watch.label}</span>}
      </div>
    </Link>
  );
}
