import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { MediaKind, TitleSearchResponse } from '../../../app/api/api-types';
import { EmptyState } from '../components/EmptyState';
import { GrowingGrid } from '../components/GrowingGrid';
import { SearchHitCard } from '../components/discovery/SearchHitCard';
import { SetupNeeded } from '../components/discovery/SetupNeeded';
import { isMediaKind, parseNumberParam, PROVIDER_LABELS, setupNeeded } from '../discovery-format';
import { plural } from '../format';
import { useDiscovery, type Pending } from '../store/discovery';

const KINDS: { id: MediaKind | null; label: string }[] = [
  { id: null, label: 'All' },
  { id: 'movie', label: 'Movies' },
  { id: 'series', label: 'Series' },
];

/** /search?q=…[&kind=movie|series][&year=N]: titles from the metadata providers as a poster grid. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const rawKind = params.get('kind');
  const kind = isMediaKind(rawKind) ? rawKind : null;
  const year = parseNumberParam(params.get('year'), 1870);
  const search = useDiscovery((s) => s.search);
  const [text, setText] = useState(q);
  const [yearText, setYearText] = useState(year === null ? '' : String(year));

  // the URL leads (back and forward, links): the inputs follow it
  useEffect(() => setText(q), [q]);
  useEffect(() => setYearText(year === null ? '' : String(year)), [year]);
  useEffect(() => {
    void useDiscovery.getState().searchTitles({ q, kind, year });
  }, [q, kind, year]);

  function update(next: { q?: string; kind?: MediaKind | null; year?: number | null }, replace: boolean) {
    const p = new URLSearchParams(params);
    const set = (name: string, value: string | number | null | undefined) => {
      if (value === null || value === undefined || value === '') p.delete(name);
      else p.set(name, String(value));
    };
    set('q', next.q === undefined ? q : next.q);
    set('kind', next.kind === undefined ? kind : next.kind);
    set('year', next.year === undefined ? year : next.year);
    setParams(p, { replace });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const nextQ = text.trim();
    if (!nextQ) return;
    const nextYear = parseNumberParam(yearText, 1870);
    if (nextQ === q && nextYear === year) void useDiscovery.getState().searchTitles({ q, kind, year }, true);
    else update({ q: nextQ, year: nextYear }, false);
  }

  const current = search && q ? search : null;

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">Search</h1>
      </div>
      <form className="disc-search" role="search" onSubmit={(e) => void submit(e)}>
        <input
          type="search"
          className="input grow"
          data-testid="search-input"
          placeholder="A movie or series, e.g. “The Matrix” or “Breaking Bad”"
          aria-label="Movie or series title"
          value={text}
          autoFocus={!q}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <input
          type="text"
          inputMode="numeric"
          className="input disc-year"
          data-testid="search-year"
          placeholder="Year"
          aria-label="Year (optional)"
          maxLength={4}
          value={yearText}
          onChange={(e) => setYearText(e.target.value.replace(/\D/g, ''))}
        />
        <button type="submit" className="btn primary" data-testid="search-submit" disabled={!text.trim()}>
          {current?.loading ? 'Searching…' : 'Search'}
        </button>
        <div className="tabs" role="tablist" aria-label="Type">
          {KINDS.map((k) => (
            <button
              key={k.label}
              type="button"
              role="tab"
              aria-selected={kind === k.id}
              className={`tab ${kind === k.id ? 'active' : ''}`}
              data-testid={`search-kind-${k.id ?? 'all'}`}
              onClick={() => update({ kind: k.id }, true)}
            >
              {k.label}
            </button>
          ))}
        </div>
      </form>
      <SearchResults q={q} search={current} />
    </>
  );
}

function SearchResults({ q, search }: { q: string; search: Pending<TitleSearchResponse> | null }) {
  if (!q || !search) {
    return (
      <EmptyState title="Find a movie or series" icon="⌕" testId="search-welcome">
        <p>
          Type a title and press Enter. Open a result to see the releases your torrent indexers have, ranked by your profile, with
          the reasons for each pick.
        </p>
      </EmptyState>
    );
  }
  if (search.error) {
    const need = setupNeeded(search.status, search.error);
    if (need) return <SetupNeeded need={need} message={search.error} testId="search-setup" />;
    return (
      <p className="error-text" role="alert" data-testid="search-error">
        Couldn't search: {search.error}
      </p>
    );
  }
  if (!search.data) {
    return (
      <p className="muted" data-testid="search-loading">
        <span className="spinner" aria-hidden="true" /> Searching for “{q}”…
      </p>
    );
  }
  return <Hits q={q} data={search.data} refreshing={search.loading} />;
}

function Hits({ q, data, refreshing }: { q: string; data: TitleSearchResponse; refreshing: boolean }) {
  const failing = data.providers.filter((p) => p.status === 'error');
  const answered = data.providers.filter((p) => p.status === 'ok').map((p) => PROVIDER_LABELS[p.id] ?? p.id);
  return (
    <section className="disc-results" aria-busy={refreshing || undefined}>
      {failing.length > 0 && (
        <div className="notice small disc-provider-errors" data-testid="search-provider-error">
          {failing.map((p) => (
            <div key={p.id}>
              <strong>{PROVIDER_LABELS[p.id] ?? p.id}</strong> did not answer: {p.error || 'unknown error'}
            </div>
          ))}
        </div>
      )}
      {data.hits.length === 0 ? (
        <EmptyState title="Nothing found" icon="⌕" testId="search-empty">
          <p>No movie or series matches “{q}”. Check the spelling, try the original title, or leave out the year and the type.</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted small" data-testid="search-count">
            {plural(data.hits.length, 'title')}
            {answered.length > 0 && ` · from ${answered.join(', ')}`}
            {refreshing && ' · refreshing…'}
          </p>
          <GrowingGrid
            items={data.hits}
            resetKey={q}
            render={(hit) => <SearchHitCard key={`${hit.provider}/${hit.kind}/${hit.id}`} hit={hit} />}
          />
        </>
      )}
    </section>
  );
}
