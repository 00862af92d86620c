import type { IndexerRunInfo } from '../../../../app/api/api-types';
import { indexerRunText } from '../../discovery-format';

const LABELS: Record<IndexerRunInfo['status'], string> = { ok: 'OK', error: 'Error', skipped: 'Skipped' };

/** How each indexer answered this search. */
export function IndexerStatus({ runs }: { runs: IndexerRunInfo[] }) {
  if (runs.length === 0) return null;
  return (
    <section className="disc-indexers" data-testid="indexer-status" aria-label="Indexers asked">
      <h3 className="disc-sub">Indexers asked</h3>
      <ul className="stack-list disc-indexer-runs">
        {runs.map((r) => (
          <li key={r.id} data-testid="indexer-run" data-status={r.status} data-indexer-id={r.id}>
            <span className={`badge disc-run-${r.status}`}>{LABELS[r.status]}</span>
            <strong>{r.name}</strong>
            <span className={r.status === 'error' ? 'error-text small' : 'muted small'}>{indexerRunText(r)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
