import { Link, useParams } from 'react-router-dom';
import { downloadStreamUrl } from '../api/client';
import { VideoFrame } from '../components/VideoFrame';
import { fileName } from '../format';
import { useDownloads } from '../store/downloads';

/** Plays a file of a download while it downloads: the engine fetches the pieces under the playhead first. */
export function DownloadPlayerPage() {
  const params = useParams();
  const downloadId = Number(params.downloadId);
  const index = Number(params.index);
  const download = useDownloads((s) => s.list?.find((d) => d.id === downloadId) ?? null);
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
      <VideoFrame src={downloadStreamUrl(downloadId, index)} probe={null} />
      <p className="muted small">
        Playing while it downloads: the parts under the playhead are fetched first, so seeking ahead may pause for a moment.
      </p>
    </article>
  );
}
