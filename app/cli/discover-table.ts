import type { ReleaseSearchResponse, TitleSearchResponse } from '../api/api-types.js';
import { formatBytes } from './download-table.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // the last column (a title) is not padded: it may be long and is read last
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** `racoon search`: one line a title, with the reference `racoon releases --id` takes. Pure. */
export function formatTitleHits(result: TitleSearchResponse): string {
  const problems = result.providers.filter((p) => p.status === 'error').map((p) => `! ${p.error}`);
  if (result.hits.length === 0) return [...problems, 'Nothing found.'].join('\n');
  const rows = result.hits.map((h) => [
    `${h.provider}:${h.kind}:${h.id}`,
    h.kind,
    h.year === null ? '-' : String(h.year),
    h.rating === null ? '-' : h.rating.toFixed(1),
    h.originalTitle && h.originalTitle !== h.title ? `${h.title} (${h.originalTitle})` : h.title,
  ]);
  return [...problems, table(['ID', 'KIND', 'YEAR', 'RATING', 'TITLE'], rows)].join('\n');
}

/** `racoon releases`: the ranked table, accepted first with scores, rejected with every reason; the best and why. Pure. */
export function formatReleaseTable(result: ReleaseSearchResponse): string {
  const t = result.title;
  const scope =
    result.season === null ? '' : ` season ${result.season}${result.episode === null ? '' : ` episode ${result.episode}`}`;
  const out = [`${t.title}${t.year ? ` (${t.year})` : ''}${scope} — profile ${result.profile}`];
  for (const i of result.indexers) {
    out.push(
      `  ${i.status === 'ok' ? '✓' : i.status === 'skipped' ? '-' : '✗'} ${i.name}: ${i.status === 'ok' ? `${i.count} releases in ${i.ms} ms` : (i.error ?? i.status)}`,
    );
  }
  if (result.releases.length === 0) return [...out, 'No releases found.'].join('\n');
  const rows = result.releases.map((r, n) => [
    r.accepted ? String(n + 1) : '✗',
    r.accepted ? String(r.score) : '-',
    r.quality ?? '-',
    r.source ?? '-',
    formatBytes(r.size),
    r.seeders === null ? '?' : String(r.seeders),
    r.voice.join(', ') || '-',
    r.accepted ? r.title : `${r.title}  — ${r.rejections.map((x) => x.message).join('; ')}`,
  ]);
  out.push('', table(['#', 'SCORE', 'QUALITY', 'SOURCE', 'SIZE', 'SEEDS', 'VOICE', 'RELEASE'], rows));
  const best = result.releases.find((r) => r.id === result.best?.id);
  out.push('', best ? `Best: ${best.title} — ${result.best!.why}` : 'No release meets the profile.');
  if (result.plan && result.plan.picks.length > 1) {
    out.push('Fewest torrents for every season:');
    for (const p of result.plan.picks)
      out.push(`  ${result.releases.find((r) => r.id === p.releaseId)?.title ?? p.releaseId} — ${p.reason}`);
  }
  return out.join('\n');
}
