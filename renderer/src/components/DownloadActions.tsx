import { useState } from 'react';
import type { DownloadSummary } from '../../../app/api/api-types';
import { errorText, type QueueMove } from '../api/client';
import { toggleAction } from '../downloads-format';
import { useDownloads } from '../store/downloads';
import { useToasts } from '../store/toasts';
import { DownloadMoveMenu } from './DownloadMoveMenu';
import { RemoveDownloadDialog } from './RemoveDownloadDialog';

interface Props {
  download: DownloadSummary;
  /** icon buttons (list rows) or labelled ones (details page) */
  compact?: boolean;
  onRemoved?(): void;
}

/** Pause / resume, queue moves and remove (with a confirm dialog) for one download. */
export function DownloadActions({ download, compact, onRemoved }: Props) {
  const { id, name, state } = download;
  const push = useToasts((s) => s.push);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const toggle = toggleAction(state);

  async function run(what: string, action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      push({ kind: 'error', title: `Couldn't ${what}`, text: `${name}: ${errorText(e)}` });
    } finally {
      setBusy(false);
    }
  }

  const store = () => useDownloads.getState();
  const move = (to: QueueMove) => void run('move it', () => store().move(id, to));

  return (
    <div className="dl-actions">
      {toggle === 'pause' && (
        <button
          type="button"
          className={`btn ${compact ? 'icon-btn' : ''}`}
          data-testid="download-pause"
          aria-label={`Pause ${name}`}
          title="Pause"
          disabled={busy}
          onClick={() => void run('pause it', () => store().pause(id))}
        >
          ❚❚{!compact && ' Pause'}
        </button>
      )}
      {toggle === 'resume' && (
        <button
          type="button"
          className={`btn ${compact ? 'icon-btn' : ''}`}
          data-testid="download-resume"
          aria-label={`${state === 'failed' ? 'Retry' : 'Resume'} ${name}`}
          title={state === 'failed' ? 'Retry' : 'Resume'}
          disabled={busy}
          onClick={() => void run('resume it', () => store().resume(id))}
        >
          ▶{!compact && (state === 'failed' ? ' Retry' : ' Resume')}
        </button>
      )}
      {toggle === null && compact && <span className="icon-btn-spacer" aria-hidden="true" />}
      <DownloadMoveMenu name={name} disabled={busy} compact={compact} onMove={move} />
      <button
        type="button"
        className={`btn ${compact ? 'icon-btn' : ''} danger-ghost`}
        data-testid="download-remove"
        aria-label={`Remove ${name}`}
        title="Remove"
        disabled={busy}
        onClick={() => setRemoving(true)}
      >
        ✕{!compact && ' Remove'}
      </button>
      {removing && (
        <RemoveDownloadDialog
          name={name}
          onClose={() => setRemoving(false)}
          onConfirm={async (deleteData) => {
            await store().remove(id, deleteData);
            setRemoving(false);
            onRemoved?.();
          }}
        />
      )}
    </div>
  );
}
