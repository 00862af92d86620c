import { describe, expect, it } from 'vitest';
import { DLNA_FLAGS, dlnaProfileName, formatDuration, mimeTypeOf, protocolInfo, type StreamShape } from './dlna-media-format.js';

const shape = (overrides: Partial<StreamShape>): StreamShape => ({
  container: 'mp4',
  videoCodec: 'h264',
  videoProfile: 'High',
  width: 1920,
  height: 1080,
  frameRate: 23.976,
  audioCodec: 'aac',
  ...overrides,
});

describe('DLNA media profile names', () => {
  it.each<[string, Partial<StreamShape>, string | null]>([
    ['H.264 High + AAC MP4 1080p', {}, 'AVC_MP4_HP_HD_AAC'],
    ['H.264 Main + AAC MP4 SD', { videoProfile: 'Main', width: 720, height: 576 }, 'AVC_MP4_MP_SD_AAC_MULT5'],
    ['H.264 High + AAC MP4 SD', { width: 720, height: 480 }, 'AVC_MP4_HP_HD_AAC'],
    ['H.264 MP4 without audio', { audioCodec: null }, 'AVC_MP4_HP_HD_AAC'],
    ['H.264 + AC-3 MP4: unsure', { audioCodec: 'ac3' }, null],
    ['H.264 MP4 4K: no HD profile', { width: 3840, height: 2160 }, null],
    ['H.264 High 10: unknown profile', { videoProfile: 'High 10' }, null],
    ['H.264 + AAC MKV', { container: 'mkv' }, 'AVC_MKV_HP_HD_AAC_MULT5'],
    ['H.264 + AC-3 MKV', { container: 'mkv', audioCodec: 'ac3' }, 'AVC_MKV_HP_HD_AC3'],
    ['H.264 + DTS MKV', { container: 'mkv', audioCodec: 'dts' }, null],
    ['H.264 + AC-3 TS 23.976', { container: 'mpegts', audioCodec: 'ac3' }, 'AVC_TS_HD_24_AC3_ISO'],
    ['H.264 + AC-3 TS 25', { container: 'mpegts', audioCodec: 'ac3', frameRate: 25 }, 'AVC_TS_HD_50_AC3_ISO'],
    ['H.264 + AC-3 TS 29.97', { container: 'mpegts', audioCodec: 'ac3', frameRate: 29.97 }, 'AVC_TS_HD_60_AC3_ISO'],
    ['H.264 + AC-3 M2TS 59.94', { container: 'm2ts', audioCodec: 'ac3', frameRate: 59.94 }, 'AVC_TS_HD_60_AC3_T'],
    ['H.264 + AC-3 TS odd rate', { container: 'mpegts', audioCodec: 'ac3', frameRate: 15 }, null],
    ['H.264 + AAC TS: unsure', { container: 'mpegts' }, null],
    [
      'MPEG-2 TS 1080 29.97',
      { container: 'mpegts', videoCodec: 'mpeg2video', videoProfile: 'Main', frameRate: 29.97, audioCodec: 'ac3' },
      'MPEG_TS_HD_NA_ISO',
    ],
    [
      'MPEG-2 TS 576 25',
      { container: 'mpegts', videoCodec: 'mpeg2video', width: 720, height: 576, frameRate: 25 },
      'MPEG_TS_SD_EU_ISO',
    ],
    [
      'MPEG-2 TS 480 29.97',
      { container: 'mpegts', videoCodec: 'mpeg2video', width: 720, height: 480, frameRate: 29.97 },
      'MPEG_TS_SD_NA_ISO',
    ],
    [
      'MPEG-2 PS PAL',
      { container: 'mpeg', videoCodec: 'mpeg2video', width: 720, height: 576, frameRate: 25, audioCodec: 'mp2' },
      'MPEG_PS_PAL',
    ],
    [
      'MPEG-2 PS NTSC',
      { container: 'mpeg', videoCodec: 'mpeg2video', width: 720, height: 480, frameRate: 29.97, audioCodec: 'ac3' },
      'MPEG_PS_NTSC',
    ],
    ['MPEG-2 PS HD: none', { container: 'mpeg', videoCodec: 'mpeg2video', frameRate: 29.97 }, null],
    ['HEVC MKV: none', { container: 'mkv', videoCodec: 'hevc', videoProfile: 'Main 10' }, null],
    ['no size known: none', { width: null, height: null }, null],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(dlnaProfileName(shape(overrides))).toBe(expected);
  });
});

describe('protocolInfo and formats', () => {
  it('writes byte-seekable originals and time-seekable transcodes', () => {
    expect(protocolInfo({ mime: 'video/mp4', profileName: 'AVC_MP4_HP_HD_AAC', transcoded: false })).toBe(
      `http-get:*:video/mp4:DLNA.ORG_PN=AVC_MP4_HP_HD_AAC;DLNA.ORG_OP=01;DLNA.ORG_CI=0;DLNA.ORG_FLAGS=${DLNA_FLAGS}`,
    );
    expect(protocolInfo({ mime: 'video/mpeg', profileName: null, transcoded: true })).toBe(
      'http-get:*:video/mpeg:DLNA.ORG_OP=10;DLNA.ORG_CI=1;DLNA.ORG_FLAGS=01700000000000000000000000000000',
    );
  });

  it('names MIME types by container', () => {
    expect(mimeTypeOf('mp4')).toBe('video/mp4');
    expect(mimeTypeOf('mkv')).toBe('video/x-matroska');
    expect(mimeTypeOf('mpegts')).toBe('video/mpeg');
    expect(mimeTypeOf('m2ts')).toBe('video/vnd.dlna.mpeg-tts');
    expect(mimeTypeOf('avi')).toBe('video/x-msvideo');
    expect(mimeTypeOf('unknown')).toBe('application/octet-stream');
  });

  it.each([
    [0, '0:00:00.000'],
    [7023.25, '1:57:03.250'],
    [59.9996, '0:01:00.000'],
    [36_000.5, '10:00:00.500'],
    [-3, '0:00:00.000'],
  ])('formats %s s as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
