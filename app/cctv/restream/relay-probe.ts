/**
 * What a camera stream carries, read quickly before its relay starts (the relay copies or encodes by it). Unlike
 * "test connection", which wants size and fps too, only the codecs matter here: RTSP cameras declare their tracks in
 * the SDP, so a short analysis answers in about a second instead of three, and the first picture comes that much sooner.
 */
import { execFile } from 'node:child_process';
import { classifyRtspError } from '../rtsp-probe.js';
import type { SourceCodecs } from './restream-codecs.js';

export type RelayProbeResult = ({ ok: true } & SourceCodecs) | { ok: false; error: string };

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
}

function frameRate(value: string | undefined): number | null {
  const [a, b] = (value ?? '').split('/').map(Number);
  return a && b ? a / b : null;
}

/** Never throws; the error is in words, with any password redacted. */
export function probeRelaySource(ffprobe: string, url: string, timeoutMs = 10_000): Promise<RelayProbeResult> {
  const args = [
    ...['-v', 'error', '-rtsp_transport', 'tcp', '-timeout', String(Math.floor(timeoutMs * 800))],
    ...['-analyzeduration', '500000', '-probesize', '200000', '-show_streams', '-of', 'json', '-i', url],
  ];
  return new Promise((resolve) => {
    execFile(ffprobe, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        return resolve({ ok: false, error: `ffprobe not found (${ffprobe}); install ffmpeg or set FFPROBE_PATH` });
      }
      if (err && (err as { killed?: boolean }).killed) {
        return resolve({ ok: false, error: `The camera did not answer within ${Math.round(timeoutMs / 1000)} s` });
      }
      if (err) return resolve({ ok: false, error: classifyRtspError(String(stderr)).error });
      let streams: RawStream[];
      try {
        streams = (JSON.parse(stdout) as { streams?: RawStream[] }).streams ?? [];
      } catch {
        return resolve({ ok: false, error: 'ffprobe gave an answer we could not read' });
      }
      const video = streams.find((s) => s.codec_type === 'video' && s.codec_name);
      if (!video) return resolve({ ok: false, error: 'The stream has no video track' });
      const audio = streams.find((s) => s.codec_type === 'audio' && s.codec_name);
      resolve({
        ok: true,
        video: video.codec_name!,
        audio: audio?.codec_name ?? null,
        fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate),
      });
    });
  });
}
