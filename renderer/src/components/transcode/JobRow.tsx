import { memo, useState } from 'react';
import type { TranscodeJob } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { transcodeOutputUrl } from '../../api/transcode';
import { fileName, formatSize } from '../../format';
import { useToasts } from '../../store/toasts';
import { useTranscodes } from '../../store/transcode';
import { isActive, JOB_STATE_LABELS, jobSpan, progressValue } from '../../transcode-format';
import { ProgressBar } from '../ProgressBar';

/** One job: what it makes from which file, its progress, its result or its error, and what can be done with it. */
export const JobRow = memo(function JobRow({ job }: { job: TranscodeJob }) {
  const push = useToasts((s) => s.push);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const active = isActive(job);

  async function run(what: string, action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      push({ kind: 'error', title: `Couldn't ${what}`, text: `${job.sourceName}: ${errorText(e)}` });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  const store = () => useTranscodes.getState();
  const pct = job.state === 'running' && job.progress > 0 ? `${job.progress.toFixed(job.progress < 10 ? 1 : 0)} %` : null;

  return (
    <li className={`tj-row state-${job.state}`} data-testid="transcode-job" data-job-id={job.id} data-state={job.state}>
      <div className="tj-main">
        <div className="tj-title">
          <span className="tj-name" title={job.sourcePath}>
            {job.sourceName}
          </span>
          <span className={`badge tj-badge state-${job.state}`} data-testid="transcode-job-state">
            {JOB_STATE_LABELS[job.state]}
          </span>
        </div>
        <div className="tj-meta muted small">
          <span className="tj-profile">{job.profile}</span>
          <span>{jobSpan(job)}</span>
          {job.encoder && <span title="Video encoder">{job.encoder}</span>}
          {job.state === 'done' && (
            <span title={job.outputPath}>
              {fileName(job.outputPath)} · {formatSize(job.size)}
            </span>
          )}
        </div>
        {(active || job.state === 'done') && (
          <div className="tj-progress">
            <ProgressBar
              value={job.state === 'queued' ? 0 : progressValue(job)}
              label={`Progress of ${job.sourceName}`}
              testId="transcode-job-progress"
            />
            <span className="tj-pct small muted" title={job.state === 'queued' ? 'Waiting for a free worker' : undefined}>
              {job.state === 'queued' ? 'Waiting' : (pct ?? (job.state === 'done' ? '100 %' : 'Starting…'))}
            </span>
          </div>
        )}
        {job.state === 'failed' && job.error && (
          <p className="error-text small tj-error" data-testid="transcode-job-error">
            {job.error}
          </p>
        )}
      </div>
      <div className="tj-actions">
        {job.state === 'done' && (
          <>
            <a className="btn" href={transcodeOutputUrl(job.id, true)} download data-testid="transcode-job-download">
              ↓ Download
            </a>
            <a className="btn ghost" href={transcodeOutputUrl(job.id)} target="_blank" rel="noreferrer">
              ▶ Open
            </a>
          </>
        )}
        {active && (
          <button
            type="button"
            className="btn"
            disabled={busy}
            data-testid="transcode-job-cancel"
            onClick={() => void run('cancel it', () => store().cancel(job.id))}
          >
            ■ Cancel
          </button>
        )}
        {confirming ? (
          <span className="tj-confirm small">
            {job.state === 'done' ? 'Delete the result too?' : active ? 'Stop and remove?' : 'Remove?'}
            <button
              type="button"
              className="btn danger"
              disabled={busy}
              data-testid="transcode-job-remove-confirm"
              onClick={() => void run('remove it', () => store().remove(job.id))}
            >
              Remove
            </button>
            <button type="button" className="btn ghost" disabled={busy} onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="btn danger-ghost"
            disabled={busy}
            data-testid="transcode-job-remove"
            aria-label={`Remove the job for ${job.sourceName}`}
            onClick={() => setConfirming(true)}
          >
            ✕ Remove
          </button>
        )}
      </div>
    </li>
  );
});
