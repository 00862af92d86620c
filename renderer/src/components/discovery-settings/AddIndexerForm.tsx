import { useState, type FormEvent } from 'react';
import type { IndexerInput } from '../../../../app/api/api-types';
import { errorText } from '../../api/client';
import { indexerInputError } from '../../discovery-format';
import { useDiscovery } from '../../store/discovery';
import { IndexerFields } from './IndexerFields';

const EMPTY: IndexerInput = { name: '', url: '', apiKey: '' };

/** A Torznab feed (Jackett, Prowlarr, …): name, URL and API key. */
export function AddIndexerForm() {
  const [value, setValue] = useState<IndexerInput>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const input = { name: value.name.trim(), url: value.url.trim(), apiKey: value.apiKey.trim() };
    const problem = indexerInputError(input);
    setAdded(null);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const info = await useDiscovery.getState().addIndexer(input);
      setValue(EMPTY);
      setAdded(info.name);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="ds-add" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="indexer-add-title">
      <h3 id="indexer-add-title" className="ds-sub">
        Add an indexer
      </h3>
      <p className="muted small">
        Jackett: the “Copy Torznab Feed” link of an indexer (or of “all”), and the API key at the top of its page. Prowlarr: an
        indexer's Torznab URL (<code>http://host:9696/1/api</code>) and Settings → General → API key.
      </p>
      <IndexerFields
        prefix="indexer-add"
        value={value}
        keyPlaceholder="The indexer's API key"
        onChange={(patch) => {
          setValue((v) => ({ ...v, ...patch }));
          setError(null);
          setAdded(null);
        }}
      />
      <div className="ds-foot">
        <button type="submit" className="btn primary" data-testid="indexer-add-submit" disabled={busy}>
          {busy ? 'Adding…' : 'Add indexer'}
        </button>
        {error && (
          <span className="error-text" role="alert" data-testid="indexer-add-error">
            {error}
          </span>
        )}
        {added && !error && (
          <span className="success-text" role="status" data-testid="indexer-added">
            Added “{added}”. Press Test on it to check that it answers.
          </span>
        )}
      </div>
    </form>
  );
}
