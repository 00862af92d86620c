// The playback decision as a table, like Jellyfin's StreamBuilder tests: [profile, file, choice] → method + the exact
// reason codes, over ffprobe summaries of the files people actually have. Then the outputs (sizes, bit rates, tracks),
// the edge cases and the errors.
import { describe, expect, it } from 'vitest';
import type { AudioStreamInfo, ProbeInfo, SubtitleStreamInfo, VideoStreamInfo } from '../api/api-types.js';
import { summarizeProbe } from '../../native/ffprobe.js';
import { BUILTIN_DEVICE_PROFILES } from './device-profiles.js';
import { decidePlayback, fitSize, heightForBitrate, PlaybackError } from './playback-decision.js';
import type {
  DeviceProfile,
  MediaSource,
  PlaybackChoice,
  PlaybackDecision,
  PlaybackReasonCode,
  PlayMethod,
} from './playback-types.js';

// ---- fixtures -------------------------------------------------------------------------------------------------------

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';
const MKV = 'matroska,webm';

const video = (over: Partial<VideoStreamInfo> = {}): VideoStreamInfo => ({
  codec: 'h264',
  profile: 'High',
  width: 1920,
  height: 1080,
  frameRate: 23.976,
  pixelFormat: 'yuv420p',
  bitDepth: 8,
  level: 41,
  bitRate: 6_000_000,
  colorTransfer: 'bt709',
  ...over,
});
const audio = (index: number, codec: string, over: Partial<AudioStreamInfo> = {}): AudioStreamInfo => ({
  index,
  codec,
  profile: codec === 'aac' ? 'LC' : null,
  channels: 2,
  channelLayout: 'stereo',
  sampleRate: 48_000,
  bitRate: codec === 'aac' ? 192_000 : 640_000,
  language: 'eng',
  title: null,
  isDefault: index === 1,
  ...over,
});
const subtitle = (index: number, codec: string, over: Partial<SubtitleStreamInfo> = {}): SubtitleStreamInfo => ({
  index,
  codec,
  language: 'eng',
  title: null,
  isDefault: false,
  isForced: false,
  ...over,
});
const file = (path: string, probe: Partial<ProbeInfo> & Pick<ProbeInfo, 'container'>, size = 4_000_000_000): MediaSource => ({
  path,
  size,
  probe: { durationSec: 5400, bitRate: 6_500_000, video: video(), audio: [audio(1, 'aac')], subtitles: [], ...probe },
});
const surround = { channels: 6, channelLayout: '5.1(side)' };

