import { describe, expect, it } from 'vitest';
import type { DownloadDetail, DownloadSummary } from '../../app/api/api-types';
import {
  canPlayWhileDownloading,
  defaultDir,
  detailIsStale,
  fileProgress,
  formatEta,
  formatPercent,
  formatRatio,
  formatSpeed,
  isSortKey,
  isTorrentFile,
  progressPercent,
  showsReason,
  sizeProgress,
  sortDownloads,
  stateLabel,
  toggleAction,
  uriDisplayName,
} from './downloads-format';

function dl(over: Partial<DownloadSummary> & { id: number }): DownloadSummary {
  return {
    infoHash: String(over.id).padStart(40, '0'),
    name: `Download ${over.id}`,
    state: 'queued',
    progress: 0,
    downloadSpeed: 0,
    uploadSpeed: 0,
    peers: 0,
    ratio: 0,
    size: 0,
    downloaded: 0,
    uploaded: 0,
    eta: null,
    queuePosition: over.id,
    addedAt: '2026-01-01T00:00:00.000Z',
    completedAt: null,
    reason: null,
    ...over,
  };
}

describe('formatSpeed', () => {
  it.each([
    [0, '—'],
    [-5, '—'],
    [null, '—'],
    [512, '512 B/s'],
    [1536, '1.5 KB/s'],
    [5 * 1024 * 1024, '5 MB/s'],
  ])('%s → %s', (bps, text) => expect(formatSpeed(bps)).toBe(text));
});

describe('formatEta', () => {
  it.each([
    [0, '0s'],
    [41.2, '42s'],
    [65, '1m 05s'],
    [3599, '59m 59s'],
    [3600, '1h 00m'],
    [7620, '2h 07m'],
    [86_400 * 3 + 3600 * 4 + 50, '3d 4h'],
  ])('%s s → %s', (sec, text) => expect(formatEta(sec)).toBe(text));

  it('shows infinity when a download has no estimate', () => {
    expect(formatEta(null)).toBe('∞');
    expect(formatEta(Infinity)).toBe('∞');
    expect(formatEta(200 * 86_400)).toBe('∞');
  });

  it('has no ETA unless downloading', () => {
    expect(formatEta(30, 'seeding')).toBe('—');
    expect(formatEta(null, 'paused')).toBe('—');
  });
});

