import type { MediaFile } from '../../../app/api/api-types';
import {
  audioTrackLabel,
  containerLabel,
  formatBitRate,
  formatDuration,
  formatSize,
  resolutionLabel,
  subtitleTrackLabel,
  videoSummary,
} from '../format';

/** Technical details of one file, from its ffprobe result. */
export function FileTechInfo({ file }: { file: MediaFile }) {
  const p = file.probe;
  const v = p?.video ?? null;
  const res = v ? resolutionLabel(v.width, v.height) : null;
  return (
    <div className="tech" data-testid="file-tech">
      <dl>
        <dt>Size</dt>
        <dd>{formatSize(file.size)}</dd>
        {p && (
          <>
            <dt>Container</dt>
            <dd>{containerLabel(p.container)}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(p.durationSec)}</dd>
            {p.bitRate != null && (
              <>
                <dt>Bit rate</dt>
                <dd>{formatBitRate(p.bitRate)}</dd>
              </>
            )}
            <dt>Resolution</dt>
            <dd>{v?.width && v.height ? `${res ?? ''} (${v.width}×${v.height})` : '—'}</dd>
            <dt>Video</dt>
            <dd>{v ? videoSummary(v) : 'No video stream'}</dd>
            <dt>Audio</dt>
            <dd>
              <TrackList labels={p.audio.map(audioTrackLabel)} none="No audio tracks" />
            </dd>
            <dt>Subtitles</dt>
            <dd>
              <TrackList labels={p.subtitles.map(subtitleTrackLabel)} none="None" />
            </dd>
          </>
        )}
        <dt>Path</dt>
        <dd className="mono path">{file.path}</dd>
      </dl>
      {!p && !file.probeError && (
        <p className="muted" data-testid="probe-pending">
          <span className="spinner" aria-hidden="true" /> Probing… technical details appear when ffprobe has read the file.
        </p>
      )}
      {file.probeError && (
        <p className="error-text" data-testid="probe-error">
          Couldn't read this file's media info: {file.probeError}
        </p>
      )}
    </div>
  );
}

function TrackList({ labels, none }: { labels: string[]; none: string }) {
  if (labels.length === 0) return <span className="muted">{none}</span>;
  return (
    <ul className="tracks">
      {labels.map((label, i) => (
        <li key={i}>{label}</li>
      ))}
    </ul>
  );
}