const FIXTURES = {
  'mp4-h264-aac': file('/m/Movie (2010)/Movie.mp4', { container: MP4 }),
  'mov-h264-aac': file('/m/clip.mov', { container: MP4 }),
  'mp4-h264-aac-small': file('/m/small.mp4', {
    container: MP4,
    bitRate: 1_100_000,
    video: video({ profile: 'Main', width: 640, height: 360, level: 30, bitRate: 1_000_000 }),
    audio: [audio(1, 'aac', { bitRate: 96_000 })],
  }),
  'mp4-h264-aac51-small': file('/m/small51.mp4', {
    container: MP4,
    bitRate: 1_300_000,
    video: video({ profile: 'Main', width: 640, height: 360, level: 30, bitRate: 1_000_000 }),
    audio: [audio(1, 'aac', { ...surround, bitRate: 256_000 })],
  }),
  'mp4-h264-aac-movtext': file('/m/with-subs.mp4', { container: MP4, subtitles: [subtitle(2, 'mov_text')] }),
  'mp4-two-aac': file('/m/dub.mp4', { container: MP4, audio: [audio(1, 'aac'), audio(2, 'aac', { language: 'rus' })] }),
  'mp4-h264-high10': file('/m/anime.mp4', {
    container: MP4,
    video: video({ profile: 'High 10', bitDepth: 10, pixelFormat: 'yuv420p10le' }),
  }),
  'mp4-h264-flac71': file('/m/concert.mp4', {
    container: MP4,
    audio: [audio(1, 'flac', { channels: 8, channelLayout: '7.1', bitRate: 2_500_000 })],
  }),
  'mp4-h264-4k': file('/m/4k.mp4', {
    container: MP4,
    bitRate: 30_000_000,
    video: video({ width: 3840, height: 2160, level: 51, bitRate: 29_000_000 }),
  }),
  'mp4-hevc10-eac3': file('/m/hdr.mp4', {
    container: MP4,
    bitRate: 40_000_000,
    video: video({
      codec: 'hevc',
      profile: 'Main 10',
      width: 3840,
      height: 2160,
      level: 153,
      bitDepth: 10,
      pixelFormat: 'yuv420p10le',
      colorTransfer: 'smpte2084',
      bitRate: 39_000_000,
    }),
    audio: [audio(1, 'eac3', surround)],
  }),
  'mkv-hevc10-hdr-eac3': file('/m/HDR.Release.2160p.mkv', {
    container: MKV,
    bitRate: 40_000_000,
    video: video({
      codec: 'hevc',
      profile: 'Main 10',
      width: 3840,
      height: 2160,
      level: 153,
      bitDepth: 10,
      pixelFormat: 'yuv420p10le',
      colorTransfer: 'smpte2084',
      bitRate: null,
    }),
    audio: [audio(1, 'eac3', surround)],
  }),
  'mkv-h264-aac-srt': file('/m/Show.S01E01.mkv', { container: MKV, subtitles: [subtitle(2, 'subrip')] }),
  'mkv-h264-ac3-srt': file('/m/Movie.1080p.mkv', {
    container: MKV,
    audio: [audio(1, 'ac3', surround)],
    subtitles: [subtitle(2, 'subrip')],
  }),
  'mkv-h264-dts-pgs': file('/m/Movie.BluRay.mkv', {
    container: MKV,
    audio: [audio(1, 'dts', { ...surround, profile: 'DTS' })],
    subtitles: [subtitle(2, 'hdmv_pgs_subtitle')],
  }),
  'mkv-two-audio-rus-default': file('/m/Movie.Dub.mkv', {
    container: MKV,
    audio: [audio(1, 'aac', { isDefault: false }), audio(2, 'aac', { language: 'rus', isDefault: true })],
  }),
  'mkv-mpeg2-ac3': file('/m/dvd.mkv', {
    container: MKV,
    bitRate: 6_000_000,
    video: video({ codec: 'mpeg2video', profile: 'Main', width: 720, height: 576, level: 8, bitRate: null }),
    audio: [audio(1, 'ac3', { ...surround, bitRate: 448_000 })],
  }),
  'webm-vp9-opus': file('/m/video.webm', {
    container: MKV,
    video: video({ codec: 'vp9', profile: 'Profile 0', level: null }),
    audio: [audio(1, 'opus', { bitRate: null })],
  }),
  'mkv-vp9-opus': file('/m/video.mkv', {
    container: MKV,
    video: video({ codec: 'vp9', profile: 'Profile 0', level: null }),
    audio: [audio(1, 'opus', { bitRate: null })],
  }),
  'avi-xvid-mp3': file('/m/old.avi', {
    container: 'avi',
    bitRate: 1_200_000,
    video: video({ codec: 'mpeg4', profile: 'Advanced Simple Profile', width: 640, height: 272, level: 5, bitRate: null }),
    audio: [audio(1, 'mp3', { bitRate: 128_000 })],
  }),
  'ts-h264-ac3': file('/m/recording.ts', { container: 'mpegts', audio: [audio(1, 'ac3', surround)] }),
  'mp4-portrait': file('/m/phone.mp4', {
    container: MP4,
    bitRate: 1_200_000,
    video: video({ width: 1080, height: 1920, level: 40, bitRate: 1_100_000 }),
    audio: [audio(1, 'aac', { bitRate: 96_000 })],
  }),
} satisfies Record<string, MediaSource>;
type FixtureName = keyof typeof FIXTURES;

const PROFILES = Object.fromEntries(BUILTIN_DEVICE_PROFILES.map((p) => [p.name, p])) as Record<string, DeviceProfile>;

type Row = [
  profile: string,
  fixture: FixtureName,
  choice: PlaybackChoice,
  method: PlayMethod,
  reasons: PlaybackReasonCode[],
  expected?: Partial<PlaybackDecision>,
];

// ---- the table ------------------------------------------------------------------------------------------------------

const copy = (codec: string) => expect.objectContaining({ action: 'copy', codec });
const transcoded = (codec: string) => expect.objectContaining({ action: 'transcode', codec });

