import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { migrate, openDatabase } from './database.js';
import { MIGRATIONS, type Migration } from './migrations.js';

describe('SQLite database and migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('db');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a fresh database is in WAL mode with every migration applied', () => {
    const db = openDatabase(path.join(dir, 'racoon.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining(['users', 'sessions', 'library_roots', 'items', 'seasons', 'episodes', 'files']),
    );
    db.close();
  });

  it('reopening applies nothing twice', () => {
    openDatabase(path.join(dir, 'racoon.db')).close();
    const db = openDatabase(path.join(dir, 'racoon.db'));
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();
  });

  it('migration numbers are unique and increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('a failing migration rolls back entirely and leaves the version where it was', () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: 99, name: 'broken', sql: 'CREATE TABLE half_done (id INTEGER); THIS IS NOT SQL;' },
    ];
    const db = openDatabase(path.join(dir, 'racoon.db'));
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer Racoon instead of damaging it', () => {
    const db = openDatabase(path.join(dir, 'racoon.db'));
    db.pragma('user_version = 500');
    db.close();
    expect(() => openDatabase(path.join(dir, 'racoon.db'))).toThrow(/newer than this Racoon knows/);
  });

  it('an unusable database path is a clear error', () => {
    expect(() => openDatabase(path.join(dir, 'no', 'such', 'dir', 'racoon.db'))).toThrow(/Cannot open database/);
  });
});
