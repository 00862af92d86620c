import { useState } from 'react';
import { PosterTile } from '../PosterTile';

/** The provider's poster (cached and served by the engine), or the initials tile when there is none or it fails. */
export function TitlePoster({ title, poster, size = 'card' }: { title: string; poster: string | null; size?: 'card' | 'large' }) {
  const [broken, setBroken] = useState<string | null>(null);
  if (!poster || broken === poster) return <PosterTile title={title} size={size} />;
  return (
    <img
      className={`poster poster-${size} poster-img`}
      src={poster}
      alt=""
      loading="lazy"
      decoding="async"
      onError={() => setBroken(poster)}
    />
  );
}