const ROWS: Row[] = [
  // Chromium (and the desktop app)
  ['chromium', 'mp4-h264-aac', {}, 'direct', [], { container: 'mp4', video: copy('h264'), audio: copy('aac') }],
  ['chromium', 'mov-h264-aac', {}, 'direct', [], { container: 'mov' }],
  ['chromium', 'mp4-h264-aac', { audioStream: 1 }, 'direct', []],
  ['chromium', 'mp4-h264-aac-movtext', { subtitleStream: 2 }, 'direct', [], { subtitle: { stream: 2, delivery: 'vtt' } }],
  ['chromium', 'mkv-h264-aac-srt', {}, 'remux', ['container-not-supported'], { container: 'mpegts', subtitle: null }],
  [
    'chromium',
    'mkv-h264-aac-srt',
    { subtitleStream: 2 },
    'remux',
    ['container-not-supported'],
    { subtitle: { stream: 2, delivery: 'vtt' } },
  ],
  [
    'chromium',
    'mkv-h264-ac3-srt',
    {},
    'transcode',
    ['container-not-supported', 'audio-codec-not-supported'],
    { container: 'mpegts', video: copy('h264'), audio: transcoded('aac') },
  ],
  [
    'chromium',
    'mkv-h264-dts-pgs',
    { subtitleStream: 2 },
    'transcode',
    ['container-not-supported', 'audio-codec-not-supported', 'subtitle-burn-in'],
    { video: transcoded('h264'), subtitle: { stream: 2, delivery: 'burn' } },
  ],
  [
    'chromium',
    'mkv-hevc10-hdr-eac3',
    {},
    'transcode',
    ['container-not-supported', 'video-codec-not-supported', 'video-bit-depth-not-supported', 'audio-codec-not-supported'],
    { video: transcoded('h264'), audio: transcoded('aac') },
  ],
  [
    'chromium',
    'mkv-mpeg2-ac3',
    {},
    'transcode',
    ['container-not-supported', 'video-codec-not-supported', 'audio-codec-not-supported'],
  ],
  ['chromium', 'webm-vp9-opus', {}, 'direct', [], { container: 'webm', video: copy('vp9'), audio: copy('opus') }],
  // Chromium plays VP9 and Opus, but neither can go into the MPEG-TS segments a remux makes
  [
    'chromium',
    'mkv-vp9-opus',
    {},
    'transcode',
    ['container-not-supported', 'video-codec-not-supported', 'audio-codec-not-supported'],
  ],
  ['chromium', 'mp4-h264-high10', {}, 'transcode', ['video-profile-not-supported', 'video-bit-depth-not-supported']],
  [
    'chromium',
    'mp4-h264-flac71',
    {},
    'transcode',
    ['audio-channels-over-limit'],
    { video: copy('h264'), audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 2, bitrate: 192_000 } },
  ],
  ['chromium', 'mp4-h264-aac', { maxBitrate: 3_000_000 }, 'transcode', ['bitrate-over-limit'], { audio: copy('aac') }],
  ['chromium', 'mp4-h264-aac', { maxBitrate: 500_000_000 }, 'direct', []],
  [
    'chromium',
    'mkv-two-audio-rus-default',
    {},
    'remux',
    ['container-not-supported', 'audio-track-not-first'],
    { audio: expect.objectContaining({ stream: 2, action: 'copy' }) },
  ],
  ['chromium', 'mp4-two-aac', {}, 'direct', [], { audio: expect.objectContaining({ stream: 1 }) }],
  ['chromium', 'mp4-two-aac', { audioStream: 2 }, 'remux', ['audio-track-not-first'], { container: 'mpegts' }],
  ['chromium', 'avi-xvid-mp3', {}, 'transcode', ['container-not-supported', 'video-codec-not-supported'], { audio: copy('mp3') }],
  ['chromium', 'ts-h264-ac3', {}, 'transcode', ['container-not-supported', 'audio-codec-not-supported']],
  ['chromium', 'mp4-portrait', {}, 'direct', []],

  // Firefox
  ['firefox', 'mp4-h264-aac', {}, 'direct', []],
  ['firefox', 'mov-h264-aac', {}, 'remux', ['container-not-supported']],
  ['firefox', 'mkv-h264-ac3-srt', {}, 'transcode', ['container-not-supported', 'audio-codec-not-supported']],
  ['firefox', 'webm-vp9-opus', {}, 'direct', []],

  // Safari
  ['safari', 'mp4-h264-aac', {}, 'direct', []],
  ['safari', 'mp4-hevc10-eac3', {}, 'direct', [], { video: copy('hevc'), audio: copy('eac3') }],
  // HLS in MPEG-TS can't carry HEVC for Apple: the picture is converted, the E-AC-3 kept
  [
    'safari',
    'mkv-hevc10-hdr-eac3',
    {},
    'transcode',
    ['container-not-supported', 'video-codec-not-supported'],
    { audio: copy('eac3') },
  ],
  ['safari', 'mkv-h264-ac3-srt', {}, 'remux', ['container-not-supported'], { audio: copy('ac3') }],
  [
    'safari',
    'webm-vp9-opus',
    {},
    'transcode',
    ['container-not-supported', 'video-codec-not-supported', 'audio-codec-not-supported'],
  ],

  // a generic DLNA TV
  ['dlna-generic', 'mp4-h264-aac', {}, 'direct', []],
  ['dlna-generic', 'ts-h264-ac3', {}, 'direct', [], { container: 'mpegts' }],
  // a 1080p decoder plays a phone's portrait 1080×1920 too
  ['dlna-generic', 'mp4-portrait', {}, 'direct', []],
  [
    'dlna-generic',
    'mkv-mpeg2-ac3',
    {},
    'remux',
    ['container-not-supported'],
    { container: 'mpegts', video: copy('mpeg2video'), audio: copy('ac3') },
  ],
  [
    'dlna-generic',
    'mp4-h264-4k',
    {},
    'transcode',
    ['video-level-not-supported', 'video-resolution-over-limit'],
    { video: expect.objectContaining({ width: 1920, height: 1080 }) },
  ],
  [
    'dlna-generic',
    'mkv-h264-aac-srt',
    { subtitleStream: 2 },
    'transcode',
    ['container-not-supported', 'subtitle-burn-in'],
    { subtitle: { stream: 2, delivery: 'burn' } },
  ],

  // Samsung, LG, Sony TVs
  ['samsung-tv', 'mkv-hevc10-hdr-eac3', {}, 'direct', [], { container: 'mkv' }],
  ['samsung-tv', 'mkv-mpeg2-ac3', {}, 'direct', []],
  ['samsung-tv', 'avi-xvid-mp3', {}, 'direct', [], { container: 'avi' }],
  [
    'samsung-tv',
    'mkv-h264-dts-pgs',
    {},
    'transcode',
    ['audio-codec-not-supported'],
    {
      container: 'mpegts',
      video: copy('h264'),
      audio: { stream: 1, action: 'transcode', codec: 'ac3', channels: 6, bitrate: 384_000 },
    },
  ],
  ['samsung-tv', 'mkv-two-audio-rus-default', {}, 'remux', ['audio-track-not-first'], { container: 'mpegts' }],
  ['lg-tv', 'mkv-h264-ac3-srt', {}, 'direct', []],
  // Opus must go; VP9 then can't ride along in MPEG-TS
  ['lg-tv', 'webm-vp9-opus', {}, 'transcode', ['video-codec-not-supported', 'audio-codec-not-supported']],
  ['lg-tv', 'mkv-h264-dts-pgs', { subtitleStream: 2 }, 'transcode', ['audio-codec-not-supported', 'subtitle-burn-in']],
  ['sony-tv', 'mkv-h264-dts-pgs', {}, 'direct', []],
  [
    'sony-tv',
    'mkv-h264-dts-pgs',
    { subtitleStream: 2 },
    'transcode',
    ['subtitle-burn-in'],
    { audio: copy('dts'), container: 'mpegts' },
  ],
  [
    'sony-tv',
    'mp4-h264-flac71',
    {},
    'transcode',
    ['audio-channels-over-limit'],
    { audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 6, bitrate: 320_000 } },
  ],

  // a Telegram clip
  ['telegram', 'mp4-h264-aac-small', {}, 'direct', []],
  [
    'telegram',
    'mp4-h264-aac',
    {},
    'transcode',
    ['video-resolution-over-limit', 'bitrate-over-limit'],
    // 1.5 Mbit/s in all, less the AAC copied as it is (192k)
    { container: 'mp4', video: { action: 'transcode', codec: 'h264', width: 1280, height: 720, bitrate: 1_308_000 } },
  ],
  [
    'telegram',
    'mp4-h264-aac51-small',
    {},
    'transcode',
    ['audio-channels-over-limit'],
    { audio: { stream: 1, action: 'transcode', codec: 'aac', channels: 2, bitrate: 128_000 } },
  ],
  [
    'telegram',
    'mkv-h264-aac-srt',
    {},
    'transcode',
    ['container-not-supported', 'video-resolution-over-limit', 'bitrate-over-limit'],
  ],
  [
    'telegram',
    'mp4-portrait',
    {},
    'transcode',
    ['video-resolution-over-limit'],
    { video: expect.objectContaining({ width: 720, height: 1280 }) },
  ],
];

