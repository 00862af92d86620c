import { useEffect } from 'react';
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
  const valid = Number.isInteger(downloadId) && downloadId > 0 && Number.isInteger(index) && index >= 0;
  const entry = useDownloads((s) => (s.detail?.id === downloadId ? s.detail : null));
  // the details (refreshed while it downloads) say whether the file is known yet and whether it can be streamed now
  useEffect(() => {
    if (valid) return useDownloads.getState().openDetail(downloadId);
  }, [downloadId, valid]);

  if (!valid) {
    return (
      <p className="error-text">
        This is not a playable download address. <Link to="/downloads">Back to downloads</Link>
      </p>
    );
  }
  const detail = entry?.data ?? null;
  const file = detail?.files.find((f) => f.index === index) ?? null;
  let blocked: string | null = null;
  if (entry?.status === 404) blocked = 'This download is not in the list (it may have been removed).';
  else if (!detail) blocked = entry?.error ? `Couldn't load this download: ${entry.error}` : 'Loading…';
  else if (!file && detail.files.length === 0)
    blocked =
      'Waiting for the file list: a magnet link gets it from the peers first. The player starts by itself once it is here.';
  else if (!file) blocked = `This download has no file number ${index}.`;
  else if (detail.state === 'paused' || detail.state === 'queued' || detail.state === 'failed')
    blocked = `This download is ${detail.state}: resume it to play it.`;

  return (
    <article className="player">
      <Link to={`/downloads/${downloadId}`} className="back-link" data-testid="player-back">
        ← Back to the download
      </Link>
      <h1 className="page-title" data-testid="player-title">
        {file ? fileName(file.path) : detail ? fileName(detail.name) : `Download ${downloadId}`}
      </h1>
      {blocked ? (
        <p className="muted" role="status" data-testid="player-waiting">
          {blocked}
        </p>
      ) : (
        <VideoFrame src={downloadStreamUrl(downloadId, index)} probe={null} />
      )}
      <p className="muted small">
        Playing while it downloads: the parts under the playhead are fetched first, so seeking ahead may pause for a moment.
      </p>
    </article>
  );
}
