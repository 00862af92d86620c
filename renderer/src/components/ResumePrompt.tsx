import { useEffect, useRef } from 'react';
import { clockLabel, resumeLabel, timeLeftLabel } from '../watch-format';
import './watch.css';

interface Props {
  /** the resume point (useWatchProgress().resumeAt); the prompt shows only while it is set */
  resumeAt: number | null;
  /** the video's length when known, for "23 min left" */
  durationSec?: number | null;
  onResume(): void;
  onStartOver(): void;
}

/**
 * "Resume from 12:34" / "Start over", over the player (place it inside the positioned player frame). Resume has the
 * focus, so Enter resumes, as in Jellyfin.
 */
export function ResumePrompt({ resumeAt, durationSec, onResume, onStartOver }: Props) {
  const resumeButton = useRef<HTMLButtonElement>(null);
  const open = resumeAt !== null;

  useEffect(() => {
    if (open) resumeButton.current?.focus();
  }, [open]);

  if (resumeAt === null) return null;
  const left = timeLeftLabel(resumeAt, durationSec ?? null);
  return (
    <div className="resume-prompt" role="dialog" aria-modal="false" aria-label="Resume playback" data-testid="resume-prompt">
      <div className="resume-prompt-card">
        <p className="resume-prompt-text">You stopped at {clockLabel(resumeAt)}.</p>
        <div className="resume-prompt-actions">
          <button ref={resumeButton} type="button" className="btn primary" data-testid="resume-play" onClick={onResume}>
            ▶ {resumeLabel(resumeAt)}
          </button>
          <button type="button" className="btn" data-testid="resume-start-over" onClick={onStartOver}>
            ↺ Start over
          </button>
        </div>
        {left && <p className="muted small">{left}</p>}
      </div>
    </div>
  );
}
