/**
 * Hardware H.264 encoders: which ones really work on this machine (a short real test encode each, in parallel), and the
 * ffmpeg arguments for each, so the HLS sessions and the transcode jobs encode the same way.
 * An encoder listed by `ffmpeg -encoders` proves nothing: Debian's build lists h264_vaapi/nvenc/qsv on machines without
 * any GPU; only an encode tells, and ffmpeg's own words say why not.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { HwAccelKind, HwAccelPreference, HwAccelReport, HwEncoderProbe, VideoEncoderKind } from '../app/api/api-types.js';
import { ffmpegErrorText } from './ffmpeg-messages.js';

export type { HwAccelKind, HwAccelPreference, HwAccelReport, HwEncoderProbe, VideoEncoderKind };

/** Probe order = preference order for 'auto'. */
export const HW_KINDS: readonly HwAccelKind[] = ['vaapi', 'nvenc', 'qsv', 'videotoolbox'];

export const ENCODER_NAMES: Record<VideoEncoderKind, string> = {
  vaapi: 'h264_vaapi',
  nvenc: 'h264_nvenc',
  qsv: 'h264_qsv',
  videotoolbox: 'h264_videotoolbox',
  software: 'libx264',
};

export const DEFAULT_VAAPI_DEVICE = '/dev/dri/renderD128';

export interface VideoEncoderOptions {
  /** target video bitrate, bits/s */
  bitrate: number;
  /** peak rate and decoder buffer (bits, bits/s); default: peak = bitrate, buffer = 2 × bitrate (a capped stream) */
  maxrate?: number;
  bufsize?: number;
  /** the picture fits within this box keeping its aspect ratio (never upscaled); even sizes always */
  maxWidth?: number;
  maxHeight?: number;
  /** a keyframe every N seconds (HLS segments start on one) */
  keyframeEverySec?: number;
  /** VAAPI render node */
  device?: string;
  /** software filters applied before scaling (e.g. subtitle burn-in) */
  preFilters?: string[];
}

/** The encoder's share of an ffmpeg command line. */
export interface VideoEncoderArgs {
  kind: VideoEncoderKind;
  encoder: string;
  /** global options, before the first -i (hardware device set-up) */
  inputArgs: string[];
  /** the -vf chain, scaling included */
  filter: string;
  /** -c:v and its options */
  outputArgs: string[];
}

function scaleOptions(opts: VideoEncoderOptions): string {
  const w = opts.maxWidth ? `min(iw\\,${Math.floor(opts.maxWidth)})` : 'iw';
  const h = opts.maxHeight ? `min(ih\\,${Math.floor(opts.maxHeight)})` : 'ih';
  // decrease + divisible_by: fits the box, keeps the aspect, and rounds to even sizes that 4:2:0 encoders need
  return `w=${w}:h=${h}:force_original_aspect_ratio=decrease:force_divisible_by=2`;
}

/** ffmpeg arguments to encode H.264 with one kind of encoder. Pure. */
export function videoEncoderArgs(kind: VideoEncoderKind, opts: VideoEncoderOptions): VideoEncoderArgs {
  const bitrate = Math.max(1000, Math.round(opts.bitrate));
  const maxrate = Math.round(opts.maxrate ?? bitrate);
  const bufsize = Math.round(opts.bufsize ?? bitrate * 2);
  const rate = ['-b:v', String(bitrate), '-maxrate', String(maxrate), '-bufsize', String(bufsize)];
  const keyframes = opts.keyframeEverySec ? ['-force_key_frames', `expr:gte(t,n_forced*${opts.keyframeEverySec})`] : [];
  const pre = opts.preFilters ?? [];
  const cpuScale = [...pre, `scale=${scaleOptions(opts)}`];
  const encoder = ENCODER_NAMES[kind];
  switch (kind) {
    case 'software':
      return {
        kind,
        encoder,
        inputArgs: [],
        filter: [...cpuScale, 'format=yuv420p'].join(','),
        outputArgs: ['-c:v', encoder, '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', ...rate, ...keyframes],
      };
    case 'vaapi': {
      const device = opts.device ?? DEFAULT_VAAPI_DEVICE;
      return {
        kind,
        encoder,
        inputArgs: ['-vaapi_device', device],
        filter: [...pre, 'format=nv12', 'hwupload', `scale_vaapi=${scaleOptions(opts)}`].join(','),
        outputArgs: ['-c:v', encoder, '-profile:v', 'high', ...rate, ...keyframes],
      };
    }
    case 'nvenc':
      return {
        kind,
        encoder,
        inputArgs: [],
        filter: [...cpuScale, 'format=yuv420p'].join(','),
        outputArgs: ['-c:v', encoder, '-preset', 'p1', '-profile:v', 'high', '-rc', 'vbr', ...rate, ...keyframes],
      };
    case 'qsv':
      return {
        kind,
        encoder,
        inputArgs: [],
        filter: [...cpuScale, 'format=nv12'].join(','),
        outputArgs: ['-c:v', encoder, '-preset', 'veryfast', '-profile:v', 'high', ...rate, ...keyframes],
      };
    case 'videotoolbox':
      return {
        kind,
        encoder,
        inputArgs: [],
        filter: [...cpuScale, 'format=yuv420p'].join(','),
        outputArgs: ['-c:v', encoder, '-profile:v', 'high', ...rate, ...keyframes],
      };
  }
}

