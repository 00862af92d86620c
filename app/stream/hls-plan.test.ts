import { describe, expect, it } from 'vitest';
import { buildHlsArgs, escapeFilterValue } from './hls-args.js';
import {
  codecsAttribute,
  fixedSegmentPlan,
  keyframeSegmentPlan,
  masterPlaylist,
  mediaPlaylist,
  segmentAt,
  segmentCount,
} from './hls-plan.js';
import type { PlaybackDecision } from './playback-types.js';
import type { ProbeInfo } from '../api/api-types.js';

describe('segment plans', () => {
  it('cuts a transcode every 2 s, the last segment shorter', () => {
    const plan = fixedSegmentPlan(7.5);
    expect(plan.boundaries).toEqual([0, 2, 4, 6, 7.5]);
    expect(segmentCount(plan)).toBe(4);
  });

  it('does not leave a sliver of a segment at the end', () => {
    expect(fixedSegmentPlan(6.02).boundaries).toEqual([0, 2, 4, 6.02]);
  });

  it('rejects media without a duration', () => {
    expect(() => fixedSegmentPlan(0)).toThrow(/no duration/);
    expect(() => keyframeSegmentPlan([0, 1], Number.NaN)).toThrow(/no duration/);
  });

  it('cuts a remux only on keyframes, each segment at least the target, tolerating millisecond timestamps', () => {
    const keyframes = [0.023, 1.023, 2.023, 3.023, 4.023, 5.023, 9.5, 10.1, 11.9];
    // 11.9 would leave a 0.6 s tail: it stays in the segment before
    expect(keyframeSegmentPlan(keyframes, 12.5).boundaries).toEqual([0, 2.023, 4.023, 9.5, 12.5]);
  });

  it('keeps keyframes given out of order, and a source with one keyframe is one segment', () => {
    expect(keyframeSegmentPlan([4, 0, 2], 6).boundaries).toEqual([0, 2, 4, 6]);
    expect(keyframeSegmentPlan([0], 30).boundaries).toEqual([0, 30]);
  });

  it('finds the segment that holds a time', () => {
    const plan = fixedSegmentPlan(10);
    expect(segmentAt(plan, 0)).toBe(0);
    expect(segmentAt(plan, 1.99)).toBe(0);
    expect(segmentAt(plan, 2)).toBe(1);
    expect(segmentAt(plan, 9.9)).toBe(4);
    expect(segmentAt(plan, 50)).toBe(4);
    expect(segmentAt(plan, -1)).toBe(0);
  });
});

describe('playlists', () => {
  it('lists every segment up front with its length, as VOD', () => {
    const text = mediaPlaylist(fixedSegmentPlan(5), (i) => `seg/${i}.ts`);
    expect(text.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-PLAYLIST-TYPE:VOD',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXTINF:2.000,',
      'seg/0.ts',
      '#EXTINF:2.000,',
      'seg/1.ts',
      '#EXTINF:1.000,',
      'seg/2.ts',
      '#EXT-X-ENDLIST',
      '',
    ]);
  });

  it('the target duration is the longest segment rounded up (keyframe plans vary)', () => {
    expect(mediaPlaylist({ boundaries: [0, 2.5, 7.2] }, String)).toContain('#EXT-X-TARGETDURATION:5');
  });

  it('the master playlist names bandwidth, resolution and codecs when known', () => {
    expect(masterPlaylist({ bandwidth: 3e6, width: 1280, height: 720, codecs: 'avc1.640029,mp4a.40.2' }, 'media.m3u8')).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS="avc1.640029,mp4a.40.2"\nmedia.m3u8\n',
    );
    expect(masterPlaylist({ bandwidth: 1e6, width: null, height: null, codecs: null }, 'm.m3u8')).toContain(
      '#EXT-X-STREAM-INF:BANDWIDTH=1000000\n',
    );
  });

  it.each([
    [{ codec: 'h264', profile: 'High', level: 41 }, 'aac', 'avc1.640029,mp4a.40.2'],
    [{ codec: 'h264', profile: 'Main', level: 31 }, null, 'avc1.4d001f'],
    [{ codec: 'h264', profile: 'Constrained Baseline', level: 30 }, 'mp3', 'avc1.42e01e,mp4a.40.34'],
    [{ codec: 'h264', profile: 'High', level: null }, 'aac', null],
    [{ codec: 'hevc', profile: 'Main', level: 120 }, 'aac', null],
    [{ codec: 'h264', profile: 'High', level: 40 }, 'dts', null],
  ])('codecs of %o + %s → %s', (video, audio, expected) => {
    expect(codecsAttribute(video, audio)).toBe(expected);
  });
});

