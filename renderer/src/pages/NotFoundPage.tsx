import { Link } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';

export function NotFoundPage() {
  return (
    <EmptyState title="Page not found" icon="?">
      <p>
        There is nothing at this address. <Link to="/library">Go to the library</Link>.
      </p>
    </EmptyState>
  );
}
