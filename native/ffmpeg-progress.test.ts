import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FfmpegProgressParser, parseClock, progressPercent } from './ffmpeg-progress.js';

const BLOCK_1 = [
  'frame=1',
  'fps=0.00',
  'stream_0_0_q=0.0',
  'bitrate=N/A',
  'total_size=N/A',
  'out_time_us=N/A',
  'out_time_ms=N/A',
  'out_time=-577014:32:22.77580',
  'dup_frames=0',
  'drop_frames=0',
  'speed=N/A',
  'progress=continue',
].join('\n');

const BLOCK_2 = [
  'frame=250',
  'fps=124.50',
  'bitrate= 512.3kbits/s',
  'total_size=655404',
  'out_time_us=10240000',
  'out_time_ms=10240000',
  'out_time=00:00:10.240000',
  'speed=5.09x',
  'progress=continue',
].join('\n');

describe('FfmpegProgressParser (pure)', () => {
  it('turns each block into a snapshot; N/A and ffmpeg’s bogus pre-start clock become null', () => {
    const parser = new FfmpegProgressParser();
    expect(parser.push(BLOCK_1 + '\n' + BLOCK_2 + '\n')).toEqual([
      { outTimeSec: null, frame: 1, speed: null, totalSize: null, end: false },
      { outTimeSec: 10.24, frame: 250, speed: 5.09, totalSize: 655404, end: false },
    ]);
  });

  it('copes with chunks split anywhere, CRLF line ends, and the final progress=end block', () => {
    const text = (BLOCK_2 + '\n').replace(/\n/g, '\r\n') + 'frame=300\nout_time=00:01:02.500000\nprogress=end\n';
    const parser = new FfmpegProgressParser();
    const seen = [];
    for (let i = 0; i < text.length; i += 7) seen.push(...parser.push(text.slice(i, i + 7)));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ outTimeSec: 10.24, speed: 5.09 });
    // no out_time_us in this block: the clock text is used
    expect(seen[1]).toEqual({ outTimeSec: 62.5, frame: 300, speed: null, totalSize: null, end: true });
  });

  it('ignores noise and keeps nothing from one block in the next', () => {
    const parser = new FfmpegProgressParser();
    expect(parser.push('garbage line\n=x\nspeed=2x\nprogress=continue\nprogress=continue\n')).toEqual([
      { outTimeSec: null, frame: null, speed: 2, totalSize: null, end: false },
      { outTimeSec: null, frame: null, speed: null, totalSize: null, end: false },
    ]);
  });

  it('reads what a real ffmpeg writes with -progress pipe:1', () => {
    const out = execFileSync('ffmpeg', [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-nostats',
      '-progress',
      'pipe:1',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x90:rate=25',
      '-t',
      '2',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-f',
      'null',
      '-',
    ]);
    const blocks = new FfmpegProgressParser().push(String(out));
    expect(blocks.length).toBeGreaterThan(0);
    const last = blocks.at(-1)!;
    expect(last.end).toBe(true);
    expect(last.frame).toBe(50);
    expect(last.outTimeSec).toBeGreaterThan(1.8);
    expect(last.outTimeSec).toBeLessThanOrEqual(2);
  });
});

describe('parseClock and progressPercent (pure)', () => {
  it('parses clock texts', () => {
    expect(parseClock('01:02:03.5')).toBe(3723.5);
    expect(parseClock('-00:00:01.000000')).toBe(-1);
    expect(parseClock('N/A')).toBeNull();
    expect(parseClock(undefined)).toBeNull();
  });

  it.each([
    [0, 100, 0],
    [25, 100, 25],
    [33.333, 100, 33.3],
    [100, 100, 99.9],
    [120, 100, 99.9],
    [-1, 100, 0],
    [null, 100, null],
    [10, null, null],
    [10, 0, null],
  ])('%s s of %s s → %s %%', (out, duration, expected) => {
    expect(progressPercent(out, duration)).toBe(expected);
  });
});
