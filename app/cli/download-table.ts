import type { DownloadSummary } from '../api/api-types.js';

const BAR_WIDTH = 12;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const power = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  const value = bytes / 1024 ** power;
  return `${value >= 100 || power === 0 ? Math.round(value) : value.toFixed(1)} ${units[power]}`;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '∞';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3600)}h`;
}

function bar(progress: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(progress * BAR_WIDTH)));
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

/** The `racoon downloads` table: one line a download, with a progress bar. Pure. */
export function formatDownloadTable(downloads: DownloadSummary[]): string {
  if (downloads.length === 0) return 'No downloads. Add one with `racoon add MAGNET|URL|FILE.torrent`.';
  const header = ['ID', 'STATE', 'PROGRESS', '', 'DOWN', 'UP', 'PEERS', 'ETA', 'RATIO', 'NAME'];
  const rows = downloads.map((d) => [
    String(d.id),
    d.state,
    bar(d.progress),
    `${(d.progress * 100).toFixed(1)}%`,
    `${formatBytes(d.downloadSpeed)}/s`,
    `${formatBytes(d.uploadSpeed)}/s`,
    String(d.peers),
    d.state === 'downloading' ? formatEta(d.eta) : '-',
    d.ratio.toFixed(2),
    d.name + (d.reason && (d.state === 'failed' || d.state === 'stalled') ? `  (${d.reason})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
