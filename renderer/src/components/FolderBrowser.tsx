import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FolderListing } from '../../../app/api/api-types';
import { api, errorText } from '../api/client';
import { folderCrumbs } from '../folder-path';

interface FolderBrowserProps {
  /** where to open: the path already typed, or null for the starting points */
  start: string | null;
  onUse(path: string): void;
  onClose(): void;
}

/** An inline picker of folders on the server (names only), like Jellyfin's "add media library" dialog. */
export function FolderBrowser({ start, onUse, onClose }: FolderBrowserProps) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(0);
  const listRef = useRef<HTMLUListElement>(null);
  const focusList = useRef(true);

  /** Lists `path`; a stale answer (the user clicked on) is dropped. Resolves false when it failed. */
  const open = useCallback(async (path: string | null, keepError = false): Promise<boolean> => {
    const id = ++requestId.current;
    setLoading(true);
    if (!keepError) setError(null);
    try {
      const next = await api.folders(path);
      if (id === requestId.current) setListing(next);
      return true;
    } catch (e) {
      if (id === requestId.current) setError(path === null ? errorText(e) : `Couldn't open ${path}: ${errorText(e)}`);
      return false;
    } finally {
      if (id === requestId.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      // a typed path that doesn't exist: say so, and show the starting points instead
      if (!(await open(start)) && start !== null) await open(null, true);
    })();
  }, [open, start]);

  // keyboard users land on the first entry of each new listing
  useEffect(() => {
    if (loading || !focusList.current) return;
    focusList.current = false;
    listRef.current?.querySelector('button')?.focus();
  }, [listing, loading]);

  function go(path: string | null) {
    focusList.current = true;
    void open(path);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose();
    }
  }

  const here = listing?.path ?? null;
  return (
    <div
      className="folder-browser"
      data-testid="folder-browser"
      role="group"
      aria-label="Choose a folder on the server"
      onKeyDown={onKeyDown}
    >
      <div className="folder-browser-head">
        <nav className="crumbs" aria-label="Current folder">
          <button
            type="button"
            className="crumb"
            aria-current={listing && here === null ? 'location' : undefined}
            onClick={() => go(null)}
          >
            Places
          </button>
          {here !== null &&
            folderCrumbs(here).map((c, i, all) => (
              <span key={c.path} className="crumb-part">
                <span className="crumb-sep" aria-hidden="true">
                  ›
                </span>
                <button
                  type="button"
                  className="crumb mono"
                  aria-current={i === all.length - 1 ? 'location' : undefined}
                  onClick={() => go(c.path)}
                >
                  {c.label}
                </button>
              </span>
            ))}
        </nav>
        <button
          type="button"
          className="btn ghost icon-btn"
          aria-label="Close the folder browser"
          title="Close"
          onClick={onClose}
        >
          ✕
        </button>
      </div>

      {error && (
        <p className="error-text small folder-error" role="alert" data-testid="folder-error">
          {error}
        </p>
      )}

      {listing === null ? (
        <p className="muted small folder-status">{loading ? 'Loading…' : ''}</p>
      ) : (
        <ul className="folder-list" ref={listRef} aria-busy={loading} aria-label={here ?? 'Places'}>
          {here !== null && (
            <li>
              <button type="button" className="folder-item" data-testid="folder-up" onClick={() => go(listing.parent)}>
                <Icon kind="up" />
                <span className="folder-name">Up</span>
                <span className="muted small mono folder-hint">{listing.parent ?? 'Places'}</span>
              </button>
            </li>
          )}
          {listing.folders.map((f) => (
            <li key={f.path}>
              <button type="button" className="folder-item" data-testid="folder-entry" title={f.path} onClick={() => go(f.path)}>
                <Icon kind="folder" />
                <span className="folder-name">{f.name}</span>
                {here === null && f.name !== f.path && <span className="muted small mono folder-hint">{f.path}</span>}
              </button>
            </li>
          ))}
          {listing.folders.length === 0 && <li className="muted small folder-empty">No folders in here.</li>}
        </ul>
      )}
      {listing?.truncated && (
        <p className="muted small folder-status">
          Showing the first {listing.folders.length.toLocaleString()} folders. Type the path in the box above to go deeper.
        </p>
      )}

      <div className="folder-browser-foot">
        <span className="muted small" role="status">
          {loading ? 'Loading…' : here === null ? 'Pick a place to start from.' : ''}
        </span>
        <button
          type="button"
          className="btn primary"
          data-testid="folder-use"
          disabled={here === null || loading}
          onClick={() => here !== null && onUse(here)}
        >
          Use this folder
        </button>
      </div>
    </div>
  );
}

function Icon({ kind }: { kind: 'folder' | 'up' }) {
  return (
    <svg className="folder-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        d={kind === 'folder' ? 'M1.5 3h4.2l1.6 1.7h7.2v8.8h-13z' : 'M8 13.5V3M3.5 7.5 8 3l4.5 4.5'}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