describe('decidePlayback: the table', () => {
  it.each(ROWS)('%s + %s %o → %s %o', (profileName, fixture, choice, method, reasons, expected) => {
    const decision = decidePlayback(FIXTURES[fixture], PROFILES[profileName], choice);
    expect(decision.method).toBe(method);
    expect(decision.reasons.map((r) => r.code)).toEqual(reasons);
    if (expected) expect(decision).toMatchObject(expected);
    // the decision is consistent with itself
    expect(decision.container).toBe(method === 'direct' ? decision.container : PROFILES[profileName].transcode.container);
    const anyTranscode = decision.video.action === 'transcode' || decision.audio?.action === 'transcode';
    expect(anyTranscode).toBe(method === 'transcode');
    for (const reason of decision.reasons) expect(reason.text.length).toBeGreaterThan(10);
  });

  it('covers every reason code and every built-in profile', () => {
    const codes = new Set(ROWS.flatMap((row) => row[4]));
    const all: PlaybackReasonCode[] = [
      'container-not-supported',
      'video-codec-not-supported',
      'video-profile-not-supported',
      'video-level-not-supported',
      'video-bit-depth-not-supported',
      'video-resolution-over-limit',
      'bitrate-over-limit',
      'audio-codec-not-supported',
      'audio-channels-over-limit',
      'audio-track-not-first',
      'subtitle-burn-in',
    ];
    expect([...codes].sort()).toEqual([...all].sort());
    expect(new Set(ROWS.map((row) => row[0]))).toEqual(new Set(BUILTIN_DEVICE_PROFILES.map((p) => p.name)));
  });
});