describe('progress', () => {
  it('rounds down so 100 means done', () => {
    expect(progressPercent(0.996)).toBe(99);
    expect(progressPercent(1)).toBe(100);
    expect(progressPercent(1.2)).toBe(100);
    expect(progressPercent(-1)).toBe(0);
    expect(progressPercent(NaN)).toBe(0);
    expect(formatPercent(0.4237)).toBe('42.3%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0.9999)).toBe('99.9%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('file progress copes with empty files', () => {
    expect(fileProgress({ downloaded: 50, length: 200 })).toBe(0.25);
    expect(fileProgress({ downloaded: 0, length: 0 })).toBe(0);
    expect(fileProgress({ downloaded: 300, length: 200 })).toBe(1);
  });

  it('sizes: downloaded of total, total when done, dash before metadata', () => {
    expect(sizeProgress({ downloaded: 1024 * 1024, size: 4 * 1024 * 1024 })).toBe('1 MB / 4 MB');
    expect(sizeProgress({ downloaded: 4096, size: 4096 })).toBe('4 KB');
    expect(sizeProgress({ downloaded: 0, size: 0 })).toBe('—');
  });

  it('ratio with two decimals', () => {
    expect(formatRatio(0)).toBe('0.00');
    expect(formatRatio(1.234)).toBe('1.23');
    expect(formatRatio(Infinity)).toBe('∞');
    expect(formatRatio(NaN)).toBe('—');
  });
});

describe('states', () => {
  it('labels every state', () => {
    expect(stateLabel('downloading')).toBe('Downloading');
    expect(stateLabel('failed')).toBe('Failed');
  });

  it('shows the reason for stalled and failed only', () => {
    expect(showsReason({ state: 'stalled', reason: 'no progress for 10 minutes' })).toBe(true);
    expect(showsReason({ state: 'failed', reason: 'bad torrent' })).toBe(true);
    expect(showsReason({ state: 'failed', reason: null })).toBe(false);
    expect(showsReason({ state: 'queued', reason: 'waiting for a free slot' })).toBe(false);
  });

  it('offers pause or resume', () => {
    expect(toggleAction('downloading')).toBe('pause');
    expect(toggleAction('queued')).toBe('pause');
    expect(toggleAction('seeding')).toBe('pause');
    expect(toggleAction('paused')).toBe('resume');
    expect(toggleAction('failed')).toBe('resume');
    expect(toggleAction('completed')).toBeNull();
  });
});

describe('sortDownloads', () => {
  const list = [
    dl({ id: 1, name: 'beta', queuePosition: 2, progress: 0.5, eta: 100, downloadSpeed: 10 }),
    dl({ id: 2, name: 'Alpha', queuePosition: 3, progress: 0.9, eta: null, downloadSpeed: 30 }),
    dl({ id: 3, name: 'gamma 10', queuePosition: 1, progress: 0.5, eta: 20, downloadSpeed: 20 }),
    dl({ id: 4, name: 'gamma 9', queuePosition: 4, progress: 0.1, eta: 500, state: 'failed' }),
  ];
  const ids = (l: DownloadSummary[]) => l.map((d) => d.id);

  it('keeps the queue order by default', () => {
    expect(ids(sortDownloads(list, 'queue', 'asc'))).toEqual([3, 1, 2, 4]);
    expect(ids(sortDownloads(list, 'queue', 'desc'))).toEqual([4, 2, 1, 3]);
  });

  it('sorts names case-insensitively and numerically', () => {
    expect(ids(sortDownloads(list, 'name', 'asc'))).toEqual([2, 1, 4, 3]);
  });

  it('breaks ties by queue position', () => {
    expect(ids(sortDownloads(list, 'progress', 'desc'))).toEqual([2, 3, 1, 4]);
  });

  it('puts unknown ETAs last in both directions', () => {
    expect(ids(sortDownloads(list, 'eta', 'asc'))).toEqual([3, 1, 4, 2]);
    expect(ids(sortDownloads(list, 'eta', 'desc'))).toEqual([4, 1, 3, 2]);
  });

  it('sorts states in lifecycle order without touching the input', () => {
    const before = ids(list);
    expect(ids(sortDownloads(list, 'state', 'desc'))[0]).toBe(4);
    expect(ids(list)).toEqual(before);
  });

  it('knows its keys and default directions', () => {
    expect(isSortKey('eta')).toBe(true);
    expect(isSortKey('bogus')).toBe(false);
    expect(isSortKey(null)).toBe(false);
    expect(defaultDir('name')).toBe('asc');
    expect(defaultDir('downloadSpeed')).toBe('desc');
  });
});

describe('detailIsStale', () => {
  const summary = dl({ id: 7, state: 'paused', downloaded: 10, size: 100 });
  const detail: DownloadDetail = {
    ...summary,
    files: [],
    savePath: '/data/torrents/7',
    imported: [],
    sequential: false,
    options: { downloadKiBps: null, uploadKiBps: null, ratioLimit: null, seedingTimeLimitMin: null },
    title: null,
  };

  it('is stale while bytes move', () => {
    expect(detailIsStale(detail, { ...summary, state: 'downloading' })).toBe(true);
    expect(detailIsStale(detail, { ...summary, state: 'seeding' })).toBe(true);
  });
  it('is fresh when an idle download did not change', () => {
    expect(detailIsStale(detail, summary)).toBe(false);
    expect(detailIsStale(detail, { ...summary, peers: 3 })).toBe(false);
  });
  it('is stale when the summary moved on', () => {
    expect(detailIsStale(detail, { ...summary, state: 'completed' })).toBe(true);
    expect(detailIsStale(detail, { ...summary, downloaded: 20 })).toBe(true);
    expect(detailIsStale(null, summary)).toBe(true);
  });
});

describe('input helpers', () => {
  it('recognises .torrent files', () => {
    expect(isTorrentFile({ name: 'Movie.2010.torrent' })).toBe(true);
    expect(isTorrentFile({ name: 'x.TORRENT', type: '' })).toBe(true);
    expect(isTorrentFile({ name: 'download', type: 'application/x-bittorrent' })).toBe(true);
    expect(isTorrentFile({ name: 'movie.mkv', type: 'video/x-matroska' })).toBe(false);
  });

  it('names a download from what was added', () => {
    expect(uriDisplayName('magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Test.Movie.2010.1080p')).toBe(
      'Test.Movie.2010.1080p',
    );
    expect(uriDisplayName('magnet:?xt=urn:btih:0123456789ABCDEF0123456789abcdef01234567')).toBe('magnet 0123456789ab…');
    expect(uriDisplayName(' https://indexer.example/get/Some%20Show.S01.torrent?key=1 ')).toBe('Some Show.S01.torrent');
    expect(uriDisplayName('https://indexer.example/')).toBe('indexer.example');
    expect(uriDisplayName('not a url')).toBe('not a url');
  });
});

describe('canPlayWhileDownloading', () => {
  it.each([
    ['downloading', 'Movie.2010.mkv', true, true],
    ['seeding', 'Show/S01E01.MP4', true, true],
    ['stalled', 'a.webm', true, true],
    ['paused', 'Movie.2010.mkv', true, false],
    ['queued', 'Movie.2010.mkv', true, false],
    ['failed', 'Movie.2010.mkv', true, false],
    ['downloading', 'Movie.2010.mkv', false, false],
    ['downloading', 'Movie.2010.nfo', true, false],
    ['downloading', 'Subs/English.srt', true, false],
  ] as const)('%s %s selected=%s → %s', (state, path, selected, expected) =>
    expect(canPlayWhileDownloading(state, { path, selected })).toBe(expected),
  );
});
