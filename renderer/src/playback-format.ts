// Words for the player: how the engine delivers this file and why, and what went wrong when it can't.
import type { PlaybackInfo, PlayMethodName } from '../../app/api/api-types';
import { codecLabel, formatBitRate, resolutionLabel } from './format';

const METHOD_LABELS: Record<PlayMethodName, string> = {
  direct: 'Direct play',
  remux: 'Remux',
  transcode: 'Transcode',
};

export const methodLabel = (method: PlayMethodName) => METHOD_LABELS[method];

/** One line on what the engine does to the file for this browser. */
export function deliverySummary(info: PlaybackInfo): string {
  if (info.method === 'direct') return 'The file plays as it is.';
  const parts: string[] = [];
  const v = info.video;
  if (v.action === 'copy') parts.push(`video copied (${codecLabel(v.codec)})`);
  else {
    const size = resolutionLabel(v.width, v.height);
    parts.push(`video to ${codecLabel(v.codec)}${size ? ` ${size}` : ''}${v.bitrate ? ` at ${formatBitRate(v.bitrate)}` : ''}`);
  }
  const a = info.audio;
  if (a) {
    const channels = a.channels ? `, ${a.channels === 2 ? 'stereo' : a.channels === 1 ? 'mono' : `${a.channels} ch`}` : '';
    parts.push(a.action === 'copy' ? `audio copied (${codecLabel(a.codec)})` : `audio to ${codecLabel(a.codec)}${channels}`);
  }
  if (info.subtitle?.delivery === 'burn') parts.push('subtitles burnt in');
  const encoder = info.session && v.action === 'transcode' ? ` (${encoderLabel(info.session.encoder)})` : '';
  return `${info.method === 'remux' ? 'Repackaged' : 'Converted'} on the fly as HLS: ${parts.join(', ')}${encoder}.`;
}

const ENCODER_LABELS: Record<string, string> = {
  software: 'on the CPU',
  vaapi: 'on the GPU with VAAPI',
  nvenc: 'on the GPU with NVENC',
  qsv: 'on the GPU with Quick Sync',
  videotoolbox: 'with VideoToolbox',
};

export const encoderLabel = (kind: string) => ENCODER_LABELS[kind] ?? kind;

/** A fatal hls.js error in words, with the engine's own message when the response carried one. */
export function hlsErrorMessage(details: string, responseText: string | null): string {
  let engine: string | null = null;
  if (responseText) {
    try {
      const body = JSON.parse(responseText) as { message?: unknown };
      if (typeof body.message === 'string') engine = body.message;
    } catch {
      // not the engine's JSON: fall back to the generic text
    }
  }
  if (engine) return `The stream stopped: ${engine}`;
  if (/manifest/i.test(details)) return "The stream's playlist could not be loaded. Is the Racoon engine still running?";
  if (/frag/i.test(details)) return 'A piece of the stream could not be loaded; the engine may be overloaded. Try again.';
  if (/buffer|codec|media/i.test(details)) return 'This browser could not decode the stream.';
  return `Playback failed (${details}).`;
}

/** The browser's MediaError code for a directly played file, in words. */
export function videoErrorMessage(code: number): string {
  if (code === 1) return 'Playback was aborted.';
  if (code === 2) return 'The file stopped arriving (network error). Check that the Racoon engine is still running.';
  if (code === 3) return 'This browser could not decode the file; it may be damaged.';
  return "This browser refused the file's format although its profile says it plays it; choose a lower quality to have it converted.";
}

/** The quality menu: the original, or caps that make the engine convert to fit a slow network. */
export const QUALITY_CHOICES: Array<{ label: string; maxBitrate: number | undefined }> = [
  { label: 'Original', maxBitrate: undefined },
  { label: '8 Mb/s', maxBitrate: 8_000_000 },
  { label: '4 Mb/s', maxBitrate: 4_000_000 },
  { label: '1.5 Mb/s', maxBitrate: 1_500_000 },
  { label: '700 kb/s', maxBitrate: 700_000 },
];
