import { Link } from 'react-router-dom';
import type { ItemWatchState, LibraryItemDetail } from '../../../app/api/api-types';
import { episodeCode } from '../format';
import { useWatch } from '../store/watch';
import { cardWatch } from '../watch-format';
import type { PlayState } from './FileEntry';
import { PlayedToggle } from './WatchMarks';

interface Props {
  item: LibraryItemDetail;
  /** this user's state of it (undefined while loading) */
  watch: ItemWatchState | undefined;
  /** the player's title for the next-up episode */
  nextUpTitle: string | null;
}

/** On the item page: where the user is with it, "Mark played / unplayed", and a series' next episode. */
export function ItemWatchActions({ item, watch, nextUpTitle }: Props) {
  if (!watch) return null;
  const summary = cardWatch(watch);
  const setItemPlayed = (played: boolean) => useWatch.getState().setItemPlayed(item.id, played);
  const next = watch.nextUp;
  const play: PlayState | null = next && nextUpTitle ? { title: nextUpTitle, itemId: item.id } : null;
  return (
    <div className="watch-actions" data-testid="item-watch">
      <PlayedToggle
        played={watch.played}
        what={item.type === 'movie' ? 'movie' : 'series'}
        onToggle={setItemPlayed}
        testId="item-played-toggle"
      />
      {next && play && (
        <Link to={`/play/${next.fileId}`} state={play} className="btn primary" data-testid="next-up-play">
          ▶ Next: {episodeCode(next.season, next.number)}
        </Link>
      )}
      {summary.label && summary.label !== 'Watched' && (
        <span className="watch-label" data-testid="item-watch-label">
          {summary.label}
        </span>
      )}
    </div>
  );
}
