/**
 * The device profiles Racoon ships, in the spirit of Jellyfin's: what each client class plays as it is, and what it
 * gets when it can't. Capabilities are the common denominator of current models (a 2018+ TV, an up-to-date browser),
 * not the best case: a wrong "plays it" is a black screen, a wrong "doesn't" only costs a transcode.
 */
import type { DeviceProfile, TranscodeTarget, VideoCodecRule } from './playback-types.js';

const H264_PROFILES = ['constrained baseline', 'baseline', 'main', 'high'];

/** H.264 8-bit up to `maxLevel` (ffprobe numbers: 41 = 4.1, 52 = 5.2). */
const h264 = (maxLevel: number): VideoCodecRule => ({ codec: 'h264', profiles: H264_PROFILES, maxLevel, maxBitDepth: 8 });
/** HEVC Main and Main 10 up to `maxLevel` (153 = 5.1). */
const hevc10 = (maxLevel: number): VideoCodecRule => ({
  codec: 'hevc',
  profiles: ['main', 'main 10'],
  maxLevel,
  maxBitDepth: 10,
});

/** Browsers: HLS (hls.js in Chromium and Firefox) in MPEG-TS segments, H.264 + stereo AAC. */
const BROWSER_HLS: TranscodeTarget = {
  protocol: 'hls',
  container: 'mpegts',
  videoCodec: 'h264',
  audioCodec: 'aac',
  maxWidth: 1920,
  maxHeight: 1080,
  videoBitrate: 8_000_000,
  audioBitrate: 192_000,
  maxAudioChannels: 2,
};

/** DLNA TVs: one progressive MPEG-TS with H.264 and 5.1 AC-3, which every TV since ~2010 plays. */
const TV_FILE: TranscodeTarget = {
  protocol: 'file',
  container: 'mpegts',
  videoCodec: 'h264',
  audioCodec: 'ac3',
  maxWidth: 1920,
  maxHeight: 1080,
  videoBitrate: 12_000_000,
  audioBitrate: 384_000,
  maxAudioChannels: 6,
};

const BROWSER_AUDIO = ['aac', 'mp3', 'opus', 'vorbis', 'flac'];
const TV_CONTAINERS = ['mkv', 'mp4', 'mov', 'mpegts', 'm2ts', 'avi', 'webm'];
const TV_AUDIO = ['aac', 'mp3', 'mp2', 'ac3', 'eac3', 'pcm_s16le', 'pcm_s24le'];

