import { useEffect } from 'react';
import type { ReleaseSearchResponse } from '../../../../app/api/api-types';
import { bestRelease, releasesKey, seasonName, setupNeeded, type ReleaseOptions, type TitleRef } from '../../discovery-format';
import { plural } from '../../format';
import { useDiscovery } from '../../store/discovery';
import { BestRelease } from './BestRelease';
import { GrabStatus } from './GrabStatus';
import { IndexerStatus } from './IndexerStatus';
import { ReleasePlan } from './ReleasePlan';
import { ReleasesTable } from './ReleasesTable';
import { SearchingIndexers } from './SearchingIndexers';
import { SetupNeeded } from './SetupNeeded';
import { useGrab, type Grabber } from './useGrab';

function heading(o: ReleaseOptions): string {
  if (o.season === null) return 'Releases';
  return o.episode === null ? `Releases · ${seasonName(o.season)}` : `Releases · ${seasonName(o.season)}, episode ${o.episode}`;
}

/** The release search for the open title: profile, progress, the best pick with its reason, the table, the indexers. */
export function ReleasesSection({
  target,
  options,
  onProfile,
}: {
  target: TitleRef;
  options: ReleaseOptions;
  onProfile: (profile: string) => void;
}) {
  const key = releasesKey(target, options);
  const entry = useDiscovery((s) => (s.releases?.key === key ? s.releases : null));
  const settings = useDiscovery((s) => s.settings);
  const grabber = useGrab(target);

  useEffect(() => {
    void useDiscovery.getState().searchReleases(target, options);
    // the key covers the title and every option
  }, [key]);

  const data = entry?.data ?? null;
  const profiles = settings?.profiles.length ? settings.profiles : data ? [data.profile] : [];
  const profile = options.profile ?? data?.profile ?? settings?.profile ?? '';
  const enabledIndexers = settings ? settings.indexers.filter((i) => i.enabled).length : null;
  const need = entry?.error ? setupNeeded(entry.status, entry.error) : null;

  return (
    <section className="disc-releases" aria-labelledby="releases-title" data-testid="releases">
      <div className="disc-releases-head">
        <h2 id="releases-title" className="section-title">
          {heading(options)}
        </h2>
        <div className="toolbar">
          {profiles.length > 0 && (
            <label className="disc-inline-field">
              <span className="muted small">Profile</span>
              <select
                className="input"
                data-testid="release-profile"
                value={profiles.includes(profile) ? profile : ''}
                disabled={entry?.loading}
                onChange={(e) => onProfile(e.target.value)}
              >
                {!profiles.includes(profile) && <option value="">{profile || 'default'}</option>}
                {profiles.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button
            type="button"
            className="btn"
            data-testid="releases-refresh"
            disabled={!entry || entry.loading}
            title="Ask the indexers again (seeders change)"
            onClick={() => void useDiscovery.getState().searchReleases(target, options, true)}
          >
            Search again
          </button>
        </div>
      </div>
      <GrabStatus grabber={grabber} />
      {(!entry || entry.loading) && <SearchingIndexers startedAt={entry?.startedAt ?? Date.now()} indexers={enabledIndexers} />}
      {entry?.error && need && <SetupNeeded need={need} message={entry.error} testId="releases-setup" />}
      {entry?.error && !need && (
        <p className="error-text" role="alert" data-testid="releases-error">
          Couldn't search the indexers: {entry.error}{' '}
          <button
            type="button"
            className="link-btn"
            onClick={() => void useDiscovery.getState().searchReleases(target, options, true)}
          >
            Try again
          </button>
        </p>
      )}
      {data && <ReleasesResult data={data} grabber={grabber} />}
    </section>
  );
}

function ReleasesResult({ data, grabber }: { data: ReleaseSearchResponse; grabber: Grabber }) {
  const best = bestRelease(data);
  const accepted = data.releases.filter((r) => r.accepted).length;
  return (
    <>
      {best && data.best && <BestRelease row={best} why={data.best.why} grabber={grabber} />}
      {!best && data.releases.length > 0 && (
        <p className="notice small" data-testid="no-best">
          None of the {plural(data.releases.length, 'release')} fits the “{data.profile}” profile: the table shows why for each.
          You can still download one, or try another profile.
        </p>
      )}
      <ReleasePlan data={data} grabber={grabber} />
      {data.releases.length === 0 ? (
        <p className="muted" data-testid="releases-empty">
          The indexers found no releases. Try another season or episode, or check the indexers below.
        </p>
      ) : (
        <>
          <p className="muted small" data-testid="releases-count">
            {plural(data.releases.length, 'release')} · {accepted} accepted · profile “{data.profile}”
          </p>
          <ReleasesTable rows={data.releases} bestId={best?.id ?? null} grabber={grabber} />
        </>
      )}
      <IndexerStatus runs={data.indexers} />
    </>
  );
}
