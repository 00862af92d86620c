import { titleHue, titleInitials } from '../format';

/** Stand-in artwork until metadata brings posters: initials on a gradient coloured by the title. */
export function PosterTile({ title, size = 'card' }: { title: string; size?: 'card' | 'large' }) {
  const hue = titleHue(title);
  return (
    <div
      className={`poster poster-${size}`}
      aria-hidden="true"
      style={{ background: `linear-gradient(160deg, hsl(${hue} 45% 38%), hsl(${(hue + 40) % 360} 50% 16%))` }}
    >
      <span className="poster-initials">{titleInitials(title)}</span>
    </div>
  );
}
