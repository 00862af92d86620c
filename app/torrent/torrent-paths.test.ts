import { describe, expect, it } from 'vitest';
import {
  assertInside,
  defaultFileSelection,
  isInside,
  safeRelativePath,
  safeTorrentPaths,
  type SelectionRule,
} from './torrent-paths.js';

const CJK = '映'; // 3 bytes of UTF-8
const long = (bytes: number) => 'a'.repeat(bytes - 4) + '.mkv';

describe('safeRelativePath: accepted', () => {
  it.each<[string, string[], 'linux' | 'win32', string]>([
    ['a movie folder', ['Movie (2010)', 'Movie (2010).mkv'], 'linux', 'Movie (2010)/Movie (2010).mkv'],
    ['a single-file torrent', ['movie.mkv'], 'win32', 'movie.mkv'],
    ['Cyrillic', ['Фильм (2010)', 'Фильм.mkv'], 'linux', 'Фильм (2010)/Фильм.mkv'],
    ["'..a' is a name, not traversal", ['..a'], 'linux', '..a'],
    ["'a..b' is a name", ['a..b.mkv'], 'win32', 'a..b.mkv'],
    ['a hidden file', ['.hidden'], 'linux', '.hidden'],
    ['Windows characters are legal on Linux', ['ab:c?<d>|"*.mkv'], 'linux', 'ab:c?<d>|"*.mkv'],
    ['Windows characters sanitised on win32', ['ab:c?<d>|"*.mkv'], 'win32', 'ab_c__d____.mkv'],
    ['sanitised in every segment on win32', ['a?', 'b?', 'c?.mkv'], 'win32', 'a_/b_/c_.mkv'],
    ['a colon after the first letter of a later segment', ['dir', 'a:b.mkv'], 'linux', 'dir/a:b.mkv'],
    ['an NTFS stream name sanitised on win32', ['file.mkv::$DATA'], 'win32', 'file.mkv__$DATA'],
    ['a backslash inside a segment splits it', ['Show', 'Season 1\\E01.mkv'], 'linux', 'Show/Season 1/E01.mkv'],
    ['a slash inside a segment splits it', ['Show/Season 1', 'E01.mkv'], 'win32', 'Show/Season 1/E01.mkv'],
    ['a trailing dot is dropped', ['name.'], 'linux', 'name'],
    ['trailing spaces on a folder are dropped', ['dir  ', 'x.mkv'], 'win32', 'dir/x.mkv'],
    ["'CONSOLE' is not a device", ['CONSOLE.txt'], 'win32', 'CONSOLE.txt'],
    ["'con1' is not a device", ['con1.txt'], 'win32', 'con1.txt'],
    ["'COM10' is not a device", ['COM10.txt'], 'win32', 'COM10.txt'],
    ['a device name inside a longer name', ['My CON.txt'], 'win32', 'My CON.txt'],
    ['a 255-byte segment', [long(255)], 'linux', long(255)],
    ['85 CJK characters = 255 bytes', [CJK.repeat(85)], 'linux', CJK.repeat(85)],
  ])('%s', (_name, segments, platform, expected) => {
    const result = safeRelativePath(segments, { platform });
    expect(result).toMatchObject({ ok: true, path: expected });
  });

  it('notes every change it made', () => {
    expect(safeRelativePath(['dir.', 'Season 1\\a?.mkv'], { platform: 'win32' })).toEqual({
      ok: true,
      path: 'dir/Season 1/a_.mkv',
      segments: ['dir', 'Season 1', 'a_.mkv'],
      changes: [
        "'dir.': trailing dots/spaces removed",
        "'Season 1\\a?.mkv': split at its path separators",
        "'a?.mkv': characters not allowed on Windows replaced → 'a_.mkv'",
      ],
    });
    expect(safeRelativePath(['a', 'b.mkv'], { platform: 'linux' })).toMatchObject({ changes: [] });
  });
});

