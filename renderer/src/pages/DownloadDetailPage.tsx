import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DownloadDetail } from '../../../app/api/api-types';
import { DownloadActions } from '../components/DownloadActions';
import { DownloadFiles } from '../components/DownloadFiles';
import { DownloadOptionsPanel } from '../components/DownloadOptionsPanel';
import { DownloadProgress } from '../components/DownloadProgress';
import { DownloadStateBadge } from '../components/DownloadStateBadge';
import { formatEta, formatRatio, formatSpeed, sizeProgress } from '../downloads-format';
import { formatDateTime, formatSize } from '../format';
import { useDownloads } from '../store/downloads';

export function DownloadDetailPage() {
  const id = Number(useParams().downloadId);
  const valid = Number.isInteger(id) && id > 0;
  const entry = useDownloads((s) => (s.detail?.id === id ? s.detail : null));
  // the pushed list is fresher than the last details fetch for the numbers both have
  const live = useDownloads((s) => s.list?.find((d) => d.id === id) ?? null);
  const navigate = useNavigate();

  useEffect(() => {
    if (valid) return useDownloads.getState().openDetail(id);
  }, [id, valid]);
  useEffect(() => {
    if (useDownloads.getState().list === null) void useDownloads.getState().loadList();
  }, []);

  if (!valid || entry?.status === 404) return <Missing />;
  const data = entry?.data;
  if (!data) {
    if (entry?.error) return <DetailError text={`Couldn't load this download: ${entry.error}`} />;
    return <p className="muted">Loading…</p>;
  }
  const d: DownloadDetail = live ? { ...data, ...live } : data;

  return (
    <article className="dl-detail" data-testid="download-detail" data-download-id={d.id}>
      <Link to="/downloads" className="back-link">
        ← Downloads
      </Link>
      <header className="dl-detail-head">
        <h1 className="page-title dl-detail-title" data-testid="download-detail-name">
          {d.name}
        </h1>
        <div className="dl-detail-status">
          <DownloadStateBadge download={d} withReason />
          <DownloadActions download={d} onRemoved={() => navigate('/downloads', { replace: true })} />
        </div>
        <DownloadProgress download={d} />
        {entry?.error && <p className="error-text small">Couldn't refresh: {entry.error}</p>}
      </header>

      <section className="panel">
        <dl className="kv dl-stats">
          <dt>Size</dt>
          <dd>{d.size === 0 && d.files.length === 0 ? 'Unknown until the metadata arrives' : sizeProgress(d)}</dd>
          <dt>Speed</dt>
          <dd>
            ↓ {formatSpeed(d.downloadSpeed)} · ↑ {formatSpeed(d.uploadSpeed)}
          </dd>
          <dt>Peers</dt>
          <dd>{d.peers}</dd>
          <dt>Time left</dt>
          <dd>{formatEta(d.eta, d.state)}</dd>
          <dt>Uploaded</dt>
          <dd>
            {formatSize(d.uploaded)} · ratio {formatRatio(d.ratio)}
          </dd>
          <dt>Queue position</dt>
          <dd>{d.queuePosition}</dd>
          <dt>Added</dt>
          <dd>{formatDateTime(d.addedAt)}</dd>
          <dt>Completed</dt>
          <dd>{d.completedAt ? formatDateTime(d.completedAt) : '—'}</dd>
          <dt>Save path</dt>
          <dd className="mono path" data-testid="download-save-path">
            {d.savePath || '—'}
          </dd>
          <dt>Info hash</dt>
          <dd className="mono path">{d.infoHash}</dd>
        </dl>
      </section>

      <section className="dl-detail-section">
        <h2 className="section-title">Files</h2>
        <label className="dl-sequential">
          <input
            type="checkbox"
            data-testid="download-sequential"
            checked={d.sequential}
            onChange={(e) => void useDownloads.getState().setSequential(d.id, e.target.checked)}
          />{' '}
          Download in order (the default: fastest here, and a file can be watched while it downloads). Untick to fetch the rarest
          pieces first, which helps a large swarm.
        </label>
        <DownloadFiles downloadId={d.id} state={d.state} files={d.files} />
      </section>

      <section className="dl-detail-section">
        <h2 className="section-title">Limits</h2>
        <DownloadOptionsPanel downloadId={d.id} options={d.options} />
      </section>

      <section className="dl-detail-section">
        <h2 className="section-title">In the library</h2>
        {d.imported.length === 0 ? (
          <p className="muted">
            {d.completedAt
              ? 'No video files were imported from this download.'
              : 'Its videos are filed into the library when it finishes.'}
          </p>
        ) : (
          <ul className="dl-imported" data-testid="download-imported">
            {d.imported.map((f) => (
              <li key={f.target}>
                <div className="mono path">{f.target}</div>
                <div className="muted small mono path">from {f.source}</div>
              </li>
            ))}
          </ul>
        )}
        {d.imported.length > 0 && (
          <Link to="/library" className="btn">
            Open the library
          </Link>
        )}
      </section>
    </article>
  );
}

function DetailError({ text }: { text: string }) {
  return (
    <div>
      <Link to="/downloads" className="back-link">
        ← Downloads
      </Link>
      <p className="error-text">{text}</p>
    </div>
  );
}

function Missing() {
  return <DetailError text="This download is not in the list (it may have been removed)." />;
}
