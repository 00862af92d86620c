import { Link } from 'react-router-dom';
import type { SetupNeeded as Need } from '../../discovery-format';
import { useSession } from '../../store/session';
import { EmptyState } from '../EmptyState';

const TITLES: Record<Need, string> = {
  metadata: 'No metadata provider is set up',
  indexer: 'No torrent indexer is set up',
};

/** The engine's 400 "configure … first", with the way to Settings (or who to ask). */
export function SetupNeeded({ need, message, testId }: { need: Need; message: string; testId: string }) {
  const isAdmin = useSession((s) => s.user?.isAdmin ?? false);
  return (
    <EmptyState title={TITLES[need]} icon={need === 'metadata' ? '⌕' : '⇅'} testId={testId}>
      <p>{message}</p>
      {isAdmin ? (
        <Link to="/settings#discovery-settings" className="btn primary" data-testid="setup-settings-link">
          Open Settings → Metadata &amp; indexers
        </Link>
      ) : (
        <p className="muted">Ask an administrator of this Racoon to set it up in Settings → Metadata &amp; indexers.</p>
      )}
    </EmptyState>
  );
}
