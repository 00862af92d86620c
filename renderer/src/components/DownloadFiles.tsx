import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { DownloadFile, DownloadState } from '../../../app/api/api-types';
import { errorText } from '../api/client';
import { canPlayWhileDownloading, fileProgress, formatPercent, progressPercent } from '../downloads-format';
import { formatSize } from '../format';
import { useDownloads } from '../store/downloads';
import { ProgressBar } from './ProgressBar';

interface Props {
  downloadId: number;
  state: DownloadState;
  files: DownloadFile[];
}

/** The torrent's files: progress, size, and a checkbox to download or skip each. */
export function DownloadFiles({ downloadId, state, files }: Props) {
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selected = files.filter((f) => f.selected);

  async function toggle(file: DownloadFile, value: boolean) {
    setBusy(file.index);
    setError(null);
    try {
      await useDownloads.getState().selectFile(downloadId, file.index, value);
    } catch (e) {
      setError(`${file.path}: ${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  }

  if (files.length === 0) {
    return <p className="muted">Waiting for the torrent's metadata from peers; its files appear here once it arrives.</p>;
  }

  return (
    <>
      <p className="muted small">
        {selected.length} of {files.length} selected · {formatSize(selected.reduce((n, f) => n + f.length, 0))} to download.
        Unticked files are skipped.
      </p>
      {error && (
        <p className="error-text small" role="alert">
          Couldn't change the selection: {error}
        </p>
      )}
      <ul className="dl-files">
        {files.map((f) => (
          <li
            key={f.index}
            className={`dl-file ${f.selected ? '' : 'skipped'}`}
            data-testid="download-file-row"
            data-file-index={f.index}
          >
            <label className="dl-file-check" title={f.selected ? 'Download this file' : 'Skipped'}>
              <input
                type="checkbox"
                data-testid="download-file-select"
                checked={f.selected}
                disabled={busy !== null}
                aria-label={`Download ${f.path}`}
                onChange={(e) => void toggle(f, e.target.checked)}
              />
            </label>
            <div className="dl-file-main">
              <div className="dl-file-path mono" title={f.path}>
                {f.path}
              </div>
              <div className="dl-file-meta">
                <ProgressBar value={progressPercent(fileProgress(f)) / 100} label={`${f.path}`} className="dl-file-bar" />
                <span className="small muted num">{formatPercent(fileProgress(f))}</span>
                <span className="small muted num">
                  {f.downloaded > 0 && f.downloaded < f.length
                    ? `${formatSize(f.downloaded)} / ${formatSize(f.length)}`
                    : formatSize(f.length)}
                </span>
                {!f.selected && <span className="badge">Skipped</span>}
                {canPlayWhileDownloading(state, f) && (
                  <Link to={`/play/download/${downloadId}/${f.index}`} className="btn small" data-testid="download-file-play">
                    ▶ Play
                  </Link>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
