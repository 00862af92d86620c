import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { DownloadSummary } from '../../../app/api/api-types';
import { defaultDir, isSortKey, sortDownloads, type DownloadSortKey, type SortDir } from '../downloads-format';
import { DownloadRow } from './DownloadRow';

const COLUMNS: { key: DownloadSortKey | null; label: string; cls: string }[] = [
  { key: 'name', label: 'Name', cls: 'dl-c-name' },
  { key: 'state', label: 'State', cls: 'dl-c-state' },
  { key: 'progress', label: 'Progress', cls: 'dl-c-progress' },
  { key: 'size', label: 'Size', cls: 'dl-c-size num' },
  { key: 'downloadSpeed', label: 'Down', cls: 'dl-c-speed num' },
  { key: 'peers', label: 'Peers', cls: 'dl-c-peers num' },
  { key: 'eta', label: 'ETA', cls: 'dl-c-eta num' },
  { key: 'ratio', label: 'Ratio', cls: 'dl-c-ratio num' },
  { key: null, label: 'Actions', cls: 'dl-c-actions' },
];

const SORT_LABELS: Record<DownloadSortKey, string> = {
  queue: 'Queue order',
  name: 'Name',
  state: 'State',
  progress: 'Progress',
  size: 'Size',
  downloadSpeed: 'Download speed',
  uploadSpeed: 'Upload speed',
  peers: 'Peers',
  eta: 'Time left',
  ratio: 'Ratio',
};

/** The queue, sortable by any column (?sort=&dir= in the URL; default: queue order). */
export function DownloadList({ downloads }: { downloads: DownloadSummary[] }) {
  const [params, setParams] = useSearchParams();
  const rawSort = params.get('sort');
  const key: DownloadSortKey = isSortKey(rawSort) ? rawSort : 'queue';
  const dir: SortDir =
    params.get('dir') === 'desc' || params.get('dir') === 'asc' ? (params.get('dir') as SortDir) : defaultDir(key);
  const shown = useMemo(() => sortDownloads(downloads, key, dir), [downloads, key, dir]);

  function sortBy(next: DownloadSortKey, nextDir?: SortDir) {
    const p = new URLSearchParams(params);
    // a second click flips the direction; a third goes back to the queue order
    const d = nextDir ?? (next !== key ? defaultDir(next) : dir === defaultDir(next) ? (dir === 'asc' ? 'desc' : 'asc') : null);
    if (next === 'queue' || d === null) {
      p.delete('sort');
      p.delete('dir');
    } else {
      p.set('sort', next);
      p.set('dir', d);
    }
    setParams(p, { replace: true });
  }

  function sortButton(column: DownloadSortKey, label: string) {
    return (
      <button
        type="button"
        className="dl-sort-btn"
        onClick={() => sortBy(column)}
        title={`Sort by ${SORT_LABELS[column].toLowerCase()}`}
      >
        {label}
        {column === key && <span aria-hidden="true">{dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </button>
    );
  }

  return (
    <div className="dl-list-wrap">
      <label className="dl-sort small">
        <span className="muted">Sort by</span>
        <select className="input" value={key} onChange={(e) => sortBy(e.target.value as DownloadSortKey)}>
          {Object.entries(SORT_LABELS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="dl-list" role="table" aria-label="Downloads" aria-rowcount={shown.length + 1}>
        <div role="row" className="dl-row dl-head">
          {COLUMNS.map((c) => (
            <div
              key={c.label}
              role="columnheader"
              className={`dl-c ${c.cls}`}
              aria-sort={
                c.key === key || (c.key === 'downloadSpeed' && key === 'uploadSpeed')
                  ? dir === 'asc'
                    ? 'ascending'
                    : 'descending'
                  : undefined
              }
            >
              {c.key === 'downloadSpeed' ? (
                <>
                  {sortButton('downloadSpeed', 'Down')}
                  {' / '}
                  {sortButton('uploadSpeed', 'Up')}
                </>
              ) : c.key ? (
                sortButton(c.key, c.label)
              ) : (
                <span className="visually-hidden">{c.label}</span>
              )}
            </div>
          ))}
        </div>
        {shown.map((d) => (
          <DownloadRow key={d.id} download={d} />
        ))}
      </div>
      {key !== 'queue' && (
        <p className="muted small">
          Sorted by {SORT_LABELS[key].toLowerCase()}.{' '}
          <button type="button" className="link-btn" onClick={() => sortBy('queue')}>
            Back to queue order
          </button>
        </p>
      )}
    </div>
  );
}
