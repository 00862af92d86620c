/**
 * Device profiles: the built-ins, users' own (validated with zod, every bad field named) kept in the settings table,
 * and what each kind of output can carry when streams are copied into it.
 */
import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import { BUILTIN_DEVICE_PROFILES } from './builtin-device-profiles.js';
import type { DeviceProfile, TranscodeTarget } from './playback-types.js';

export { BUILTIN_DEVICE_PROFILES };

/**
 * Codecs a stream may keep when copied into the output (a remux, or a transcode of the other stream). MPEG-TS carries
 * only the classic broadcast codecs, and HLS players take fewer still; fragmented MP4 carries the modern ones.
 */
export function copyableCodecs(target: TranscodeTarget): { video: string[]; audio: string[] } {
  const defaults = DEFAULT_COPYABLE[`${target.protocol}/${target.container}`];
  return { video: target.copyVideoCodecs ?? defaults.video, audio: target.copyAudioCodecs ?? defaults.audio };
}

const DEFAULT_COPYABLE: Record<
  `${TranscodeTarget['protocol']}/${TranscodeTarget['container']}`,
  { video: string[]; audio: string[] }
> = {
  // hls.js and Apple both: H.264 only in TS segments (Apple wants HEVC in fMP4)
  'hls/mpegts': { video: ['h264'], audio: ['aac', 'mp3', 'ac3', 'eac3'] },
  'hls/mp4': { video: ['h264', 'hevc', 'av1'], audio: ['aac', 'mp3', 'ac3', 'eac3', 'alac', 'flac', 'opus'] },
  'file/mpegts': { video: ['h264', 'hevc', 'mpeg2video'], audio: ['aac', 'mp3', 'mp2', 'ac3', 'eac3', 'dts'] },
  'file/mp4': { video: ['h264', 'hevc', 'mpeg4', 'av1'], audio: ['aac', 'mp3', 'ac3', 'eac3', 'alac', 'flac', 'opus'] },
};

// ---- validation of users' profiles ----------------------------------------------------------------------------------

const PROFILE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
/** ffprobe codec / container names: lower-case letters, digits, underscores */
const codecName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{2,32}$/u, 'a codec name as ffprobe writes it (h264, hevc, aac, ac3, …)');
const containerNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_]{2,16}$/u, 'a container name (mp4, mkv, webm, mpegts, …)');
const int = (min: number, max: number) => z.number().int().min(min).max(max);
const codecList = (what: string) =>
  z
    .array(codecName)
    .min(1, `at least one ${what}`)
    .max(50)
    .refine((list) => new Set(list).size === list.length, 'each codec once');

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'a name')
  .max(64)
  .regex(PROFILE_NAME, 'lower-case letters, digits and dashes (like my-tv)');

const videoRuleSchema = z
  .object({
    codec: codecName,
    profiles: z.array(z.string().trim().toLowerCase().min(1).max(40)).min(1).max(20).optional(),
    maxLevel: int(1, 255).optional(),
    maxBitDepth: int(8, 16).optional(),
  })
  .strict();

const transcodeTargetSchema = z
  .object({
    protocol: z.enum(['hls', 'file']),
    container: z.enum(['mpegts', 'mp4']),
    videoCodec: z.literal('h264'),
    audioCodec: z.enum(['aac', 'ac3', 'mp3']),
    maxWidth: int(160, 7680),
    maxHeight: int(90, 4320),
    videoBitrate: int(100_000, 200_000_000),
    audioBitrate: int(32_000, 1_536_000),
    maxAudioChannels: int(1, 8),
    copyVideoCodecs: z.array(codecName).max(20).optional(),
    copyAudioCodecs: z.array(codecName).max(20).optional(),
  })
  .strict();

