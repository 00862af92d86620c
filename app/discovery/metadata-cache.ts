/**
 * Provider answers kept in SQLite (table `metadata_cache`, migration 6) for a time-to-live: a search typed twice
 * or a details page opened again costs no request, and TMDB's and OMDb's rate limits stay far away. Values are JSON.
 */
import { statementCache, type Db, type Statement } from '../core/database.js';

export interface MetadataCacheOptions {
  db: Db;
  /** ms since the epoch; tests move it to expire rows */
  now?: () => number;
}

export class MetadataCache {
  private readonly sql: (text: string) => Statement;
  private readonly now: () => number;
  /** loads under way, so concurrent callers of the same key share one request */
  private readonly loading = new Map<string, Promise<unknown>>();

  constructor(options: MetadataCacheOptions) {
    this.sql = statementCache(options.db);
    this.now = options.now ?? Date.now;
  }

  /** The value stored under `key`, or undefined when there is none or it has expired. */
  get<T>(key: string): T | undefined {
    const row = this.sql('SELECT value, expires_at FROM metadata_cache WHERE key = ?').get(key) as
      { value: string; expires_at: number } | undefined;
    if (!row || row.expires_at <= this.now()) return undefined;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return undefined; // a damaged row is a miss; the next set overwrites it
    }
  }

  set(key: string, value: unknown, ttlMs: number): void {
    if (value === undefined) return;
    this.sql(
      `INSERT INTO metadata_cache (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    ).run(key, JSON.stringify(value), this.now() + ttlMs);
  }

  delete(key: string): void {
    this.sql('DELETE FROM metadata_cache WHERE key = ?').run(key);
  }

  /** Drops expired rows (expired rows are already ignored; this only keeps the table small). Returns how many. */
  prune(): number {
    return this.sql('DELETE FROM metadata_cache WHERE expires_at <= ?').run(this.now()).changes;
  }

  /**
   * The cached value of `key`, else `load()`'s result stored for `ttlMs`. A failed load stores nothing (the error
   * reaches the caller, the next call tries again); concurrent calls for one key share a single load.
   */
  async cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.get<T>(key);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    // load runs a tick later and cleanup always after the map entry exists, even if load throws synchronously
    const promise = Promise.resolve()
      .then(load)
      .then((value) => {
        this.set(key, value, ttlMs);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }
}
