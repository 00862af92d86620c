import { Link } from 'react-router-dom';
import { useEffect } from 'react';
import { DownloadAddBar } from '../components/DownloadAddBar';
import { DownloadList } from '../components/DownloadList';
import { EmptyState } from '../components/EmptyState';
import { TorrentDropOverlay } from '../components/TorrentDropOverlay';
import { useDownloadAdder } from '../components/useDownloadAdder';
import { plural } from '../format';
import { useDownloads } from '../store/downloads';
import { useEngine } from '../store/engine';

export function DownloadsPage() {
  const list = useDownloads((s) => s.list);
  const listError = useDownloads((s) => s.listError);
  const loadList = useDownloads((s) => s.loadList);
  const adder = useDownloadAdder();
  const enginePaused = useEngine((s) => s.status?.paused ?? false);

  // one fetch on arrival; `downloads.changed` over SSE keeps it current from then on
  useEffect(() => {
    void loadList();
  }, [loadList]);

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">Downloads</h1>
        {list && list.length > 0 && <span className="muted small">{summaryLine(list)}</span>}
      </div>
      <DownloadAddBar adder={adder} />
      <TorrentDropOverlay onFiles={adder.addFiles} />
      {enginePaused && list && list.length > 0 && (
        <p className="notice small" data-testid="downloads-work-paused">
          All work is paused, downloads included. They carry on when you press “Resume work” in the top bar.
        </p>
      )}
      {listError && (
        <p className="error-text">
          {list ? "Couldn't refresh the downloads" : "Couldn't load the downloads"}: {listError}
        </p>
      )}
      {list === null && !listError && <p className="muted">Loading downloads…</p>}
      {list && list.length === 0 && <EmptyDownloads />}
      {list && list.length > 0 && <DownloadList downloads={list} />}
    </>
  );
}

function summaryLine(list: { state: string }[]): string {
  const active = list.filter((d) => d.state === 'downloading' || d.state === 'stalled').length;
  const seeding = list.filter((d) => d.state === 'seeding').length;
  const parts = [plural(list.length, 'download')];
  if (active) parts.push(`${active} active`);
  if (seeding) parts.push(`${seeding} seeding`);
  return parts.join(' · ');
}

function EmptyDownloads() {
  return (
    <EmptyState title="No downloads yet" icon="↓" testId="downloads-empty">
      <p>
        Paste a <strong>magnet link</strong> (<code>magnet:?xt=urn:btih:…</code>) or the{' '}
        <strong>http(s) URL of a .torrent</strong> file (what a torrent indexer links to) above and press Add. You can also upload
        a <code>.torrent</code> file, or drop one anywhere on this page.
      </p>
      <p className="muted">
        Finished movies and episodes are filed into your library automatically and keep seeding. Releases you pick in{' '}
        <Link to="/search">Search</Link> land here too.
      </p>
    </EmptyState>
  );
}