describe('decidePlayback: reasons people can read', () => {
  const reasonsOf = (profile: string, fixture: FixtureName, choice: PlaybackChoice = {}) =>
    decidePlayback(FIXTURES[fixture], PROFILES[profile], choice).reasons.map((r) => r.text);

  it('name the concrete value and what the device plays', () => {
    expect(reasonsOf('chromium', 'mkv-h264-ac3-srt')).toEqual([
      "MKV container isn't supported by Chromium (plays MP4, WebM, MOV)",
      "AC-3 audio isn't supported by Chromium (plays AAC, MP3, Opus, Vorbis, FLAC)",
    ]);
    expect(reasonsOf('chromium', 'mkv-hevc10-hdr-eac3')).toEqual([
      "MKV container isn't supported by Chromium (plays MP4, WebM, MOV)",
      "HEVC video isn't supported by Chromium (plays H.264, VP8, VP9, AV1)",
      '10-bit video; Chromium gets 8-bit H.264 instead',
      "E-AC-3 audio isn't supported by Chromium (plays AAC, MP3, Opus, Vorbis, FLAC)",
    ]);
    expect(reasonsOf('chromium', 'mp4-h264-high10')).toEqual([
      'H.264 profile "High 10" isn\'t supported by Chromium (plays constrained baseline, baseline, main, high)',
      '10-bit video; Chromium plays up to 8-bit',
    ]);
    expect(reasonsOf('dlna-generic', 'mp4-h264-4k')).toEqual([
      'H.264 level 5.1; DLNA TV (generic) plays up to 4.1',
      '3840×2160 video; DLNA TV (generic) plays up to 1920×1080',
    ]);
    expect(reasonsOf('chromium', 'mp4-h264-flac71')).toEqual(['8-channel audio; Chromium plays up to 6 channels']);
    expect(reasonsOf('chromium', 'mkv-vp9-opus').slice(1)).toEqual([
      "VP9 video can't be carried in the HLS MPEG-TS stream Chromium gets, so it is converted",
      "Opus audio can't be carried in the HLS MPEG-TS stream Chromium gets, so it is converted",
    ]);
  });

  it('say which limit a bit rate is over: the profile’s or the one asked for', () => {
    expect(reasonsOf('telegram', 'mp4-h264-aac')[1]).toBe('6.5 Mbit/s is over the 1.5 Mbit/s Telegram clip streams');
    expect(reasonsOf('chromium', 'mp4-h264-aac', { maxBitrate: 3_000_000 })).toEqual([
      '6.5 Mbit/s is over the 3 Mbit/s limit asked for',
    ]);
  });

  it('name the audio track and the subtitle', () => {
    expect(reasonsOf('chromium', 'mp4-two-aac', { audioStream: 2 })).toEqual([
      "Audio track #2 (rus, AAC) isn't the file's first: Chromium would play #1 of the file as it is",
    ]);
    expect(reasonsOf('chromium', 'mkv-h264-dts-pgs', { subtitleStream: 2 }).at(-1)).toBe(
      'PGS subtitles are pictures: for Chromium they are drawn into the video',
    );
    expect(reasonsOf('samsung-tv', 'mkv-h264-aac-srt', { subtitleStream: 2 })).toEqual([
      "Samsung TV (Tizen) can't show SubRip subtitles beside the video: they are drawn into it",
    ]);
  });
});

