import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../e2e/support/media-fixtures.js';
import { openDatabase, type Db } from '../core/database.js';
import { LoginThrottle } from '../api/routes/auth/login-throttle.js';
import { AuthError, UserService } from './user-service.js';
import { hashPassword, verifyPassword } from './password-hash.js';

describe('UserService on a real database', () => {
  let dir: string;
  let db: Db;
  let users: UserService;
  beforeEach(() => {
    dir = tempDir('users');
    db = openDatabase(path.join(dir, 'racoon.db'));
    users = new UserService(db);
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('first start invents an admin password once; later starts keep the account', async () => {
    const first = await users.ensureAdmin();
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[a-zA-Z2-9]{12}$/);
    expect(await users.checkPassword('admin', first.generatedPassword!)).toEqual({ id: 1, username: 'admin', isAdmin: true });
    expect(await users.ensureAdmin('ignored-now')).toEqual({ created: false, generatedPassword: null });
  });

  it('a given first password (RACOON_ADMIN_PASSWORD) is used and not echoed', async () => {
    expect(await users.ensureAdmin('from the environment')).toEqual({ created: true, generatedPassword: null });
    expect(await users.checkPassword('admin', 'from the environment')).not.toBeNull();
    expect(await users.checkPassword('ADMIN', 'from the environment')).not.toBeNull(); // usernames ignore case
    expect(await users.checkPassword('admin', 'wrong')).toBeNull();
    expect(await users.checkPassword('nobody', 'wrong')).toBeNull();
  });

  it('stores only hashes: neither the password nor the token appears in the database', async () => {
    await users.ensureAdmin('plain text password');
    const token = users.createSession(1);
    const dump = JSON.stringify([db.prepare('SELECT * FROM users').all(), db.prepare('SELECT * FROM sessions').all()]);
    expect(dump).not.toContain('plain text password');
    expect(dump).not.toContain(token);
  });

  it('sessions: a token signs in until logout; a new password ends every session', async () => {
    await users.ensureAdmin('first password');
    const a = users.createSession(1);
    const b = users.createSession(1);
    expect(users.userForToken(a)?.username).toBe('admin');
    users.deleteSession(a);
    expect(users.userForToken(a)).toBeNull();
    expect(users.userForToken(b)).not.toBeNull();
    await users.setPassword('admin', 'second password');
    expect(users.userForToken(b)).toBeNull();
    expect(users.userForToken('made-up')).toBeNull();
  });

  it('expired sessions do not sign in and are pruned', async () => {
    await users.ensureAdmin('first password');
    const token = users.createSession(1);
    db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect(users.userForToken(token)).toBeNull();
    expect(users.pruneExpiredSessions()).toBe(1);
  });

  it('bad input: short passwords and unknown users are clear errors', async () => {
    await users.ensureAdmin('first password');
    await expect(users.setPassword('admin', 'short')).rejects.toThrow(AuthError);
    await expect(users.setPassword('bob', 'long enough password')).rejects.toThrow('No user named "bob"');
  });
});

describe('password hashing', () => {
  it('verifies its own hashes and rejects others', async () => {
    const hash = await hashPassword('секрет пароль');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('секрет пароль', hash)).toBe(true);
    expect(await verifyPassword('секрет пароль ', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same')); // salted
  });
});

describe('LoginThrottle', () => {
  it('after 10 failures in 5 minutes an address waits; success or time clears it', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 9; i++) throttle.failed('1.2.3.4');
    expect(throttle.retryAfterSeconds('1.2.3.4')).toBe(0);
    throttle.failed('1.2.3.4');
    expect(throttle.retryAfterSeconds('1.2.3.4')).toBe(300);
    expect(throttle.retryAfterSeconds('5.6.7.8')).toBe(0);
    now = 301_000;
    expect(throttle.retryAfterSeconds('1.2.3.4')).toBe(0);
    for (let i = 0; i < 10; i++) throttle.failed('1.2.3.4');
    throttle.succeeded('1.2.3.4');
    expect(throttle.retryAfterSeconds('1.2.3.4')).toBe(0);
  });
});
