// The playback decision on real files: ffmpeg makes each kind of source, the real ffprobe reads it, the decision answers
// for the built-in profiles with its reasons.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeInfo } from '../api/api-types.js';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';
import { probeFile } from '../../native/ffprobe.js';
import { BUILTIN_DEVICE_PROFILES } from './device-profiles.js';
import {
  makeDirectPlayMp4,
  makeHevc10Mkv,
  makeMpeg2Ac3Mkv,
  makeMultiTrackMkv,
  makeNoVideoFile,
  makeTruncatedFile,
} from './media-sources.test-support.js';
import { decidePlayback, PlaybackError } from './playback-decision.js';
import type { MediaSource, PlaybackChoice } from './playback-types.js';

const { ffprobe } = resolveFfmpegPaths();
const profile = (name: string) => {
  const found = BUILTIN_DEVICE_PROFILES.find((p) => p.name === name);
  if (!found) throw new Error(`no built-in ${name}`);
  return found;
};

describe('playback decisions on real sources made by ffmpeg', () => {
  let dir: string;
  const sources: Record<string, MediaSource> = {};
  const read = async (name: string, file: string) => {
    const probe: ProbeInfo = await probeFile(ffprobe, file);
    sources[name] = { path: file, size: fs.statSync(file).size, probe };
  };
  const decide = (name: string, profileName: string, choice: PlaybackChoice = {}) =>
    decidePlayback(sources[name], profile(profileName), choice);
  const codes = (name: string, profileName: string, choice: PlaybackChoice = {}) => {
    const decision = decide(name, profileName, choice);
    return [decision.method, decision.reasons.map((r) => r.code)];
  };

  beforeAll(async () => {
    dir = tempDir('playback-sources');
    const at = (name: string) => path.join(dir, name);
    await Promise.all([
      makeDirectPlayMp4(at('direct.mp4')),
      makeMpeg2Ac3Mkv(at('dvd.mkv')),
      makeHevc10Mkv(at('hevc10.mkv')),
      makeMultiTrackMkv(at('multi.mkv')),
      makeNoVideoFile(at('album.m4a')),
    ]);
    await makeTruncatedFile(at('multi.mkv'), at('multi-cut.mkv'));
    await Promise.all([
      read('mp4', at('direct.mp4')),
      read('mpeg2', at('dvd.mkv')),
      read('hevc10', at('hevc10.mkv')),
      read('multi', at('multi.mkv')),
      read('audio-only', at('album.m4a')),
      read('truncated', at('multi-cut.mkv')),
    ]);
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the generators make what they promise', () => {
    expect(sources.mp4.probe).toMatchObject({
      video: { codec: 'h264', width: 320, height: 180, bitDepth: 8 },
      audio: [{ codec: 'aac', channels: 2 }],
    });
    expect(sources.mp4.probe.durationSec).toBeCloseTo(2, 0);
    expect(sources.mpeg2.probe).toMatchObject({ video: { codec: 'mpeg2video' }, audio: [{ codec: 'ac3', channels: 6 }] });
    expect(sources.hevc10.probe).toMatchObject({ video: { codec: 'hevc', profile: 'Main 10', bitDepth: 10 } });
    expect(sources.multi.probe).toMatchObject({
      video: { codec: 'h264' },
      audio: [
        { index: 1, codec: 'aac', language: 'eng', isDefault: true },
        { index: 2, codec: 'ac3', language: 'rus', isDefault: false },
      ],
      subtitles: [{ index: 3, codec: 'subrip', language: 'eng' }],
    });
    expect(sources['audio-only'].probe.video).toBeNull();
    expect(sources.truncated.size).toBeLessThan(sources.multi.size);
  });

  it('H.264/AAC MP4 plays directly in every browser and as a Telegram clip', () => {
    for (const name of ['chromium', 'firefox', 'safari', 'dlna-generic', 'samsung-tv', 'telegram']) {
      expect(decide('mp4', name), name).toMatchObject({
        method: 'direct',
        reasons: [],
        container: 'mp4',
        video: { action: 'copy', codec: 'h264', width: 320, height: 180 },
        audio: { stream: 1, action: 'copy', codec: 'aac' },
      });
    }
  });

  it('MPEG-2 + AC-3 in MKV: a transcode for Chromium, as it is for a Samsung TV, a remux for a generic DLNA TV', () => {
    expect(codes('mpeg2', 'chromium')).toEqual([
      'transcode',
      ['container-not-supported', 'video-codec-not-supported', 'audio-codec-not-supported'],
    ]);
    expect(decide('mpeg2', 'chromium')).toMatchObject({
      container: 'mpegts',
      video: { action: 'transcode', codec: 'h264', width: 320, height: 180 },
      audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 2 },
    });
    expect(codes('mpeg2', 'samsung-tv')).toEqual(['direct', []]);
    expect(decide('mpeg2', 'samsung-tv').container).toBe('mkv');
    expect(codes('mpeg2', 'dlna-generic')).toEqual(['remux', ['container-not-supported']]);
    // Safari decodes AC-3 itself: only the picture is converted
    expect(codes('mpeg2', 'safari')).toEqual(['transcode', ['container-not-supported', 'video-codec-not-supported']]);
    expect(decide('mpeg2', 'safari').audio).toMatchObject({ action: 'copy', codec: 'ac3', channels: 6 });
  });

  it('HEVC 10-bit: Chromium gets 8-bit H.264; Safari plays HEVC but not inside HLS MPEG-TS; TVs play it as it is', () => {
    expect(codes('hevc10', 'chromium')).toEqual([
      'transcode',
      ['container-not-supported', 'video-codec-not-supported', 'video-bit-depth-not-supported'],
    ]);
    expect(decide('hevc10', 'chromium').audio).toMatchObject({ action: 'copy', codec: 'aac' });
    expect(codes('hevc10', 'safari')).toEqual(['transcode', ['container-not-supported', 'video-codec-not-supported']]);
    expect(decide('hevc10', 'safari').reasons[1].text).toBe(
      "HEVC video can't be carried in the HLS MPEG-TS stream Safari (macOS, iPhone, iPad) gets, so it is converted",
    );
    for (const tv of ['samsung-tv', 'lg-tv', 'sony-tv']) expect(codes('hevc10', tv), tv).toEqual(['direct', []]);
    expect(codes('hevc10', 'dlna-generic')[1]).toContain('video-codec-not-supported');
  });

  it('two audio tracks and a subtitle: a remux for Chromium; the second track, the subtitle, a TV', () => {
    expect(codes('multi', 'chromium')).toEqual(['remux', ['container-not-supported']]);
    expect(decide('multi', 'chromium')).toMatchObject({
      container: 'mpegts',
      video: { action: 'copy', codec: 'h264' },
      audio: { stream: 1, action: 'copy', codec: 'aac' },
      subtitle: null,
    });

    // the Russian AC-3 track: Chromium can't decode it, and it isn't the first
    expect(codes('multi', 'chromium', { audioStream: 2 })).toEqual([
      'transcode',
      ['container-not-supported', 'audio-codec-not-supported', 'audio-track-not-first'],
    ]);
    expect(decide('multi', 'chromium', { audioStream: 2 })).toMatchObject({
      video: { action: 'copy' },
      audio: { stream: 2, action: 'transcode', codec: 'aac', channels: 2 },
    });

    // SubRip goes beside the video as WebVTT
    expect(decide('multi', 'chromium', { subtitleStream: 3 })).toMatchObject({
      method: 'remux',
      subtitle: { stream: 3, delivery: 'vtt' },
    });
    // a profile that shows no text subtitles gets them drawn in
    expect(codes('multi', 'dlna-generic', { subtitleStream: 3 })).toEqual([
      'transcode',
      ['container-not-supported', 'subtitle-burn-in'],
    ]);
    expect(decide('multi', 'dlna-generic', { subtitleStream: 3 }).subtitle).toEqual({ stream: 3, delivery: 'burn' });

    // a Samsung TV plays the MKV, but only a remux hands it the second track
    expect(codes('multi', 'samsung-tv')).toEqual(['direct', []]);
    expect(codes('multi', 'samsung-tv', { audioStream: 2 })).toEqual(['remux', ['audio-track-not-first']]);
    expect(decide('multi', 'samsung-tv', { audioStream: 2 }).audio).toMatchObject({ stream: 2, codec: 'ac3', channels: 6 });
  });

  it('bad choices and files: no video, a stream that is not there', () => {
    expect(() => decide('audio-only', 'chromium')).toThrow(new PlaybackError('This file has no video stream'));
    expect(() => decide('multi', 'chromium', { audioStream: 5 })).toThrow('No audio stream #5 in this file; it has #1, #2');
    expect(() => decide('multi', 'chromium', { subtitleStream: 1 })).toThrow('No subtitle stream #1 in this file; it has #3');
  });

  it('a download cut in half still probes; its decision is made from the header like the whole file’s', () => {
    expect(decide('truncated', 'chromium')).toEqual(decide('multi', 'chromium'));
  });
});