describe('safeRelativePath: rejected on every platform', () => {
  const rows: [string, unknown[], RegExp][] = [
    ['no segments', [], /the path is empty/],
    ['a segment that is not text', ['a', 42], /not text/],
    ['leading ..', ['..', 'etc', 'passwd'], /'\.\.' segment: path traversal/],
    ['.. in the middle', ['a', '..', '..', 'b'], /path traversal/],
    ['a . segment', ['a', '.', 'b'], /'\.' segment: path traversal/],
    ['.. hidden in a slash segment', ['a/../../b'], /path traversal/],
    ['.. hidden in a backslash segment', ['Movie', '..\\..\\Windows\\evil.dll'], /path traversal/],
    ['a leading slash', ['/etc', 'passwd'], /absolute path: '\/etc' starts at the root/],
    ['a leading backslash', ['\\Windows', 'x'], /absolute path: .* starts at the root/],
    ['a UNC path', ['\\\\server', 'share'], /absolute path: .* starts at the root/],
    ['a UNC path in one segment', ['\\\\server\\share\\x.mkv'], /starts at the root/],
    ['a drive letter', ['C:', 'Windows'], /absolute path: 'C:' starts with a drive letter/],
    ['a drive path', ['c:\\Windows\\x'], /drive letter/],
    ['a drive-relative path', ['D:evil.dll'], /drive letter/],
    ['a one-letter name with a colon reads as a drive', ['a:b.mkv'], /drive letter/],
    ['an empty first segment', ['', 'etc'], /empty path segment/],
    ['an empty middle segment', ['a', '', 'b'], /empty path segment/],
    ['a doubled slash', ['a//b'], /empty path segment/],
    ['a later absolute segment', ['dir', '/etc/passwd'], /empty path segment/],
    ['NUL', ['a\u0000b.mkv'], /'a\\u\{0000\}b\.mkv' contains a control character, U\+0000/],
    ['a newline', ['a\nb'], /control character, U\+000A/],
    ['DEL', ['a\u007f'], /control character, U\+007F/],
    ['a right-to-left override', ['movie\u202Evkm.exe'], /bidirectional-text control .*U\+202E/],
    ['a lone surrogate', ['a\ud800b'], /not valid Unicode/],
    ['CON', ['CON'], /'CON' is a reserved device name on Windows/],
    ['con.txt', ['con.txt'], /reserved device name/],
    ['Aux.tar.gz', ['Aux.tar.gz'], /reserved device name/],
    ['NUL in a folder', ['dir', 'nul.mkv'], /'nul\.mkv' is a reserved device name/],
    ['com1', ['com1'], /reserved device name/],
    ['LPT9.log', ['LPT9.log'], /reserved device name/],
    ['COM¹', ['COM¹.txt'], /reserved device name/],
    ['CON with a trailing dot', ['CON.'], /reserved device name/],
    ['PRN with a space before the extension', ['PRN .txt'], /reserved device name/],
    ['only dots', ['...'], /only dots and spaces/],
    ['only spaces', ['  '], /only dots and spaces/],
    ['a 256-byte segment', [long(256)], /is 256 bytes long \(max 255\)/],
    ['86 CJK characters = 258 bytes', [CJK.repeat(86)], /is 258 bytes long/],
    ['a path over 4096 bytes', Array.from({ length: 20 }, () => 'x'.repeat(250)), /the path is 5019 bytes long \(max 4096\)/],
  ];
  it.each(
    rows.flatMap(([name, segments, reason]) =>
      (['linux', 'win32'] as const).map((p) => [`${name} (${p})`, segments, p, reason] as const),
    ),
  )('%s', (_name, segments, platform, reason) => {
    const result = safeRelativePath(segments as string[], { platform });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('safeTorrentPaths', () => {
  it.each<[string, string[][], 'linux' | 'win32' | 'darwin', { index: number; reason: RegExp }[]]>([
    [
      'distinct files',
      [
        ['T', 'a.mkv'],
        ['T', 'b.mkv'],
        ['T', 'Subs', 'a.srt'],
      ],
      'linux',
      [],
    ],
    [
      'the same path twice',
      [
        ['T', 'a.mkv'],
        ['T', 'a.mkv'],
      ],
      'linux',
      [{ index: 1, reason: /same file as file 0/ }],
    ],
    [
      'case differs: fine on Linux',
      [
        ['T', 'a.mkv'],
        ['T', 'A.MKV'],
      ],
      'linux',
      [],
    ],
    [
      'case differs: one file on Windows',
      [
        ['T', 'a.mkv'],
        ['T', 'A.MKV'],
      ],
      'win32',
      [{ index: 1, reason: /same file as file 0/ }],
    ],
    [
      'case differs: one file on macOS',
      [
        ['T', 'a.mkv'],
        ['t', 'a.mkv'],
      ],
      'darwin',
      [{ index: 1, reason: /same file as file 0/ }],
    ],
    [
      'NFC vs NFD: one file on macOS',
      [
        ['T', 'caf\u00e9.mkv'],
        ['T', 'cafe\u0301.mkv'],
      ],
      'darwin',
      [{ index: 1, reason: /same file/ }],
    ],
    [
      'collide after sanitising on Windows',
      [
        ['T', 'a?.txt'],
        ['T', 'a_.txt'],
      ],
      'win32',
      [{ index: 1, reason: /same file as file 0/ }],
    ],
    [
      'collide after trimming a dot',
      [
        ['T', 'a.txt.'],
        ['T', 'a.txt'],
      ],
      'linux',
      [{ index: 1, reason: /same file as file 0/ }],
    ],
    [
      'a file that is also a folder',
      [
        ['T', 'x'],
        ['T', 'x', 'y.mkv'],
      ],
      'linux',
      [{ index: 0, reason: /'T\/x' is a file and also another file's folder/ }],
    ],
    [
      'one bad file among good ones',
      [
        ['T', 'a.mkv'],
        ['T', '..', 'b'],
      ],
      'linux',
      [{ index: 1, reason: /path traversal/ }],
    ],
  ])('%s', (_name, files, platform, errors) => {
    const result = safeTorrentPaths(files, { platform });
    if (errors.length === 0) expect(result).toEqual({ ok: true, paths: files.map((f) => f.join('/')) });
    else
      expect(result).toEqual({
        ok: false,
        errors: errors.map((e) => ({ index: e.index, reason: expect.stringMatching(e.reason) })),
      });
  });
});

describe('assertInside', () => {
  it.each<[string, string, 'linux' | 'win32', string | RegExp]>([
    ['/dl', 'Movie/a.mkv', 'linux', '/dl/Movie/a.mkv'],
    ['/dl/', 'a.mkv', 'linux', '/dl/a.mkv'],
    ['/dl', '/dl/Movie/a.mkv', 'linux', '/dl/Movie/a.mkv'],
    ['/dl', 'a/../b', 'linux', '/dl/b'],
    ['/dl', '..foo', 'linux', '/dl/..foo'],
    ['/dl', '..\\..\\etc', 'linux', '/dl/..\\..\\etc'],
    ['/dl', '../etc/passwd', 'linux', /resolves to '\/etc\/passwd', outside '\/dl'/],
    ['/dl', 'a/../../etc', 'linux', /outside/],
    ['/dl', '/etc/passwd', 'linux', /outside/],
    ['/dl', '/dl2/x', 'linux', /outside/],
    ['/dl', '', 'linux', /is the download root '\/dl' itself/],
    ['/dl', '.', 'linux', /itself/],
    ['/dl', 'a/..', 'linux', /itself/],
    ['dl', 'a', 'linux', /root 'dl' is not an absolute path/],
    ['/dl', 'a\u0000b', 'linux', /NUL/],
    ['C:\\dl', 'Movie\\a.mkv', 'win32', 'C:\\dl\\Movie\\a.mkv'],
    ['C:\\dl', 'Movie/a.mkv', 'win32', 'C:\\dl\\Movie\\a.mkv'],
    ['C:\\dl', 'c:\\DL\\x', 'win32', 'c:\\DL\\x'],
    ['\\\\nas\\media', 'a.mkv', 'win32', '\\\\nas\\media\\a.mkv'],
    ['C:\\dl', '..\\Windows', 'win32', /outside/],
    ['C:\\dl', '../Windows', 'win32', /outside/],
    ['C:\\dl', 'D:\\dl\\x', 'win32', /outside/],
    ['C:\\dl', 'C:\\dl2\\x', 'win32', /outside/],
    ['C:\\dl', '\\Windows', 'win32', /resolves to 'C:\\Windows'/],
    ['C:\\dl', '\\\\server\\share\\x', 'win32', /outside/],
    ['C:\\dl', 'D:foo', 'win32', /relative to a drive's own folder/],
    ['\\dl', 'a', 'win32', /not an absolute path/],
  ])('%s + %s (%s)', (root, candidate, platform, expected) => {
    if (typeof expected === 'string') expect(assertInside(root, candidate, { platform })).toBe(expected);
    else expect(() => assertInside(root, candidate, { platform })).toThrow(expected);
  });

  it('isInside answers the same as a boolean', () => {
    expect(isInside('/dl', 'a.mkv', { platform: 'linux' })).toBe(true);
    expect(isInside('/dl', '../a.mkv', { platform: 'linux' })).toBe(false);
  });

  it('every path safeRelativePath accepts stays inside the root', () => {
    for (const segments of [['a', 'b.mkv'], ['..a', 'b'], ['x\\y', 'z.'], ['a:b']]) {
      for (const platform of ['linux', 'win32'] as const) {
        const safe = safeRelativePath(segments, { platform });
        if (safe.ok) expect(isInside(platform === 'win32' ? 'C:\\dl' : '/dl', safe.path, { platform })).toBe(true);
      }
    }
  });
});

describe('defaultFileSelection', () => {
  const MAIN = 'Movie (2010)/Movie (2010).mkv';
  it.each<[string, boolean, SelectionRule]>([
    [MAIN, true, 'video'],
    ['Movie (2010)/Movie (2010).nfo', true, 'kept'],
    ['Movie (2010)/Subs/English.srt', true, 'kept'],
    ['Movie (2010)/poster.jpg', true, 'kept'],
    ['Movie (2010)/Movie.Sampled.Cut.mkv', true, 'video'],
    ['Movie (2010)/Sampler/x.mkv', true, 'video'],
    ['Movie (2010)/Sample/movie-sample.mkv', false, 'sample'],
    ['Movie (2010)/SAMPLE/x.mkv', false, 'sample'],
    ['Movie (2010)/Samples/x.jpg', false, 'sample'],
    ['Movie (2010)/movie.sample.mkv', false, 'sample'],
    ['Movie (2010)/Sample.srt', false, 'sample'],
    ['Movie (2010)\\Sample\\s.mkv', false, 'sample'],
    ['Movie (2010)/Extras/Making of.mkv', false, 'extras'],
    ['Movie (2010)/extras/notes.txt', false, 'extras'],
    ['Movie (2010)/Featurettes/x.mp4', false, 'extras'],
    ['Movie (2010)/Behind The Scenes/x.mkv', false, 'extras'],
    ['Movie (2010)/Deleted Scenes/x.mkv', false, 'extras'],
    ['Movie (2010)/Trailers/t.mkv', false, 'extras'],
    ['Movie (2010)/Interviews/i.mkv', false, 'extras'],
    ['Movie (2010)/Scenes/s.mkv', false, 'extras'],
    ['Movie (2010)/Shorts/s.mkv', false, 'extras'],
    ['Movie (2010)/Other/o.mkv', false, 'extras'],
    ['Movie (2010)/Movie (2010)-trailer.mkv', false, 'extras'],
    ['Movie (2010)/Movie.mkv.exe', false, 'executable'],
    ['Movie (2010)/SETUP.EXE', false, 'executable'],
    ['Movie (2010)/Watch in HD.url', false, 'executable'],
    ['Movie (2010)/codec.lnk', false, 'executable'],
    ['Movie (2010)/player.scr', false, 'executable'],
    ['Movie (2010)/install.bat', false, 'executable'],
    ['Movie (2010)/install.cmd', false, 'executable'],
    ['Movie (2010)/.pad/12345', false, 'padding'],
    ['Movie (2010)/_____padding_file_0_if you see this file, please update to BitComet 0.85 or above____', false, 'padding'],
  ])('%s → %s (%s)', (path, selected, rule) => {
    const [, file] = defaultFileSelection([
      { path: MAIN, length: 4e9 },
      { path, length: 1e6 },
    ]);
    expect(file).toMatchObject({ selected, rule });
  });

  const pick = (paths: string[]) =>
    defaultFileSelection(paths.map((path) => ({ path, length: 1 }))).map((s) => [s.selected, s.rule]);

  it('keeps everything without a video, padding aside', () => {
    expect(pick(['App/setup.exe', 'App/Sample/x.wav', 'App/Extras/readme.txt', 'App/.pad/1'])).toEqual([
      [true, 'no-video'],
      [true, 'no-video'],
      [true, 'no-video'],
      [false, 'padding'],
    ]);
  });

  it('keeps the videos of a trailer pack, but not its executables', () => {
    expect(pick(['Trailers/a.mkv', 'Trailers/b.mp4', 'Trailers/info.nfo', 'Trailers/get.exe'])).toEqual([
      [true, 'video'],
      [true, 'video'],
      [true, 'kept'],
      [false, 'executable'],
    ]);
    expect(pick(['Movie.2010.SAMPLE.mkv'])).toEqual([[true, 'video']]);
  });

  it('gives reasons a user can read', () => {
    const [, exe, sample, extras] = defaultFileSelection(
      [MAIN, 'M/x.scr', 'M/Sample/s.mkv', 'M/Featurettes/f.mkv'].map((path) => ({ path, length: 1 })),
    );
    expect(exe.reason).toBe('.scr executable or shortcut in a video torrent: common malware bait, never needed to play a video');
    expect(sample.reason).toBe("in a 'sample' folder: not downloaded by default");
    expect(extras.reason).toBe("in the extras folder 'Featurettes': not downloaded by default");
    expect(defaultFileSelection([])).toEqual([]);
  });
});
