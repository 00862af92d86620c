// Settings → DLNA: the media server TVs, consoles, VLC and Kodi find on the network — on or off, its name, interfaces
// and port, what runs now — and the renderer rules that say which TV is asking and what it gets.
import { useEffect, useState } from 'react';
import type { DeviceProfile, DlnaSettingsAnswer } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { dlnaApi } from '../../api/dlna';
import { playbackProfilesApi } from '../../api/playback-profiles';
import { DlnaServerForm } from './DlnaServerForm';
import { DlnaStatusBox } from './DlnaStatusBox';
import { RenderersSection } from './RenderersSection';

export function DlnaSettingsPanel() {
  const [answer, setAnswer] = useState<DlnaSettingsAnswer | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [profiles, setProfiles] = useState<DeviceProfile[] | null>(null);
  const [profilesError, setProfilesError] = useState<string | null>(null);
  const [statusBusy, setStatusBusy] = useState(false);
  const [statusError, setStatusError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    dlnaApi
      .settings()
      .then((a) => live && setAnswer(a))
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    playbackProfilesApi
      .list()
      .then((p) => live && setProfiles(p))
      .catch((e: unknown) => live && setProfilesError(errorText(e)));
    return () => {
      live = false;
    };
  }, []);

  async function statusCall(call: () => Promise<DlnaSettingsAnswer>) {
    setStatusBusy(true);
    setStatusError(null);
    try {
      setAnswer(await call());
    } catch (e) {
      setStatusError(errorText(e));
    } finally {
      setStatusBusy(false);
    }
  }

  return (
    <section className="panel ts dlna" aria-labelledby="dlna-settings-title" data-testid="dlna-settings">
      <h2 id="dlna-settings-title" className="section-title">
        DLNA media server
      </h2>
      <p className="muted">
        TVs and players on your network (DLNA / UPnP) see the library as a media server and play from it; what a TV can't play is
        converted for it on the fly, by its device profile.
      </p>
      {loadError && <p className="error-text">Couldn't load the media server settings: {loadError}</p>}
      {!answer && !loadError && <p className="muted">Loading…</p>}
      {answer && (
        <>
          <fieldset className="ts-section">
            <legend className="ts-legend">Server</legend>
            <DlnaStatusBox
              answer={answer}
              busy={statusBusy}
              onRefresh={() => void statusCall(dlnaApi.settings)}
              // an empty change restarts it with what is saved
              onStart={() => void statusCall(() => dlnaApi.saveSettings({}))}
            />
            {statusError && (
              <p className="error-text small" role="alert">
                {statusError}
              </p>
            )}
            <DlnaServerForm answer={answer} onSaved={setAnswer} />
          </fieldset>
          <fieldset className="ts-section">
            <legend className="ts-legend">Renderers</legend>
            <RenderersSection profiles={profiles} profilesError={profilesError} />
          </fieldset>
        </>
      )}
    </section>
  );
}
