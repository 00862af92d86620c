// Settings → Downloads (BitTorrent): connection switches and port, the queue, seeding limits, speed limits with the
// alternative ("turtle") pair and its weekly schedule. One Save for the whole panel; the server has the last word (400).
import { useEffect, useState, type FormEvent } from 'react';
import type { TorrentSettings } from '../../../../app/api/api-types';
import { api, errorText } from '../../api/client';
import {
  fromForm,
  restartNote,
  sameForm,
  toForm,
  type NumberField,
  type RestartKey,
  type TorrentForm,
} from '../../torrent-settings-form';
import { ConnectionSection } from './ConnectionSection';
import { DiskSection } from './DiskSection';
import { QueueSection } from './QueueSection';
import { SaveFooter } from './SaveFooter';
import { SeedingSection } from './SeedingSection';
import { SpeedSection } from './SpeedSection';

export function TorrentSettingsPanel() {
  const [saved, setSaved] = useState<TorrentSettings | null>(null);
  const [form, setForm] = useState<TorrentForm | null>(null);
  const [restart, setRestart] = useState<RestartKey[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [badFields, setBadFields] = useState<ReadonlySet<NumberField>>(new Set());
  const [justSaved, setJustSaved] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .torrentSettings()
      .then((res) => {
        if (!live) return;
        setSaved(res.settings);
        setForm(toForm(res.settings));
        setRestart(res.restartNeeded);
      })
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, []);

  const dirty = !!form && !!saved && !sameForm(form, toForm(saved));

  function change(patch: Partial<TorrentForm>) {
    setForm((f) => (f ? { ...f, ...patch } : f));
    setJustSaved(false);
    if (Object.keys(patch).some((k) => badFields.has(k as NumberField))) {
      setBadFields((s) => new Set([...s].filter((k) => !(k in patch))));
    }
  }

  function discard() {
    if (!saved) return;
    setForm(toForm(saved));
    setErrors([]);
    setBadFields(new Set());
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form || busy || !dirty) return;
    const result = fromForm(form);
    if (!result.ok) {
      setErrors(result.errors.map((x) => x.message));
      setBadFields(new Set(result.errors.map((x) => x.field)));
      setJustSaved(false);
      return;
    }
    setBusy(true);
    setErrors([]);
    setBadFields(new Set());
    try {
      const res = await api.saveTorrentSettings(result.settings);
      setSaved(res.settings);
      setForm(toForm(res.settings));
      setRestart(res.restartNeeded);
      setJustSaved(true);
    } catch (err) {
      setErrors([errorText(err)]);
      setJustSaved(false);
    } finally {
      setBusy(false);
    }
  }

  const note = restartNote(restart);

  return (
    <section className="panel ts" aria-labelledby="torrent-settings-title" data-testid="torrent-settings">
      <h2 id="torrent-settings-title" className="section-title">
        Downloads (BitTorrent)
      </h2>
      {loadError && <p className="error-text">Couldn't load download settings: {loadError}</p>}
      {!form && !loadError && <p className="muted">Loading…</p>}
      {note && (
        <p className="notice ts-restart" role="status" data-testid="torrent-restart-note">
          {note}
        </p>
      )}
      {form && (
        <form onSubmit={(e) => void save(e)} noValidate>
          <ConnectionSection form={form} bad={badFields} onChange={change} />
          <QueueSection form={form} bad={badFields} onChange={change} />
          <SeedingSection form={form} bad={badFields} onChange={change} />
          <SpeedSection form={form} bad={badFields} onChange={change} />
          <DiskSection form={form} bad={badFields} onChange={change} />
          <SaveFooter busy={busy} dirty={dirty} justSaved={justSaved} errors={errors} onDiscard={discard} />
        </form>
      )}
    </section>
  );
}
