/**
 * ffmpeg's `-progress pipe:1` output: blocks of key=value lines, each block closed by `progress=continue|end`.
 * Pure: text in, snapshots out; the percentage comes from out_time against the duration being written.
 */

export interface FfmpegProgress {
  /** how much of the output is written, in seconds of media (null before the first frame) */
  outTimeSec: number | null;
  frame: number | null;
  /** times real time, e.g. 3.2 */
  speed: number | null;
  /** bytes written so far */
  totalSize: number | null;
  /** the last block: ffmpeg finished writing */
  end: boolean;
}

function numberOrNull(value: string | undefined): number | null {
  if (value === undefined || value === '' || value === 'N/A') return null;
  const n = Number(value.replace(/x$/, ''));
  return Number.isFinite(n) ? n : null;
}

/** "HH:MM:SS.micro" (also negative, which ffmpeg prints before the first frame) → seconds. */
export function parseClock(value: string | undefined): number | null {
  const match = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value ?? '');
  if (!match) return null;
  const sec = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] ? -sec : sec;
}

function snapshot(fields: Map<string, string>, end: boolean): FfmpegProgress {
  // out_time_us is exact; out_time_ms is also microseconds (an old ffmpeg misnomer); out_time is the clock text
  const micros = numberOrNull(fields.get('out_time_us')) ?? numberOrNull(fields.get('out_time_ms'));
  const outTime = micros !== null ? micros / 1e6 : parseClock(fields.get('out_time'));
  return {
    // a negative time is ffmpeg's placeholder before the first frame is out
    outTimeSec: outTime === null || outTime < 0 ? null : outTime,
    frame: numberOrNull(fields.get('frame')),
    speed: numberOrNull(fields.get('speed')),
    totalSize: numberOrNull(fields.get('total_size')),
    end,
  };
}

/** Feeds chunks of ffmpeg's stdout (split anywhere) and returns every block completed by them. */
export class FfmpegProgressParser {
  private partial = '';
  private fields = new Map<string, string>();

  push(chunk: string): FfmpegProgress[] {
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    const out: FfmpegProgress[] = [];
    for (const line of lines) {
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      if (key === 'progress') {
        out.push(snapshot(this.fields, value === 'end'));
        this.fields = new Map();
      } else {
        this.fields.set(key, value);
      }
    }
    return out;
  }
}

/**
 * Percent done (0..100, one decimal) of an output `durationSec` long. While ffmpeg runs it stays below 100: only the
 * job's success says 100. An unknown duration gives null (the UI shows a busy bar).
 */
export function progressPercent(outTimeSec: number | null, durationSec: number | null): number | null {
  if (outTimeSec === null || !durationSec || durationSec <= 0) return null;
  const pct = (outTimeSec / durationSec) * 100;
  return Math.round(Math.min(99.9, Math.max(0, pct)) * 10) / 10;
}
