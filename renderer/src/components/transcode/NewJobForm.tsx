import { useEffect, useMemo, useState } from 'react';
import type { LibraryItemDetail } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { episodeCode, fileName } from '../../format';
import { useLibrary } from '../../store/library';
import { useTranscodes } from '../../store/transcode';
import { formatBits, newJobRequest } from '../../transcode-format';

const MAX_OPTIONS = 200;

/** The files of a movie or a series, labelled for a picker. */
function filesOf(detail: LibraryItemDetail | null): Array<{ id: number; label: string }> {
  if (!detail) return [];
  if (detail.type === 'movie') return detail.files.map((f) => ({ id: f.id, label: fileName(f.path) }));
  return detail.seasons.flatMap((s) =>
    s.episodes.flatMap((e) =>
      e.files.map((f) => ({
        id: f.id,
        label: `${episodeCode(s.number, e.number)}${e.title ? ` · ${e.title}` : ''} — ${fileName(f.path)}`,
      })),
    ),
  );
}

/** Start a job: a library file, a profile, and optionally a clip (start + length). `fileId` preselects a file. */
export function NewJobForm({ fileId: preselected }: { fileId: number | null }) {
  const items = useLibrary((s) => s.items);
  const details = useLibrary((s) => s.details);
  const files = useLibrary((s) => s.files);
  const profiles = useTranscodes((s) => s.profiles);
  const [filter, setFilter] = useState('');
  const [itemId, setItemId] = useState<number | null>(null);
  const [fileId, setFileId] = useState<number | null>(preselected);
  const [profile, setProfile] = useState('telegram');
  const [start, setStart] = useState('');
  const [length, setLength] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const library = useLibrary.getState();
    if (!library.items) void library.loadItems();
    void useTranscodes.getState().loadProfiles();
    if (preselected) void library.loadFile(preselected);
  }, [preselected]);

  // a file given in the URL: pick its movie or series too
  const preselectedFile = preselected ? files.get(preselected)?.data : null;
  useEffect(() => {
    if (preselectedFile && itemId === null) setItemId(preselectedFile.item.id);
  }, [preselectedFile, itemId]);

  useEffect(() => {
    if (itemId !== null) void useLibrary.getState().loadItem(itemId);
  }, [itemId]);

  const shownItems = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = items ?? [];
    const matching = needle ? all.filter((i) => i.title.toLowerCase().includes(needle)) : all;
    // keep the chosen one listed even when the filter hides it
    const chosen = all.find((i) => i.id === itemId);
    const shown = matching.slice(0, MAX_OPTIONS);
    return chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown;
  }, [items, filter, itemId]);
  const itemFiles = filesOf(itemId !== null ? (details.get(itemId)?.data ?? null) : null);

  // one file: nothing to choose
  useEffect(() => {
    if (itemFiles.length === 1 && fileId !== itemFiles[0].id) setFileId(itemFiles[0].id);
  }, [itemFiles, fileId]);

  const chosenProfile = profiles?.find((p) => p.name === profile) ?? null;

  async function submit() {
    const request = newJobRequest({ fileId, profile, start, length });
    setFieldErrors(request.ok ? {} : (request.fields ?? {}));
    if (!request.ok) return;
    setBusy(true);
    setResult(null);
    try {
      const job = await useTranscodes.getState().create(request.value);
      setResult({ ok: true, text: `Queued: ${job.sourceName} → ${job.profile}` });
      setStart('');
      setLength('');
    } catch (e) {
      setResult({ ok: false, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel tj-new"
      data-testid="transcode-new-job"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 className="section-title">New job</h2>
      <div className="tj-new-grid">
        <label className="field">
          <span>Find in the library</span>
          <input className="input" value={filter} placeholder="Title…" onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label className="field">
          <span>Movie or series</span>
          <select
            className="input"
            value={itemId ?? ''}
            data-testid="transcode-item"
            onChange={(e) => {
              setItemId(e.target.value ? Number(e.target.value) : null);
              setFileId(null);
            }}
          >
            <option value="">{items === null ? 'Loading…' : items.length === 0 ? 'The library is empty' : 'Choose…'}</option>
            {shownItems.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
                {i.year ? ` (${i.year})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field tj-wide">
          <span>File</span>
          <select
            className="input"
            value={fileId ?? ''}
            data-testid="transcode-file"
            disabled={itemFiles.length === 0}
            onChange={(e) => setFileId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{itemId === null ? 'Choose a movie or series first' : 'Choose…'}</option>
            {itemFiles.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
          {fieldErrors.fileId && <small className="error-text">{fieldErrors.fileId}</small>}
        </label>
        <label className="field">
          <span>Profile</span>
          <select className="input" value={profile} data-testid="transcode-profile" onChange={(e) => setProfile(e.target.value)}>
            {(profiles ?? [{ name: 'telegram' }, { name: 'mobile-720p' }]).map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
          {fieldErrors.profile && <small className="error-text">{fieldErrors.profile}</small>}
        </label>
        <label className="field">
          <span>Clip start (optional)</span>
          <input
            className="input mono"
            value={start}
            placeholder="0:00"
            data-testid="transcode-start"
            onChange={(e) => setStart(e.target.value)}
          />
          {fieldErrors.start && <small className="error-text">{fieldErrors.start}</small>}
        </label>
        <label className="field">
          <span>Clip length (optional)</span>
          <input
            className="input mono"
            value={length}
            placeholder="to the end"
            data-testid="transcode-length"
            onChange={(e) => setLength(e.target.value)}
          />
          {fieldErrors.length && <small className="error-text">{fieldErrors.length}</small>}
        </label>
      </div>
      {chosenProfile && (
        <p className="muted small">
          {chosenProfile.description}. Up to {chosenProfile.maxWidth}×{chosenProfile.maxHeight}, video{' '}
          {chosenProfile.maxBytes ? 'at most ' : ''}
          {formatBits(chosenProfile.videoBitrate)}, audio {formatBits(chosenProfile.audioBitrate)}.
        </p>
      )}
      <div className="tj-new-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="transcode-start-job">
          Start
        </button>
        {result && (
          <span className={`small ${result.ok ? 'success-text' : 'error-text'}`} data-testid="transcode-new-result">
            {result.text}
          </span>
        )}
      </div>
    </form>
  );
}