describe('decidePlayback: outputs', () => {
  const decide = (source: MediaSource, profile = 'chromium', choice: PlaybackChoice = {}) =>
    decidePlayback(source, PROFILES[profile], choice);
  const mpeg2 = (width: number, height: number) =>
    file('/m/x.mkv', { container: MKV, video: video({ codec: 'mpeg2video', width, height, bitRate: null }) });

  it.each([
    [20_000_000, 1920, 1080],
    [8_000_000, 1920, 1080],
    [4_000_000, 1280, 720],
    [1_500_000, 852, 480],
    [700_000, 640, 360],
  ])('a client cap of %i b/s shrinks a 1080p transcode to %ix%i (fewer bits, fewer pixels)', (maxBitrate, width, height) => {
    expect(decide(mpeg2(1920, 1080), 'chromium', { maxBitrate }).video).toMatchObject({ width, height });
  });

  it("the profile's own limits never shrink the picture by rate: only the client's cap does", () => {
    expect(decide(mpeg2(1920, 1080), 'telegram').video).toMatchObject({ width: 1280, height: 720 });
  });

  it.each([
    [500_000, 360],
    [799_999, 360],
    [800_000, 480],
    [1_600_000, 720],
    [4_500_000, 1080],
    [12_000_000, 2160],
  ])('heightForBitrate(%i) = %i', (rate, height) => {
    expect(heightForBitrate(rate)).toBe(height);
  });

  it('a transcode fits the picture into the target, keeping its aspect, in even numbers, never upscaled', () => {
    expect(decide(FIXTURES['mkv-hevc10-hdr-eac3']).video).toMatchObject({ width: 1920, height: 1080 });
    expect(decide(mpeg2(720, 576)).video).toMatchObject({ width: 720, height: 576 });
    // 2.40:1 scope into 1280×720: 1280×533.3 → 534
    expect(decide(mpeg2(1920, 800), 'telegram').video).toMatchObject({ width: 1280, height: 534 });
    // 4:3 into 16:9: the height decides
    expect(decide(mpeg2(1440, 1080), 'telegram').video).toMatchObject({ width: 960, height: 720 });
    // odd sizes become even without growing past the source
    expect(decide(mpeg2(1917, 1037)).video).toMatchObject({ width: 1916, height: 1036 });
    expect(decide(mpeg2(853, 480)).video).toMatchObject({ width: 852, height: 480 });
    // unknown size: the transcoder fits it into the target itself
    expect(decide(mpeg2(0, 0)).video).toMatchObject({ width: null, height: null });
  });

  it.each([
    [{ width: 3840, height: 2160 }, 1920, 1080, { width: 1920, height: 1080 }],
    [{ width: 1080, height: 1920 }, 1280, 720, { width: 720, height: 1280 }],
    [{ width: 1000, height: 1000 }, 1280, 720, { width: 720, height: 720 }],
    [{ width: 641, height: 361 }, 1920, 1080, { width: 640, height: 360 }],
    [{ width: 3, height: 3 }, 1920, 1080, { width: 2, height: 2 }],
    [{ width: null, height: 720 }, 1920, 1080, null],
  ])('fitSize(%o into %i×%i) = %o', (size, maxWidth, maxHeight, expected) => {
    expect(fitSize(size, maxWidth, maxHeight)).toEqual(expected);
  });

  it('the video bit rate is the target’s, under the cap less the audio, and not above what the source has', () => {
    // 8 Mbit/s target; the 6 Mbit/s H.264 source isn't worth more
    expect(decide(FIXTURES['mp4-h264-high10']).video.bitrate).toBe(6_000_000);
    // HEVC needs about half of H.264's bits: 40 Mbit/s of HEVC gets the whole 8 Mbit/s target
    expect(decide(FIXTURES['mkv-hevc10-hdr-eac3']).video.bitrate).toBe(8_000_000);
    // a cap asked for: 3 Mbit/s less the 192k AAC copied
    expect(decide(FIXTURES['mp4-h264-aac'], 'chromium', { maxBitrate: 3_000_000 }).video.bitrate).toBe(2_808_000);
    // a cap so low the audio eats it still leaves a picture
    expect(decide(FIXTURES['mp4-h264-aac'], 'chromium', { maxBitrate: 200_000 }).video.bitrate).toBe(150_000);
  });

  it('a copied stream keeps its own numbers; a file without audio has no audio decision', () => {
    const silent = file('/m/silent.mp4', { container: MP4, audio: [] });
    expect(decide(silent)).toEqual({
      method: 'direct',
      reasons: [],
      container: 'mp4',
      video: { action: 'copy', codec: 'h264', width: 1920, height: 1080, bitrate: 6_000_000 },
      audio: null,
      subtitle: null,
    });
  });
});

