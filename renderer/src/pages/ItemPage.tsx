import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { LibraryItemDetail, MovieDetail } from '../../../app/api/api-types';
import { FileEntry } from '../components/FileEntry';
import { TypeBadge } from '../components/ItemCard';
import { PosterTile } from '../components/PosterTile';
import { SeasonView } from '../components/SeasonView';
import { ItemWatchActions } from '../components/ItemWatchActions';
import { episodeCode, itemCountLabel } from '../format';
import { useLibrary } from '../store/library';
import { useWatch } from '../store/watch';
import { cardWatch } from '../watch-format';

export function ItemPage() {
  const id = Number(useParams().itemId);
  const entry = useLibrary((s) => s.details.get(id));
  const loadItem = useLibrary((s) => s.loadItem);
  const watchState = useWatch((s) => s.items.get(id));

  useEffect(() => {
    if (Number.isInteger(id) && id > 0) {
      void loadItem(id);
      void useWatch.getState().loadItem(id);
    }
  }, [id, loadItem]);

  const item = entry?.data ?? null;
  if (!Number.isInteger(id) || id <= 0) return <Missing />;
  if (!item) {
    if (entry?.error)
      return entry.status === 404 ? <Missing /> : <p className="error-text">Couldn't load this title: {entry.error}</p>;
    return <p className="muted">Loading…</p>;
  }

  return (
    <article className="item">
      <Link to="/library" className="back-link">
        ← Library
      </Link>
      <header className="item-head">
        <PosterTile title={item.title} size="large" watch={cardWatch(watchState)} />
        <div>
          <h1 className="page-title" data-testid="item-title">
            {item.title}
          </h1>
          <div className="item-meta">
            {item.year && <span>{item.year}</span>}
            <TypeBadge type={item.type} />
            <span className="muted">{itemCountLabel(item)}</span>
          </div>
          {entry?.error && <p className="error-text small">Couldn't refresh: {entry.error}</p>}
          <ItemWatchActions item={item} watch={watchState} nextUpTitle={nextUpTitle(item, watchState?.nextUp)} />
        </div>
      </header>
      {item.type === 'movie' ? <MovieFiles movie={item} /> : <SeasonView series={item} />}
    </article>
  );
}

function MovieFiles({ movie }: { movie: MovieDetail }) {
  if (movie.files.length === 0) return <p className="muted">No files for this movie.</p>;
  const play = { title: movie.year ? `${movie.title} (${movie.year})` : movie.title, itemId: movie.id };
  return (
    <section className="files">
      <h2 className="section-title">{movie.files.length === 1 ? 'File' : `Files (${movie.files.length})`}</h2>
      {movie.files.map((f) => (
        <FileEntry key={f.id} file={f} play={play} expanded />
      ))}
    </section>
  );
}

/** The player's "now playing" words for the next-up episode, as the episode rows give them. */
function nextUpTitle(item: LibraryItemDetail, next: { season: number; number: number } | null | undefined): string | null {
  if (!next || item.type !== 'series') return null;
  const episode = item.seasons.find((s) => s.number === next.season)?.episodes.find((e) => e.number === next.number);
  const code = episodeCode(next.season, next.number);
  return `${item.title} — ${code}${episode?.title ? ` — ${episode.title}` : ''}`;
}

function Missing() {
  return (
    <div>
      <Link to="/library" className="back-link">
        ← Library
      </Link>
      <p className="error-text">This title is not in the library (it may have been removed).</p>
    </div>
  );
}
