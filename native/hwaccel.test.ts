import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HwAccelReport } from '../app/api/api-types.js';
import { resolveFfmpegPaths } from './ffmpeg-paths.js';
import { ffmpegErrorLines, ffmpegErrorText } from './ffmpeg-messages.js';
import { chooseEncoder, findRenderNode, probeArgs, probeHardwareEncoders, videoEncoderArgs } from './hwaccel.js';

const { ffmpeg, ffprobe } = resolveFfmpegPaths();

describe('probeHardwareEncoders on this machine (real test encodes)', () => {
  let dir: string;
  let report: HwAccelReport;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-hwaccel-'));
    report = await probeHardwareEncoders(ffmpeg, { driDir: path.join(dir, 'no-dri') });
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports every kind once, the CPU available and best = software when no GPU works', () => {
    expect(report.encoders.map((e) => e.kind)).toEqual(['vaapi', 'nvenc', 'qsv', 'videotoolbox', 'software']);
    expect(report.encoders.find((e) => e.kind === 'software')).toEqual({
      kind: 'software',
      encoder: 'libx264',
      available: true,
      reason: null,
    });
    expect(Date.parse(report.probedAt)).not.toBeNaN();
    if (report.encoders.every((e) => e.kind === 'software' || !e.available)) expect(report.best).toBe('software');
  });

  it('gives the reason for each unavailable encoder in ffmpeg’s own words, not its generic last line', () => {
    const vaapi = report.encoders.find((e) => e.kind === 'vaapi')!;
    expect(vaapi).toEqual({ kind: 'vaapi', encoder: 'h264_vaapi', available: false, reason: 'no /dev/dri render node' });
    if (process.platform !== 'darwin') {
      expect(report.encoders.find((e) => e.kind === 'videotoolbox')).toMatchObject({ available: false, reason: 'macOS only' });
    }
    for (const kind of ['nvenc', 'qsv'] as const) {
      const probe = report.encoders.find((e) => e.kind === kind)!;
      if (probe.available) continue; // a machine with that GPU
      expect(probe.reason, kind).toBeTruthy();
      expect(probe.reason, kind).not.toMatch(/^Error initializing output stream|^Conversion failed/);
      expect(probe.reason, kind).not.toMatch(/@ 0x/);
    }
  });

  it('tries VAAPI on a render node it finds, and says why the device does not work', async () => {
    const dri = path.join(dir, 'dri');
    fs.mkdirSync(dri);
    fs.writeFileSync(path.join(dri, 'renderD129'), '');
    fs.writeFileSync(path.join(dri, 'card0'), '');
    expect(findRenderNode(dri)).toBe(path.join(dri, 'renderD129'));
    const only = await probeHardwareEncoders(ffmpeg, { driDir: dri, kinds: ['vaapi'] });
    expect(only.encoders).toHaveLength(1);
    expect(only.encoders[0]).toMatchObject({ kind: 'vaapi', available: false, device: path.join(dri, 'renderD129') });
    // ffmpeg names the device it could not open
    expect(only.encoders[0].reason).toContain(path.join(dri, 'renderD129'));
    expect(only.best).toBe('software');
  });

  it('runs a real encode for VideoToolbox on macOS (here: ffmpeg has no such encoder and says so)', async () => {
    const mac = await probeHardwareEncoders(ffmpeg, { platform: 'darwin', kinds: ['videotoolbox'] });
    if (process.platform === 'darwin') return;
    expect(mac.encoders[0].available).toBe(false);
    expect(mac.encoders[0].reason).toMatch(/videotoolbox/i);
  });

  it('a missing ffmpeg makes every encoder unavailable with that reason (and never throws)', async () => {
    const missing = path.join(dir, 'no-such-ffmpeg');
    const none = await probeHardwareEncoders(missing, { driDir: path.join(dir, 'no-dri') });
    expect(none.best).toBe('software');
    expect(none.encoders.find((e) => e.kind === 'software')).toMatchObject({
      available: false,
      reason: `ffmpeg not found (${missing})`,
    });
    expect(none.encoders.find((e) => e.kind === 'nvenc')!.reason).toBe(`ffmpeg not found (${missing})`);
  });
});

