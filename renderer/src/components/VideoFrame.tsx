import { useState, type ReactNode } from 'react';
import type { ProbeInfo } from '../../../app/api/api-types';
import { mediaErrorMessage } from '../format';

/** The player's video element, with a clear message when the browser can't play what it was given. */
export function VideoFrame({ src, probe, errorExtra }: { src: string; probe: ProbeInfo | null; errorExtra?: ReactNode }) {
  const [errorCode, setErrorCode] = useState<number | null>(null);
  return (
    <div className="player-frame">
      <video
        data-testid="player-video"
        src={src}
        controls
        autoPlay
        playsInline
        preload="metadata"
        onError={(e) => setErrorCode(e.currentTarget.error?.code ?? 4)}
        onLoadedData={() => setErrorCode(null)}
      />
      {errorCode !== null && (
        <div className="player-error" role="alert" data-testid="player-error">
          <p>{mediaErrorMessage(errorCode, probe)}</p>
          {errorExtra}
        </div>
      )}
    </div>
  );
}
