import { describe, expect, it } from 'vitest';
import type { PlaybackInfo } from '../../app/api/api-types';
import { deliverySummary, encoderLabel, hlsErrorMessage, methodLabel, videoErrorMessage } from './playback-format';

const base: PlaybackInfo = {
  method: 'direct',
  reasons: [],
  explanation: [],
  url: 'http://127.0.0.1:8700/api/v1/files/1/stream',
  fileId: 1,
  itemId: 1,
  profile: 'chromium',
  durationSec: 60,
  container: 'mp4',
  video: { action: 'copy', codec: 'h264', width: 1920, height: 1080, bitrate: null },
  audio: { stream: 1, action: 'copy', codec: 'aac', channels: 2, bitrate: null },
  subtitle: null,
  audioTracks: [],
  subtitles: [],
  session: null,
};

describe('playback words', () => {
  it('names the method', () => {
    expect([methodLabel('direct'), methodLabel('remux'), methodLabel('transcode')]).toEqual([
      'Direct play',
      'Remux',
      'Transcode',
    ]);
  });

  it('says what is done to the file', () => {
    expect(deliverySummary(base)).toBe('The file plays as it is.');
    expect(deliverySummary({ ...base, method: 'remux', session: { id: 's', segments: 30, encoder: 'software' } })).toBe(
      'Repackaged on the fly as HLS: video copied (H.264), audio copied (AAC).',
    );
    const transcode: PlaybackInfo = {
      ...base,
      method: 'transcode',
      video: { action: 'transcode', codec: 'h264', width: 1280, height: 720, bitrate: 3_800_000 },
      audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 2, bitrate: 192_000 },
      subtitle: { stream: 3, delivery: 'burn' },
      session: { id: 's', segments: 30, encoder: 'vaapi' },
    };
    expect(deliverySummary(transcode)).toBe(
      'Converted on the fly as HLS: video to H.264 720p at 3.8 Mb/s, audio to AAC, stereo, subtitles burnt in (on the GPU with VAAPI).',
    );
    expect(encoderLabel('software')).toBe('on the CPU');
    expect(encoderLabel('something-new')).toBe('something-new');
  });

  it("shows the engine's own message from a failed request, else a plain one", () => {
    expect(
      hlsErrorMessage('fragLoadError', '{"statusCode":422,"error":"Error","message":"Transcoding failed: moov atom not found"}'),
    ).toBe('The stream stopped: Transcoding failed: moov atom not found');
    expect(hlsErrorMessage('manifestLoadError', null)).toMatch(/playlist could not be loaded/);
    expect(hlsErrorMessage('fragLoadTimeOut', '<html>')).toMatch(/piece of the stream/);
    expect(hlsErrorMessage('bufferAppendError', null)).toMatch(/could not decode/);
    expect(hlsErrorMessage('weirdError', null)).toBe('Playback failed (weirdError).');
  });

  it('turns a direct-play MediaError code into words', () => {
    expect(videoErrorMessage(2)).toMatch(/network/);
    expect(videoErrorMessage(4)).toMatch(/lower quality/);
  });
});
