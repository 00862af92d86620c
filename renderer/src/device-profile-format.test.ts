import { describe, expect, it } from 'vitest';
import { bitrateText, maxResolutionText, profileSummary, transcodeTargetText, videoRuleText } from './device-profile-format';
import { chromium, tv } from './device-profiles.test-support';

describe('the list’s words', () => {
  it('summarises a profile in six parts', () => {
    expect(profileSummary(chromium)).toEqual([
      'MP4, WebM, MOV',
      'H.264, VP8, VP9',
      'AAC, MP3, Opus',
      'up to 4K',
      '≤ 120 Mb/s',
      'else HLS MPEG-TS: H.264 1080p 8 Mb/s + AAC stereo',
    ]);
    expect(profileSummary(tv)).toEqual([
      'MKV, MPEG-TS',
      'HEVC',
      'AC-3, E-AC-3',
      'up to 1000×500',
      '≤ 1.35 Mb/s',
      'else MPEG-TS file: H.264 720p 12.5 Mb/s + AC-3 5.1',
    ]);
  });

  it('names each codec once (both PCM kinds are PCM) and bitrates as exactly as they were typed', () => {
    expect(profileSummary({ ...tv, audioCodecs: ['aac', 'pcm_s16le', 'pcm_s24le'] })[2]).toBe('AAC, PCM');
    expect(bitrateText(1_350_000)).toBe('1.35 Mb/s');
    expect(bitrateText(120_000_000)).toBe('120 Mb/s');
    expect(bitrateText(192_000)).toBe('192 kb/s');
    expect(bitrateText(96_500)).toBe('96.5 kb/s');
  });

  it('names resolutions and targets', () => {
    expect(maxResolutionText(1280, 720)).toBe('up to 720p');
    expect(maxResolutionText(3840, 2160)).toBe('up to 4K');
    expect(maxResolutionText(1920, 800)).toBe('up to 1920×800');
    expect(transcodeTargetText({ ...chromium.transcode, protocol: 'file', container: 'mp4', maxAudioChannels: 1 })).toBe(
      'MP4 file: H.264 1080p 8 Mb/s + AAC mono',
    );
  });

  it('says what a video rule allows', () => {
    expect(videoRuleText(chromium.video[0])).toBe('constrained baseline, baseline, main, high · level ≤ 5.2 · 8-bit');
    expect(videoRuleText({ codec: 'vp8' })).toBe('8-bit');
    expect(videoRuleText(tv.video[0])).toBe('main, main 10 · level ≤ 5.1 · 10-bit');
  });
});
