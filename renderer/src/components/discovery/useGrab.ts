import { useCallback, useState } from 'react';
import type { ReleaseRow } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import type { TitleRef } from '../../discovery-format';
import { useDiscovery } from '../../store/discovery';
import { useToasts } from '../../store/toasts';

export interface GrabDoneInfo {
  releaseId: string;
  releaseTitle: string;
  downloadId: number;
}

export interface Grabber {
  /** the release being handed to the torrent engine */
  busyId: string | null;
  /** releases added from this page → their download id */
  added: ReadonlyMap<string, number>;
  done: GrabDoneInfo | null;
  error: { releaseId: string; releaseTitle: string; message: string } | null;
  grab(row: ReleaseRow): Promise<void>;
  dismiss(): void;
}

/** "Download" on a release: POST /discover/grab, then a confirmation on the page and a toast that links to it. */
export function useGrab(target: TitleRef): Grabber {
  const { provider, kind, id } = target;
  const [busyId, setBusyId] = useState<string | null>(null);
  const [added, setAdded] = useState<ReadonlyMap<string, number>>(new Map());
  const [done, setDone] = useState<GrabDoneInfo | null>(null);
  const [error, setError] = useState<Grabber['error']>(null);

  const grab = useCallback(
    async (row: ReleaseRow) => {
      setBusyId(row.id);
      setError(null);
      setDone(null);
      try {
        const res = await useDiscovery.getState().grab({ provider, kind, id }, row);
        setAdded((m) => new Map(m).set(row.id, res.id));
        setDone({ releaseId: row.id, releaseTitle: row.title, downloadId: res.id });
        useToasts
          .getState()
          .push({ kind: 'success', title: 'Added to Downloads', text: row.title, link: `/downloads/${res.id}` });
      } catch (e) {
        setError({ releaseId: row.id, releaseTitle: row.title, message: errorText(e) });
      } finally {
        setBusyId(null);
      }
    },
    [provider, kind, id],
  );

  const dismiss = useCallback(() => {
    setDone(null);
    setError(null);
  }, []);

  return { busyId, added, done, error, grab, dismiss };
}
