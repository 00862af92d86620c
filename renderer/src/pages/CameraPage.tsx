import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { CameraEventInfo, CameraInfo, CameraReplayInfo } from '../../../app/api/api-types';
import { errorText, isApiError } from '../api/client';
import { camerasApi } from '../api/cameras';
import { cameraStatus, clockTime, dayLabel, modeLine } from '../camera-format';
import { spanAt } from '../camera-timeline';
import { CameraTimeline, type Span } from '../components/cameras/CameraTimeline';
import { ClipExport } from '../components/cameras/ClipExport';
import { EventList } from '../components/cameras/EventList';
import { LivePlayer, type LiveState } from '../components/cameras/LivePlayer';
import { ReplayPlayer } from '../components/cameras/ReplayPlayer';
import { SnapshotButton } from '../components/cameras/SnapshotButton';
import { TimelineControls, useTimelineView } from '../components/cameras/TimelineControls';
import { canWatchLive } from '../components/cameras/CameraTile';
import { useNow } from '../components/cameras/useInView';
import { useCameraTimeline } from '../components/cameras/useCameraTimeline';
import '../components/cameras/cameras.css';

export function CameraPage() {
  const id = Number(useParams().cameraId);
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <p className="error-text">
        This is not a camera address. <Link to="/cameras">Back to the cameras</Link>
      </p>
    );
  }
  return <CameraView key={id} cameraId={id} />;
}

const CAMERA_REFRESH_MS = 5000;
/** A replay window around the wanted moment: a little before (to scrub back), a few hours after. */
const REPLAY_BEFORE_MS = 10 * 60_000;
const REPLAY_AFTER_MS = 3 * 3600_000;
/** Events are replayed from a little before they start (the pre-capture). */
const EVENT_LEAD_MS = 5000;

type Stage = { kind: 'live' } | { kind: 'replay'; replay: CameraReplayInfo; seekTo: number; eventId: number | null };

