// Pure handling of the SSE event union: parse a `data:` payload, fold an event into the engine status.
import type { EngineEvent, EngineStatus } from '../../../app/api/api-types';

const TYPES = new Set<EngineEvent['type']>([
  'scan.progress',
  'probe.progress',
  'library.changed',
  'engine.paused',
  'downloads.changed',
  'download.failed',
  'download.completed',
  'transcode.changed',
  'transcode.removed',
  'camera.event',
]);

/** JSON text of one SSE message → a typed event, or null for anything we don't understand. */
export function parseEngineEvent(data: string): EngineEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const ev = value as Record<string, unknown>;
  if (typeof ev.type !== 'string' || !TYPES.has(ev.type as EngineEvent['type'])) return null;
  switch (ev.type) {
    case 'scan.progress':
      return ev.progress && typeof ev.progress === 'object' ? (ev as unknown as EngineEvent) : null;
    case 'probe.progress':
      return ev.status && typeof ev.status === 'object' ? (ev as unknown as EngineEvent) : null;
    case 'engine.paused':
      return typeof ev.paused === 'boolean' ? (ev as unknown as EngineEvent) : null;
    case 'downloads.changed':
      return Array.isArray(ev.downloads) && ev.downloads.every((d) => d && typeof d === 'object' && typeof d.id === 'number')
        ? (ev as unknown as EngineEvent)
        : null;
    case 'transcode.changed':
      return ev.job && typeof ev.job === 'object' && typeof (ev.job as { id?: unknown }).id === 'number'
        ? (ev as unknown as EngineEvent)
        : null;
    case 'transcode.removed':
      return typeof ev.id === 'number' ? (ev as unknown as EngineEvent) : null;
    case 'camera.event':
      return (ev.phase === 'start' || ev.phase === 'end') &&
        ev.event &&
        typeof ev.event === 'object' &&
        typeof (ev.event as { cameraId?: unknown }).cameraId === 'number'
        ? (ev as unknown as EngineEvent)
        : null;
    case 'download.failed':
    case 'download.completed':
      return typeof ev.id === 'number' &&
        typeof ev.name === 'string' &&
        (ev.type !== 'download.failed' || typeof ev.reason === 'string')
        ? (ev as unknown as EngineEvent)
        : null;
    default:
      return ev as unknown as EngineEvent;
  }
}

/** Folds one event into the last known status. Before the first GET /engine/status there is nothing to fold into. */
export function applyEngineEvent(status: EngineStatus | null, ev: EngineEvent): EngineStatus | null {
  if (!status) return status;
  switch (ev.type) {
    case 'scan.progress':
      return { ...status, scan: ev.progress };
    case 'probe.progress':
      return { ...status, probe: ev.status };
    case 'engine.paused':
      return status.paused === ev.paused ? status : { ...status, paused: ev.paused };
    default:
      // library and download events change no engine status
      return status;
  }
}