describe('decidePlayback: edge cases', () => {
  it('the bit rate comes from size and duration when ffprobe gave none, and is ignored when neither is known', () => {
    // 4.5 GB over an hour: 10 Mbit/s
    const noRate = file('/m/a.mp4', { container: MP4, bitRate: null, durationSec: 3600 }, 4_500_000_000);
    expect(decidePlayback(noRate, PROFILES.chromium, { maxBitrate: 8_000_000 }).reasons[0].text).toBe(
      '10 Mbit/s is over the 8 Mbit/s limit asked for',
    );
    expect(decidePlayback(noRate, PROFILES.chromium, { maxBitrate: 12_000_000 }).method).toBe('direct');
    const unknown = file('/m/a.mp4', { container: MP4, bitRate: null, durationSec: null }, 4_500_000_000);
    expect(decidePlayback(unknown, PROFILES.chromium, { maxBitrate: 1_000_000 }).method).toBe('direct');
  });

  it('files probed before level, bit rates and transfer were read: unknown is no reason', () => {
    const old = file('/m/old.mp4', {
      container: MP4,
      video: { codec: 'h264', profile: null, width: 1920, height: 1080, frameRate: 25, pixelFormat: null, bitDepth: null },
      audio: [{ index: 1, codec: 'aac', channels: null, channelLayout: null, language: null, title: null, isDefault: true }],
    });
    expect(decidePlayback(old, PROFILES['dlna-generic'])).toMatchObject({ method: 'direct', reasons: [] });
    const transcoded = decidePlayback(old, PROFILES.telegram);
    expect(transcoded.method).toBe('transcode');
    expect(transcoded.audio).toEqual({ stream: 1, action: 'copy', codec: 'aac', channels: null, bitrate: null });
  });

  it('cover art is not the video: decided on the real picture; a song with a cover has no video', () => {
    const withCover = summarizeProbe({
      format: { format_name: MKV, duration: '600', bit_rate: '3000000' },
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 600, height: 600, disposition: { attached_pic: 1 } },
        {
          index: 1,
          codec_type: 'video',
          codec_name: 'h264',
          profile: 'High',
          width: 1280,
          height: 720,
          pix_fmt: 'yuv420p',
          level: 31,
        },
        { index: 2, codec_type: 'audio', codec_name: 'aac', channels: 2, disposition: { default: 1 } },
      ],
    });
    expect(decidePlayback({ path: '/m/ep.mkv', size: 1, probe: withCover }, PROFILES.chromium)).toMatchObject({
      method: 'remux',
      video: { action: 'copy', codec: 'h264', width: 1280, height: 720 },
      audio: { stream: 2, action: 'copy' },
    });
    const song = summarizeProbe({
      format: { format_name: 'mp3', duration: '200' },
      streams: [
        { index: 0, codec_type: 'audio', codec_name: 'mp3', channels: 2 },
        { index: 1, codec_type: 'video', codec_name: 'png', disposition: { attached_pic: 1 } },
      ],
    });
    expect(() => decidePlayback({ path: '/m/song.mp3', size: 1, probe: song }, PROFILES.chromium)).toThrow(
      new PlaybackError('This file has no video stream'),
    );
  });

  it('a chosen first track or no choice at all is no reason to remux', () => {
    expect(decidePlayback(FIXTURES['mp4-two-aac'], PROFILES.chromium, { audioStream: 1 }).method).toBe('direct');
  });

  it('a user profile without limits on a codec takes any profile, level and depth up to 8-bit', () => {
    const lenient: DeviceProfile = {
      ...PROFILES.chromium,
      name: 'my-box',
      label: 'My box',
      builtin: false,
      containers: ['mkv'],
      video: [{ codec: 'hevc' }],
    };
    const decision = decidePlayback(FIXTURES['mkv-hevc10-hdr-eac3'], lenient);
    expect(decision.reasons.map((r) => r.code)).toEqual(['video-bit-depth-not-supported', 'audio-codec-not-supported']);
    expect(decision.reasons[0].text).toBe('10-bit video; My box plays up to 8-bit');
  });

  it('never changes what it is given', () => {
    const source = structuredClone(FIXTURES['mkv-h264-dts-pgs']);
    const profile = structuredClone(PROFILES.chromium);
    const before = JSON.stringify([source, profile]);
    const choice = Object.freeze({ subtitleStream: 2, maxBitrate: 2_000_000 });
    decidePlayback(deepFreeze(source), deepFreeze(profile), choice);
    expect(JSON.stringify([source, profile])).toBe(before);
  });
});

