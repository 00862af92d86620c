import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedRelease } from '../discovery/release-types.js';

// Runs the real `racoon` command line from the TypeScript sources (tsx), so no `npm run build` is needed first:
// the same runCli that bin/racoon.js calls from dist/.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRY = "const { runCli } = await import('./app/cli.ts'); await runCli(['node', 'racoon', ...process.argv.slice(1)]);";
const ARGS = ['--import', 'tsx', '--input-type=module', '-e', ENTRY, 'parse-title'];

function racoon(input: string | Buffer, extra: string[] = []) {
  const result = spawnSync(process.execPath, [...ARGS, ...extra], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function jsonLines(stdout: string): ParsedRelease[] {
  expect(stdout.endsWith('\n') || stdout === '').toBe(true);
  return stdout
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as ParsedRelease);
}

describe('racoon parse-title', () => {
  it('writes one JSON object a line, in input order: CRLF, an empty line, a last line without a newline', () => {
    const input =
      'The.Big.Bang.Theory.S11.720p.WEB-DL.x264-GROUP\r\n' +
      '\r\n' +
      'Сериал / Series / Сезон: 1-4 / Серии: 1-40 из 40 [2019, WEB-DLRip] MVO (LostFilm)\n' +
      'Film.2019.2160p.UHD.BluRay.REMUX.HDR.HEVC';
    const result = racoon(input);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [scene, empty, tracker, remux, ...rest] = jsonLines(result.stdout);
    expect(rest).toEqual([]);
    expect(scene).toMatchObject({ titles: ['The Big Bang Theory'], seasons: [11], quality: '720p', group: 'GROUP' });
    expect(scene.group).toBe('GROUP'); // no \r left on the last field of a CRLF line
    expect(empty).toEqual({
      titles: [],
      year: null,
      seasons: [],
      episodes: [],
      quality: null,
      source: null,
      codec: null,
      audio: null,
      remux: false,
      hdr: false,
      voice: [],
      subtitles: [],
      group: null,
      type: 'other',
    });
    expect(tracker).toMatchObject({
      titles: ['Сериал', 'Series'],
      year: 2019,
      seasons: [1, 2, 3, 4],
      source: 'WEBRip',
      voice: [{ kind: 'MVO', studio: 'LostFilm' }],
      type: 'series',
    });
    expect(tracker.episodes).toHaveLength(40);
    expect(remux).toMatchObject({ titles: ['Film'], year: 2019, quality: '2160p', source: 'BluRay', remux: true, hdr: true });
  });

  it('streams 100,000 lines: as many JSON lines out, in order', () => {
    const titles = Array.from({ length: 100_000 }, (_, i) =>
      i % 2
        ? `Show.Number.${i}.S0${(i % 9) + 1}E${String(i % 100).padStart(2, '0')}.1080p.WEB-DL.x264-GRP`
        : `Фильм ${i} (2019) BDRip 720p | LostFilm`,
    );
    const result = racoon(titles.join('\n') + '\n');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(100_001); // the last one is the empty string after the final newline
    const first = JSON.parse(lines[0]) as ParsedRelease;
    expect(first).toMatchObject({
      titles: ['Фильм 0'],
      year: 2019,
      quality: '720p',
      voice: [{ kind: null, studio: 'LostFilm' }],
    });
    const last = JSON.parse(lines[99_999]) as ParsedRelease;
    expect(last).toMatchObject({ titles: ['Show Number 99999'], seasons: [1], episodes: [99], group: 'GRP' });
  });

  it('keeps multi-byte characters whole across read chunks', () => {
    // 70k characters of Cyrillic per line: UTF-8 sequences are split across every 64 KiB pipe chunk
    const long = 'Ж'.repeat(70_000);
    const result = racoon(Buffer.from(`${long}\nКубик в кубе\n`, 'utf8'));
    const [first, second] = jsonLines(result.stdout);
    expect(first.titles[0]).toMatch(/^Ж+$/);
    expect(second.titles).toEqual(['Кубик в кубе']);
  });

  it('no input gives no output and exit code 0', () => {
    const result = racoon('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('parses titles given as arguments instead of stdin', () => {
    const result = racoon('ignored\n', ['Movie.2019.1080p.BluRay.x264-SPARKS', 'Show S02E05 720p']);
    expect(result.code).toBe(0);
    const [movie, show] = jsonLines(result.stdout);
    expect(movie).toMatchObject({ titles: ['Movie'], year: 2019, type: 'movie', group: 'SPARKS' });
    expect(show).toMatchObject({ titles: ['Show'], seasons: [2], episodes: [5], type: 'series' });
  });

  it('stops quietly when the reader goes away (| head)', async () => {
    const child = spawn(process.execPath, ARGS, { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const line = 'Movie.2019.1080p.BluRay.x264-SPARKS\n'.repeat(1000);
    const feed = () => {
      for (let i = 0; i < 200 && child.stdin.writable; i++) child.stdin.write(line);
      child.stdin.end();
    };
    child.stdin.on('error', () => {}); // the child may be gone before we finish writing
    feed();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
