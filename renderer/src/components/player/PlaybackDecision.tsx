import type { PlaybackInfo } from '../../../../app/api/api-types';
import { audioTrackLabel, subtitleTrackLabel } from '../../format';
import { deliverySummary, methodLabel, QUALITY_CHOICES } from '../../playback-format';

export interface PlayerChoice {
  audio?: number;
  subtitle?: number;
  maxBitrate?: number;
}

interface Props {
  info: PlaybackInfo;
  choice: PlayerChoice;
  onChoice: (choice: PlayerChoice) => void;
  busy: boolean;
}

/** How the engine delivers the file to this browser and why, with the audio, subtitle and quality menus. */
export function PlaybackDecisionPanel({ info, choice, onChoice, busy }: Props) {
  return (
    <section className="playback-decision" data-testid="playback-decision" aria-busy={busy}>
      <div className="playback-method">
        <span className={`method-badge method-${info.method}`} data-testid="playback-method">
          {methodLabel(info.method)}
        </span>
        <span className="muted small">{deliverySummary(info)}</span>
      </div>
      {info.explanation.length > 0 && (
        <ul className="playback-reasons" data-testid="playback-reasons">
          {info.explanation.map((r) => (
            <li key={r.code} data-code={r.code}>
              {r.text}
            </li>
          ))}
        </ul>
      )}
      <div className="playback-menus">
        {info.audioTracks.length > 1 && (
          <label>
            Audio
            <select
              data-testid="audio-track"
              value={info.audio?.stream ?? ''}
              disabled={busy}
              onChange={(e) => onChoice({ ...choice, audio: Number(e.target.value) })}
            >
              {info.audioTracks.map((a) => (
                <option key={a.index} value={a.index}>
                  {audioTrackLabel(a)}
                </option>
              ))}
            </select>
          </label>
        )}
        {info.subtitles.length > 0 && (
          <label>
            Subtitles
            <select
              data-testid="subtitle-track"
              value={info.subtitle?.stream ?? ''}
              disabled={busy}
              onChange={(e) => onChoice({ ...choice, subtitle: e.target.value === '' ? undefined : Number(e.target.value) })}
            >
              <option value="">Off</option>
              {info.subtitles.map((s) => (
                <option key={s.index} value={s.index}>
                  {subtitleTrackLabel(s)}
                  {s.url ? '' : ' (burnt in)'}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Quality
          <select
            data-testid="quality"
            value={choice.maxBitrate ?? ''}
            disabled={busy}
            onChange={(e) => onChoice({ ...choice, maxBitrate: e.target.value === '' ? undefined : Number(e.target.value) })}
          >
            {QUALITY_CHOICES.map((q) => (
              <option key={q.label} value={q.maxBitrate ?? ''}>
                {q.label}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