/** Frozen all the way down: a caller that edits a built-in by mistake gets an error, not a changed default. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const BUILTIN_DEVICE_PROFILES: readonly DeviceProfile[] = deepFreeze([
  {
    name: 'chromium',
    label: 'Chromium',
    builtin: true,
    // the desktop app's window is Chromium too
    containers: ['mp4', 'webm', 'mov'],
    // no HEVC: Chromium decodes it only with platform hardware support, which Linux builds lack
    video: [h264(52), { codec: 'vp8' }, { codec: 'vp9', maxBitDepth: 10 }, { codec: 'av1', maxBitDepth: 10 }],
    audioCodecs: BROWSER_AUDIO,
    maxAudioChannels: 6,
    maxWidth: 3840,
    maxHeight: 2160,
    maxBitrate: 120_000_000,
    textSubtitles: true,
    transcode: BROWSER_HLS,
  },
  {
    name: 'firefox',
    label: 'Firefox',
    builtin: true,
    containers: ['mp4', 'webm', 'ogg'],
    video: [h264(52), { codec: 'vp8' }, { codec: 'vp9', maxBitDepth: 10 }, { codec: 'av1', maxBitDepth: 10 }],
    audioCodecs: BROWSER_AUDIO,
    maxAudioChannels: 6,
    maxWidth: 3840,
    maxHeight: 2160,
    maxBitrate: 120_000_000,
    textSubtitles: true,
    transcode: BROWSER_HLS,
  },
  {
    name: 'safari',
    label: 'Safari (macOS, iPhone, iPad)',
    builtin: true,
    containers: ['mp4', 'mov'],
    video: [h264(52), hevc10(153)],
    audioCodecs: ['aac', 'mp3', 'ac3', 'eac3', 'alac', 'flac'],
    maxAudioChannels: 6,
    maxWidth: 3840,
    maxHeight: 2160,
    maxBitrate: 120_000_000,
    textSubtitles: true,
    // HLS in MPEG-TS carries H.264 only for Apple: HEVC is transcoded when the file needs a remux. With fMP4 segments
    // (container 'mp4') a remux would keep HEVC and AC-3, once the HLS sessions can write them.
    transcode: BROWSER_HLS,
  },
  {
    name: 'dlna-generic',
    label: 'DLNA TV (generic)',
    builtin: true,
    containers: ['mp4', 'mpegts', 'm2ts', 'mpeg'],
    video: [h264(41), { codec: 'mpeg2video', maxBitDepth: 8 }],
    audioCodecs: ['aac', 'mp3', 'mp2', 'ac3'],
    maxAudioChannels: 6,
    maxWidth: 1920,
    maxHeight: 1080,
    maxBitrate: 40_000_000,
    // text subtitles over DLNA work on few TVs, and differently on each: draw them in
    textSubtitles: false,
    transcode: { ...TV_FILE, videoBitrate: 10_000_000 },
  },
  {
    name: 'samsung-tv',
    label: 'Samsung TV (Tizen)',
    builtin: true,
    containers: TV_CONTAINERS,
    video: [h264(51), hevc10(153), { codec: 'mpeg2video' }, { codec: 'mpeg4' }, { codec: 'vp9', maxBitDepth: 10 }],
    // Samsung dropped DTS from its 2018 models
    audioCodecs: [...TV_AUDIO, 'flac'],
    maxAudioChannels: 6,
    maxWidth: 3840,
    maxHeight: 2160,
    maxBitrate: 80_000_000,
    textSubtitles: false,
    transcode: TV_FILE,
  },
  {
    name: 'lg-tv',
    label: 'LG TV (webOS)',
    builtin: true,
    containers: TV_CONTAINERS,
    video: [h264(51), hevc10(153), { codec: 'mpeg2video' }, { codec: 'mpeg4' }, { codec: 'vp9', maxBitDepth: 10 }],
    // DTS is missing on the 2020–2021 models
    audioCodecs: TV_AUDIO,
    maxAudioChannels: 6,
    maxWidth: 3840,
    maxHeight: 2160,
    maxBitrate: 80_000_000,
    textSubtitles: false,
    transcode: TV_FILE,
  },
  {
    name: 'sony-tv',
    label: 'Sony TV (Bravia, Android TV)',
    builtin: true,
    containers: TV_CONTAINERS,
    video: [h264(51), hevc10(153), { codec: 'mpeg2video' }, { codec: 'vp9', maxBitDepth: 10 }],
    audioCodecs: [...TV_AUDIO, 'dts', 'opus', 'vorbis', 'flac'],
    maxAudioChannels: 6,
    maxWidth: 3840,
    maxHeight: 2160,
    maxBitrate: 80_000_000,
    textSubtitles: false,
    transcode: { ...TV_FILE, audioCodec: 'aac', audioBitrate: 320_000 },
  },
  {
    name: 'telegram',
    label: 'Telegram clip',
    builtin: true,
    containers: ['mp4'],
    // what Telegram's apps play inline on every phone
    video: [h264(41)],
    audioCodecs: ['aac'],
    maxAudioChannels: 2,
    maxWidth: 1280,
    maxHeight: 720,
    maxBitrate: 1_500_000,
    textSubtitles: false,
    transcode: {
      protocol: 'file',
      container: 'mp4',
      videoCodec: 'h264',
      audioCodec: 'aac',
      maxWidth: 1280,
      maxHeight: 720,
      videoBitrate: 1_350_000,
      audioBitrate: 128_000,
      maxAudioChannels: 2,
    },
  },
]);
