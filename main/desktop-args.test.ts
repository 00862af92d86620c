import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../app/core/paths.js';
import { DesktopArgsError, parseDesktopArgs } from './desktop-args.js';

const home = '/home/ana';
const cwd = '/work/here';
const linux = { platform: 'linux' as const, home, cwd, env: {} };
// Electron's argv: the binary, the app directory, then ours (and Chromium switches).
const argv = (...rest: string[]) => ['/opt/electron/electron', '/repo', ...rest];

describe('parseDesktopArgs', () => {
  const table: [string, string[], NodeJS.ProcessEnv, { dataDir: string; mediaDirs: string[]; port: number }][] = [
    ['defaults (Linux)', argv(), {}, { dataDir: '/home/ana/.local/share/racoon', mediaDirs: [], port: 0 }],
    ['XDG_DATA_HOME', argv(), { XDG_DATA_HOME: '/xdg' }, { dataDir: '/xdg/racoon', mediaDirs: [], port: 0 }],
    ['RACOON_DATA', argv(), { RACOON_DATA: '/srv/racoon' }, { dataDir: '/srv/racoon', mediaDirs: [], port: 0 }],
    ['RACOON_DATA relative', argv(), { RACOON_DATA: 'data' }, { dataDir: '/work/here/data', mediaDirs: [], port: 0 }],
    [
      'RACOON_DATA empty is unset',
      argv(),
      { RACOON_DATA: '  ' },
      { dataDir: '/home/ana/.local/share/racoon', mediaDirs: [], port: 0 },
    ],
    ['--data beats RACOON_DATA', argv('--data', '/d'), { RACOON_DATA: '/srv/racoon' }, { dataDir: '/d', mediaDirs: [], port: 0 }],
    ['--data=DIR', argv('--data=/d'), {}, { dataDir: '/d', mediaDirs: [], port: 0 }],
    ['--data relative', argv('--data', 'rel/dir'), {}, { dataDir: '/work/here/rel/dir', mediaDirs: [], port: 0 }],
    ['--data ~', argv('--data', '~/racoon-data'), {}, { dataDir: '/home/ana/racoon-data', mediaDirs: [], port: 0 }],
    ['last --data wins', argv('--data', '/a', '--data', '/b'), {}, { dataDir: '/b', mediaDirs: [], port: 0 }],
    ['--data with spaces', argv('--data', '/my data'), {}, { dataDir: '/my data', mediaDirs: [], port: 0 }],
    [
      '--media repeatable',
      argv('--media', '/m1', '--media=/m2', '--media', 'rel'),
      {},
      { dataDir: '/home/ana/.local/share/racoon', mediaDirs: ['/m1', '/m2', '/work/here/rel'], port: 0 },
    ],
    [
      '--media deduplicated',
      argv('--media', '/m1', '--media', '/m1/', '--media', '/x/../m1'),
      {},
      { dataDir: '/home/ana/.local/share/racoon', mediaDirs: ['/m1'], port: 0 },
    ],
    ['--port', argv('--port', '8700'), {}, { dataDir: '/home/ana/.local/share/racoon', mediaDirs: [], port: 8700 }],
    ['--port=0', argv('--port=0'), {}, { dataDir: '/home/ana/.local/share/racoon', mediaDirs: [], port: 0 }],
    [
      'Chromium switches and unknown args ignored',
      argv('--no-sandbox', '--enable-logging', '-psn_0_1234', 'stray', '--data', '/d', '--inspect=9229'),
      {},
      { dataDir: '/d', mediaDirs: [], port: 0 },
    ],
    [
      'lookalike options ignored',
      argv('--database', '/x', '--media-dir', '/y', '--data'.toUpperCase(), '/z'),
      {},
      { dataDir: '/home/ana/.local/share/racoon', mediaDirs: [], port: 0 },
    ],
    [
      'a value may start with a single dash',
      argv('--data', '-odd-name'),
      {},
      { dataDir: '/work/here/-odd-name', mediaDirs: [], port: 0 },
    ],
  ];
  it.each(table)('%s', (_name, args, env, expected) => {
    expect(parseDesktopArgs(args, { ...linux, env })).toEqual(expected);
  });

  const errors: [string, string[], RegExp][] = [
    ['--data without a value at the end', argv('--data'), /--data needs a directory/],
    ['--data followed by another option', argv('--data', '--media', '/m'), /--data needs a directory/],
    ['--data= empty', argv('--data='), /--data needs a directory/],
    ['--media without a value', argv('--media'), /--media needs a directory/],
    ['--port without a value', argv('--port'), /--port needs a port number/],
    ['--port not a number', argv('--port', 'http'), /--port must be a whole number from 0 to 65535/],
    ['--port too large', argv('--port', '65536'), /--port must be/],
    ['--port negative', argv('--port=-1'), /--port must be/],
    ['--port fractional', argv('--port', '80.5'), /--port must be/],
  ];
  it.each(errors)('%s → clear error', (_name, args, message) => {
    expect(() => parseDesktopArgs(args, linux)).toThrow(DesktopArgsError);
    expect(() => parseDesktopArgs(args, linux)).toThrow(message);
  });

  const platforms: [NodeJS.Platform, NodeJS.ProcessEnv, string][] = [
    ['linux', {}, path.join(home, '.local', 'share', 'racoon')],
    ['linux', { XDG_DATA_HOME: '/xdg' }, path.join('/xdg', 'racoon')],
    ['linux', { XDG_DATA_HOME: '' }, path.join(home, '.local', 'share', 'racoon')],
    ['freebsd', {}, path.join(home, '.local', 'share', 'racoon')],
    ['darwin', {}, path.join(home, 'Library', 'Application Support', 'Racoon')],
    ['darwin', { XDG_DATA_HOME: '/xdg' }, path.join(home, 'Library', 'Application Support', 'Racoon')],
    ['win32', { APPDATA: '/appdata/Roaming' }, path.join('/appdata/Roaming', 'Racoon')],
    ['win32', {}, path.join(home, 'AppData', 'Roaming', 'Racoon')],
  ];
  it.each(platforms)('default data dir on %s with %j', (platform, env, expected) => {
    expect(parseDesktopArgs(argv(), { platform, env, home, cwd }).dataDir).toBe(expected);
    expect(defaultDataDir(platform, env, home)).toBe(expected);
  });

  it('reads process.argv / process.env style input with no context', () => {
    const r = parseDesktopArgs(['electron', '.', '--data', '/abs/data']);
    expect(r.dataDir).toBe(path.resolve('/abs/data'));
  });
});