export interface ProbeOptions {
  platform?: NodeJS.Platform;
  /** where VAAPI render nodes are looked for */
  driDir?: string;
  /** per test encode (a hung driver must not hang the report) */
  timeoutMs?: number;
  /** which kinds to try (default: all four and the CPU) */
  kinds?: VideoEncoderKind[];
}

/** The first /dev/dri/renderD* node, or null. */
export function findRenderNode(driDir = '/dev/dri'): string | null {
  try {
    const nodes = fs
      .readdirSync(driDir)
      .filter((name) => /^renderD\d+$/.test(name))
      .sort();
    return nodes.length > 0 ? path.join(driDir, nodes[0]) : null;
  } catch {
    return null;
  }
}

/** The full command line of one test encode: 5 frames of a tiny colour picture into the null muxer. */
export function probeArgs(kind: VideoEncoderKind, device?: string): string[] {
  const enc = videoEncoderArgs(kind, { bitrate: 500_000, maxWidth: 256, maxHeight: 144, device });
  return [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    ...enc.inputArgs,
    '-f',
    'lavfi',
    '-i',
    'color=size=256x144:rate=25',
    '-frames:v',
    '5',
    '-vf',
    enc.filter,
    ...enc.outputArgs,
    '-f',
    'null',
    '-',
  ];
}

function testEncode(ffmpegPath: string, args: string[], timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      ffmpegPath,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 1024 * 1024 },
      (err, _stdout, stderr) => {
        if (!err) return resolve(null);
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return resolve(`ffmpeg not found (${ffmpegPath})`);
        if (err.killed) return resolve(`the test encode did not finish within ${Math.round(timeoutMs / 1000)} s`);
        resolve(ffmpegErrorText(String(stderr), err.message.split('\n')[0]));
      },
    );
  });
}

async function probeOne(ffmpegPath: string, kind: VideoEncoderKind, opts: Required<Omit<ProbeOptions, 'kinds'>>) {
  const base = { kind, encoder: ENCODER_NAMES[kind] };
  if (kind === 'videotoolbox' && opts.platform !== 'darwin') return { ...base, available: false, reason: 'macOS only' };
  let device: string | undefined;
  if (kind === 'vaapi') {
    const node = findRenderNode(opts.driDir);
    if (!node) return { ...base, available: false, reason: 'no /dev/dri render node' };
    device = node;
  }
  const reason = await testEncode(ffmpegPath, probeArgs(kind, device), opts.timeoutMs);
  const probe: HwEncoderProbe = { ...base, available: reason === null, reason };
  if (device) probe.device = device;
  return probe;
}

/** Tries each encoder with a real ~0.2 s encode, all at once. Never rejects: a failure is a reason in the report. */
export async function probeHardwareEncoders(ffmpegPath: string, opts: ProbeOptions = {}): Promise<HwAccelReport> {
  const settings = {
    platform: opts.platform ?? process.platform,
    driDir: opts.driDir ?? '/dev/dri',
    timeoutMs: opts.timeoutMs ?? 15_000,
  };
  const kinds = opts.kinds ?? [...HW_KINDS, 'software'];
  const encoders = await Promise.all(kinds.map((kind) => probeOne(ffmpegPath, kind, settings)));
  const best = encoders.find((e) => e.kind !== 'software' && e.available)?.kind ?? 'software';
  return { probedAt: new Date().toISOString(), encoders, best };
}

export interface EncoderChoice {
  kind: VideoEncoderKind;
  device?: string;
  /** why this one, in words (shown next to a job's encoder) */
  reason: string;
}

/** The user's setting + what the probe found → the encoder to use. Pure. */
export function chooseEncoder(preference: HwAccelPreference, report: HwAccelReport | null): EncoderChoice {
  if (preference === 'off') return { kind: 'software', reason: 'hardware acceleration is off' };
  if (!report) return { kind: 'software', reason: 'hardware encoders not probed yet' };
  const wanted = preference === 'auto' ? report.best : preference;
  if (wanted === 'software') return { kind: 'software', reason: 'no hardware encoder works on this machine' };
  const probe = report.encoders.find((e) => e.kind === wanted);
  if (!probe) return { kind: 'software', reason: `${wanted} was not probed` };
  if (!probe.available) return { kind: 'software', reason: `${wanted} unavailable: ${probe.reason ?? 'unknown reason'}` };
  const choice: EncoderChoice = { kind: wanted, reason: preference === 'auto' ? `${wanted} (auto)` : `${wanted} (chosen)` };
  if (probe.device) choice.device = probe.device;
  return choice;
}
