/**
 * One frame of an RTSP stream as a JPEG: a single ffmpeg frame grab (on-demand snapshots, and the picture stored at
 * each event's start). Bounded by a timeout and an abort signal, so no ffmpeg outlives the service.
 */
import { execFile } from 'node:child_process';
import { UpstreamError } from '../core/user-error.js';
import { redactUrls } from './camera-url.js';

const GRAB_TIMEOUT_MS = 20_000;

export function grabJpeg(ffmpeg: string, url: string, signal?: AbortSignal): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    execFile(
      ffmpeg,
      [
        ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-timeout', '10000000'],
        ...['-i', url, '-an', '-frames:v', '1', '-q:v', '3', '-f', 'mjpeg', 'pipe:1'],
      ],
      { encoding: 'buffer', timeout: GRAB_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, signal },
      (err, stdout, stderr) => {
        if (!err && stdout.length) return resolve(stdout);
        const why = redactUrls(
          String(stderr).trim().split('\n').pop() || (err?.killed ? 'no picture within 20 s' : 'no picture'),
        );
        reject(new UpstreamError(`The camera gave no snapshot: ${why}`, 502));
      },
    );
  });
}
