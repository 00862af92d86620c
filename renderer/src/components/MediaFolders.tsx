import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LibraryRoot } from '../../../app/api/api-types';
import { errorText } from '../api/client';
import { formatDateTime, plural } from '../format';
import { useLibrary } from '../store/library';
import { FolderBrowser } from './FolderBrowser';
import { ScanPanel } from './ScanPanel';

const STATUS_TEXT: Record<LibraryRoot['status'], string> = {
  ok: 'OK',
  missing: 'Missing',
  unreadable: 'Unreadable',
  unscanned: 'Not scanned yet',
};

export function MediaFolders() {
  const roots = useLibrary((s) => s.roots);
  const rootsError = useLibrary((s) => s.rootsError);
  const loadRoots = useLibrary((s) => s.loadRoots);

  useEffect(() => {
    void loadRoots();
  }, [loadRoots]);

  return (
    <section className="panel" aria-labelledby="media-folders-title">
      <h2 id="media-folders-title" className="section-title">
        Media folders
      </h2>
      <p className="muted">
        Folders on the machine running Racoon where your movies and series are stored. Racoon reads them; it never moves or
        deletes your files.
      </p>
      {rootsError && <p className="error-text">Couldn't load media folders: {rootsError}</p>}
      {roots === null && !rootsError && <p className="muted">Loading…</p>}
      {roots && roots.length === 0 && (
        <p className="notice" data-testid="no-roots">
          No media folders yet. Add one below, then scan.
        </p>
      )}
      {roots && roots.length > 0 && (
        <ul className="roots">
          {roots.map((r) => (
            <RootRow key={r.id} root={r} />
          ))}
        </ul>
      )}
      <AddRootForm />
      <ScanPanel hasRoots={!!roots && roots.length > 0} />
    </section>
  );
}

function RootRow({ root }: { root: LibraryRoot }) {
  const removeRoot = useLibrary((s) => s.removeRoot);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await removeRoot(root.id);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <li className="root-row" data-testid="root-row" data-root-id={root.id}>
      <div className="root-main">
        <div className="mono path">{root.path}</div>
        <div className="root-meta small">
          <span className={`badge status-${root.status}`} data-testid="root-status">
            {STATUS_TEXT[root.status]}
          </span>
          <span className="muted">{plural(root.fileCount, 'file')}</span>
          <span className="muted">Last scan: {formatDateTime(root.lastScanAt)}</span>
        </div>
        {root.error && <div className="error-text small">{root.error}</div>}
        {error && <div className="error-text small">Couldn't remove: {error}</div>}
      </div>
      <button
        type="button"
        className="btn ghost"
        data-testid={`remove-root-${root.id}`}
        disabled={busy}
        title="Remove this folder from the library (files on disk are not touched)"
        onClick={() => void remove()}
      >
        {busy ? 'Removing…' : 'Remove'}
      </button>
    </li>
  );
}

function AddRootForm() {
  const addRoot = useLibrary((s) => s.addRoot);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  /** where the folder browser opened (undefined: closed) */
  const [browseFrom, setBrowseFrom] = useState<string | null | undefined>(undefined);
  const inputRef = useRef<HTMLInputElement>(null);
  const browseRef = useRef<HTMLButtonElement>(null);
  const browsing = browseFrom !== undefined;

  function toggleBrowser() {
    setBrowseFrom(browsing ? undefined : path.trim() || null);
    setAdded(null);
  }

  function closeBrowser() {
    setBrowseFrom(undefined);
    browseRef.current?.focus();
  }

  function pickFolder(folder: string) {
    setPath(folder);
    setError(null);
    setAdded(null);
    setBrowseFrom(undefined);
    inputRef.current?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = path.trim();
    if (!value || busy) return;
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const root = await addRoot(value);
      setPath('');
      setAdded(root.path);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="add-root" onSubmit={(e) => void submit(e)}>
      <label className="field grow">
        <span>Add a folder (path on the server)</span>
        <input
          ref={inputRef}
          className="input mono"
          data-testid="add-root-input"
          placeholder="/srv/media or D:\Media"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <button
        ref={browseRef}
        type="button"
        className="btn"
        data-testid="browse-folders"
        aria-expanded={browsing}
        aria-controls="folder-browser"
        title="Pick a folder on the machine running Racoon"
        onClick={toggleBrowser}
      >
        Browse…
      </button>
      <button type="submit" className="btn primary" data-testid="add-root-submit" disabled={busy || !path.trim()}>
        {busy ? 'Adding…' : 'Add folder'}
      </button>
      {browseFrom !== undefined && (
        <div className="full" id="folder-browser">
          <FolderBrowser start={browseFrom} onUse={pickFolder} onClose={closeBrowser} />
        </div>
      )}
      {error && (
        <p className="error-text full" role="alert" data-testid="add-root-error">
          {error}
        </p>
      )}
      {added && !error && <p className="muted full">Added {added}. Scan to catalogue its files.</p>}
    </form>
  );
}
