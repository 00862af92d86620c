import { Link } from 'react-router-dom';
import type { MediaFile } from '../../../app/api/api-types';
import { fileName, formatDuration, formatSize, probeSummary } from '../format';
import { FileTechInfo } from './FileTechInfo';

/** What the player shows as "now playing" (passed as router state). */
export interface PlayState {
  title: string;
  itemId: number;
}

export function PlayLink({ file, play }: { file: MediaFile; play: PlayState }) {
  return (
    <Link to={`/play/${file.id}`} state={play} className="btn primary" data-testid={`play-file-${file.id}`}>
      ▶ Play
    </Link>
  );
}

export function fileStatusLine(file: MediaFile): string {
  if (file.probe) {
    const d = file.probe.durationSec;
    return `${probeSummary(file.probe)}${d ? ` · ${formatDuration(d)}` : ''} · ${formatSize(file.size)}`;
  }
  if (file.probeError) return `${formatSize(file.size)} · media info unavailable`;
  return `${formatSize(file.size)} · probing…`;
}

interface Props {
  file: MediaFile;
  play: PlayState;
  /** full tech info open (movies) or behind a disclosure (episodes) */
  expanded?: boolean;
}

export function FileEntry({ file, play, expanded }: Props) {
  return (
    <div className="file-entry" data-testid="file-entry" data-file-id={file.id}>
      <div className="file-entry-head">
        <div className="file-entry-text">
          <div className="file-name" title={file.path}>
            {fileName(file.path)}
          </div>
          <div className="muted small">{fileStatusLine(file)}</div>
        </div>
        <PlayLink file={file} play={play} />
      </div>
      {expanded ? (
        <FileTechInfo file={file} />
      ) : (
        <details className="file-details">
          <summary>Technical details</summary>
          <FileTechInfo file={file} />
        </details>
      )}
    </div>
  );
}
