import { describe, expect, it } from 'vitest';
import { containerName } from './container-names.js';

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';

describe('containerName: ffprobe format_name + the file name → one container name', () => {
  it.each([
    [MP4, 'Movie.mp4', 'mp4'],
    [MP4, 'Movie.M4V', 'mp4'],
    [MP4, 'clip.mov', 'mov'],
    [MP4, 'phone.3gp', '3gp'],
    // a mislabelled file is what ffprobe says it is
    [MP4, 'Movie.mkv', 'mp4'],
    ['matroska,webm', 'Movie.mkv', 'mkv'],
    ['matroska,webm', 'video.webm', 'webm'],
    ['matroska,webm', 'no-extension', 'mkv'],
    ['mpegts', 'recording.ts', 'mpegts'],
    ['mpegts', 'BDMV/STREAM/00001.m2ts', 'm2ts'],
    ['mpegts', 'camcorder.MTS', 'm2ts'],
    ['avi', 'old.avi', 'avi'],
    ['asf', 'old.wmv', 'asf'],
    ['flv', 'stream.flv', 'flv'],
    ['mpeg', 'VIDEO_TS/VTS_01_1.VOB', 'vob'],
    ['mpeg', 'tv.mpg', 'mpeg'],
    ['ogg', 'film.ogv', 'ogg'],
    ['unknown', 'Movie.mkv', 'mkv'],
    ['', 'odd.xyz', 'unknown'],
    ['nut', 'odd.nut', 'nut'],
  ])('%s + %s → %s', (format, file, expected) => {
    expect(containerName(format, file)).toBe(expected);
  });
});
