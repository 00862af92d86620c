// Two device profiles for the renderer's tests: one like the engine's Chromium built-in, one user's TV with every
// optional field set.
import type { DeviceProfile } from '../../app/api/api-types';

/** like the engine's Chromium built-in */
export const chromium: DeviceProfile = {
  name: 'chromium',
  label: 'Chromium',
  builtin: true,
  containers: ['mp4', 'webm', 'mov'],
  video: [
    { codec: 'h264', profiles: ['constrained baseline', 'baseline', 'main', 'high'], maxLevel: 52, maxBitDepth: 8 },
    { codec: 'vp8' },
    { codec: 'vp9', maxBitDepth: 10 },
  ],
  audioCodecs: ['aac', 'mp3', 'opus'],
  maxAudioChannels: 6,
  maxWidth: 3840,
  maxHeight: 2160,
  maxBitrate: 120_000_000,
  textSubtitles: true,
  transcode: {
    protocol: 'hls',
    container: 'mpegts',
    videoCodec: 'h264',
    audioCodec: 'aac',
    maxWidth: 1920,
    maxHeight: 1080,
    videoBitrate: 8_000_000,
    audioBitrate: 192_000,
    maxAudioChannels: 2,
  },
};

export const tv: DeviceProfile = {
  name: 'bedroom-tv',
  label: 'Bedroom TV',
  builtin: false,
  containers: ['mkv', 'mpegts'],
  video: [{ codec: 'hevc', profiles: ['main', 'main 10'], maxLevel: 153, maxBitDepth: 10 }],
  audioCodecs: ['ac3', 'eac3'],
  maxAudioChannels: 8,
  maxWidth: 1000,
  maxHeight: 500,
  maxBitrate: 1_350_000,
  textSubtitles: false,
  transcode: {
    protocol: 'file',
    container: 'mpegts',
    videoCodec: 'h264',
    audioCodec: 'ac3',
    maxWidth: 1280,
    maxHeight: 720,
    videoBitrate: 12_500_000,
    audioBitrate: 384_000,
    maxAudioChannels: 6,
    copyVideoCodecs: ['h264', 'mpeg2video'],
    copyAudioCodecs: ['ac3'],
  },
};
