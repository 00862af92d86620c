import { describe, expect, it } from 'vitest';
import type { ProbeInfo } from '../api/api-types.js';
import { buildTranscodeCommand, checkSource, clock, mainAudio, outputDuration } from './transcode-args.js';
import {
  BUILT_IN_PROFILES,
  findTranscodeProfile,
  MIN_VIDEO_BITRATE,
  planEncode,
  SIZE_SAFETY,
  TELEGRAM_MAX_BYTES,
  unknownProfileMessage,
} from './transcode-profiles.js';

const telegram = findTranscodeProfile('telegram')!;
const mobile = findTranscodeProfile('mobile-720p')!;

function probe(over: Partial<ProbeInfo> = {}): ProbeInfo {
  return {
    container: 'matroska,webm',
    durationSec: 600,
    bitRate: 8_000_000,
    video: {
      codec: 'hevc',
      profile: 'Main 10',
      width: 1920,
      height: 1080,
      frameRate: 23.976,
      pixelFormat: 'yuv420p10le',
      bitDepth: 10,
    },
    audio: [
      { index: 1, codec: 'ac3', channels: 6, channelLayout: '5.1', language: 'rus', title: null, isDefault: false },
      { index: 2, codec: 'aac', channels: 2, channelLayout: 'stereo', language: 'eng', title: null, isDefault: true },
    ],
    subtitles: [{ index: 3, codec: 'subrip', language: 'eng', title: null, isDefault: false, isForced: false }],
    ...over,
  };
}

const request = { sourcePath: '/media/Movie (2010)/movie.mkv', outputPath: '/data/cache/transcodes/1-movie-telegram.mp4.part' };
const argAfter = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('profiles', () => {
  it('ships telegram and mobile-720p; an unknown name lists the known ones', () => {
    expect(BUILT_IN_PROFILES.map((p) => p.name)).toEqual(['telegram', 'mobile-720p']);
    expect(findTranscodeProfile('nope')).toBeNull();
    expect(unknownProfileMessage('nope')).toBe('Unknown transcode profile "nope"; known: telegram, mobile-720p');
    expect(mobile).toMatchObject({ maxHeight: 720, videoBitrate: 2_500_000, audioBitrate: 128_000, maxBytes: null });
    expect(telegram).toMatchObject({ maxHeight: 720, maxBytes: TELEGRAM_MAX_BYTES });
  });
});

describe('planEncode (pure)', () => {
  it('a profile without a size limit uses its own values whatever the duration', () => {
    expect(planEncode(mobile, null)).toEqual({
      ok: true,
      plan: { videoBitrate: 2_500_000, audioBitrate: 128_000, maxWidth: 1280, maxHeight: 720, notes: [] },
    });
  });

  it('telegram: a short clip gets the ceiling; the whole file then fits in 50 MB with room to spare', () => {
    const result = planEncode(telegram, 30);
    expect(result).toEqual({
      ok: true,
      plan: { videoBitrate: 1_500_000, audioBitrate: 128_000, maxWidth: 1280, maxHeight: 720, notes: [] },
    });
  });

  it.each([
    // duration s, video bits/s (approx), audio, box height
    [300, 1_098_000, 128_000, 480],
    [900, 312_888, 96_000, 360],
    [1800, 156_444, 48_000, 360],
  ])('telegram, %s s: the budget is spread over the duration (video ≈ %s)', (duration, video, audio, height) => {
    const result = planEncode(telegram, duration);
    if (!result.ok) throw new Error(result.error);
    const { plan } = result;
    expect(plan.audioBitrate).toBe(audio);
    expect(plan.videoBitrate).toBeGreaterThan(video - 1000);
    expect(plan.videoBitrate).toBeLessThan(video + 1000);
    expect(plan.maxHeight).toBe(height);
    // the planned bytes stay under the limit
    expect(((plan.videoBitrate + plan.audioBitrate) * duration) / 8).toBeLessThanOrEqual(TELEGRAM_MAX_BYTES * SIZE_SAFETY);
    expect(plan.notes.join(' | ')).toMatch(/so the file stays under 50 MB/);
  });

  it('refuses what cannot fit at a watchable quality, saying how long a clip may be', () => {
    const result = planEncode(telegram, 2 * 3600);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe(
      "120 min of video can't fit in 50 MB at a watchable quality (about 30 min fit); export a shorter clip",
    );
    expect(planEncode(telegram, null)).toEqual({
      ok: false,
      error: "The video's duration is unknown, so a result under 50 MB can't be planned",
    });
  });

  it('a smaller budget on a second try lowers the bitrate', () => {
    const first = planEncode(telegram, 600);
    const second = planEncode(telegram, 600, 0.8);
    if (!first.ok || !second.ok) throw new Error('planned');
    expect(second.plan.videoBitrate).toBeLessThan(first.plan.videoBitrate);
    expect(second.plan.videoBitrate).toBeGreaterThanOrEqual(MIN_VIDEO_BITRATE);
  });
});

