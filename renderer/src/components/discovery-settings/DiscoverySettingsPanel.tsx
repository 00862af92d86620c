// Settings → Metadata & indexers: where titles come from (TMDB / OMDb keys, language), the default release profile,
// and the Torznab indexers that are asked for releases, with their health.
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { useDiscovery } from '../../store/discovery';
import { AddIndexerForm } from './AddIndexerForm';
import { IndexerRow } from './IndexerRow';
import { MetadataForm } from './MetadataForm';
import { ProfileEditor } from './ProfileEditor';

export function DiscoverySettingsPanel() {
  const settings = useDiscovery((s) => s.settings);
  const error = useDiscovery((s) => s.settingsError);
  const { hash } = useLocation();
  const ref = useRef<HTMLElement>(null);
  const loaded = settings !== null;

  useEffect(() => {
    void useDiscovery.getState().loadSettings();
  }, []);
  // "Open Settings → Metadata & indexers" from Search lands here
  useEffect(() => {
    if (loaded && hash === '#discovery-settings') ref.current?.scrollIntoView({ block: 'start' });
  }, [loaded, hash]);

  return (
    <section
      ref={ref}
      className="panel ts ds"
      id="discovery-settings"
      aria-labelledby="discovery-settings-title"
      data-testid="discovery-settings"
    >
      <h2 id="discovery-settings-title" className="section-title">
        Metadata &amp; indexers
      </h2>
      <p className="muted">
        Search finds movies and series with the metadata providers, then asks your torrent indexers (Torznab: Jackett, Prowlarr)
        for releases and ranks them by the profile.
      </p>
      {error && (
        <p className="error-text">
          {settings ? "Couldn't refresh" : "Couldn't load"} these settings: {error}
        </p>
      )}
      {!settings && !error && <p className="muted">Loading…</p>}
      {settings && (
        <>
          <MetadataForm settings={settings} />
          <fieldset className="ts-section">
            <legend className="ts-legend">Release profiles</legend>
            <ProfileEditor />
          </fieldset>
          <fieldset className="ts-section">
            <legend className="ts-legend">Indexers</legend>
            {settings.indexers.length === 0 ? (
              <p className="notice small" data-testid="no-indexers">
                No indexers yet: Search can find titles but no releases. Add one below.
              </p>
            ) : (
              <ul className="ds-indexers">
                {settings.indexers.map((i) => (
                  <IndexerRow key={i.id} info={i} />
                ))}
              </ul>
            )}
            <AddIndexerForm />
          </fieldset>
        </>
      )}
    </section>
  );
}
