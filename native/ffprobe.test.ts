import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClip, makeMkv, tempDir } from '../e2e/support/media-fixtures.js';
import { resolveFfmpegPaths } from './ffmpeg-paths.js';
import { probeFile, ProbeError, summarizeProbe } from './ffprobe.js';

describe('summarizeProbe (pure)', () => {
  it('reads video, audio and subtitle streams and skips cover art', () => {
    const info = summarizeProbe({
      format: { format_name: 'matroska,webm', duration: '5400.5', bit_rate: '8000000' },
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'mjpeg', disposition: { attached_pic: 1 } },
        {
          index: 1,
          codec_type: 'video',
          codec_name: 'hevc',
          profile: 'Main 10',
          width: 3840,
          height: 2160,
          avg_frame_rate: '24000/1001',
          pix_fmt: 'yuv420p10le',
          level: 153,
          color_transfer: 'smpte2084',
          // Matroska: no bit_rate, but mkvmerge's statistics tags
          tags: { 'BPS-eng': '7200000', DURATION: '01:30:00.500000000' },
        },
        {
          index: 2,
          codec_type: 'audio',
          codec_name: 'ac3',
          channels: 6,
          channel_layout: '5.1(side)',
          sample_rate: '48000',
          bit_rate: '448000',
          tags: { language: 'rus', title: 'MVO' },
          disposition: { default: 1 },
        },
        {
          index: 3,
          codec_type: 'audio',
          codec_name: 'dts',
          profile: 'DTS-HD MA',
          channels: 6,
          sample_rate: '48000',
          tags: { language: 'und', BPS: '3018000' },
        },
        {
          index: 4,
          codec_type: 'subtitle',
          codec_name: 'hdmv_pgs_subtitle',
          tags: { LANGUAGE: 'eng' },
          disposition: { forced: 1 },
        },
      ],
    });
    expect(info).toEqual({
      container: 'matroska,webm',
      durationSec: 5400.5,
      bitRate: 8_000_000,
      video: {
        codec: 'hevc',
        profile: 'Main 10',
        width: 3840,
        height: 2160,
        frameRate: 23.976,
        pixelFormat: 'yuv420p10le',
        bitDepth: 10,
        level: 153,
        bitRate: 7_200_000,
        colorTransfer: 'smpte2084',
      },
      audio: [
        {
          index: 2,
          codec: 'ac3',
          profile: null,
          channels: 6,
          channelLayout: '5.1(side)',
          sampleRate: 48_000,
          bitRate: 448_000,
          language: 'rus',
          title: 'MVO',
          isDefault: true,
        },
        {
          index: 3,
          codec: 'dts',
          profile: 'DTS-HD MA',
          channels: 6,
          channelLayout: null,
          sampleRate: 48_000,
          bitRate: 3_018_000,
          language: null,
          title: null,
          isDefault: false,
        },
      ],
      subtitles: [{ index: 4, codec: 'hdmv_pgs_subtitle', language: 'eng', title: null, isDefault: false, isForced: true }],
    });
  });

  it('copes with an audio-only file and missing numbers', () => {
    expect(
      summarizeProbe({ format: { format_name: 'mp3' }, streams: [{ index: 0, codec_type: 'audio', codec_name: 'mp3' }] }),
    ).toMatchObject({
      video: null,
      durationSec: null,
      bitRate: null,
      audio: [{ codec: 'mp3', channels: null, sampleRate: null, bitRate: null, profile: null }],
    });
  });

  it("treats ffprobe's unknowns as unknown: level -99, color_transfer unknown, bit rate 0", () => {
    const info = summarizeProbe({
      format: { format_name: 'matroska,webm', duration: '10' },
      streams: [
        {
          index: 0,
          codec_type: 'video',
          codec_name: 'vp9',
          profile: 'Profile 0',
          level: -99,
          width: 640,
          height: 360,
          pix_fmt: 'yuv420p',
          color_transfer: 'unknown',
          bit_rate: '0',
        },
      ],
    });
    expect(info.video).toMatchObject({ level: null, colorTransfer: null, bitRate: null, bitDepth: 8 });
  });
});

