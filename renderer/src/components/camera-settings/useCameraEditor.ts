// The state behind Settings → Cameras: the list (refreshed every few seconds, so "Connecting" turns into "Online"), the
// editor open on a new or a saved camera, its problems field by field (the form's own and the server's 400), saving,
// and remove-with-confirm with the "delete its recordings too" choice.
import { useEffect, useRef, useState } from 'react';
import { errorText, isApiError } from '../../api/client';
import { cameraSettingsApi, type CameraInfo } from '../../api/camera-settings';
import {
  cameraValues,
  createBody,
  fromCameraForm,
  patchOf,
  serverErrors,
  type CameraFieldError,
  type CameraForm,
} from '../../camera-form';

const REFRESH_MS = 5000;

export interface OpenCamera {
  /** null: a new camera */
  saved: CameraInfo | null;
  form: CameraForm;
}

export function useCameraEditor() {
  const [cameras, setCameras] = useState<CameraInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<OpenCamera | null>(null);
  const [errors, setErrors] = useState<CameraFieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<number | null>(null);
  const [deleteRecordings, setDeleteRecordings] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const live = useRef(true);

  async function reload() {
    try {
      const list = await cameraSettingsApi.list();
      if (!live.current) return;
      setCameras(list);
      setLoadError(null);
    } catch (e) {
      if (live.current) setLoadError(errorText(e));
    }
  }

  useEffect(() => {
    live.current = true;
    void reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, REFRESH_MS);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, []);

  function open(next: OpenCamera) {
    setEditing(next);
    setErrors([]);
    setStatus(null);
    setConfirmRemove(null);
    setRemoveError(null);
  }

  function change(form: CameraForm) {
    setEditing((e) => (e ? { ...e, form } : e));
    setErrors([]);
  }

  async function save() {
    if (!editing || busy) return;
    const result = fromCameraForm(editing.form);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      let done: string;
      if (editing.saved) {
        const patch = patchOf(cameraValues(editing.saved), result);
        if (Object.keys(patch).length === 0) {
          done = `Nothing changed in “${editing.saved.name}”.`;
        } else {
          const camera = await cameraSettingsApi.update(editing.saved.id, patch);
          done = `Saved “${camera.name}”.`;
        }
      } else {
        const camera = await cameraSettingsApi.add(createBody(result, editing.form.onvifXaddr));
        done = `Added “${camera.name}”.`;
      }
      setEditing(null);
      setStatus(done);
      await reload();
    } catch (err) {
      const message = errorText(err);
      setErrors(isApiError(err, 400) ? serverErrors(message, result.entryRows) : [{ field: '', message }]);
    } finally {
      setBusy(false);
    }
  }

  async function remove(camera: CameraInfo) {
    setBusy(true);
    setRemoveError(null);
    try {
      await cameraSettingsApi.remove(camera.id, deleteRecordings);
      setConfirmRemove(null);
      if (editing?.saved?.id === camera.id) setEditing(null);
      setStatus(
        deleteRecordings
          ? `Removed “${camera.name}” and its recordings.`
          : `Removed “${camera.name}”; its recordings stay on disk.`,
      );
      await reload();
    } catch (err) {
      setRemoveError(`Couldn't remove “${camera.name}”: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  function askRemove(id: number | null) {
    setConfirmRemove(id);
    setDeleteRecordings(false);
    setRemoveError(null);
  }

  return {
    cameras,
    loadError,
    editing,
    errors,
    busy,
    status,
    confirmRemove,
    deleteRecordings,
    removeError,
    open,
    change,
    close: () => setEditing(null),
    save,
    remove,
    askRemove,
    setDeleteRecordings,
  };
}

export type CameraEditorState = ReturnType<typeof useCameraEditor>;
