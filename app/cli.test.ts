import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserService } from './auth/user-service.js';
import { openDatabase } from './core/database.js';
import { tempDir } from '../e2e/support/media-fixtures.js';
import { startRacoon, stopAllRacoons } from '../e2e/support/racoon-process.js';

// Runs the real `racoon` command (bin/racoon.js → dist/, built by `npm test` / `npm ci`).
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'racoon.js');

function racoon(args: string[], input?: string) {
  const env = { ...process.env };
  delete env.RACOON_ADMIN_PASSWORD;
  delete env.RACOON_DATA;
  const result = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function touch(root: string, relative: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), '');
}

describe('racoon command line', () => {
  let dir: string;
  let data: string;
  let media: string;

  beforeAll(() => {
    dir = tempDir('cli');
    data = path.join(dir, 'data');
    media = path.join(dir, 'media');
    touch(media, 'Heat (1995)/Heat (1995).mkv');
    touch(media, 'Shows/Fargo/Season 01/Fargo S01E01.mkv');
    touch(media, 'Fargo.S01E02.720p.HDTV.x264-GRP.mkv');
  });

  afterAll(async () => {
    await stopAllRacoons();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('first start prints the generated admin password once, and creates the data directory', () => {
    const first = racoon(['library', 'list', '--data', data]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/created the user "admin" with the password {2}\S{12}/);
    expect(first.stdout).toContain('No media folders');
    expect(fs.existsSync(path.join(data, 'racoon.db'))).toBe(true);
    const db = openDatabase(path.join(data, 'racoon.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();

    const second = racoon(['library', 'list', '--data', data]);
    expect(second.stdout).not.toContain('password');
  });

  it('a missing folder is one clear line and exit code 1, with no stack trace', () => {
    const result = racoon(['library', 'add', path.join(dir, 'nowhere'), '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`racoon: Folder not found: ${path.join(dir, 'nowhere')}`);
  });

  it('scan with nothing to scan says what to do', () => {
    const result = racoon(['scan', '--data', path.join(dir, 'empty-data')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No media folders yet: add one with `racoon library add DIR`');
  });

  it('adds a media folder, scans it with progress, lists what it found', () => {
    const added = racoon(['library', 'add', media, '--data', data]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Added media folder ${media}`);

    const scan = racoon(['scan', '--data', data]);
    expect(scan.code).toBe(0);
    expect(scan.stderr).toContain('Scan finished: 3 files seen, 3 added, 0 updated, 0 removed');

    const items = racoon(['library', 'items', '--json', '--data', data]);
    const parsed = JSON.parse(items.stdout) as Array<{ type: string; title: string; year: number | null }>;
    expect(parsed.map((i) => [i.type, i.title, i.year])).toEqual([
      ['series', 'Fargo', null],
      ['movie', 'Heat', 1995],
    ]);
    const list = racoon(['library', 'list', '--data', data]);
    expect(list.stdout).toMatch(/1\tok\t3 files\t/);
  });

  it('user passwd reads the new password from standard input and rejects a short one', async () => {
    const short = racoon(['user', 'passwd', '--data', data], 'abc\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('Password must be at least 8 characters long');

    const ok = racoon(['user', 'passwd', '--data', data], 'a much better password\n');
    expect(ok.code).toBe(0);
    const db = openDatabase(path.join(data, 'racoon.db'));
    try {
      expect(await new UserService(db).checkPassword('admin', 'a much better password')).toMatchObject({ username: 'admin' });
    } finally {
      db.close();
    }
  });

  it('rejects a bad port and an unknown user with a clear message', () => {
    const port = racoon(['serve', '--data', data, '--port', 'abc']);
    expect(port.code).toBe(1);
    expect(port.stderr).toContain('--port must be 0..65535, not "abc"');
    const user = racoon(['user', 'passwd', 'bob', '--data', data], 'whatever123\n');
    expect(user.stderr).toContain('No user named "bob"');
  });

  it('add and downloads talk to the running engine; without one they say how to start it', async () => {
    const downloadsData = path.join(dir, 'downloads-data');
    const offline = racoon(['downloads', '--data', data]);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('Racoon is not running');

    const server = await startRacoon({ dataDir: downloadsData, adminPassword: 'download password' });
    try {
      const added = racoon([
        'add',
        'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=Some.Film.2001',
        '--data',
        downloadsData,
      ]);
      expect(added.stderr).toBe('');
      expect(added.stdout).toMatch(/^Added download 1 \(0123456789abcdef0123456789abcdef01234567\)$/m);
      const bad = racoon(['add', 'magnet:?xt=urn:btih:zz', '--data', downloadsData]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^racoon: .*info-hash/m);
      const missing = racoon(['add', path.join(dir, 'nope.torrent'), '--data', downloadsData]);
      expect(missing.stderr).toContain('no such file');

      const table = racoon(['downloads', '--data', downloadsData]);
      expect(table.code).toBe(0);
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATE\s+PROGRESS/);
      expect(table.stdout).toMatch(/^1\s+(queued|downloading|stalled)\s+\[-+\]\s+0\.0%/m);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