describe('videoEncoderArgs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'racoon-venc-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('software: libx264 veryfast high yuv420p with a capped bitrate', () => {
    const enc = videoEncoderArgs('software', { bitrate: 2_500_000, maxWidth: 1280, maxHeight: 720 });
    expect(enc.encoder).toBe('libx264');
    expect(enc.inputArgs).toEqual([]);
    expect(enc.outputArgs).toEqual([
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-profile:v',
      'high',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      '2500000',
      '-maxrate',
      '2500000',
      '-bufsize',
      '5000000',
    ]);
    expect(enc.filter).toBe(
      'scale=w=min(iw\\,1280):h=min(ih\\,720):force_original_aspect_ratio=decrease:force_divisible_by=2,format=yuv420p',
    );
  });

  it('hardware kinds: device set-up before the input, GPU scaling for VAAPI, each encoder’s own options', () => {
    const vaapi = videoEncoderArgs('vaapi', { bitrate: 1e6, maxWidth: 640, maxHeight: 360, device: '/dev/dri/renderD130' });
    expect(vaapi.inputArgs).toEqual(['-vaapi_device', '/dev/dri/renderD130']);
    expect(vaapi.filter).toMatch(/^format=nv12,hwupload,scale_vaapi=w=min\(iw\\,640\)/);
    expect(vaapi.outputArgs.slice(0, 2)).toEqual(['-c:v', 'h264_vaapi']);
    expect(videoEncoderArgs('vaapi', { bitrate: 1e6 }).inputArgs).toEqual(['-vaapi_device', '/dev/dri/renderD128']);
    const nvenc = videoEncoderArgs('nvenc', { bitrate: 1e6 });
    expect(nvenc.outputArgs).toEqual(expect.arrayContaining(['h264_nvenc', '-preset', 'p1']));
    expect(videoEncoderArgs('qsv', { bitrate: 1e6 }).filter).toMatch(/format=nv12$/);
    expect(videoEncoderArgs('videotoolbox', { bitrate: 1e6 }).outputArgs[1]).toBe('h264_videotoolbox');
  });

  it('keyframes every N seconds and filters before scaling, for HLS', () => {
    const enc = videoEncoderArgs('software', { bitrate: 1e6, keyframeEverySec: 4, preFilters: ['subtitles=x.srt'] });
    expect(enc.outputArgs.slice(-2)).toEqual(['-force_key_frames', 'expr:gte(t,n_forced*4)']);
    expect(enc.filter.startsWith('subtitles=x.srt,scale=w=iw:h=ih:')).toBe(true);
  });

  it('the software args really encode: odd and portrait sources fit the box at even sizes, never upscaled', () => {
    const cases: Array<[string, string]> = [
      ['321x181', '320,180'],
      ['1920x1080', '640,360'],
      ['1080x1920', '202,360'],
    ];
    for (const [size, expected] of cases) {
      const enc = videoEncoderArgs('software', { bitrate: 300_000, maxWidth: 640, maxHeight: 360 });
      const out = path.join(dir, `${size}.mp4`);
      execFileSync(ffmpeg, [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `testsrc=size=${size}:rate=25`,
        '-frames:v',
        '3',
        '-vf',
        enc.filter,
        ...enc.outputArgs,
        out,
      ]);
      const dims = execFileSync(ffprobe, ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', out]);
      expect(String(dims).trim(), size).toBe(expected);
    }
  });

  it('the probe’s command line is the job’s encoder args on a tiny picture into the null muxer', () => {
    const args = probeArgs('vaapi', '/dev/dri/renderD128');
    expect(args.indexOf('-vaapi_device')).toBeLessThan(args.indexOf('-i'));
    expect(args).toEqual(expect.arrayContaining(['color=size=256x144:rate=25', '-frames:v', '5', 'h264_vaapi']));
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
  });
});

describe('chooseEncoder (pure)', () => {
  const report: HwAccelReport = {
    probedAt: '2024-01-01T00:00:00.000Z',
    best: 'vaapi',
    encoders: [
      { kind: 'vaapi', encoder: 'h264_vaapi', available: true, reason: null, device: '/dev/dri/renderD128' },
      { kind: 'nvenc', encoder: 'h264_nvenc', available: false, reason: 'Cannot load libcuda.so.1' },
      { kind: 'software', encoder: 'libx264', available: true, reason: null },
    ],
  };
  const rows: Array<[Parameters<typeof chooseEncoder>[0], HwAccelReport | null, string, string]> = [
    ['off', report, 'software', 'hardware acceleration is off'],
    ['auto', report, 'vaapi', 'vaapi (auto)'],
    ['vaapi', report, 'vaapi', 'vaapi (chosen)'],
    ['nvenc', report, 'software', 'nvenc unavailable: Cannot load libcuda.so.1'],
    ['qsv', report, 'software', 'qsv was not probed'],
    ['auto', { ...report, best: 'software' }, 'software', 'no hardware encoder works on this machine'],
    ['auto', null, 'software', 'hardware encoders not probed yet'],
  ];
  it.each(rows)('%s → %s', (preference, rep, kind, reason) => {
    const choice = chooseEncoder(preference, rep);
    expect(choice.kind).toBe(kind);
    expect(choice.reason).toBe(reason);
  });
  it('carries the VAAPI device it was probed on', () => {
    expect(chooseEncoder('auto', report).device).toBe('/dev/dri/renderD128');
  });
});

describe('ffmpeg error lines (pure)', () => {
  it('drops component prefixes and the generic lines, keeps the cause', () => {
    const stderr = [
      '[h264_nvenc @ 0x55a84dc5e680] Cannot load libcuda.so.1',
      'Error initializing output stream 0:0 -- Error while opening encoder for output stream #0:0 - maybe incorrect parameters',
      'Conversion failed!',
      '',
    ].join('\n');
    expect(ffmpegErrorLines(stderr)).toEqual(['Cannot load libcuda.so.1']);
    expect(ffmpegErrorText(stderr, 'x')).toBe('Cannot load libcuda.so.1');
  });
  it('keeps the last few distinct causes in order; generic lines when nothing else was said; a fallback for silence', () => {
    const many = ['a.', 'b', 'a.', 'c', 'd'].join('\n');
    expect(ffmpegErrorLines(many, 3)).toEqual(['b', 'c', 'd']);
    expect(ffmpegErrorText('Conversion failed!\n', 'x')).toBe('Conversion failed!');
    expect(ffmpegErrorText('\n\n', 'ffmpeg exited with code 1')).toBe('ffmpeg exited with code 1');
  });
});
