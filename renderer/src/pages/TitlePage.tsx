import { useEffect } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ReleasesSection } from '../components/discovery/ReleasesSection';
import { SeasonPicker } from '../components/discovery/SeasonPicker';
import { TitleHeader } from '../components/discovery/TitleHeader';
import {
  isMediaKind,
  isProvider,
  parseNumberParam,
  searchRoute,
  titleKey,
  type ReleaseOptions,
  type TitleRef,
} from '../discovery-format';
import { useDiscovery } from '../store/discovery';
import { useSession } from '../store/session';

/** /search/title/:provider/:kind/:id[?season=N&episode=N&profile=NAME] */
export function TitlePage() {
  const { provider, kind, id } = useParams();
  if (!isProvider(provider) || !isMediaKind(kind) || !id) return <Missing text="This is not a title Racoon can look up." />;
  const target: TitleRef = { provider, kind, id };
  // a new title starts afresh (grab confirmations belong to the title they were made on)
  return <TitleView key={titleKey(target)} target={target} />;
}

function TitleView({ target }: { target: TitleRef }) {
  const key = titleKey(target);
  const [params, setParams] = useSearchParams();
  const entry = useDiscovery((s) => (s.title?.key === key ? s.title : null));
  // the search result stands in while the details load
  const hit = useDiscovery((s) => s.search?.data?.hits.find((h) => titleKey(h) === key) ?? null);
  const lastQuery = useDiscovery((s) => s.lastQuery);
  const hasSettings = useDiscovery((s) => s.settings !== null);
  const isAdmin = useSession((s) => s.user?.isAdmin ?? false);

  const season = target.kind === 'series' ? parseNumberParam(params.get('season')) : null;
  const episode = season === null ? null : parseNumberParam(params.get('episode'), 1);
  const options: ReleaseOptions = { season, episode, profile: params.get('profile') || null };

  useEffect(() => {
    void useDiscovery.getState().openTitle(target);
    // the key covers the target
  }, [key]);
  // the profiles for the selector (the settings are for administrators: others see the profile the engine used)
  useEffect(() => {
    if (isAdmin && !hasSettings) void useDiscovery.getState().loadSettings();
  }, [isAdmin, hasSettings]);

  function update(next: Partial<ReleaseOptions>) {
    const p = new URLSearchParams(params);
    const merged = { ...options, ...next };
    for (const name of ['season', 'episode', 'profile'] as const) {
      const v = merged[name];
      if (v === null || v === '') p.delete(name);
      else p.set(name, String(v));
    }
    setParams(p, { replace: true });
  }

  const details = entry?.data ?? null;
  const shown = details ?? hit;

  return (
    <article className="disc-title" data-testid="title-page" data-title={shown?.title ?? ''}>
      <Link to={searchRoute(lastQuery)} className="back-link">
        ← Search
      </Link>
      {shown ? (
        <TitleHeader title={shown} details={details} />
      ) : entry?.error ? (
        <p className="error-text" data-testid="title-error">
          {entry.status === 404 ? 'The provider has no such title.' : `Couldn't load this title: ${entry.error}`}
        </p>
      ) : (
        <p className="muted">Loading…</p>
      )}
      {entry?.error && shown && <p className="error-text small">Couldn't load all the details: {entry.error}</p>}
      {target.kind === 'series' && details && (
        <SeasonPicker
          details={details}
          season={season}
          episode={episode}
          onChange={(s, e) => update({ season: s, episode: e })}
        />
      )}
      <ReleasesSection target={target} options={options} onProfile={(profile) => update({ profile })} />
    </article>
  );
}

function Missing({ text }: { text: string }) {
  return (
    <div data-testid="title-page-missing">
      <Link to="/search" className="back-link">
        ← Search
      </Link>
      <p className="error-text">{text}</p>
    </div>
  );
}
