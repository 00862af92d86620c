import { describe, expect, it } from 'vitest';
import type { ProbeInfo } from '../api/api-types.js';
import { BUILTIN_DEVICE_PROFILES } from '../stream/device-profiles.js';
import { decidePlayback } from '../stream/playback-decision.js';
import {
  buildDlnaTranscodeArgs,
  formatNpt,
  parseTimeSeekRange,
  timeSeekRangeHeader,
  type DlnaTranscodeSpec,
} from './transcode-stream-args.js';
import { HEVC_EAC3_MKV as HEVC_EAC3_51_MKV } from './media-index.test-support.js';

describe('parseTimeSeekRange', () => {
  it.each([
    ['npt=123.4-', { startSec: 123.4, endSec: null }],
    ['npt=0-', { startSec: 0, endSec: null }],
    ['NPT = 10 - 20', { startSec: 10, endSec: 20 }],
    ['npt=0:02:03.5-', { startSec: 123.5, endSec: null }],
    ['npt=01:00:00-01:30:00.250', { startSec: 3600, endSec: 5400.25 }],
    ['npt=10-/3600', { startSec: 10, endSec: null }],
    ['npt=100-200/*', { startSec: 100, endSec: 200 }],
  ])('%s', (header, expected) => {
    expect(parseTimeSeekRange(header)).toEqual(expected);
  });

  it.each(['', 'bytes=0-', 'npt=', 'npt=-10', 'npt=abc-', 'npt=20-10', 'npt=1:60:00-', 'npt=now-', 'npt=1e9-', 'npt=10-x'])(
    'refuses %j',
    (header) => {
      expect(parseTimeSeekRange(header)).toBeNull();
    },
  );

  it('writes answers as H:MM:SS.sss with the length', () => {
    expect(formatNpt(0)).toBe('0:00:00.000');
    expect(formatNpt(3723.4567)).toBe('1:02:03.457');
    expect(timeSeekRangeHeader({ startSec: 123.4, endSec: null }, 7200)).toBe('npt=0:02:03.400-2:00:00.000/2:00:00.000');
    expect(timeSeekRangeHeader({ startSec: 10, endSec: 20 }, null)).toBe('npt=0:00:10.000-0:00:20.000/*');
    expect(timeSeekRangeHeader({ startSec: 10, endSec: null }, null)).toBe('npt=0:00:10.000-/*');
  });
});

// the test-support 4K HEVC file, with 7.1 sound instead of 5.1
const HEVC_EAC3_MKV: ProbeInfo = {
  ...HEVC_EAC3_51_MKV,
  audio: [{ ...HEVC_EAC3_51_MKV.audio[0], channels: 8, channelLayout: '7.1' }],
};

const H264_AAC_MKV: ProbeInfo = {
  ...HEVC_EAC3_MKV,
  bitRate: 5_000_000,
  video: {
    codec: 'h264',
    profile: 'High',
    width: 1920,
    height: 1080,
    frameRate: 24,
    pixelFormat: 'yuv420p',
    bitDepth: 8,
    level: 41,
  },
  audio: [{ ...HEVC_EAC3_MKV.audio[0], codec: 'aac', channels: 2 }],
};

const profile = (name: string) => BUILTIN_DEVICE_PROFILES.find((p) => p.name === name)!;

function spec(probe: ProbeInfo, profileName: string, overrides: Partial<DlnaTranscodeSpec> = {}): DlnaTranscodeSpec {
  const p = profile(profileName);
  return {
    input: '/media/film.mkv',
    probe,
    decision: decidePlayback({ path: '/media/film.mkv', size: 1e9, probe }, p),
    profile: p,
    encoder: { kind: 'software' },
    startSec: 0,
    durationSec: null,
    output: 'unix:/tmp/x/out.sock',
    ...overrides,
  };
}

const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('buildDlnaTranscodeArgs', () => {
  it('encodes what the TV cannot play into H.264 + the target audio in MPEG-TS, within its box', () => {
    const args = buildDlnaTranscodeArgs(spec(HEVC_EAC3_MKV, 'dlna-generic'));
    expect(after(args, '-i')).toBe('/media/film.mkv');
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-vf')).toContain('min(iw\\,1920)');
    expect(args).toContain('-force_key_frames');
    expect(after(args, '-c:a')).toBe('ac3');
    expect(after(args, '-ac')).toBe('6');
    expect(after(args, '-f')).toBe('mpegts');
    expect(args.at(-1)).toBe('unix:/tmp/x/out.sock');
    expect(args).not.toContain('-ss');
    expect(args).toContain('-sn');
  });

  it('copies the streams MPEG-TS carries when only the container is wrong (a remux)', () => {
    const args = buildDlnaTranscodeArgs(spec(H264_AAC_MKV, 'dlna-generic'));
    expect(args.join(' ')).toContain('-map 0:V:0 -c:v copy');
    expect(args.join(' ')).toContain('-map 0:1 -c:a copy');
    expect(args).not.toContain('-vf');
  });

  it('still encodes a stream the decision would copy when MPEG-TS cannot carry it', () => {
    const vp9Opus: ProbeInfo = {
      ...H264_AAC_MKV,
      container: 'matroska,webm',
      video: { ...H264_AAC_MKV.video!, codec: 'vp9', profile: 'Profile 0' },
      audio: [{ ...H264_AAC_MKV.audio[0], codec: 'opus' }],
    };
    // sony-tv plays VP9 + Opus in MKV as they are: the transcode URL still has to make a TS of them
    const s = spec(vp9Opus, 'sony-tv');
    expect(s.decision.method).toBe('direct');
    const args = buildDlnaTranscodeArgs(s);
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-c:a')).toBe('aac');
  });

  it('seeks before the input and limits the length for a time range', () => {
    const args = buildDlnaTranscodeArgs(spec(HEVC_EAC3_MKV, 'dlna-generic', { startSec: 123.4567, durationSec: 60 }));
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(after(args, '-ss')).toBe('123.457');
    expect(args.indexOf('-t')).toBeGreaterThan(args.indexOf('-i'));
    expect(after(args, '-t')).toBe('60');
  });

  it('sends no audio for a silent file and uses a hardware encoder when given one', () => {
    const silent = { ...HEVC_EAC3_MKV, audio: [] };
    const args = buildDlnaTranscodeArgs(
      spec(silent, 'dlna-generic', { encoder: { kind: 'vaapi', device: '/dev/dri/renderD128' } }),
    );
    expect(args).toContain('-an');
    expect(after(args, '-vaapi_device')).toBe('/dev/dri/renderD128');
    expect(args.indexOf('-vaapi_device')).toBeLessThan(args.indexOf('-i'));
    expect(after(args, '-c:v')).toBe('h264_vaapi');
  });
});
