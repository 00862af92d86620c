import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Real, tiny H.264/AAC MP4 made by ffmpeg: what a browser plays directly. */
export function makeClip(file: string, seconds = 4, size = '320x180'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${size}:rate=25`,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000',
      '-t',
      String(seconds),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '25',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-movflags',
      '+faststart',
      file,
    ],
    { stdio: 'pipe' },
  );
}

/** An MKV with a second audio track and a subtitle track, for the technical-info page. */
export function makeMkv(file: string, seconds = 3): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const srt = path.join(os.tmpdir(), `racoon-sub-${process.pid}-${Date.now()}.srt`);
  fs.writeFileSync(srt, '1\n00:00:00,000 --> 00:00:02,000\nHello\n');
  execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x180:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=660',
      '-i',
      srt,
      '-t',
      String(seconds),
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-map',
      '2:a',
      '-map',
      '3:s',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-c:s',
      'srt',
      '-metadata:s:a:0',
      'language=eng',
      '-metadata:s:a:1',
      'language=rus',
      '-metadata:s:s:0',
      'language=eng',
      file,
    ],
    { stdio: 'pipe' },
  );
  fs.rmSync(srt, { force: true });
}

export interface MediaTree {
  root: string;
  movieFile: string;
  episodeFiles: string[];
}

/**
 * A small library like a user's: a movie folder, a series with two seasons in Jellyfin layout, and
 * scene-named episodes of another series loose in the root. One clip is encoded and then copied.
 */
export function makeMediaTree(root: string): MediaTree {
  const clip = path.join(root, '.clip.mp4');
  makeClip(clip);
  const place = (relative: string) => {
    const target = path.join(root, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(clip, target);
    return target;
  };
  const movieFile = path.join(root, 'Movies', 'Big Buck Test (2008)', 'Big Buck Test (2008).mkv');
  makeMkv(movieFile);
  const episodeFiles = [
    place('Shows/Test Show/Season 01/Test Show S01E01.mp4'),
    place('Shows/Test Show/Season 01/Test Show S01E02.mp4'),
    place('Shows/Test Show/Season 02/Test Show S02E01.mp4'),
    place('Scene.Show.S01E03.1080p.WEB-DL.x264-GRP.mp4'),
  ];
  fs.rmSync(clip);
  return { root, movieFile, episodeFiles };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `racoon-${prefix}-`));
}
