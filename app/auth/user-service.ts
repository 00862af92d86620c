import { UserError } from '../core/user-error.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../core/database.js';
import type { UserInfo } from '../api/api-types.js';
import { hashPassword, verifyPassword } from './password-hash.js';

export const MIN_PASSWORD_LENGTH = 8;
const SESSION_DAYS = 30;

interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  is_admin: number;
}

export class AuthError extends UserError {}

function toUserInfo(row: UserRow): UserInfo {
  return { id: row.id, username: row.username, isAdmin: row.is_admin === 1 };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function generatePassword(): string {
  // 12 characters from an alphabet without look-alikes: easy to type from a terminal
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Users, password hashes and session tokens (only token hashes are stored). */
export class UserService {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  /**
   * First start: creates the admin account. Returns the generated password when one had to be
   * invented (to be printed once), or null when `password` was given or an account already exists.
   */
  async ensureAdmin(password?: string): Promise<{ created: boolean; generatedPassword: string | null }> {
    if (this.count() > 0) return { created: false, generatedPassword: null };
    const chosen = password && password.length > 0 ? password : generatePassword();
    await this.create('admin', chosen, true);
    return { created: true, generatedPassword: password ? null : chosen };
  }

  async create(username: string, password: string, isAdmin = false): Promise<UserInfo> {
    validatePassword(password);
    const hash = await hashPassword(password);
    const result = this.db
      .prepare('INSERT INTO users (username, password_hash, is_admin) VALUES (?, ?, ?)')
      .run(username, hash, isAdmin ? 1 : 0);
    return { id: Number(result.lastInsertRowid), username, isAdmin };
  }

  async setPassword(username: string, password: string): Promise<void> {
    validatePassword(password);
    const hash = await hashPassword(password);
    const result = this.db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(hash, username);
    if (result.changes === 0) throw new AuthError(`No user named "${username}"`);
    // a new password signs out every other session of that user
    this.db.prepare('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(username);
  }

  async checkPassword(username: string, password: string): Promise<UserInfo | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    if (!row) {
      await hashPassword(password); // same work either way, so timing does not reveal which usernames exist
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? toUserInfo(row) : null;
  }

  getUser(username: string): UserInfo | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return row ? toUserInfo(row) : null;
  }

  createSession(userId: number, label = 'web'): string {
    const token = randomBytes(32).toString('base64url');
    const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, expires_at, label) VALUES (?, ?, ?, ?)')
      .run(hashToken(token), userId, expires, label);
    return token;
  }

  userForToken(token: string): UserInfo | null {
    const row = this.db
      .prepare(
        `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
      )
      .get(hashToken(token)) as UserRow | undefined;
    return row ? toUserInfo(row) : null;
  }

  deleteSession(token: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
  }

  pruneExpiredSessions(): number {
    return this.db.prepare(`DELETE FROM sessions WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%fZ','now')`).run().changes;
  }
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AuthError(`Password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
}
