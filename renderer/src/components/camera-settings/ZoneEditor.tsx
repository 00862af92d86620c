// Masked zones: parts of the picture motion detection ignores (a tree in the wind, a busy road). Drawn as rectangles
// by dragging over what the camera sees now (its snapshot), or typed as percentages; both edit the same list.
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { cameraSnapshotUrl } from '../../api/camera-settings';
import { parseNumber, type CameraFieldError, type ZoneForm } from '../../camera-form';
import { AddRowFoot, FieldProblems, hasProblem } from './FieldProblems';

type Snapshot =
  { state: 'none' } | { state: 'loading' } | { state: 'ok'; url: string; ratio: number } | { state: 'failed'; error: string };
interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A drawn rectangle in percent, to one decimal (finer than anyone can aim with a mouse). */
const pct = (v: number) => String(Math.round(Math.min(100, Math.max(0, v * 100)) * 10) / 10);

/** The zone as percentages to draw, or null while a number in it can't be read. */
function drawable(z: ZoneForm): Rect | null {
  const [x, y, w, h] = [z.x, z.y, z.w, z.h].map((v) => parseNumber(v));
  if ([x, y, w, h].some((v) => v === undefined || Number.isNaN(v))) return null;
  return { x: x!, y: y!, w: Math.min(w!, 100 - x!), h: Math.min(h!, 100 - y!) };
}

async function fetchSnapshot(id: number): Promise<Snapshot> {
  try {
    const res = await fetch(cameraSnapshotUrl(id), { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { message?: string } | null;
      return { state: 'failed', error: body?.message ?? `${res.status} ${res.statusText}` };
    }
    const url = URL.createObjectURL(await res.blob());
    const ratio = await new Promise<number>((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth && img.naturalHeight ? img.naturalWidth / img.naturalHeight : 16 / 9);
      img.onerror = () => resolve(16 / 9);
      img.src = url;
    });
    return { state: 'ok', url, ratio };
  } catch {
    return { state: 'failed', error: "Can't reach the Racoon engine" };
  }
}

