/**
 * Discovery settings: language, default release profile and the Torznab indexers (name, feed URL, enabled) live in the
 * settings table; every API key (TMDB, OMDb, each indexer's) lives in the secret store, never in SQLite. Indexer
 * health is saved beside the settings so back-off and the last error survive a restart.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import type { SecretStore } from '../core/secret-store.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import { BUILTIN_PROFILES, parseReleaseProfile, type ReleaseProfile } from './release-profile.js';
import type { IndexerHealth } from './torznab-search.js';

export interface IndexerConfig {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
}

export interface DiscoveryConfig {
  language: string;
  profile: string;
  indexers: IndexerConfig[];
  health: IndexerHealth[];
  /** the user's own release profiles (validated when saved) */
  profiles: ReleaseProfile[];
}

export const DEFAULT_PROFILE = 'balanced-1080p';
export const DEFAULT_DISCOVERY_CONFIG: DiscoveryConfig = {
  language: 'en-US',
  profile: DEFAULT_PROFILE,
  indexers: [],
  health: [],
  profiles: [],
};
const isBuiltIn = (name: string) => Object.hasOwn(BUILTIN_PROFILES, name);

const KEY = 'discovery';
export const SECRET_TMDB = 'tmdb-api-key';
export const SECRET_OMDB = 'omdb-api-key';
export const indexerSecret = (id: string) => `indexer-api-key:${id}`;

/** BCP 47 language-REGION, as TMDB takes it */
const languageSchema = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/u, 'a language like en-US or ru-RU');
const apiKeySchema = z
  .string()
  .trim()
  .min(1, 'an API key')
  .max(1024)
  .regex(/^[\x21-\x7e]+$/u, 'printable characters without spaces');
const feedUrlSchema = z
  .string()
  .trim()
  .url('a URL')
  .refine((u) => /^https?:\/\//iu.test(u), 'an http(s) URL');

export const indexerInputSchema = z
  .object({ name: z.string().trim().min(1).max(100), url: feedUrlSchema, apiKey: apiKeySchema })
  .strict();
export const indexerPatchSchema = z
  .object({ name: z.string().trim().min(1).max(100), url: feedUrlSchema, apiKey: apiKeySchema, enabled: z.boolean() })
  .partial()
  .strict();
export const discoveryUpdateSchema = z
  .object({
    language: languageSchema,
    tmdbKey: apiKeySchema.nullable(),
    omdbKey: apiKeySchema.nullable(),
    profile: z.string().min(1).max(100),
  })
  .partial()
  .strict();

function invalid(what: string, error: z.ZodError): UserError {
  return new UserError(`Invalid ${what}: ${error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ')}`);
}

export class DiscoverySettingsStore {
  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
  ) {}

  /** Built-in profiles first, then the user's. */
  profileNames(): string[] {
    return [...Object.keys(BUILTIN_PROFILES), ...this.get().profiles.map((p) => p.name)];
  }

  profile(name: string): ReleaseProfile | null {
    if (isBuiltIn(name)) return BUILTIN_PROFILES[name as keyof typeof BUILTIN_PROFILES];
    return this.get().profiles.find((p) => p.name === name) ?? null;
  }

  /** Saves (or replaces) a user profile; a built-in name is refused, every field error is named. */
  saveProfile(name: string, input: unknown): ReleaseProfile {
    if (isBuiltIn(name)) throw new UserError(`"${name}" is a built-in profile: save yours under another name`);
    const parsed = parseReleaseProfile({ ...(typeof input === 'object' && input ? input : {}), name });
    if (!parsed.ok) throw new UserError(`Invalid release profile: ${parsed.errors.join('; ')}`);
    const config = this.get();
    const others = config.profiles.filter((p) => p.name !== name);
    this.save({ ...config, profiles: [...others, parsed.profile] });
    return parsed.profile;
  }

  /** Removes a user profile; when it was the default, the default goes back to the built-in one. */
  removeProfile(name: string): void {
    const config = this.get();
    if (isBuiltIn(name)) throw new UserError(`"${name}" is a built-in profile and cannot be removed`);
    if (!config.profiles.some((p) => p.name === name)) throw new NotFoundError('Release profile not found');
    this.save({
      ...config,
      profiles: config.profiles.filter((p) => p.name !== name),
      profile: config.profile === name ? DEFAULT_PROFILE : config.profile,
    });
  }

  get(): DiscoveryConfig {
    return readJsonSetting(this.db, KEY, DEFAULT_DISCOVERY_CONFIG);
  }

  secret(key: string): Promise<string | null> {
    return this.secrets.get(key);
  }

  async update(patch: unknown): Promise<DiscoveryConfig> {
    const parsed = discoveryUpdateSchema.safeParse(patch ?? {});
    if (!parsed.success) throw invalid('discovery settings', parsed.error);
    const { tmdbKey, omdbKey, ...plain } = parsed.data;
    if (plain.profile !== undefined && !this.profileNames().includes(plain.profile)) {
      throw new UserError(`Unknown release profile "${plain.profile}": one of ${this.profileNames().join(', ')}`);
    }
    if (tmdbKey !== undefined) await this.setSecret(SECRET_TMDB, tmdbKey);
    if (omdbKey !== undefined) await this.setSecret(SECRET_OMDB, omdbKey);
    return this.save({ ...this.get(), ...plain });
  }

  async addIndexer(input: unknown): Promise<IndexerConfig> {
    const parsed = indexerInputSchema.safeParse(input);
    if (!parsed.success) throw invalid('indexer', parsed.error);
    const config = this.get();
    const { apiKey, ...rest } = parsed.data;
    if (config.indexers.some((i) => i.url === rest.url))
      throw new UserError(`An indexer with the URL ${rest.url} is already added`);
    const indexer: IndexerConfig = { id: crypto.randomUUID(), ...rest, enabled: true };
    await this.setSecret(indexerSecret(indexer.id), apiKey);
    this.save({ ...config, indexers: [...config.indexers, indexer] });
    return indexer;
  }

  async updateIndexer(id: string, patch: unknown): Promise<IndexerConfig> {
    const parsed = indexerPatchSchema.safeParse(patch ?? {});
    if (!parsed.success) throw invalid('indexer', parsed.error);
    const config = this.get();
    const current = config.indexers.find((i) => i.id === id);
    if (!current) throw new NotFoundError('Indexer not found');
    const { apiKey, ...rest } = parsed.data;
    if (apiKey !== undefined) await this.setSecret(indexerSecret(id), apiKey);
    const next = { ...current, ...rest };
    this.save({ ...config, indexers: config.indexers.map((i) => (i.id === id ? next : i)) });
    return next;
  }

  async removeIndexer(id: string): Promise<void> {
    const config = this.get();
    if (!config.indexers.some((i) => i.id === id)) throw new NotFoundError('Indexer not found');
    await this.secrets.delete(indexerSecret(id));
    this.save({
      ...config,
      indexers: config.indexers.filter((i) => i.id !== id),
      health: config.health.filter((h) => h.id !== id),
    });
  }

  saveHealth(health: IndexerHealth[]): void {
    this.save({ ...this.get(), health });
  }

  private async setSecret(key: string, value: string | null): Promise<void> {
    if (value === null) await this.secrets.delete(key);
    else await this.secrets.set(key, value);
  }

  private save(config: DiscoveryConfig): DiscoveryConfig {
    writeJsonSetting(this.db, KEY, config);
    return config;
  }
}
