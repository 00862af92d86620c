import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { PlaybackInfo } from '../../../app/api/api-types';
import { api, errorText, stopStream } from '../api/client';
import type { PlayState } from '../components/FileEntry';
import { FileTechInfo } from '../components/FileTechInfo';
import { ResumePrompt } from '../components/ResumePrompt';
import { useWatchProgress } from '../components/useWatchProgress';
import { PlaybackDecisionPanel, type PlayerChoice } from '../components/player/PlaybackDecision';
import { PlaybackVideo } from '../components/player/PlaybackVideo';
import { fileName, playingTitle } from '../format';
import { useLibrary } from '../store/library';

export function PlayerPage() {
  const id = Number(useParams().fileId);
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <p className="error-text">
        This is not a playable file address. <Link to="/library">Back to the library</Link>
      </p>
    );
  }
  return <Player key={id} fileId={id} />;
}

/** Asks the engine how this browser plays the file, and again whenever a track or the quality changes. */
function usePlayback(fileId: number, choice: PlayerChoice, startAt: number) {
  const [info, setInfo] = useState<PlaybackInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(true);
  useEffect(() => {
    let current: PlaybackInfo | null = null;
    let cancelled = false;
    setBusy(true);
    setError(null);
    api
      .playback(fileId, { ...choice, start: startAt > 0 ? startAt : undefined })
      .then((next) => {
        current = next;
        if (cancelled) {
          if (next.session) stopStream(next.session.id);
          return;
        }
        setInfo(next);
      })
      .catch((err) => !cancelled && setError(errorText(err)))
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
      // leaving the page or switching tracks: the old stream's ffmpeg and segments go at once
      if (current?.session) stopStream(current.session.id);
    };
    // startAt is read when the choice changes, not followed
  }, [fileId, choice]);
  return { info, error, busy };
}

function Player({ fileId }: { fileId: number }) {
  const play = (useLocation().state ?? null) as PlayState | null;
  const entry = useLibrary((s) => s.files.get(fileId));
  const loadFile = useLibrary((s) => s.loadFile);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [choice, setChoice] = useState<PlayerChoice>({});
  const [startAt, setStartAt] = useState(0);
  const { info, error, busy } = usePlayback(fileId, choice, startAt);
  // where this user stopped: offered over the video, and the position reported as they watch
  const { resumeAt, resume, startOver } = useWatchProgress(video, fileId);

  useEffect(() => {
    void loadFile(fileId);
  }, [fileId, loadFile]);

  // a new track or quality continues where the viewer was
  const changeChoice = useCallback(
    (next: PlayerChoice) => {
      setStartAt(video?.currentTime ?? 0);
      setChoice(next);
    },
    [video],
  );

  const file = entry?.data ?? null;
  const title = play?.title ?? (file ? playingTitle(file) : entry?.status === 404 ? 'File not found' : 'Loading…');
  const itemId = play?.itemId ?? file?.item.id;
  const back = itemId ? `/library/${itemId}` : '/library';

  return (
    <article className="player">
      <Link to={back} className="back-link" data-testid="player-back">
        ← {itemId ? 'Back' : 'Library'}
      </Link>
      <h1 className="page-title" data-testid="player-title">
        {title}
      </h1>
      {info && (
        <PlaybackVideo info={info} startAt={startAt} onVideo={setVideo}>
          <ResumePrompt resumeAt={resumeAt} durationSec={file?.probe?.durationSec} onResume={resume} onStartOver={startOver} />
        </PlaybackVideo>
      )}
      {!info && !error && <div className="player-frame player-placeholder">Preparing playback…</div>}
      {error && (
        <div className="player-frame player-error" role="alert" data-testid="player-error">
          <p>{error}</p>
        </div>
      )}
      {info && <PlaybackDecisionPanel info={info} choice={choice} onChoice={changeChoice} busy={busy} />}
      {entry?.error && entry.status !== 404 && <p className="error-text small">Couldn't load file details: {entry.error}</p>}
      {file && (
        <section className="player-info">
          <h2 className="section-title">{fileName(file.path)}</h2>
          <FileTechInfo file={file} />
          <p className="small">
            <Link to={`/jobs?file=${file.id}`} data-testid="player-make-clip">
              Export a clip or convert this file…
            </Link>
          </p>
        </section>
      )}
    </article>
  );
}