describe('clip arithmetic (pure)', () => {
  it.each([
    [600, null, null, 600],
    [600, 100, null, 500],
    [600, 100, 30, 30],
    [600, 590, 30, 10],
    [null, 10, 30, 30],
    [null, null, null, null],
  ])('source %s s, offset %s, duration %s → %s s', (source, offset, duration, expected) => {
    expect(outputDuration(source, offset, duration)).toEqual({ ok: true, value: expected });
  });

  it('an offset at or past the end is an error in words', () => {
    expect(outputDuration(80.4, 100, 5)).toEqual({
      ok: false,
      error: 'The clip starts at 1:40 but the video is only 1:20.4 long',
    });
    expect(outputDuration(3725, 3725, null).ok).toBe(false);
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(5)).toBe('0:05');
  });

  it('a file without a video stream is refused, saying what it has', () => {
    expect(checkSource(probe({ video: null }), telegram, null, null)).toEqual({
      ok: false,
      error: 'This file has no video stream (only audio); the "telegram" profile makes a video',
    });
    expect(checkSource(probe({ video: null, audio: [] }), mobile, null, null)).toMatchObject({
      error: expect.stringContaining('(no audio or video)'),
    });
  });

  it('the main audio is the default track, else the first', () => {
    expect(mainAudio(probe())?.index).toBe(2);
    expect(mainAudio(probe({ audio: probe().audio.map((a) => ({ ...a, isDefault: false })) }))?.index).toBe(1);
    expect(mainAudio(probe({ audio: [] }))).toBeNull();
  });
});

describe('buildTranscodeCommand (pure)', () => {
  it('a clip: -ss before the input, -t after, the video (not cover art) and the default audio, MP4 with faststart', () => {
    const result = buildTranscodeCommand({ ...request, offsetSec: 83.5, durationSec: 20 }, telegram, probe(), {
      kind: 'software',
    });
    if (!result.ok) throw new Error(result.error);
    const { args, outputDurationSec, encoder } = result.value;
    expect(outputDurationSec).toBe(20);
    expect(encoder).toBe('libx264');
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(argAfter(args, '-ss')).toBe('83.5');
    expect(argAfter(args, '-i')).toBe(request.sourcePath);
    expect(args.indexOf('-t')).toBeGreaterThan(args.indexOf('-i'));
    expect(argAfter(args, '-t')).toBe('20');
    expect(args.join(' ')).toContain('-map 0:V:0 -map 0:2');
    expect(args.join(' ')).toContain('-c:a aac -b:a 128000 -ac 2');
    expect(args.join(' ')).toContain('-progress pipe:1');
    expect(args.join(' ')).toContain('-sn -dn');
    expect(args.slice(-5)).toEqual(['-movflags', '+faststart', '-f', 'mp4', request.outputPath]);
    expect(argAfter(args, '-b:v')).toBe('1500000');
  });

  it('a whole file: no -ss/-t; telegram over 10 min gets a fitted bitrate and a smaller picture', () => {
    const result = buildTranscodeCommand({ ...request, offsetSec: null, durationSec: null }, telegram, probe(), {
      kind: 'software',
    });
    if (!result.ok) throw new Error(result.error);
    const { args, outputDurationSec, plan } = result.value;
    expect(args).not.toContain('-ss');
    expect(args).not.toContain('-t');
    expect(outputDurationSec).toBe(600);
    expect(Number(argAfter(args, '-b:v'))).toBe(plan.videoBitrate);
    expect(plan.videoBitrate).toBeLessThan(600_000);
    expect(argAfter(args, '-vf')).toContain('min(ih\\,360)');
  });

  it('mono source stays mono; no audio at all gives -an; a VAAPI choice brings its device before the input', () => {
    const mono = probe({ audio: [{ ...probe().audio[1], channels: 1 }] });
    const a = buildTranscodeCommand({ ...request, offsetSec: null, durationSec: null }, mobile, mono, { kind: 'software' });
    expect(a.ok && a.value.args.join(' ')).toContain('-ac 1');
    const silent = buildTranscodeCommand({ ...request, offsetSec: null, durationSec: null }, mobile, probe({ audio: [] }), {
      kind: 'vaapi',
      device: '/dev/dri/renderD128',
    });
    if (!silent.ok) throw new Error(silent.error);
    expect(silent.value.args).toContain('-an');
    expect(silent.value.encoder).toBe('h264_vaapi');
    expect(silent.value.args.indexOf('-vaapi_device')).toBeLessThan(silent.value.args.indexOf('-i'));
  });

  it('passes the source’s problems on as errors instead of arguments', () => {
    expect(buildTranscodeCommand({ ...request, offsetSec: 700, durationSec: 5 }, mobile, probe(), { kind: 'software' })).toEqual({
      ok: false,
      error: 'The clip starts at 11:40 but the video is only 10:00 long',
    });
    expect(
      buildTranscodeCommand({ ...request, offsetSec: null, durationSec: null }, mobile, probe({ video: null }), {
        kind: 'software',
      }).ok,
    ).toBe(false);
    expect(
      buildTranscodeCommand({ ...request, offsetSec: null, durationSec: null }, telegram, probe({ durationSec: 3 * 3600 }), {
        kind: 'software',
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('export a shorter clip') });
  });
});
