// The state behind a settings list of named things fetched from the engine (device profiles, renderers, release
// profiles): loading, the editor open on one (new, copy or saved), its problems, saving, remove-with-confirm and the
// last "Saved …"/"Removed …" line. The panels keep what differs: how a form is checked and what a save calls.
import { useEffect, useState } from 'react';
import { errorText } from '../../api/client';

/** What is wrong with the open form: the lines shown and the inputs marked red. */
export interface FormProblems<Field extends string = string> {
  messages: string[];
  fields: ReadonlySet<Field>;
}

export interface OpenEditor<Form> {
  /** null: a new one (New or Copy); else the saved one's name, which can't change */
  original: string | null;
  form: Form;
}

/** A save either stops at the form's own checks or writes; `write` resolves to the status line to show. */
export type SaveAttempt<Field extends string> =
  { problems: FormProblems<Field> } | { write: () => Promise<string>; serverFields?: (message: string) => ReadonlySet<Field> };

const NOTHING_WRONG: FormProblems<never> = { messages: [], fields: new Set() };

export function useSavedList<Item, Form, Field extends string = string>(source: {
  load: () => Promise<Item[]>;
  remove: (name: string) => Promise<unknown>;
  /** what else to reload after a save or remove (e.g. settings that list these names) */
  reloadAlso?: () => Promise<unknown>;
  /** after a remove went through, before the reload (e.g. collapse its row) */
  onRemoved?: (name: string) => void;
}) {
  const [items, setItems] = useState<Item[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<OpenEditor<Form> | null>(null);
  const [problems, setProblems] = useState<FormProblems<Field>>(NOTHING_WRONG);
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function reload() {
    try {
      setItems(await source.load());
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    void reload();
    // loads once: after that, only the panel's own saves and removes reload it
  }, []);

  const refresh = () => Promise.all([reload(), source.reloadAlso?.()]);

  function open(next: OpenEditor<Form>) {
    setEditing(next);
    setProblems(NOTHING_WRONG);
    setStatus(null);
    setConfirmRemove(null);
    setRemoveError(null);
  }

  function change(form: Form) {
    setEditing((e) => (e ? { ...e, form } : e));
    setProblems(NOTHING_WRONG);
  }

  async function save(attempt: SaveAttempt<Field>) {
    if (!editing || busy) return;
    if ('problems' in attempt) {
      setProblems(attempt.problems);
      return;
    }
    setBusy(true);
    setProblems(NOTHING_WRONG);
    try {
      const done = await attempt.write();
      setEditing(null);
      setStatus(done);
      await refresh();
    } catch (err) {
      const message = errorText(err);
      setProblems({ messages: [message], fields: attempt.serverFields?.(message) ?? new Set() });
    } finally {
      setBusy(false);
    }
  }

  async function remove(name: string) {
    setBusy(true);
    setRemoveError(null);
    try {
      await source.remove(name);
      setConfirmRemove(null);
      if (editing?.original === name) setEditing(null);
      source.onRemoved?.(name);
      setStatus(`Removed “${name}”.`);
      await refresh();
    } catch (err) {
      setRemoveError(`Couldn't remove “${name}”: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  function askRemove(name: string | null) {
    setConfirmRemove(name);
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
