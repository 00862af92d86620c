import { useEffect, useState } from 'react';
import type { TranscodeJob } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { camerasApi } from '../../api/cameras';
import { transcodeOutputUrl } from '../../api/transcode';
import { clockTime, parseTimeInput, shortDuration } from '../../camera-format';
import { clipRangeProblem, hasFootage } from '../../camera-timeline';
import { formatSize } from '../../format';
import { useTranscodes } from '../../store/transcode';
import { isActive, progressValue } from '../../transcode-format';
import { ProgressBar } from '../ProgressBar';
import type { Span } from './CameraTimeline';

interface Props {
  cameraId: number;
  /** a moment on the shown day (the time inputs are times of that day) */
  dayMs: number;
  spans: Span[];
  selection: { from: number; to: number } | null;
  onSelection(selection: { from: number; to: number } | null): void;
  selecting: boolean;
  onSelecting(on: boolean): void;
}

/** The clip's ends as typed: times of the day shown. */
interface ClipTexts {
  from: string;
  to: string;
}
const CLIP_ENDS = [
  { key: 'from', label: 'From' },
  { key: 'to', label: 'To' },
] as const;

/**
 * Clip export: from → to chosen on the timeline (drag) or typed, sent as POST /cameras/:id/clips; the job's progress
 * arrives as transcode.changed over SSE, and the MP4 is offered for download when it is done.
 */
export function ClipExport({ cameraId, dayMs, spans, selection, onSelection, selecting, onSelecting }: Props) {
  const [texts, setTexts] = useState<ClipTexts>({ from: '', to: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [started, setStarted] = useState<TranscodeJob | null>(null);
  const jobs = useTranscodes((s) => s.jobs);
  const loadJobs = useTranscodes((s) => s.loadJobs);
  const job = jobs?.find((j) => j.id === jobId) ?? started;

  // the job list must be loaded for transcode.changed to land in it
  useEffect(() => {
    if (useTranscodes.getState().jobs === null) void loadJobs();
  }, [loadJobs]);

  // a selection made on the timeline fills the inputs
  useEffect(() => {
    if (!selection) return;
    setTexts({ from: clockTime(selection.from), to: clockTime(selection.to) });
  }, [selection]);

  const from = parseTimeInput(texts.from, dayMs);
  const to = parseTimeInput(texts.to, dayMs);
  const problem = texts.from || texts.to ? clipRangeProblem(from, to) : null;
  const noFootage = !problem && from !== null && to !== null && !hasFootage(spans, from, to);

  const typed = (next: ClipTexts) => {
    setTexts(next);
    const f = parseTimeInput(next.from, dayMs);
    const t = parseTimeInput(next.to, dayMs);
    onSelection(f !== null && t !== null && t > f ? { from: f, to: t } : null);
  };

  const exportClip = async () => {
    if (from === null || to === null || clipRangeProblem(from, to)) return;
    setBusy(true);
    setError(null);
    try {
      const created = await camerasApi.createClip(cameraId, from, to);
      setStarted(created);
      setJobId(created.id);
      useTranscodes.getState().apply(created);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel cam-clip" data-testid="camera-clip">
      <div className="cam-clip-head">
        <h2 className="section-title">Export a clip</h2>
        <button
          type="button"
          className={`btn${selecting ? ' primary' : ''}`}
          aria-pressed={selecting}
          onClick={() => onSelecting(!selecting)}
          data-testid="camera-clip-select"
        >
          {selecting ? '✓ Selecting on timeline' : 'Select on timeline'}
        </button>
      </div>
      <p className="small muted">
        Turn on “Select on timeline” and drag across the timeline, or type the times of this day. The footage is joined into one
        MP4 without re-encoding.
      </p>
      <div className="cam-clip-row">
        {CLIP_ENDS.map((end) => (
          <label key={end.key} className="field cam-clip-time">
            <span>{end.label}</span>
            <input
              className="input"
              value={texts[end.key]}
              placeholder="HH:MM:SS"
              inputMode="numeric"
              onChange={(e) => typed({ ...texts, [end.key]: e.target.value })}
              data-testid={`camera-clip-${end.key}`}
            />
          </label>
        ))}
        <button
          type="button"
          className="btn primary"
          disabled={busy || from === null || to === null || !!problem || (job !== null && isActive(job))}
          onClick={() => void exportClip()}
          data-testid="camera-clip-export"
        >
          {busy ? 'Starting…' : 'Export MP4'}
        </button>
      </div>
      {from !== null && to !== null && !problem && (
        <p className="small muted">
          {clockTime(from)} → {clockTime(to)} ({shortDuration(to - from)})
        </p>
      )}
      {problem && <p className="small warn-text">{problem}</p>}
      {noFootage && <p className="small warn-text">Nothing was recorded between these times.</p>}
      {error && (
        <p className="small error-text" role="alert">
          {error}
        </p>
      )}
      {job && <ClipJob job={job} />}
    </section>
  );
}

function ClipJob({ job }: { job: TranscodeJob }) {
  return (
    <div className="cam-clip-job" data-testid="camera-clip-job" data-state={job.state}>
      {isActive(job) && (
        <>
          <ProgressBar value={progressValue(job)} label="Clip export" testId="camera-clip-progress" />
          <span className="small muted">
            {job.state === 'queued' ? 'Waiting for its turn…' : `Exporting… ${Math.round(job.progress)} %`}
          </span>
        </>
      )}
      {job.state === 'done' && (
        <p className="small">
          <span className="success-text">Clip ready</span>
          {job.size !== null && ` (${formatSize(job.size)})`} ·{' '}
          <a href={transcodeOutputUrl(job.id, true)} download data-testid="camera-clip-download">
            Download MP4
          </a>{' '}
          ·{' '}
          <a href={transcodeOutputUrl(job.id)} target="_blank" rel="noreferrer">
            Open
          </a>
        </p>
      )}
      {job.state === 'failed' && <p className="small error-text">The export failed: {job.error ?? 'no reason given'}</p>}
      {job.state === 'cancelled' && <p className="small muted">The export was cancelled.</p>}
    </div>
  );
}
