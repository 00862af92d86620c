/**
 * "Test connection", and what a live relay reads before it starts: ffprobe opens the camera's stream over RTSP/TCP
 * with a deadline and reports its video (codec, size, fps) and audio codec, or says in words what is wrong: a wrong
 * password, an unreachable camera, a wrong path, no video.
 */
import { execFile } from 'node:child_process';
import { ffmpegErrorLines } from '../../native/ffmpeg-messages.js';
import { redactUrls } from './camera-url.js';

export type ProbeFailure = 'unauthorized' | 'unreachable' | 'not-found' | 'no-video' | 'timeout' | 'failed';

export type RtspProbeResult =
  | { ok: true; codec: string; width: number; height: number; fps: number | null; audioCodec: string | null }
  | { ok: false; reason: ProbeFailure; error: string };

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
}

function frameRate(value: string | undefined): number | null {
  const [a, b] = (value ?? '').split('/').map(Number);
  return a && b ? Math.round((a / b) * 100) / 100 : null;
}

/** What ffmpeg's words mean for a user; shared by the probe and the recorder's status. */
export function classifyRtspError(stderr: string): { reason: ProbeFailure; error: string } {
  const text = redactUrls(stderr);
  if (/401|unauthori[sz]ed/i.test(text)) {
    return { reason: 'unauthorized', error: 'The camera refused the user name or password (401 Unauthorized)' };
  }
  if (/404 Not Found/i.test(text)) {
    return { reason: 'not-found', error: 'The camera has no stream at this path (404 Not Found); check the URL' };
  }
  if (/matches no streams/i.test(text)) {
    return { reason: 'no-video', error: 'The stream has no video track' };
  }
  if (/Connection refused|No route to host|Network is unreachable|Name or service not known|resolve/i.test(text)) {
    const detail = ffmpegErrorLines(text, 1)[0] ?? 'connection failed';
    return { reason: 'unreachable', error: `The camera is unreachable: ${detail}` };
  }
  if (/timed out|timeout/i.test(text)) {
    return { reason: 'timeout', error: 'The camera did not answer in time (unreachable or too slow)' };
  }
  const lines = ffmpegErrorLines(text, 2);
  return {
    reason: 'failed',
    error: lines.length ? `The stream could not be opened: ${lines.join('; ')}` : 'The stream could not be opened',
  };
}

export interface RtspProbeOptions {
  /**
   * A short analysis, for when only the codecs matter (a live relay copies or encodes by them): RTSP cameras declare
   * their tracks in the SDP, so it answers in about a second instead of three, and the first picture comes that much
   * sooner. Size and fps may then be less certain.
   */
  quick?: boolean;
}

/** Probes `url` (credentials included) within `timeoutMs`; never throws. */
export function probeRtsp(
  ffprobe: string,
  url: string,
  timeoutMs = 10_000,
  options: RtspProbeOptions = {},
): Promise<RtspProbeResult> {
  const args = [
    ...['-v', 'error', '-rtsp_transport', 'tcp'],
    // socket I/O deadline in microseconds, so a silent camera fails instead of hanging
    ...['-timeout', String(Math.max(1, Math.floor(timeoutMs * 1000 * 0.8)))],
    ...(options.quick ? ['-analyzeduration', '500000', '-probesize', '200000'] : []),
    ...['-show_streams', '-of', 'json', '-i', url],
  ];
  return new Promise((resolve) => {
    execFile(ffprobe, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        return resolve({
          ok: false,
          reason: 'failed',
          error: `ffprobe not found (${ffprobe}); install ffmpeg or set FFPROBE_PATH`,
        });
      }
      if (err && (err as { killed?: boolean }).killed) {
        return resolve({
          ok: false,
          reason: 'timeout',
          error: `The camera did not answer within ${Math.round(timeoutMs / 1000)} s`,
        });
      }
      if (err) return resolve({ ok: false, ...classifyRtspError(String(stderr)) });
      let streams: RawStream[] = [];
      try {
        streams = (JSON.parse(stdout) as { streams?: RawStream[] }).streams ?? [];
      } catch {
        return resolve({ ok: false, reason: 'failed', error: 'ffprobe gave an answer we could not read' });
      }
      const video = streams.find((s) => s.codec_type === 'video' && s.codec_name);
      if (!video) {
        return resolve({ ok: false, reason: 'no-video', error: 'The stream has no video track' });
      }
      const audio = streams.find((s) => s.codec_type === 'audio' && s.codec_name);
      resolve({
        ok: true,
        codec: video.codec_name!,
        width: video.width ?? 0,
        height: video.height ?? 0,
        fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate),
        audioCodec: audio?.codec_name ?? null,
      });
    });
  });
}
