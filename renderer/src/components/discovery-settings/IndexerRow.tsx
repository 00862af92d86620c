import { useState } from 'react';
import type { IndexerInfo, IndexerInput } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { HEALTH_LABELS, indexerHealthState, indexerInputError, indexerPatch, testResultText } from '../../discovery-format';
import { formatDateTime, plural } from '../../format';
import { useDiscovery } from '../../store/discovery';
import { IndexerFields } from './IndexerFields';

/** One indexer: on/off, health, Test, Edit, Remove. */
export function IndexerRow({ info }: { info: IndexerInfo }) {
  const [busy, setBusy] = useState<null | 'test' | 'toggle' | 'remove' | 'save'>(null);
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [edit, setEdit] = useState<IndexerInput | null>(null);
  const h = info.health;
  const state = indexerHealthState(info, new Date());

  async function run(kind: NonNullable<typeof busy>, action: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const store = useDiscovery.getState;
  const doTest = () =>
    run('test', async () => {
      setTest(null);
      const r = await store().testIndexer(info.id);
      setTest({ ok: r.ok, text: testResultText(r) });
    });
  const toggle = (enabled: boolean) =>
    run('toggle', async () => {
      await store().updateIndexer(info.id, { enabled });
    });
  const remove = () => run('remove', () => store().removeIndexer(info.id));
  function saveEdit() {
    if (!edit) return;
    const problem = indexerInputError(edit);
    if (problem) {
      setError(problem);
      return;
    }
    const patch = indexerPatch(info, edit);
    if (Object.keys(patch).length === 0) {
      setEdit(null);
      return;
    }
    void run('save', async () => {
      await store().updateIndexer(info.id, patch);
      setEdit(null);
    });
  }

  return (
    <li className={`ds-indexer${info.enabled ? '' : ' off'}`} data-testid="indexer-row" data-indexer-id={info.id}>
      <div className="ds-indexer-head">
        <div className="ds-indexer-main">
          <div className="ds-indexer-name">
            <strong>{info.name}</strong>
            <span className={`badge ds-health-${state}`} data-testid="indexer-health" data-state={state}>
              {HEALTH_LABELS[state]}
            </span>
            {!info.hasApiKey && <span className="badge warn">no API key</span>}
          </div>
          <div className="mono path small muted">{info.url}</div>
        </div>
        <label className="ts-switch ds-enabled">
          <input
            type="checkbox"
            role="switch"
            className="switch"
            data-testid="indexer-enabled"
            checked={info.enabled}
            disabled={busy !== null}
            onChange={(e) => void toggle(e.target.checked)}
          />
          <span>{info.enabled ? 'Enabled' : 'Disabled'}</span>
        </label>
      </div>
      <div className="ds-health small" data-testid="indexer-health-detail">
        <span>Last OK: {formatDateTime(h.lastOkAt)}</span>
        {h.consecutiveFailures > 0 && <span className="warn-text">{plural(h.consecutiveFailures, 'failure')} in a row</span>}
        {state === 'backoff' && h.backoffUntil && (
          <span className="warn-text">Resting until {formatDateTime(h.backoffUntil)} (searches skip it)</span>
        )}
        {h.lastError && (
          <span className="ds-last-error">
            Last error{h.lastErrorAt ? ` (${formatDateTime(h.lastErrorAt)})` : ''}:{' '}
            <span className="error-text">{h.lastError}</span>
          </span>
        )}
      </div>
      <div className="ds-indexer-actions">
        <button type="button" className="btn" data-testid="indexer-test" disabled={busy !== null} onClick={() => void doTest()}>
          {busy === 'test' ? 'Testing…' : 'Test'}
        </button>
        <button
          type="button"
          className="btn ghost"
          data-testid="indexer-edit"
          disabled={busy !== null}
          aria-expanded={edit !== null}
          onClick={() => setEdit(edit ? null : { name: info.name, url: info.url, apiKey: '' })}
        >
          Edit
        </button>
        {confirmRemove ? (
          <>
            <button
              type="button"
              className="btn danger"
              data-testid="indexer-remove-confirm"
              disabled={busy !== null}
              onClick={() => void remove()}
            >
              {busy === 'remove' ? 'Removing…' : `Remove “${info.name}”`}
            </button>
            <button type="button" className="btn ghost" onClick={() => setConfirmRemove(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn ghost danger-ghost"
            data-testid="indexer-remove"
            disabled={busy !== null}
            onClick={() => setConfirmRemove(true)}
          >
            Remove
          </button>
        )}
      </div>
      {test && (
        <p className={`small ${test.ok ? 'success-text' : 'error-text'}`} role="status" data-testid="indexer-test-result">
          {test.text}
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert" data-testid="indexer-error">
          {error}
        </p>
      )}
      {edit && (
        <form
          className="ds-edit"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            saveEdit();
          }}
        >
          <IndexerFields
            prefix="indexer-edit"
            value={edit}
            keyPlaceholder={info.hasApiKey ? 'Saved · type a new key to replace it' : 'The indexer’s API key'}
            onChange={(patch) => setEdit((v) => (v ? { ...v, ...patch } : v))}
          />
          <div className="ds-foot">
            <button type="submit" className="btn primary" data-testid="indexer-edit-save" disabled={busy !== null}>
              {busy === 'save' ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="btn ghost" onClick={() => setEdit(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
