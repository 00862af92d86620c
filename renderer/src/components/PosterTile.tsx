import { titleHue, titleInitials } from '../format';
import type { CardWatch } from '../watch-format';
import { PosterWatchOverlay } from './WatchMarks';

/** Stand-in artwork until metadata brings posters: initials on a gradient coloured by the title. */
export function PosterTile({ title, size = 'card', watch }: { title: string; size?: 'card' | 'large'; watch?: CardWatch }) {
  const hue = titleHue(title);
  return (
    <div
      className={`poster poster-${size}${watch ? ' poster-watch' : ''}`}
      aria-hidden="true"
      style={{ background: `linear-gradient(160deg, hsl(${hue} 45% 38%), hsl(${(hue + 40) % 360} 50% 16%))` }}
    >
      <span className="poster-initials">{titleInitials(title)}</span>
      {watch && <PosterWatchOverlay watch={watch} />}
    </div>
  );
}
