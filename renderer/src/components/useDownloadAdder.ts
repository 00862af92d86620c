import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../api/client';
import { isTorrentFile, uriDisplayName } from '../downloads-format';
import { useDownloads } from '../store/downloads';

/** How long "Added …" stays up. */
const ADDED_MS = 4000;

export interface DownloadAdder {
  busy: boolean;
  error: string | null;
  /** "Added Test.Movie.2010.1080p" for a few seconds after a success */
  added: string | null;
  /** resolves true when the download was added */
  addUri(uri: string): Promise<boolean>;
  addFiles(files: readonly File[]): Promise<void>;
  clear(): void;
}

/** Adding downloads from the bar, the upload button and a drop: one busy flag and one status line for all three. */
export function useDownloadAdder(): DownloadAdder {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);

  const showAdded = useCallback((names: string[]) => {
    clearTimeout(timer.current ?? undefined);
    setAdded(`Added ${names.join(', ')}`);
    timer.current = setTimeout(() => setAdded(null), ADDED_MS);
  }, []);

  const start = useCallback(() => {
    setBusy(true);
    setError(null);
    setAdded(null);
  }, []);

  const addUri = useCallback(
    async (uri: string) => {
      const text = uri.trim();
      if (!text) return false;
      start();
      try {
        await useDownloads.getState().add({ uri: text });
        showAdded([uriDisplayName(text)]);
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [start, showAdded],
  );

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      const torrents = files.filter(isTorrentFile);
      const others = files.filter((f) => !isTorrentFile(f));
      start();
      const names: string[] = [];
      const problems = others.map((f) => `“${f.name}” is not a .torrent file`);
      for (const file of torrents) {
        try {
          await useDownloads.getState().add({ file });
          names.push(file.name.replace(/\.torrent$/i, ''));
        } catch (e) {
          problems.push(`${file.name}: ${errorText(e)}`);
        }
      }
      setBusy(false);
      if (names.length) showAdded(names);
      if (problems.length) setError(problems.join(' · '));
    },
    [start, showAdded],
  );

  const clear = useCallback(() => {
    setError(null);
  }, []);

  return { busy, error, added, addUri, addFiles, clear };
}
