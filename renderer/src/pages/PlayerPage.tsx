import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { streamUrl } from '../api/client';
import type { PlayState } from '../components/FileEntry';
import { FileTechInfo } from '../components/FileTechInfo';
import { VideoFrame } from '../components/VideoFrame';
import { fileName, playingTitle } from '../format';
import { useLibrary } from '../store/library';

export function PlayerPage() {
  const id = Number(useParams().fileId);
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <p className="error-text">
        This is not a playable file address. <Link to="/library">Back to the library</Link>
      </p>
    );
  }
  return <Player key={id} fileId={id} />;
}

function Player({ fileId }: { fileId: number }) {
  const play = (useLocation().state ?? null) as PlayState | null;
  const entry = useLibrary((s) => s.files.get(fileId));
  const loadFile = useLibrary((s) => s.loadFile);

  useEffect(() => {
    void loadFile(fileId);
  }, [fileId, loadFile]);

  const file = entry?.data ?? null;
  const title = play?.title ?? (file ? playingTitle(file) : entry?.status === 404 ? 'File not found' : 'Loading…');
  const itemId = play?.itemId ?? file?.item.id;
  const back = itemId ? `/library/${itemId}` : '/library';

  return (
    <article className="player">
      <Link to={back} className="back-link" data-testid="player-back">
        ← {itemId ? 'Back' : 'Library'}
      </Link>
      <h1 className="page-title" data-testid="player-title">
        {title}
      </h1>
      <VideoFrame
        src={streamUrl(fileId)}
        probe={file?.probe ?? null}
        errorExtra={entry?.status === 404 && <p>The file is no longer in the library.</p>}
      />
      {entry?.error && entry.status !== 404 && <p className="error-text small">Couldn't load file details: {entry.error}</p>}
      {file && (
        <section className="player-info">
          <h2 className="section-title">{fileName(file.path)}</h2>
          <FileTechInfo file={file} />
        </section>
      )}
    </article>
  );
}
