import { useEffect, useState } from 'react';
import { plural } from '../../format';

/** The release search's progress: indexers answer in seconds, so say how long it has been asking. */
export function SearchingIndexers({ startedAt, indexers }: { startedAt: number; indexers: number | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - startedAt) / 1000));
  return (
    <div className="disc-searching" role="status" data-testid="releases-loading">
      <div className="progress indeterminate" aria-hidden="true">
        <div className="progress-fill" />
      </div>
      <span className="muted small">
        Asking {indexers ? plural(indexers, 'indexer') : 'your indexers'} for releases… {seconds} s
        {seconds >= 5 && ' · some indexers take a while to answer'}
      </span>
    </div>
  );
}
