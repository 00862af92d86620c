import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { compareFolderNames, FolderBrowser, listFolders } from './folder-browser.js';
import { LibraryError } from './library-service.js';

const isRoot = process.getuid?.() === 0;

describe('folder browser on a real folder tree', () => {
  let dir: string;

  beforeAll(() => {
    dir = tempDir('folders');
    for (const name of ['Season 10', 'season 2', 'Season 1', 'alpha', 'Beta', '.hidden', 'Ärger', 'target']) {
      fs.mkdirSync(path.join(dir, name));
    }
    fs.writeFileSync(path.join(dir, 'movie.mkv'), 'not listed');
    fs.writeFileSync(path.join(dir, 'target', 'secret.txt'), 'never read');
    fs.symlinkSync(path.join(dir, 'target'), path.join(dir, 'linked'));
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'broken'));
    fs.symlinkSync(path.join(dir, 'movie.mkv'), path.join(dir, 'file-link'));
    fs.symlinkSync(path.join(dir, '.hidden'), path.join(dir, '.hidden-link'));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists subfolders only: natural, case-insensitive order, symlinks to folders in, hidden, files and broken links out', async () => {
    const listing = await listFolders(dir);
    expect(listing.path).toBe(dir);
    expect(listing.parent).toBe(path.dirname(dir));
    expect(listing.truncated).toBe(false);
    expect(listing.folders.map((f) => f.name)).toEqual([
      'alpha',
      'Ärger',
      'Beta',
      'linked',
      'Season 1',
      'season 2',
      'Season 10',
      'target',
    ]);
    expect(listing.folders.find((f) => f.name === 'linked')!.path).toBe(path.join(dir, 'linked'));
    expect(JSON.stringify(listing)).not.toContain('never read');
  });

  it('resolves .. and trailing separators like any path', async () => {
    const listing = await listFolders(path.join(dir, 'alpha') + '/../target/');
    expect(listing).toEqual({ path: path.join(dir, 'target'), parent: dir, folders: [], truncated: false });
  });

  it('stops at the limit and says so', async () => {
    const listing = await listFolders(dir, { limit: 3 });
    expect(listing.folders.map((f) => f.name)).toEqual(['alpha', 'Ärger', 'Beta']);
    expect(listing.truncated).toBe(true);
    // exactly as many folders as the limit is not truncated
    expect((await listFolders(dir, { limit: 8 })).truncated).toBe(false);
  });

  it('the filesystem root has no parent', async () => {
    const root = path.parse(dir).root;
    const listing = await listFolders(root);
    expect(listing.parent).toBeNull();
    expect(listing.folders.length).toBeGreaterThan(0);
  });

  it('clear errors: a file, a missing folder, a relative path, a NUL byte, an empty path', async () => {
    await expect(listFolders(path.join(dir, 'movie.mkv'))).rejects.toThrow(
      `${path.join(dir, 'movie.mkv')} is a file, not a folder`,
    );
    await expect(listFolders(path.join(dir, 'file-link'))).rejects.toThrow(/is a file, not a folder/);
    await expect(listFolders(path.join(dir, 'missing'))).rejects.toThrow(`Folder not found: ${path.join(dir, 'missing')}`);
    await expect(listFolders(path.join(dir, 'broken'))).rejects.toThrow(/Folder not found/);
    await expect(listFolders(path.join(dir, 'movie.mkv', 'sub'))).rejects.toThrow(/Folder not found/);
    await expect(listFolders('media/movies')).rejects.toThrow(/full path.*not "media\/movies"/);
    await expect(listFolders('./')).rejects.toBeInstanceOf(LibraryError);
    await expect(listFolders(`${dir}/a\0b`)).rejects.toThrow(/NUL/);
    await expect(listFolders('')).rejects.toThrow(/full path/);
  });

  it.skipIf(isRoot)('a folder it may not read is a permission error', async () => {
    const locked = path.join(dir, 'locked');
    fs.mkdirSync(locked);
    fs.chmodSync(locked, 0o000);
    try {
      await expect(listFolders(locked)).rejects.toThrow(`Racoon may not read ${locked} (permission denied)`);
    } finally {
      fs.chmodSync(locked, 0o755);
      fs.rmdirSync(locked);
    }
  });

  it('starting points: home, the root, the data media folder; only folders that exist, no duplicates', async () => {
    const media = path.join(dir, 'alpha');
    const listing = await new FolderBrowser({ mediaDir: media, homeDir: path.join(dir, 'target') }).list(null);
    expect(listing.path).toBeNull();
    expect(listing.parent).toBeNull();
    expect(listing.folders[0]).toEqual({ name: 'Home', path: path.join(dir, 'target') });
    expect(listing.folders).toContainEqual({ name: 'Racoon media', path: media });
    expect(listing.folders).toContainEqual({ name: 'Filesystem', path: '/' });
    for (const optional of ['/media', '/mnt', '/srv']) {
      expect(listing.folders.some((f) => f.path === optional)).toBe(fs.existsSync(optional));
    }

    const missing = await listFolders(null, { homeDir: path.join(dir, 'missing') });
    expect(missing.folders.some((f) => f.path.endsWith('missing'))).toBe(false);
    const same = await listFolders(null, { homeDir: media, mediaDir: media });
    expect(same.folders.filter((f) => f.path === media)).toEqual([{ name: 'Home', path: media }]);
  });

  it('orders names like a person would', () => {
    expect(['b10', 'B2', 'a', 'b1'].sort(compareFolderNames)).toEqual(['a', 'b1', 'B2', 'b10']);
    expect(['a', 'A'].sort(compareFolderNames)).toEqual(['A', 'a']);
  });
});