export function ZoneEditor(props: {
  /** null: a camera not saved yet (no picture to draw on) */
  cameraId: number | null;
  zones: ZoneForm[];
  errors: readonly CameraFieldError[];
  onChange: (zones: ZoneForm[]) => void;
}) {
  const { zones, errors } = props;
  const [snapshot, setSnapshot] = useState<Snapshot>({ state: props.cameraId === null ? 'none' : 'loading' });
  const [draft, setDraft] = useState<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(null);
  const box = useRef<HTMLDivElement>(null);

  async function load() {
    if (props.cameraId === null) return;
    setSnapshot({ state: 'loading' });
    setSnapshot(await fetchSnapshot(props.cameraId));
  }

  useEffect(() => {
    void load();
  }, [props.cameraId]);
  useEffect(() => () => (snapshot.state === 'ok' ? URL.revokeObjectURL(snapshot.url) : undefined), [snapshot]);

  function at(e: PointerEvent) {
    const r = box.current!.getBoundingClientRect();
    return {
      x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
      y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)),
    };
  }
  const rectOf = (d: NonNullable<typeof draft>): Rect => ({
    x: Math.min(d.from.x, d.to.x),
    y: Math.min(d.from.y, d.to.y),
    w: Math.abs(d.to.x - d.from.x),
    h: Math.abs(d.to.y - d.from.y),
  });

  function down(e: PointerEvent<HTMLDivElement>) {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = at(e);
    setDraft({ from: p, to: p });
  }
  function move(e: PointerEvent<HTMLDivElement>) {
    if (draft) setDraft({ ...draft, to: at(e) });
  }
  function up() {
    if (!draft) return;
    const r = rectOf(draft);
    setDraft(null);
    // a click (or a sliver) is not a zone
    if (r.w < 0.01 || r.h < 0.01) return;
    props.onChange([...zones, { x: pct(r.x), y: pct(r.y), w: pct(r.w), h: pct(r.h) }]);
  }

  const setZone = (i: number, patch: Partial<ZoneForm>) =>
    props.onChange(zones.map((z, j) => (j === i ? { ...z, ...patch } : z)));
  const removeZone = (i: number) => props.onChange(zones.filter((_, j) => j !== i));
  const ratio = snapshot.state === 'ok' ? snapshot.ratio : 16 / 9;
  const d = draft && rectOf(draft);

  return (
    <div className="cs-zones" data-testid="camera-zones">
      <div className="cs-zones-head">
        <span className="ts-subtitle">Masked zones</span>
        <span className="muted small">Drag over the picture to mark a part motion detection should ignore.</span>
        {props.cameraId !== null && (
          <button
            type="button"
            className="btn ghost"
            data-testid="camera-snapshot-refresh"
            disabled={snapshot.state === 'loading'}
            onClick={() => void load()}
          >
            {snapshot.state === 'loading' ? 'Loading picture…' : 'Refresh picture'}
          </button>
        )}
      </div>
      <div
        ref={box}
        className="cs-zone-canvas"
        style={{ aspectRatio: String(ratio) }}
        data-testid="camera-zone-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={() => setDraft(null)}
      >
        {snapshot.state === 'ok' && (
          <img src={snapshot.url} alt="What the camera sees now" draggable={false} data-testid="camera-snapshot" />
        )}
        {snapshot.state !== 'ok' && (
          <span className="cs-zone-placeholder muted small">
            {snapshot.state === 'none' &&
              'No picture yet: add the camera, then edit it to draw on what it sees. Zones can be drawn here anyway.'}
            {snapshot.state === 'loading' && 'Loading what the camera sees…'}
            {snapshot.state === 'failed' && `No picture: ${snapshot.error}`}
          </span>
        )}
        {zones.map((z, i) => {
          const r = drawable(z);
          if (!r) return null;
          return (
            <div
              key={i}
              className={hasProblem(errors, `zones.${i}`) ? 'cs-zone invalid' : 'cs-zone'}
              style={{ left: `${r.x}%`, top: `${r.y}%`, width: `${r.w}%`, height: `${r.h}%` }}
              data-testid="camera-zone"
            >
              <span className="cs-zone-label">{i + 1}</span>
              <button
                type="button"
                className="cs-zone-remove"
                aria-label={`Remove zone ${i + 1}`}
                title="Remove this zone"
                onPointerDown={(e) => e.stopPropagation()}
                onClick={() => removeZone(i)}
              >
                ×
              </button>
            </div>
          );
        })}
        {d && (
          <div
            className="cs-zone draft"
            style={{ left: `${d.x * 100}%`, top: `${d.y * 100}%`, width: `${d.w * 100}%`, height: `${d.h * 100}%` }}
          />
        )}
      </div>
      {zones.length > 0 && (
        <ul className="stack-list cs-zone-rows">
          {zones.map((z, i) => (
            <li key={i} className="cs-zone-row" data-testid="camera-zone-row">
              <span className="cs-zone-n">Zone {i + 1}</span>
              {(['x', 'y', 'w', 'h'] as const).map((k) => (
                <label key={k} className="cs-zone-num small">
                  <span className="muted">{{ x: 'left', y: 'top', w: 'width', h: 'height' }[k]}</span>
                  <input
                    className="input mono"
                    inputMode="decimal"
                    aria-label={`Zone ${i + 1} ${k}`}
                    aria-invalid={hasProblem(errors, `zones.${i}`)}
                    data-testid={`camera-zone-${k}`}
                    value={z[k]}
                    onChange={(e) => setZone(i, { [k]: e.target.value })}
                  />
                  <span className="muted">%</span>
                </label>
              ))}
              <button type="button" className="btn ghost" aria-label={`Remove zone ${i + 1}`} onClick={() => removeZone(i)}>
                Remove
              </button>
              <FieldProblems errors={errors} field={`zones.${i}`} />
            </li>
          ))}
        </ul>
      )}
      <AddRowFoot
        errors={errors}
        field="zones"
        buttonClassName="btn ghost"
        testId="camera-zone-add"
        label="+ Zone by numbers"
        onAdd={() => props.onChange([...zones, { x: '0', y: '0', w: '25', h: '25' }])}
      />
    </div>
  );
}