/** A user's profile as the API takes it (the name comes from the URL; `builtin` is never the user's to set). */
export const deviceProfileBodySchema = z
  .object({
    label: z.string().trim().min(1, 'a label').max(100),
    containers: z
      .array(containerNameSchema)
      .min(1, 'at least one container')
      .max(30)
      .refine((list) => new Set(list).size === list.length, 'each container once'),
    video: z
      .array(videoRuleSchema)
      .min(1, 'at least one video codec')
      .max(20)
      .refine((rules) => new Set(rules.map((r) => r.codec)).size === rules.length, 'one rule per codec'),
    audioCodecs: codecList('audio codec'),
    maxAudioChannels: int(1, 32),
    maxWidth: int(160, 16_384),
    maxHeight: int(90, 16_384),
    maxBitrate: int(100_000, 1_000_000_000),
    textSubtitles: z.boolean(),
    transcode: transcodeTargetSchema,
  })
  .strict();

export const deviceProfileSchema = deviceProfileBodySchema.extend({ name: profileNameSchema });
export type DeviceProfileInput = z.input<typeof deviceProfileSchema>;

/** Validates a user's profile; the error names every bad field ("transcode.videoBitrate: …; containers.1: …"). */
export function parseDeviceProfile(input: unknown): DeviceProfile {
  const result = deviceProfileSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'profile'}: ${i.message}`);
    throw new UserError(`Invalid device profile: ${issues.join('; ')}`);
  }
  return { ...result.data, builtin: false };
}

// ---- the store ---------------------------------------------------------------------------------------------------

const KEY = 'device-profiles';
const isBuiltin = (name: string) => BUILTIN_DEVICE_PROFILES.some((p) => p.name === name);

/** Built-ins plus the user's profiles, saved in the settings table under 'device-profiles'. */
export class DeviceProfileStore {
  constructor(private readonly db: Db) {}

  /** Built-ins first (in their order), then the user's by name. Copies: callers may change them freely. */
  list(): DeviceProfile[] {
    return [...BUILTIN_DEVICE_PROFILES.map((p) => structuredClone(p)), ...this.userProfiles()];
  }

  find(name: string): DeviceProfile | null {
    return this.list().find((p) => p.name === name) ?? null;
  }

  get(name: string): DeviceProfile {
    const profile = this.find(name);
    if (!profile) {
      const known = this.list().map((p) => p.name);
      throw new NotFoundError(`Unknown device profile "${name}"; known: ${known.join(', ')}`);
    }
    return profile;
  }

  /** Adds or replaces a user's profile; a built-in name is refused (save a copy under another name). */
  save(input: unknown): DeviceProfile {
    const name = typeof input === 'object' && input && 'name' in input ? (input as { name: unknown }).name : undefined;
    if (typeof name === 'string' && isBuiltin(name.trim())) {
      throw new UserError(`"${name.trim()}" is a built-in device profile: save yours under another name`);
    }
    const profile = parseDeviceProfile(input);
    const others = this.userProfiles().filter((p) => p.name !== profile.name);
    this.write([...others, profile]);
    return structuredClone(profile);
  }

  remove(name: string): void {
    if (isBuiltin(name)) throw new UserError(`"${name}" is a built-in device profile and cannot be removed`);
    const profiles = this.userProfiles();
    if (!profiles.some((p) => p.name === name)) throw new NotFoundError(`Unknown device profile "${name}"`);
    this.write(profiles.filter((p) => p.name !== name));
  }

  private write(profiles: DeviceProfile[]): void {
    // saved as the user wrote them: `builtin` is implied
    writeJsonSetting(this.db, KEY, { profiles: profiles.map(({ builtin: _builtin, ...rest }) => rest) });
  }

  /** Saved profiles that still validate (a damaged or outdated entry is skipped, never fatal), sorted by name. */
  private userProfiles(): DeviceProfile[] {
    const saved = readJsonSetting<{ profiles: unknown }>(this.db, KEY, { profiles: [] }).profiles;
    if (!Array.isArray(saved)) return [];
    return saved
      .map((entry) => deviceProfileSchema.safeParse(entry))
      .filter((r) => r.success)
      .map((r): DeviceProfile => ({ ...r.data, builtin: false }))
      .filter((p) => !isBuiltin(p.name))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
