import { Link } from 'react-router-dom';
import type { ContinueWatchingEntry } from '../../../app/api/api-types';
import { continueLines, continuePlayTitle, progressFraction, resumeLabel, timeLeftLabel } from '../watch-format';
import type { PlayState } from './FileEntry';
import { PosterTile } from './PosterTile';
import './watch.css';

/** The top of the library: what this user was watching and each started series' next episode, newest first. */
export function ContinueWatchingRow({ entries }: { entries: ContinueWatchingEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="continue" aria-labelledby="continue-title" data-testid="continue-watching">
      <h2 id="continue-title" className="section-title">
        Continue watching
      </h2>
      <ul className="continue-row">
        {entries.map((entry) => (
          <ContinueCard key={`${entry.kind}-${entry.fileId}`} entry={entry} />
        ))}
      </ul>
    </section>
  );
}

function ContinueCard({ entry }: { entry: ContinueWatchingEntry }) {
  const { title, subtitle } = continueLines(entry);
  const progress = progressFraction(entry.positionSec, entry.durationSec);
  const play: PlayState = { title: continuePlayTitle(entry), itemId: entry.item.id };
  const left = timeLeftLabel(entry.positionSec, entry.durationSec);
  const action =
    entry.kind === 'next-up' ? 'Play next episode' : entry.positionSec !== null ? resumeLabel(entry.positionSec) : 'Play';
  return (
    <li className="raised-card continue-card" data-testid="continue-card" data-kind={entry.kind} data-file-id={entry.fileId}>
      <Link to={`/play/${entry.fileId}`} state={play} className="continue-play" aria-label={`${action}: ${play.title}`}>
        <PosterTile title={title} watch={{ played: false, progress, label: left }} />
        <span className="continue-play-icon" aria-hidden="true">
          ▶
        </span>
      </Link>
      <div className="card-body">
        <Link to={`/library/${entry.item.id}`} className="card-title" title={title}>
          {title}
        </Link>
        {subtitle && (
          <div className="continue-sub" title={subtitle}>
            {subtitle}
          </div>
        )}
        {entry.kind === 'next-up' ? (
          <span className="badge next-up">Next up</span>
        ) : (
          left && <div className="continue-sub">{left}</div>
        )}
      </div>
    </li>
  );
}