describe('ffmpeg arguments of a run', () => {
  const SCALE_720x576 = 'w=min(iw\\,720):h=min(ih\\,576):force_original_aspect_ratio=decrease:force_divisible_by=2';
  const probe: ProbeInfo = {
    container: 'matroska,webm',
    durationSec: 9,
    bitRate: 5e6,
    video: { codec: 'mpeg2video', profile: 'Main', width: 720, height: 576, frameRate: 25, pixelFormat: 'yuv420p', bitDepth: 8 },
    audio: [{ index: 1, codec: 'ac3', channels: 6, channelLayout: '5.1', language: 'eng', title: null, isDefault: true }],
    subtitles: [
      { index: 2, codec: 'subrip', language: 'eng', title: null, isDefault: false, isForced: false },
      { index: 3, codec: 'hdmv_pgs_subtitle', language: 'fre', title: null, isDefault: false, isForced: false },
    ],
  };
  const decision: PlaybackDecision = {
    method: 'transcode',
    reasons: [],
    container: 'mpegts',
    video: { action: 'transcode', codec: 'h264', width: 720, height: 576, bitrate: 2e6 },
    audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 2, bitrate: 192000 },
    subtitle: null,
  };
  const spec = (over: Partial<Parameters<typeof buildHlsArgs>[0]> = {}) => ({
    input: '/m/a.mkv',
    probe,
    decision,
    plan: fixedSegmentPlan(9),
    startSegment: 0,
    outDir: '/tmp/run1',
    encoder: { kind: 'software' as const },
    ...over,
  });
  const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

  it('the first run reads from the start, forces keyframes and cuts on every boundary', () => {
    const args = buildHlsArgs(spec());
    expect(args).not.toContain('-ss');
    expect(after(args, '-force_key_frames')).toBe('0,2,4,6,8');
    expect(after(args, '-segment_times')).toBe('2,4,6,8');
    expect(after(args, '-segment_start_number')).toBe('0');
    expect(after(args, '-output_ts_offset')).toBe('1');
    expect(after(args, '-vf')).toBe(`scale=${SCALE_720x576},format=yuv420p`);
    expect(args.join(' ')).toContain('-c:v libx264');
    expect(args.join(' ')).toContain('-map 0:1 -c:a aac -b:a 192000 -ac 2');
    expect(args.at(-1)).toBe('/tmp/run1/seg%d.ts');
  });

  it('a run from segment 3 seeks there, keeps the numbering and stamps source time', () => {
    const args = buildHlsArgs(spec({ startSegment: 3 }));
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 4)).toEqual(['-ss', '6', '-i', '/m/a.mkv']);
    expect(after(args, '-force_key_frames')).toBe('0,2');
    expect(after(args, '-segment_times')).toBe('8');
    expect(after(args, '-segment_start_number')).toBe('3');
    expect(after(args, '-output_ts_offset')).toBe('7');
  });

  it('a remux copies the video and the chosen audio, with no encoder or keyframe forcing', () => {
    const remux: PlaybackDecision = {
      ...decision,
      method: 'remux',
      video: { action: 'copy', codec: 'h264', width: null, height: null, bitrate: null },
      audio: { stream: 1, action: 'copy', codec: 'aac', channels: 2, bitrate: null },
    };
    const args = buildHlsArgs(spec({ decision: remux }));
    expect(args.join(' ')).toContain('-map 0:V:0 -c:v copy -map 0:1 -c:a copy');
    expect(args).not.toContain('-force_key_frames');
    expect(args).not.toContain('libx264');
  });

  it('a hardware encoder brings its device set-up before the input and its upload filter', () => {
    const args = buildHlsArgs(spec({ encoder: { kind: 'vaapi', device: '/dev/dri/renderD129' }, startSegment: 1 }));
    expect(args.slice(args.indexOf('-vaapi_device'), args.indexOf('-vaapi_device') + 4)).toEqual([
      '-vaapi_device',
      '/dev/dri/renderD129',
      '-ss',
      '2',
    ]);
    expect(after(args, '-vf')).toMatch(/^format=nv12,hwupload,scale_vaapi=/);
    expect(after(args, '-c:v')).toBe('h264_vaapi');
  });

  it('no audio track means no audio', () => {
    expect(buildHlsArgs(spec({ decision: { ...decision, audio: null } }))).toContain('-an');
  });

  it('burns a text subtitle with the subtitles filter, shifted to source time after a seek', () => {
    const args = buildHlsArgs(spec({ decision: { ...decision, subtitle: { stream: 2, delivery: 'burn' } }, startSegment: 2 }));
    expect(after(args, '-vf')).toBe(
      `setpts=PTS+4/TB,subtitles=/m/a.mkv:si=0,setpts=PTS-STARTPTS,scale=${SCALE_720x576},format=yuv420p`,
    );
  });

  it('burns a picture subtitle by overlaying its stream', () => {
    const args = buildHlsArgs(spec({ decision: { ...decision, subtitle: { stream: 3, delivery: 'burn' } } }));
    expect(after(args, '-filter_complex')).toBe(`[0:V:0][0:3]overlay,scale=${SCALE_720x576},format=yuv420p[v]`);
    expect(after(args, '-map')).toBe('[v]');
  });

  it.each([
    ['/m/plain.mkv', '/m/plain.mkv'],
    // checked with ffmpeg 5.1 on a real file named like this: the subtitles filter opens it
    ["/m/it's: [x], y.mkv", "/m/it\\\\\\'s\\\\: \\[x\\]\\, y.mkv"],
  ])('escapes %s for a filter option', (value, expected) => {
    expect(escapeFilterValue(value)).toBe(expected);
  });
});
