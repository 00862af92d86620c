import { execFile } from 'node:child_process';
import type { AudioStreamInfo, ProbeInfo, SubtitleStreamInfo, VideoStreamInfo } from '../app/api/api-types.js';

export class ProbeError extends Error {}

interface RawStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  level?: number;
  bit_rate?: string;
  color_transfer?: string;
  sample_rate?: string;
  channels?: number;
  channel_layout?: string;
  tags?: Record<string, string>;
  disposition?: Record<string, number>;
}

interface RawProbe {
  streams?: RawStream[];
  format?: { format_name?: string; duration?: string; bit_rate?: string };
}

function num(value: string | number | undefined): number | null {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function frameRate(value: string | undefined): number | null {
  if (!value) return null;
  const [a, b] = value.split('/').map(Number);
  if (!a || !b) return null;
  return Math.round((a / b) * 1000) / 1000;
}

function bitDepth(stream: RawStream): number | null {
  const raw = num(stream.bits_per_raw_sample);
  if (raw) return raw;
  const fmt = stream.pix_fmt ?? '';
  const match = /p(\d{2})(le|be)$/.exec(fmt);
  if (match) return Number(match[1]);
  return fmt ? 8 : null;
}

/** The stream's own bit rate; Matroska keeps it only in the statistics tags mkvmerge writes (BPS / BPS-eng). */
function streamBitRate(stream: RawStream): number | null {
  const value = num(stream.bit_rate) ?? num(stream.tags?.BPS) ?? num(stream.tags?.['BPS-eng']);
  return value && value > 0 ? value : null;
}

/** ffprobe says -99 (or 0) when the codec has no level or it is unknown. */
function level(stream: RawStream): number | null {
  return typeof stream.level === 'number' && stream.level > 0 ? stream.level : null;
}

function known(value: string | undefined): string | null {
  return value && value !== 'unknown' ? value : null;
}

function tag(stream: RawStream, name: string): string | null {
  const value = stream.tags?.[name] ?? stream.tags?.[name.toUpperCase()];
  return value && value !== 'und' ? value : null;
}

/** Turns ffprobe's JSON into the catalogue's technical summary. Pure. */
export function summarizeProbe(raw: RawProbe): ProbeInfo {
  const streams = raw.streams ?? [];
  // cover art shows up as a video stream with attached_pic: it is not the video
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const video: VideoStreamInfo | null = videoStream
    ? {
        codec: videoStream.codec_name ?? 'unknown',
        profile: videoStream.profile ?? null,
        width: videoStream.width ?? null,
        height: videoStream.height ?? null,
        frameRate: frameRate(videoStream.avg_frame_rate) ?? frameRate(videoStream.r_frame_rate),
        pixelFormat: videoStream.pix_fmt ?? null,
        bitDepth: bitDepth(videoStream),
        level: level(videoStream),
        bitRate: streamBitRate(videoStream),
        colorTransfer: known(videoStream.color_transfer),
      }
    : null;
  const audio: AudioStreamInfo[] = streams
    .filter((s) => s.codec_type === 'audio')
    .map((s) => ({
      index: s.index,
      codec: s.codec_name ?? 'unknown',
      profile: s.profile ?? null,
      channels: s.channels ?? null,
      channelLayout: s.channel_layout ?? null,
      sampleRate: num(s.sample_rate) || null,
      bitRate: streamBitRate(s),
      language: tag(s, 'language'),
      title: tag(s, 'title'),
      isDefault: s.disposition?.default === 1,
    }));
  const subtitles: SubtitleStreamInfo[] = streams
    .filter((s) => s.codec_type === 'subtitle')
    .map((s) => ({
      index: s.index,
      codec: s.codec_name ?? 'unknown',
      language: tag(s, 'language'),
      title: tag(s, 'title'),
      isDefault: s.disposition?.default === 1,
      isForced: s.disposition?.forced === 1,
    }));
  return {
    container: raw.format?.format_name ?? 'unknown',
    durationSec: num(raw.format?.duration),
    bitRate: num(raw.format?.bit_rate),
    video,
    audio,
    subtitles,
  };
}

/** Runs ffprobe on one file. Rejects with a ProbeError whose message a user can act on. */
export function probeFile(ffprobe: string, file: string, timeoutMs = 60_000): Promise<ProbeInfo> {
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '--', file];
  return new Promise((resolve, reject) => {
    execFile(ffprobe, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(new ProbeError(`ffprobe not found (${ffprobe}); install ffmpeg or set FFPROBE_PATH`));
        } else if (err.killed) {
          reject(new ProbeError(`ffprobe timed out after ${Math.round(timeoutMs / 1000)} s`));
        } else {
          const reason = stderr.trim().split('\n').pop() || err.message;
          reject(new ProbeError(`ffprobe could not read the file: ${reason}`));
        }
        return;
      }
      try {
        const raw = JSON.parse(stdout) as RawProbe;
        if (!raw.format) throw new Error('no format section');
        resolve(summarizeProbe(raw));
      } catch (parseErr) {
        reject(new ProbeError(`ffprobe gave unreadable output: ${(parseErr as Error).message}`));
      }
    });
  });
}
