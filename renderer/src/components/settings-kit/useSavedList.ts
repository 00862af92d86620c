// The state behind a settings list of saved things fetched from the engine (device profiles, renderers, release
// profiles, cameras): loading, the editor open on one (new, copy or saved), its problems, saving, remove-with-confirm and
// the last "Saved …"/"Removed …" line. The panels keep what differs: how a form is checked, what a save calls and what
// its problems look like (a list of messages by default; the camera form keeps them field by field).
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api/client';

/** What is wrong with the open form: the lines shown and the inputs marked red. */
export interface FormProblems<Field extends string = string> {
  messages: string[];
  fields: ReadonlySet<Field>;
}

export interface OpenEditor<Form, Key extends string | number = string> {
  /** null: a new one (New or Copy); else the saved one's key (its name, or a camera's id), which can't change */
  original: Key | null;
  form: Form;
}

/** A save either stops at the form's own checks or writes; `write` resolves to the status line to show. */
export type SaveAttempt<Problems> =
  { problems: Problems } | { write: () => Promise<string>; failed: (error: unknown) => Problems };

const NOTHING_WRONG: FormProblems<never> = { messages: [], fields: new Set() };

export function useSavedList<Item, Form, Problems = FormProblems, Key extends string | number = string>(source: {
  load: () => Promise<Item[]>;
  remove: (key: Key) => Promise<unknown>;
  /** what else to reload after a save or remove (e.g. settings that list these names) */
  reloadAlso?: () => Promise<unknown>;
  /** after a remove went through, before the reload (e.g. collapse its row) */
  onRemoved?: (key: Key) => void;
  /** how a key reads in "Couldn't remove “…”" and the default "Removed “…”." (default: the key itself) */
  nameOf?: (key: Key) => string;
  /** the status line after a remove, when more than "Removed “name”." is worth saying */
  removedText?: (key: Key) => string;
  /** reload this often while the page is visible: for lists whose items change by themselves (a camera's status) */
  refreshMs?: number;
  /** "nothing wrong" for a form whose problems are not FormProblems */
  noProblems?: Problems;
}) {
  const none = source.noProblems ?? (NOTHING_WRONG as Problems);
  const [items, setItems] = useState<Item[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<OpenEditor<Form, Key> | null>(null);
  const [problems, setProblems] = useState<Problems>(none);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<Key | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const live = useRef(true);
  const nameOf = (key: Key) => source.nameOf?.(key) ?? String(key);

  async function reload() {
    try {
      const next = await source.load();
      if (!live.current) return;
      setItems(next);
      setLoadError(null);
    } catch (e) {
      if (live.current) setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    live.current = true;
    void reload();
    // after the first load, only the panel's own saves and removes reload it, and the timer when asked for
    const timer =
      source.refreshMs === undefined
        ? undefined
        : setInterval(() => {
            if (document.visibilityState === 'visible') void reload();
          }, source.refreshMs);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, []);

  const refresh = () => Promise.all([reload(), source.reloadAlso?.()]);

  function open(next: OpenEditor<Form, Key>) {
    setEditing(next);
    setProblems(none);
    setStatus(null);
    setConfirmRemove(null);
    setRemoveError(null);
  }

  function change(form: Form) {
    setEditing((e) => (e ? { ...e, form } : e));
    setProblems(none);
  }

  async function save(attempt: SaveAttempt<Problems>) {
    if (!editing || busy) return;
    if ('problems' in attempt) {
      setProblems(attempt.problems);
      return;
    }
    setBusy(true);
    setProblems(none);
    try {
      const done = await attempt.write();
      setEditing(null);
      setStatus(done);
      await refresh();
    } catch (err) {
      setProblems(attempt.failed(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(key: Key) {
    setBusy(true);
    setRemoveError(null);
    try {
      await source.remove(key);
      setConfirmRemove(null);
      if (editing?.original === key) setEditing(null);
      source.onRemoved?.(key);
      setStatus(source.removedText?.(key) ?? `Removed “${nameOf(key)}”.`);
      await refresh();
    } catch (err) {
      setRemoveError(`Couldn't remove “${nameOf(key)}”: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  function askRemove(key: Key | null) {
    setConfirmRemove(key);
    setRemoveError(null);
  }

  return {
    items,
    loadError,
    editing,
    problems,
    busy,
    confirmRemove,
    removeError,
    status,
    open,
    change,
    close: () => setEditing(null),
    save,
    remove,
    askRemove,
  };
}

/** The form's own check failed: its messages, and the inputs they name. */
export function problemsOf<Field extends string>(
  errors: ReadonlyArray<{ message: string }>,
  fields: ReadonlySet<Field>,
): FormProblems<Field> {
  return { messages: errors.map((e) => e.message), fields };
}

/** A write the server refused: its message, and the inputs the message names (when `fieldsOf` can tell). */
export const serverProblems =
  <Field extends string = string>(fieldsOf?: (message: string) => ReadonlySet<Field>) =>
  (error: unknown): FormProblems<Field> => {
    const message = errorText(error);
    return { messages: [message], fields: fieldsOf?.(message) ?? new Set() };
  };
