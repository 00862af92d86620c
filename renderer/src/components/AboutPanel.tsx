import { useSession } from '../store/session';
import { useEngine } from '../store/engine';

export function AboutPanel() {
  const healthVersion = useSession((s) => s.version);
  const engineVersion = useEngine((s) => s.status?.version ?? null);
  const live = useEngine((s) => s.live);
  const version = healthVersion ?? engineVersion;
  return (
    <section className="panel" aria-labelledby="about-title">
      <h2 id="about-title" className="section-title">
        About
      </h2>
      <dl className="kv">
        <dt>Engine version</dt>
        <dd data-testid="engine-version">{version ?? 'unknown'}</dd>
        <dt>Live updates</dt>
        <dd>{live ? 'Connected' : 'Not connected'}</dd>
      </dl>
      <p className="muted small">
        Racoon is a home media center: it catalogues and plays your movies and series in this window, in any browser on your
        network and on TVs.
      </p>
    </section>
  );
}
