import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ContinueWatchingRow } from '../components/ContinueWatchingRow';
import { EmptyState } from '../components/EmptyState';
import { GrowingGrid } from '../components/GrowingGrid';
import { ItemCard } from '../components/ItemCard';
import { filterLibrary, plural, type LibraryFilter } from '../format';
import { useEngine } from '../store/engine';
import { useLibrary } from '../store/library';
import { useWatch } from '../store/watch';
import { continueForTab } from '../watch-format';

const TABS: { id: LibraryFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'movie', label: 'Movies' },
  { id: 'series', label: 'Series' },
];

export function LibraryPage() {
  const items = useLibrary((s) => s.items);
  const itemsError = useLibrary((s) => s.itemsError);
  const loadItems = useLibrary((s) => s.loadItems);
  const [params, setParams] = useSearchParams();
  const rawType = params.get('type');
  const type: LibraryFilter = rawType === 'movie' || rawType === 'series' ? rawType : 'all';
  const query = params.get('q') ?? '';

  const continueRow = useWatch((s) => s.continueRow);

  useEffect(() => {
    void loadItems();
    // the user's marks and row: fresh on every visit (the player may just have moved them)
    void useWatch.getState().loadSummaries();
    void useWatch.getState().loadContinue();
  }, [loadItems]);

  const shown = useMemo(() => (items ? filterLibrary(items, type, query) : []), [items, type, query]);
  const continuing = useMemo(() => (continueRow && !query ? continueForTab(continueRow, type) : []), [continueRow, type, query]);

  function update(next: { type?: LibraryFilter; q?: string }) {
    const p = new URLSearchParams(params);
    const t = next.type ?? type;
    const q = next.q ?? query;
    if (t === 'all') p.delete('type');
    else p.set('type', t);
    if (q) p.set('q', q);
    else p.delete('q');
    setParams(p, { replace: true });
  }

  if (items === null) {
    return itemsError ? (
      <p className="error-text">Couldn't load the library: {itemsError}</p>
    ) : (
      <p className="muted">Loading library…</p>
    );
  }
  if (items.length === 0) return <EmptyLibrary />;

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">Library</h1>
        <div className="toolbar">
          <div className="tabs" role="tablist" aria-label="Type">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={type === t.id}
                className={`tab ${type === t.id ? 'active' : ''}`}
                data-testid={`library-tab-${t.id}`}
                onClick={() => update({ type: t.id })}
              >
                {t.label}
              </button>
            ))}
          </div>
          <input
            type="search"
            className="input"
            placeholder="Filter by title or year"
            aria-label="Filter by title or year"
            data-testid="library-filter"
            value={query}
            onChange={(e) => update({ q: e.target.value })}
          />
        </div>
      </div>
      {itemsError && <p className="error-text">Couldn't refresh the library: {itemsError}</p>}
      <ContinueWatchingRow entries={continuing} />
      <p className="muted small">{plural(shown.length, 'title')}</p>
      {shown.length === 0 ? (
        <EmptyState title="Nothing matches" icon="⌕">
          <p>
            No {type === 'movie' ? 'movies' : type === 'series' ? 'series' : 'titles'}
            {query ? ` match “${query}”` : ' in your library yet'}.
          </p>
        </EmptyState>
      ) : (
        <GrowingGrid items={shown} resetKey={`${type}|${query}`} render={(item) => <ItemCard key={item.id} item={item} />} />
      )}
    </>
  );
}

function EmptyLibrary() {
  const roots = useLibrary((s) => s.roots);
  const loadRoots = useLibrary((s) => s.loadRoots);
  const scanning = useEngine((s) => s.status?.scan.state === 'scanning');

  useEffect(() => {
    void loadRoots();
  }, [loadRoots]);

  return (
    <>
      <h1 className="page-title">Library</h1>
      <EmptyState title="Your library is empty" icon="▦" testId="library-empty">
        {roots && roots.length === 0 && (
          <p>
            <strong>No media folders have been added yet.</strong>
          </p>
        )}
        {roots && roots.length > 0 && (
          <p>
            {scanning
              ? `Scanning ${plural(roots.length, 'media folder')}… titles appear here as they are found.`
              : `No movies or series were found in your ${plural(roots.length, 'media folder')}.`}
          </p>
        )}
        <p>
          Add the folder where your movies and series live in <Link to="/settings">Settings → Media folders</Link>, then run a
          scan. Racoon recognises names like <code>Movies/Alien (1979)/Alien (1979).mkv</code> and{' '}
          <code>Series/Breaking Bad/Season 01/Breaking Bad S01E01.mkv</code>.
        </p>
        <Link to="/settings" className="btn primary">
          Go to Settings
        </Link>
      </EmptyState>
    </>
  );
}
