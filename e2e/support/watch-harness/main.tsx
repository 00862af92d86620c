// A bare player for e2e/watch-progress.e2e.test.ts: the real useWatchProgress hook and ResumePrompt around a plain
// <video> of a library file, served by a real engine (same origin, session cookie), driven by Chromium.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../renderer/src/styles.css';
import { ResumePrompt } from '../../../renderer/src/components/ResumePrompt';
import { useWatchProgress } from '../../../renderer/src/components/useWatchProgress';

function Player({ fileId }: { fileId: number }) {
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const { resumeAt, resume, startOver } = useWatchProgress(video, fileId);
  return (
    <div className="player-frame">
      <video
        ref={setVideo}
        data-testid="video"
        src={`/api/v1/files/${fileId}/stream`}
        controls
        muted
        autoPlay
        playsInline
        preload="metadata"
      />
      <ResumePrompt resumeAt={resumeAt} durationSec={video?.duration} onResume={resume} onStartOver={startOver} />
    </div>
  );
}

function Harness() {
  const fileId = Number(new URLSearchParams(window.location.search).get('file'));
  const [open, setOpen] = useState(true);
  return (
    <main style={{ padding: 20, maxWidth: 720 }}>
      {open ? <Player fileId={fileId} /> : <p data-testid="closed">Player closed</p>}
      <button type="button" className="btn" data-testid="leave" onClick={() => setOpen(false)}>
        Leave the player
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
