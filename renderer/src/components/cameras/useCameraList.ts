import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraInfo } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { camerasApi } from '../../api/cameras';
import { activityFromEvents, type ActivityByCamera } from '../../camera-activity';
import { useCameraActivity } from '../../camera-activity-store';

/** Camera status (online/offline, retry time) has no engine event: refreshed this often while the page is open. */
const REFRESH_MS = 5000;
/** How far back the running/last event of each camera is looked up. */
const EVENTS_LOOKBACK_MS = 6 * 3600_000;

export interface CameraList {
  cameras: CameraInfo[] | null;
  error: string | null;
  activity: ActivityByCamera;
  reload(): Promise<void>;
}

/**
 * The cameras and their alarm activity, kept current while the page is open. A camera's events are fetched again
 * only when its lastEventAt moved or one of its events was still running, so a quiet system costs one request
 * (camera.event over SSE, when routed to the activity store, lights the red dot at once).
 */
export function useCameraList(): CameraList {
  const [cameras, setCameras] = useState<CameraInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const activity = useCameraActivity((s) => s.activity);
  const seenLastEvent = useRef(new Map<number, string | null | undefined>());

  const reload = useCallback(async () => {
    let list: CameraInfo[];
    try {
      list = await camerasApi.list();
      setCameras(list);
      setError(null);
    } catch (e) {
      setError(errorText(e));
      return;
    }
    const stale = list.filter(
      (c) =>
        !seenLastEvent.current.has(c.id) ||
        seenLastEvent.current.get(c.id) !== c.lastEventAt ||
        (useCameraActivity.getState().activity[c.id]?.running.length ?? 0) > 0,
    );
    if (!stale.length) return;
    const now = Date.now();
    const updates = await Promise.all(
      stale.map(async (c) => {
        try {
          return [c, activityFromEvents(await camerasApi.events(c.id, now - EVENTS_LOOKBACK_MS, now))] as const;
        } catch {
          return null; // the tile still shows the camera; the dot waits for the next refresh
        }
      }),
    );
    for (const u of updates) {
      if (!u) continue;
      const [camera, act] = u;
      seenLastEvent.current.set(camera.id, camera.lastEventAt);
      useCameraActivity
        .getState()
        .replace(camera.id, { running: act.running, lastEventAt: camera.lastEventAt ?? act.lastEventAt });
    }
  }, []);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  return { cameras, error, activity, reload };
}
