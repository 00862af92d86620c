import { useState, type FormEvent } from 'react';
import type { DownloadAdder } from './useDownloadAdder';

/** Magnet / .torrent URL input, Add, and "Upload .torrent"; the status line under it is shared with the drop overlay. */
export function DownloadAddBar({ adder }: { adder: DownloadAdder }) {
  const [uri, setUri] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await adder.addUri(uri)) setUri('');
  }

  return (
    <form className="dl-add" onSubmit={(e) => void submit(e)} aria-label="Add a download">
      <input
        className="input mono grow"
        data-testid="download-add-input"
        placeholder="magnet:?xt=urn:btih:…  or  https://…/file.torrent"
        aria-label="Magnet link or .torrent URL"
        value={uri}
        onChange={(e) => {
          setUri(e.target.value);
          if (adder.error) adder.clear();
        }}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit" className="btn primary" data-testid="download-add-submit" disabled={adder.busy || !uri.trim()}>
        {adder.busy ? 'Adding…' : 'Add'}
      </button>
      <label className="btn file-btn" title="Add a .torrent file from this device (or drop it anywhere on this page)">
        <input
          type="file"
          accept=".torrent,application/x-bittorrent"
          multiple
          className="visually-hidden"
          data-testid="download-upload"
          disabled={adder.busy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = ''; // the same file can be picked again
            void adder.addFiles(files);
          }}
        />
        ⇪ Upload .torrent
      </label>
      <div className="dl-add-status" aria-live="polite">
        {adder.error && (
          <p className="error-text" role="alert" data-testid="download-add-error">
            {adder.error}
          </p>
        )}
        {adder.added && !adder.error && (
          <p className="success-text" data-testid="download-add-success">
            ✓ {adder.added}
          </p>
        )}
      </div>
    </form>
  );
}