describe('decidePlayback: errors', () => {
  const expectError = (fn: () => unknown, message: string) => {
    expect(fn).toThrow(PlaybackError);
    expect(fn).toThrow(message);
  };

  it('no video stream', () => {
    const audioOnly = file('/m/album.m4a', { container: MP4, video: null });
    expectError(() => decidePlayback(audioOnly, PROFILES.chromium), 'This file has no video stream');
  });

  it('a chosen audio or subtitle stream that is not in the file names the ones that are', () => {
    const twoTracks = FIXTURES['mp4-two-aac'];
    expectError(
      () => decidePlayback(twoTracks, PROFILES.chromium, { audioStream: 5 }),
      'No audio stream #5 in this file; it has #1, #2',
    );
    expectError(
      () => decidePlayback(FIXTURES['mkv-h264-aac-srt'], PROFILES.chromium, { subtitleStream: 9 }),
      'No subtitle stream #9 in this file; it has #2',
    );
    expectError(
      () => decidePlayback(twoTracks, PROFILES.chromium, { subtitleStream: 0 }),
      'No subtitle stream #0 in this file; it has none',
    );
    // a subtitle index is not an audio index
    expectError(
      () => decidePlayback(FIXTURES['mkv-h264-aac-srt'], PROFILES.chromium, { audioStream: 2 }),
      'No audio stream #2 in this file; it has #1',
    );
    const silent = file('/m/silent.mp4', { container: MP4, audio: [] });
    expectError(() => decidePlayback(silent, PROFILES.chromium, { audioStream: 1 }), 'it has none');
  });

  it('an unknown duration only matters where HLS needs it', () => {
    const noDuration = (path: string, container: string) =>
      file(path, { container, durationSec: null, bitRate: null }, 1_000_000);
    expect(decidePlayback(noDuration('/m/a.mp4', MP4), PROFILES.chromium).method).toBe('direct');
    expectError(
      () => decidePlayback(noDuration('/m/a.mkv', MKV), PROFILES.chromium),
      "This file's length is unknown (ffprobe found no duration), so it can't be streamed to Chromium as HLS",
    );
    // a progressive file for a TV needs no playlist
    expect(decidePlayback(noDuration('/m/a.mkv', MKV), PROFILES['dlna-generic']).method).toBe('remux');
  });

  it('a bit rate cap must be a positive number', () => {
    for (const maxBitrate of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectError(
        () => decidePlayback(FIXTURES['mp4-h264-aac'], PROFILES.chromium, { maxBitrate }),
        'maxBitrate must be a positive number of bits per second',
      );
    }
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