function useCamera(cameraId: number) {
  const [camera, setCamera] = useState<CameraInfo | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);
  useEffect(() => {
    let stop = false;
    const load = () =>
      camerasApi.get(cameraId).then(
        (c) => !stop && (setCamera(c), setError(null)),
        (e: unknown) => !stop && setError({ status: isApiError(e) ? e.status : 0, text: errorText(e) }),
      );
    void load();
    const timer = setInterval(() => document.visibilityState === 'visible' && void load(), CAMERA_REFRESH_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [cameraId]);
  return { camera, error };
}

function CameraView({ cameraId }: { cameraId: number }) {
  const now = useNow(1000);
  const { camera, error } = useCamera(cameraId);
  const tl = useTimelineView();
  const timeline = useCameraTimeline(cameraId, tl.day);
  const [stage, setStage] = useState<Stage>({ kind: 'live' });
  const [playhead, setPlayhead] = useState<number | null>(null);
  const [replayNote, setReplayNote] = useState<string | null>(null);
  const [replayBusy, setReplayBusy] = useState(false);
  const [live, setLive] = useState<{ state: LiveState; stream: string; message: string | null }>({
    state: 'idle',
    stream: 'main',
    message: null,
  });
  const [selection, setSelection] = useState<{ from: number; to: number } | null>(null);
  const [selecting, setSelecting] = useState(false);

  const spans: Span[] = useMemo(
    () => (timeline.data?.spans ?? []).map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end), event: s.event })),
    [timeline.data],
  );
  const events: CameraEventInfo[] = timeline.data?.events ?? [];

  const playFrom = useCallback(
    async (wanted: number, eventId: number | null = null) => {
      // a moment with no footage plays the next recorded one of the day (saying so)
      const sorted = [...spans].sort((a, b) => a.start - b.start);
      const inside = sorted.find((s) => wanted >= s.start && wanted < s.end);
      const next = inside ? null : sorted.find((s) => s.start > wanted);
      if (!inside && !next) {
        setReplayNote(`Nothing was recorded at ${clockTime(wanted)} or later on this day.`);
        return;
      }
      const target = inside ? wanted : next!.start;
      setReplayNote(inside ? null : `Nothing was recorded at ${clockTime(wanted)}: playing from ${clockTime(target)}.`);
      setReplayBusy(true);
      try {
        const replay = await camerasApi.replay(cameraId, target - REPLAY_BEFORE_MS, target + REPLAY_AFTER_MS);
        setPlayhead(target);
        setStage({ kind: 'replay', replay, seekTo: target, eventId });
        tl.follow(target);
      } catch (e) {
        setReplayNote(isApiError(e, 404) ? `No footage to replay at ${clockTime(target)}.` : `Replay failed: ${errorText(e)}`);
      } finally {
        setReplayBusy(false);
      }
    },
    [cameraId, spans, tl],
  );

  // the timeline keeps the playing moment in sight (zoomed in, the replay runs out of the window)
  const { follow } = tl;
  useEffect(() => {
    if (stage.kind === 'replay' && playhead !== null) follow(playhead);
  }, [stage.kind, playhead, follow]);

  const backToLive = () => {
    setStage({ kind: 'live' });
    setPlayhead(null);
    setReplayNote(null);
  };

  if (error && !camera) {
    return (
      <article className="cam-page">
        <Link to="/cameras" className="back-link">
          ← Cameras
        </Link>
        <p className="error-text" role="alert">
          {error.status === 404
            ? 'This camera does not exist (it may have been removed).'
            : `Couldn't load the camera: ${error.text}`}
        </p>
      </article>
    );
  }
  if (!camera) return <p className="muted">Loading camera…</p>;

  const status = cameraStatus(camera, now);
  const mode = modeLine(camera);
  const watchable = canWatchLive(camera);
  return (
    <article className="cam-page" data-testid="camera-page" data-camera-id={camera.id}>
      <Link to="/cameras" className="back-link" data-testid="camera-back">
        ← Cameras
      </Link>
      <div className="page-head">
        <div className="cam-head-title">
          <h1 className="page-title" data-testid="camera-name">
            {camera.name}
          </h1>
          <span className={`badge cam-status tone-${status.tone}`} data-testid="camera-status">
            {status.label}
          </span>
          <span className="small muted" title={mode.reason ?? undefined}>
            {mode.text}
            {/* why the schedule picked this mode; for a fixed mode it would only repeat it */}
            {mode.reason && camera.mode === 'schedule' && ` · ${mode.reason}`}
          </span>
        </div>
        <div className="cam-head-actions">
          <SnapshotButton cameraId={camera.id} cameraName={camera.name} />
          <Link to="/settings/cameras" className="btn ghost">
            ⚙ Settings
          </Link>
        </div>
      </div>
      {status.detail && camera.status !== 'online' && (
        <p className="notice small" data-testid="camera-problem">
          {status.label}: {status.detail}
        </p>
      )}

      <div className="cam-stage player-frame" data-stage={stage.kind}>
        {stage.kind === 'live' ? (
          <>
            <LivePlayer
              cameraId={camera.id}
              streams={camera.subUrl ? ['main', 'sub'] : ['main']}
              active={watchable}
              label={`${camera.name}, live`}
              onState={(state, d) => setLive({ state, stream: d.stream, message: d.message })}
              className="cam-video"
            />
            {!watchable ? (
              <div className="cam-overlay cam-overlay-problem">
                <strong>No live picture: the camera is {status.label.toLowerCase()}</strong>
                {status.detail && <span>{status.detail}</span>}
                {spans.length > 0 && <span>Its recordings can still be replayed from the timeline below.</span>}
              </div>
            ) : live.state === 'connecting' || live.state === 'retrying' || live.state === 'unsupported' ? (
              <div className={`cam-overlay${live.state === 'connecting' ? '' : ' cam-overlay-problem'}`}>
                {live.state === 'connecting' && <span className="spinner" aria-hidden="true" />}
                <span>{live.state === 'connecting' ? 'Connecting to the live stream…' : live.message}</span>
              </div>
            ) : null}
          </>
        ) : (
          <ReplayPlayer
            replay={stage.replay}
            seekTo={stage.seekTo}
            onClock={setPlayhead}
            onSnapped={(ms) => setReplayNote(`Nothing was recorded there: playing from ${clockTime(ms)}.`)}
            onEnded={() => setReplayNote('End of this replay window: click further along the timeline to go on.')}
          />
        )}
      </div>
      <div className="cam-stage-bar">
        {stage.kind === 'live' ? (
          <span className="cam-live-label" data-testid="camera-live-label">
            <span className={`cam-live-dot${live.state === 'playing' ? ' on' : ''}`} aria-hidden="true" /> Live
            {live.state === 'playing' && live.stream === 'sub' && camera.subUrl && (
              <span className="small muted"> · sub-stream (the main stream did not play)</span>
            )}
          </span>
        ) : (
          <>
            <span className="cam-replay-label">
              Replay ·{' '}
              <strong
                className="mono"
                data-testid="camera-replay-clock"
                data-ms={playhead === null ? '' : new Date(playhead).toISOString()}
              >
                {playhead === null ? '—' : `${dayLabel(playhead)} ${clockTime(playhead)}`}
              </strong>
            </span>
            <button type="button" className="btn" onClick={backToLive} data-testid="camera-back-to-live">
              ● Back to live
            </button>
          </>
        )}
        {replayBusy && <span className="small muted">Opening the recording…</span>}
        {replayNote && (
          <span className="small warn-text" data-testid="camera-replay-note">
            {replayNote}
          </span>
        )}
      </div>

      <section className="panel cam-timeline-panel" aria-label="Timeline">
        <TimelineControls tl={tl} now={now} />
        <CameraTimeline
          view={tl.view}
          spans={spans}
          events={events}
          playhead={stage.kind === 'replay' ? playhead : null}
          now={now}
          selection={selection}
          selecting={selecting}
          onSeek={(ms) => void playFrom(ms)}
          onSelect={(from, to) => setSelection({ from, to })}
        />
        <div className="cam-timeline-foot small muted">
          <span className="cam-legend">
            <span className="cam-legend-swatch" /> Recorded
          </span>
          <span className="cam-legend">
            <span className="cam-legend-swatch event" /> Event footage
          </span>
          <span className="cam-legend">
            <span className="cam-legend-mark" /> Alarm event
          </span>
          {timeline.error && <span className="error-text">Couldn't load the timeline: {timeline.error}</span>}
          {timeline.data && spans.length === 0 && (
            <span data-testid="camera-no-footage">Nothing was recorded on {dayLabel(tl.day.start)}.</span>
          )}
        </div>
      </section>

      <div className="cam-columns">
        <section className="panel">
          <h2 className="section-title">Events · {dayLabel(tl.day.start)}</h2>
          <EventList
            events={events}
            now={now}
            playingId={stage.kind === 'replay' ? stage.eventId : null}
            onPlay={(ev) => {
              // from a little before it (the pre-capture) when that was recorded, else from its start
              const start = Date.parse(ev.start);
              void playFrom(spanAt(spans, start - EVENT_LEAD_MS) ? start - EVENT_LEAD_MS : start, ev.id);
            }}
          />
        </section>
        <ClipExport
          cameraId={camera.id}
          dayMs={tl.day.start + 12 * 3600_000}
          spans={spans}
          selection={selection}
          onSelection={setSelection}
          selecting={selecting}
          onSelecting={setSelecting}
        />
      </div>
    </article>
  );
}
