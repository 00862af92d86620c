import { useEffect, useState } from 'react';
import type { CameraAwayState } from '../../../../app/api/api-types';
import { errorText, isApiError } from '../../api/client';
import { camerasApi } from '../../api/cameras';
import { relativeTime } from '../../camera-format';

/** "Away": alarm notifications for every camera whatever its schedule says (PUT /cameras/away). */
export function AwaySwitch({ now }: { now: number }) {
  const [state, setState] = useState<CameraAwayState | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    camerasApi.away().then(setState, (e: unknown) => (isApiError(e, 404) ? setMissing(true) : setError(errorText(e))));
  }, []);

  if (missing) return null; // an engine without away mode
  const toggle = async () => {
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      setState(await camerasApi.setAway(!state.away));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cam-away">
      <button
        type="button"
        role="switch"
        aria-checked={state?.away ?? false}
        className={`cam-switch${state?.away ? ' on' : ''}`}
        disabled={!state || busy}
        onClick={() => void toggle()}
        data-testid="cameras-away"
        title="Away: every camera's alarm events notify you, whatever its schedule says"
      >
        <span className="cam-switch-knob switch-knob" aria-hidden="true" />
        <span>Away</span>
      </button>
      <span className="small muted" data-testid="cameras-away-text">
        {error ? (
          <span className="error-text">{error}</span>
        ) : state?.away ? (
          `Armed${state.since ? ` since ${relativeTime(state.since, now)}` : ''}: every camera notifies`
        ) : (
          'Notifications follow each camera’s schedule'
        )}
      </span>
    </div>
  );
}
