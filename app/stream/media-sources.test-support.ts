/**
 * Real media made by ffmpeg for playback, HLS and transcode tests: small (320×180 by default), short (2 s) and quick
 * (ultrafast presets, lavfi test pictures and tones). Each returns the file it wrote.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resolveFfmpegPaths } from '../../native/ffmpeg-paths.js';

export interface SourceOptions {
  /** length in seconds (default 2) */
  seconds?: number;
  /** picture size, WxH (default 320x180); even numbers for 4:2:0 */
  size?: string;
  /** frames per second (default 25); a keyframe every second */
  rate?: number;
}

const ffmpegPath = () => resolveFfmpegPaths().ffmpeg;

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath(), ['-v', 'error', '-nostdin', '-y', ...args], { timeout: 120_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`ffmpeg failed (${err.message.split('\n')[0]}): ${stderr.trim()}`));
      else resolve();
    });
  });
}

function settings(opts: SourceOptions = {}) {
  const seconds = opts.seconds ?? 2;
  const size = opts.size ?? '320x180';
  const rate = opts.rate ?? 25;
  if (!/^\d+x\d+$/u.test(size)) throw new Error(`size must be WxH, not "${size}"`);
  return { seconds: String(seconds), size, rate, gop: String(rate) };
}

const picture = (size: string, rate: number) => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}`];
const tone = (frequency: number, layout = 'stereo') => [
  '-f',
  'lavfi',
  '-i',
  `sine=frequency=${frequency}:sample_rate=48000,aformat=channel_layouts=${layout}`,
];
const x264 = (gop: string) => ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', gop];

async function prepare(file: string): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
}

/** H.264 (8-bit, yuv420p) + stereo AAC in MP4 with the index up front: what every browser plays as it is. */
export async function makeDirectPlayMp4(file: string, opts?: SourceOptions): Promise<string> {
  const s = settings(opts);
  await prepare(file);
  await run([
    ...picture(s.size, s.rate),
    ...tone(440),
    '-t',
    s.seconds,
    ...x264(s.gop),
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-movflags',
    '+faststart',
    file,
  ]);
  return file;
}

/** MPEG-2 video + 5.1 AC-3 in Matroska: a DVD rip, which browsers can't play and TVs can. */
export async function makeMpeg2Ac3Mkv(file: string, opts?: SourceOptions): Promise<string> {
  const s = settings(opts);
  await prepare(file);
  await run([
    ...picture(s.size, s.rate),
    ...tone(440, '5.1'),
    '-t',
    s.seconds,
    '-c:v',
    'mpeg2video',
    '-q:v',
    '4',
    '-g',
    s.gop,
    '-c:a',
    'ac3',
    '-b:a',
    '384k',
    file,
  ]);
  return file;
}

/** HEVC Main 10 (yuv420p10le, libx265) + AAC in Matroska: a modern release only HEVC-capable devices play. */
export async function makeHevc10Mkv(file: string, opts?: SourceOptions): Promise<string> {
  const s = settings(opts);
  await prepare(file);
  await run([
    ...picture(s.size, s.rate),
    ...tone(440),
    '-t',
    s.seconds,
    '-c:v',
    'libx265',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p10le',
    '-x265-params',
    `log-level=error:keyint=${s.gop}`,
    '-tag:v',
    'hvc1',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    file,
  ]);
  return file;
}

/**
 * H.264 + two audio tracks (#1 AAC stereo "eng", default; #2 AC-3 5.1 "rus") + a SubRip subtitle (#3 "eng") in
 * Matroska: a typical release with a dub and subtitles.
 */
export async function makeMultiTrackMkv(file: string, opts?: SourceOptions): Promise<string> {
  const s = settings(opts);
  await prepare(file);
  const srt = `${file}.${process.pid}.srt`;
  const cues = [];
  for (let i = 0; i < Math.max(1, Math.floor(Number(s.seconds))); i++) {
    cues.push(`${i + 1}\n00:00:${String(i).padStart(2, '0')},000 --> 00:00:${String(i).padStart(2, '0')},900\nLine ${i + 1}\n`);
  }
  await fs.promises.writeFile(srt, cues.join('\n'));
  try {
    await run([
      ...picture(s.size, s.rate),
      ...tone(440),
      ...tone(660, '5.1'),
      '-i',
      srt,
      '-t',
      s.seconds,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-map',
      '2:a',
      '-map',
      '3:s',
      ...x264(s.gop),
      '-c:a:0',
      'aac',
      '-b:a:0',
      '96k',
      '-c:a:1',
      'ac3',
      '-b:a:1',
      '384k',
      '-c:s',
      'srt',
      '-metadata:s:a:0',
      'language=eng',
      '-metadata:s:a:1',
      'language=rus',
      '-metadata:s:s:0',
      'language=eng',
      '-disposition:a:0',
      'default',
      '-disposition:a:1',
      '0',
      file,
    ]);
  } finally {
    await fs.promises.rm(srt, { force: true });
  }
  return file;
}

/** Audio only (AAC in the container the name says: .m4a, .mka, …; MP3 for .mp3): "no video stream". */
export async function makeNoVideoFile(file: string, opts?: Pick<SourceOptions, 'seconds'>): Promise<string> {
  const s = settings(opts);
  await prepare(file);
  const codec =
    path.extname(file).toLowerCase() === '.mp3' ? ['-c:a', 'libmp3lame', '-b:a', '96k'] : ['-c:a', 'aac', '-b:a', '96k'];
  await run([...tone(440), '-t', s.seconds, ...codec, file]);
  return file;
}

/**
 * The first `fraction` (default half) of `src`'s bytes: a download cut short. For MKV and MPEG-TS ffprobe still reads
 * the header and ffmpeg fails or stops early on the missing data; an MP4 without its index up front doesn't probe at all.
 */
export async function makeTruncatedFile(src: string, dst: string, fraction = 0.5): Promise<string> {
  if (!(fraction > 0 && fraction < 1)) throw new Error('fraction must be between 0 and 1');
  const bytes = await fs.promises.readFile(src);
  await prepare(dst);
  await fs.promises.writeFile(dst, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return dst;
}