describe('probeFile with the real ffprobe', () => {
  let dir: string;
  const { ffprobe } = resolveFfmpegPaths();
  beforeAll(() => {
    dir = tempDir('probe');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a real MP4 and a real MKV with two audio tracks and subtitles', async () => {
    makeClip(path.join(dir, 'clip.mp4'), 2);
    makeMkv(path.join(dir, 'multi.mkv'), 2);
    const mp4 = await probeFile(ffprobe, path.join(dir, 'clip.mp4'));
    expect(mp4).toMatchObject({
      video: { codec: 'h264', width: 320, height: 180, bitDepth: 8, level: expect.any(Number) },
      audio: [{ codec: 'aac', profile: 'LC', sampleRate: expect.any(Number) }],
    });
    // MP4 keeps each stream's bit rate
    expect(mp4.video?.bitRate).toBeGreaterThan(10_000);
    expect(mp4.audio[0].bitRate).toBeGreaterThan(10_000);
    expect(mp4.container).toContain('mp4');
    expect(mp4.durationSec).toBeCloseTo(2, 0);
    const mkv = await probeFile(ffprobe, path.join(dir, 'multi.mkv'));
    expect(mkv.audio.map((a) => a.language)).toEqual(['eng', 'rus']);
    expect(mkv.subtitles).toMatchObject([{ codec: 'subrip', language: 'eng' }]);
  });

  it("a corrupt, a truncated or an empty file is a ProbeError with ffprobe's reason", async () => {
    fs.writeFileSync(path.join(dir, 'garbage.mkv'), Buffer.alloc(4096, 7));
    fs.writeFileSync(path.join(dir, 'empty.mp4'), '');
    await expect(probeFile(ffprobe, path.join(dir, 'garbage.mkv'))).rejects.toThrow(
      /ffprobe could not read the file: .*Invalid data/,
    );
    await expect(probeFile(ffprobe, path.join(dir, 'empty.mp4'))).rejects.toBeInstanceOf(ProbeError);
  });

  it('names beginning with a dash are not taken for options', async () => {
    makeClip(path.join(dir, '-i weird [name] & co.mp4'), 1);
    await expect(probeFile(ffprobe, path.join(dir, '-i weird [name] & co.mp4'))).resolves.toMatchObject({
      video: { codec: 'h264' },
    });
  });

  it('a missing ffprobe says how to fix it', async () => {
    await expect(probeFile(path.join(dir, 'no-ffprobe'), path.join(dir, 'clip.mp4'))).rejects.toThrow(
      /ffprobe not found .*FFPROBE_PATH/,
    );
  });
});

describe('resolveFfmpegPaths', () => {
  // the table below names paths in this folder, so it exists before the rows are built
  const dir = tempDir('ffpaths');
  const fakeBin = path.join(dir, 'bin');
  fs.mkdirSync(fakeBin);
  for (const tool of ['ffmpeg', 'ffprobe']) fs.writeFileSync(path.join(fakeBin, tool), '#!/bin/sh\n', { mode: 0o755 });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'config wins',
      { configFfmpeg: path.join(dir, 'bin', 'ffmpeg'), env: { FFMPEG_PATH: '/usr/bin/ffmpeg', PATH: '' } },
      'config',
      'next to ffmpeg',
    ],
    [
      'then FFMPEG_PATH / FFPROBE_PATH',
      { env: { FFMPEG_PATH: path.join(dir, 'bin', 'ffmpeg'), FFPROBE_PATH: path.join(dir, 'bin', 'ffprobe'), PATH: '' } },
      'FFMPEG_PATH',
      'FFPROBE_PATH',
    ],
    [
      'then ffmpeg-static when its binary exists',
      { ffmpegStaticPath: path.join(dir, 'bin', 'ffmpeg'), env: { PATH: '' } },
      'ffmpeg-static',
      'next to ffmpeg',
    ],
    [
      'a missing ffmpeg-static binary is skipped for PATH',
      { ffmpegStaticPath: path.join(dir, 'gone', 'ffmpeg'), env: { PATH: fakeBin } },
      'PATH',
      'next to ffmpeg',
    ],
    ['nothing at all', { ffmpegStaticPath: null, env: { PATH: path.join(dir, 'empty') } }, 'missing', 'missing'],
  ])('%s', (_name, options, ffmpegSource, ffprobeSource) => {
    const resolved = resolveFfmpegPaths(options);
    expect(resolved.source).toEqual({ ffmpeg: ffmpegSource, ffprobe: ffprobeSource });
  });
});
