import { useState } from 'react';
import { errorText } from '../api/client';
import { useToasts } from '../store/toasts';
import { playedToggleText, type CardWatch } from '../watch-format';
import './watch.css';

/** The green check of something watched. */
export function PlayedCheck({ inline = false }: { inline?: boolean }) {
  return (
    <span className={`watch-check ${inline ? 'inline' : ''}`} aria-hidden="true" data-testid="played-check">
      ✓
    </span>
  );
}

/** The thin bar of how far along something is (0..1). */
export function WatchBar({ value, label }: { value: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className="watch-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      data-testid="watch-bar"
    >
      <div className="watch-bar-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}

/** Check mark and bar laid over a poster. */
export function PosterWatchOverlay({ watch }: { watch: CardWatch }) {
  return (
    <>
      {watch.played && <PlayedCheck />}
      {watch.progress !== null && <WatchBar value={watch.progress} label={watch.label ?? 'Progress'} />}
    </>
  );
}

interface ToggleProps {
  played: boolean;
  /** what is being marked, for the button's words: "season", "series", "episode", "movie" */
  what: 'movie' | 'series' | 'season' | 'episode';
  onToggle(played: boolean): Promise<void>;
  testId?: string;
  small?: boolean;
}

/** "Mark played" / "Mark unplayed": one button that shows the state and flips it; a failure becomes a toast. */
export function PlayedToggle({ played, what, onToggle, testId, small }: ToggleProps) {
  const [busy, setBusy] = useState(false);
  const flip = async () => {
    setBusy(true);
    try {
      await onToggle(!played);
    } catch (e) {
      useToasts
        .getState()
        .push({ kind: 'error', title: `Couldn't mark the ${what} ${played ? 'unplayed' : 'played'}`, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={`btn ${small ? 'watch-toggle' : ''}`}
      aria-pressed={played}
      disabled={busy}
      data-testid={testId}
      title={played ? `Watched — mark the ${what} unplayed` : `Mark the ${what} played`}
      onClick={() => void flip()}
    >
      {playedToggleText(played, what)}
    </button>
  );
}
