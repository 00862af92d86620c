import { useEffect, useState } from 'react';
import type { CameraTimeline } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { camerasApi } from '../../api/cameras';
import type { TimeWindow } from '../../camera-timeline';

/** Today's timeline grows while the camera records: fetched again this often. */
const TODAY_REFRESH_MS = 10_000;

/** The recorded spans and events of one day (GET /cameras/:id/timeline). */
export function useCameraTimeline(cameraId: number, day: TimeWindow) {
  const [data, setData] = useState<CameraTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stop = false;
    setData(null);
    setError(null);
    const load = () =>
      camerasApi.timeline(cameraId, day.start, day.end).then(
        (t) => !stop && (setData(t), setError(null)),
        (e: unknown) => !stop && setError(errorText(e)),
      );
    void load();
    const timer = setInterval(() => {
      if (Date.now() < day.end && document.visibilityState === 'visible') void load();
    }, TODAY_REFRESH_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [cameraId, day.start, day.end]);

  return { data, error };
}
