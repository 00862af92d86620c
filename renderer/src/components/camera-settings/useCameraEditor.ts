// The state behind Settings → Cameras, on the settings kit's saved list: the cameras (refreshed every few seconds, so
// "Connecting" turns into "Online"), the editor open on a new or a saved camera with its problems field by field (the
// form's own and the server's 400), saving, and remove-with-confirm with the "delete its recordings too" choice.
import { useState } from 'react';
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
import { useSavedList } from '../settings-kit/useSavedList';

const REFRESH_MS = 5000;

export interface OpenCamera {
  /** null: a new camera */
  saved: CameraInfo | null;
  form: CameraForm;
}

export function useCameraEditor() {
  const [deleteRecordings, setDeleteRecordings] = useState(false);
  // the camera as it was when the editor opened: what a save compares the form with
  const [saved, setSaved] = useState<CameraInfo | null>(null);
  const nameOf = (id: number): string => list.items?.find((c: CameraInfo) => c.id === id)?.name ?? `camera ${id}`;
  const list = useSavedList<CameraInfo, CameraForm, CameraFieldError[], number>({
    load: cameraSettingsApi.list,
    remove: (id) => cameraSettingsApi.remove(id, deleteRecordings),
    nameOf,
    removedText: (id) =>
      deleteRecordings ? `Removed “${nameOf(id)}” and its recordings.` : `Removed “${nameOf(id)}”; its recordings stay on disk.`,
    refreshMs: REFRESH_MS,
    noProblems: [],
  });
  const editing: OpenCamera | null = list.editing && {
    saved: list.editing.original === null ? null : saved,
    form: list.editing.form,
  };

  function open(next: OpenCamera) {
    setSaved(next.saved);
    list.open({ original: next.saved?.id ?? null, form: next.form });
  }

  function save() {
    if (!editing) return;
    const result = fromCameraForm(editing.form);
    if (!result.ok) return list.save({ problems: result.errors });
    const before = editing.saved;
    return list.save({
      write: async () => {
        if (!before) {
          const camera = await cameraSettingsApi.add(createBody(result, editing.form.onvifXaddr));
          return `Added “${camera.name}”.`;
        }
        const patch = patchOf(cameraValues(before), result);
        if (Object.keys(patch).length === 0) return `Nothing changed in “${before.name}”.`;
        const camera = await cameraSettingsApi.update(before.id, patch);
        return `Saved “${camera.name}”.`;
      },
      failed: (err) => {
        const message = errorText(err);
        return isApiError(err, 400) ? serverErrors(message, result.entryRows) : [{ field: '', message }];
      },
    });
  }

  return {
    cameras: list.items,
    loadError: list.loadError,
    editing,
    errors: list.problems,
    busy: list.busy,
    status: list.status,
    confirmRemove: list.confirmRemove,
    deleteRecordings,
    removeError: list.removeError,
    open,
    change: list.change,
    close: list.close,
    save,
    remove: list.remove,
    askRemove: (id: number | null) => {
      setDeleteRecordings(false);
      list.askRemove(id);
    },
    setDeleteRecordings,
  };
}

export type CameraEditorState = ReturnType<typeof useCameraEditor>;
