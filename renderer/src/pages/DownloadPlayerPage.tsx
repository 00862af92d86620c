import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { API_BASE } from '../api/client';
import { fileName, mediaErrorMessage } from '../format';
import { useDownloads } from '../store/downloads';

/** Plays a file of a download while it downloads: the engine fetches the pieces under the playhead first. */
export function DownloadPlayerPage() {
  const params = useParams();
  const downloadId = Number(params.downloadId);
  const index = Number(params.index);
  const download = useDownloads((s) => s.list?.find((d) => d.id === downloadId) ?? null);
  const [errorCode, setErrorCode] = useState<number | null>(null);
  if (!Number.isInteger(downloadId) || downloadId <= 0 || !Number.isInteger(index) || index < 0) {
    return (
      <p className="error-text">
        This is not a playable download address. <Link to="/downloads">Back to downloads</Link>
      </p>
    );
  }
  return (
    <article className="player">
      <Link to={`/downloads/${downloadId}`} className="back-link" data-testid="player-back">
        ← Back to the download
      </Link>
      <h1 className="page-title" data-testid="player-title">
        {download ? fileName(download.name) : `Download ${downloadId}`}
      </h1>
      <div className="player-frame">
        <video
          data-testid="player-video"
          src={`${API_BASE}/downloads/${downloadId}/files/${index}/stream`}
          controls
          autoPlay
          playsInline
          preload="metadata"
          onError={(e) => setErrorCode(e.currentTarget.error?.code ?? 4)}
          onLoadedData={() => setErrorCode(null)}
        />
        {errorCode !== null && (
          <div className="player-error" role="alert" data-testid="player-error">
            <p>{mediaErrorMessage(errorCode, null)}</p>
          </div>
        )}
      </div>
      <p className="muted small">
        Playing while it downloads: the parts under the playhead are fetched first, so seeking ahead may pause for a moment.
      </p>
    </article>
  );
}
