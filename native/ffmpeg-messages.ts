/**
 * ffmpeg's stderr → the few lines that say what went wrong, for a job's error or a hardware probe's reason.
 * ffmpeg ends most failures with generic lines ("Conversion failed!", "Error initializing output stream …"); the cause is
 * the line before, often prefixed with the component and a pointer ("[h264_nvenc @ 0x55…] Cannot load libcuda.so.1").
 */

const GENERIC = [
  /^Conversion failed!?$/i,
  /^Error initializing output stream/i,
  /^Error while opening encoder/i,
  /^Error parsing global options/i,
  /^Device creation failed: -?\d+\.?$/i,
  /^Exiting normally/i,
  /^Error while filtering: /i,
  /^Failed to inject frame into filter network/i,
  /^Error opening output files?:/i,
  /^Error while processing the decoded data/i,
  /^Nothing was written into output file/i,
];

/** One stderr line without its `[component @ 0xADDR]` prefix. */
export function cleanFfmpegLine(line: string): string {
  return line
    .replace(/^\s*\[[^\]]*@ 0x[0-9a-f]+\]\s*/i, '')
    .replace(/\r/g, '')
    .trim();
}

/**
 * The meaningful lines of ffmpeg's stderr, most telling first, deduplicated: at most `max` of them.
 * Falls back to the generic lines when nothing else was said.
 */
export function ffmpegErrorLines(stderr: string, max = 3): string[] {
  const lines = stderr.split('\n').map(cleanFfmpegLine).filter(Boolean);
  const unique = [...new Set(lines)];
  const specific = unique.filter((line) => !GENERIC.some((re) => re.test(line)));
  const chosen = specific.length > 0 ? specific : unique;
  // the last lines are the freshest (the cause of the exit), but keep their order
  return chosen.slice(-max);
}

/** The lines joined into one sentence-like text, or the fallback when ffmpeg said nothing. */
export function ffmpegErrorText(stderr: string, fallback: string, max = 3): string {
  const lines = ffmpegErrorLines(stderr, max).map((line) => line.replace(/\.$/, ''));
  return lines.length > 0 ? lines.join('; ') : fallback;
}

/** A short description of how a child process ended (exit code or signal). */
export function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `ffmpeg was stopped by ${signal}`;
  return `ffmpeg exited with code ${code ?? 'unknown'}`;
}
