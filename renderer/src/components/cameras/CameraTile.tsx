import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CameraInfo } from '../../../../app/api/api-types';
import type { CameraActivity } from '../../camera-activity';
import { cameraStatus, modeLine, relativeTime } from '../../camera-format';
import { LivePlayer, type LiveState } from './LivePlayer';
import { useInView } from './useInView';

interface Props {
  camera: CameraInfo;
  activity: CameraActivity | undefined;
  now: number;
}

/** Connecting and playing are worth trying while the camera is up (or coming up); offline it would only churn. */
export const canWatchLive = (camera: Pick<CameraInfo, 'status'>) => camera.status === 'online' || camera.status === 'starting';

/** One camera in the grid: its live picture (only while on screen), status, mode and alarm activity. */
export function CameraTile({ camera, activity, now }: Props) {
  const ref = useRef<HTMLElement | null>(null);
  const inView = useInView(ref);
  const [live, setLive] = useState<{ state: LiveState; message: string | null }>({ state: 'idle', message: null });
  const status = cameraStatus(camera, now);
  const mode = modeLine(camera);
  const eventRunning = (activity?.running.length ?? 0) > 0;
  const lastEventAt = activity?.lastEventAt ?? camera.lastEventAt ?? null;
  const watchable = canWatchLive(camera);

  return (
    <article
      ref={ref}
      className="raised-card cam-tile"
      data-testid="camera-tile"
      data-camera-id={camera.id}
      data-live-state={live.state}
      aria-label={camera.name}
    >
      <Link to={`/cameras/${camera.id}`} className="cam-tile-media" aria-label={`Open ${camera.name}`}>
        <LivePlayer
          cameraId={camera.id}
          streams={camera.subUrl ? ['sub', 'main'] : ['main']}
          active={inView && watchable}
          label={`${camera.name}, live`}
          onState={(state, { message }) => setLive({ state, message })}
          className="cam-video"
        />
        {eventRunning && (
          <span className="cam-event-dot" data-testid="camera-event-running" title="An alarm event is running">
            <span aria-hidden="true" /> Event
          </span>
        )}
        {!watchable ? (
          <div className="cam-overlay cam-overlay-problem">
            <strong>{status.label}</strong>
            {status.detail && <span>{status.detail}</span>}
          </div>
        ) : live.state !== 'playing' && live.state !== 'idle' ? (
          <div className={`cam-overlay${live.state === 'connecting' ? '' : ' cam-overlay-problem'}`}>
            {live.state === 'connecting' && <span className="spinner" aria-hidden="true" />}
            <span>{live.state === 'connecting' ? 'Connecting…' : live.message}</span>
          </div>
        ) : null}
      </Link>
      <div className="cam-tile-foot">
        <div className="cam-tile-line">
          <Link to={`/cameras/${camera.id}`} className="cam-tile-name" data-testid="camera-tile-name">
            {camera.name}
          </Link>
          <span className={`badge cam-status tone-${status.tone}`} data-testid="camera-status" title={status.detail ?? undefined}>
            {status.label}
          </span>
        </div>
        <div className="cam-tile-line muted small">
          <span title={mode.reason ?? undefined}>{mode.text}</span>
          <span>{lastEventAt ? `Last event ${relativeTime(lastEventAt, now)}` : 'No events yet'}</span>
        </div>
        {watchable && status.detail && <div className="small warn-text">{status.detail}</div>}
      </div>
    </article>
  );
}
