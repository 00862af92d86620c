import { useEngine } from '../store/engine';

/** "Reading media info 12 / 40" while ffprobe works through new files. */
export function ProbeStatusBadge() {
  const probe = useEngine((s) => s.status?.probe ?? null);
  const paused = useEngine((s) => s.status?.paused ?? false);
  if (!probe || probe.pending + probe.running === 0) return null;
  const total = probe.pending + probe.running + probe.done + probe.failed;
  const finished = probe.done + probe.failed;
  return (
    <span className="badge info" data-testid="probe-progress" title="Reading technical details of new files with ffprobe">
      {paused ? 'Media info paused' : 'Reading media info'} {finished.toLocaleString('en-US')} / {total.toLocaleString('en-US')}
    </span>
  );
}
