/**
 * The HLS streams that exist: a limit on how many transcode at once, idle ones stopped (ffmpeg killed, segments
 * removed), and a clean folder at start (a crash may have left segments behind).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../core/user-error.js';
import { HlsSession, type HlsSessionOptions } from './hls-session.js';

export interface HlsSessionManagerOptions {
  /** where sessions keep their segments (data/cache/hls) */
  rootDir: string;
  ffmpeg: string;
  /** at most this many streams at once (default 2: a small machine transcodes two 1080p streams in real time) */
  maxSessions?: number;
  /** a stream nobody asked anything of for this long is stopped (default 60 s) */
  idleMs?: number;
  log?: HlsSessionOptions['log'];
}

export type NewSession = Omit<HlsSessionOptions, 'id' | 'dir' | 'ffmpeg' | 'log'> & {
  /** who asked: a user's streams are theirs alone */
  userId: number;
  /** the same key reuses a running stream (a page reload) instead of starting a second ffmpeg */
  key: string;
};

/** 503: every transcode slot is busy. */
export class TooManyStreamsError extends Error {
  readonly statusCode = 503;
}

interface Entry {
  session: HlsSession;
  userId: number;
  key: string;
}

export class HlsSessionManager {
  private readonly sessions = new Map<string, Entry>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly options: HlsSessionManagerOptions) {
    // nothing survives a restart: segments left by a crash are garbage
    fs.rmSync(options.rootDir, { recursive: true, force: true });
    fs.mkdirSync(options.rootDir, { recursive: true });
  }

  get maxSessions(): number {
    return this.options.maxSessions ?? 2;
  }

  start(): void {
    if (this.sweeper) return;
    const idleMs = this.options.idleMs ?? 60_000;
    this.sweeper = setInterval(() => void this.stopIdle(idleMs), Math.min(10_000, Math.max(250, idleMs / 4)));
    this.sweeper.unref();
  }

  /** A stream for this request: the user's running one with the same key, or a new one (freeing an idle slot). */
  async open(spec: NewSession): Promise<HlsSession> {
    for (const entry of this.sessions.values()) {
      if (entry.userId === spec.userId && entry.key === spec.key) {
        entry.session.lastAccess = Date.now();
        return entry.session;
      }
    }
    if (this.sessions.size >= this.maxSessions) {
      // a stream whose player went away (a closed tab) gives way; one that is being watched does not
      const oldest = [...this.sessions.values()].sort((a, b) => a.session.lastAccess - b.session.lastAccess)[0];
      if (oldest && Date.now() - oldest.session.lastAccess > 15_000) await this.stop(oldest.session.id);
      else {
        throw new TooManyStreamsError(
          `${this.sessions.size} streams are being transcoded already (the limit is ${this.maxSessions}); stop one and try again`,
        );
      }
    }
    const id = crypto.randomBytes(12).toString('base64url');
    const { userId, key, ...rest } = spec;
    const session = new HlsSession({
      ...rest,
      id,
      dir: path.join(this.options.rootDir, id),
      ffmpeg: this.options.ffmpeg,
      log: this.options.log,
    });
    this.sessions.set(id, { session, userId, key });
    return session;
  }

  /** The session, if it exists and belongs to this user. */
  get(id: string, userId: number): HlsSession {
    const entry = this.sessions.get(id);
    if (!entry || entry.userId !== userId) throw new NotFoundError('No such playback (it ended or was stopped)');
    return entry.session;
  }

  list(): Array<HlsSession['state'] & { userId: number; idleSec: number }> {
    return [...this.sessions.values()].map(({ session, userId }) => ({
      ...session.state,
      userId,
      idleSec: Math.round((Date.now() - session.lastAccess) / 1000),
    }));
  }

  async stop(id: string): Promise<void> {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.sessions.delete(id);
    await entry.session.stop();
  }

  async stopIdle(idleMs: number): Promise<void> {
    const now = Date.now();
    const idle = [...this.sessions.values()].filter((e) => now - e.session.lastAccess > idleMs);
    for (const entry of idle) {
      this.options.log?.info({ session: entry.session.id }, 'hls session idle: stopped');
      await this.stop(entry.session.id);
    }
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    await Promise.all([...this.sessions.keys()].map((id) => this.stop(id)));
  }
}
