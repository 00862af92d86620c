import { z } from 'zod';
import type { Quality, Source, Voice } from './release-types.js';

/**
 * Release profiles: what a user allows and prefers when the decision engine (release-decision.ts) picks a release.
 * Pure data + validation. User profiles come through `parseReleaseProfile` (zod); built-ins are below.
 */

export const QUALITIES = ['2160p', '1080p', '720p', '480p'] as const satisfies readonly Quality[];

/** Sources best first: the order scores them (BluRay highest, TS lowest). */
export const SOURCE_RANK = [
  'BluRay',
  'BDRip',
  'WEB-DL',
  'WEBRip',
  'HDTV',
  'HDRip',
  'DVD',
  'DVDRip',
  'SATRip',
  'TVRip',
  'CAM',
  'TS',
] as const satisfies readonly Source[];

// Compile-time guard: fails when release-types.ts gains a quality or source these lists do not place.
const exhaustive: [Exclude<Quality, (typeof QUALITIES)[number]> | Exclude<Source, (typeof SOURCE_RANK)[number]>] extends [never]
  ? true
  : never = true;
void exhaustive;

export const PRESETS = ['best-quality', 'fastest', 'compact', 'balanced'] as const;
export type Preset = (typeof PRESETS)[number];

const VOICE_KINDS = ['DUB', 'MVO', 'DVO', 'AVO', 'VO', 'ORIG'] as const satisfies readonly NonNullable<Voice['kind']>[];

/** The most points each factor can give under a preset; 0 turns the factor off. */
export interface PresetWeights {
  quality: number;
  source: number;
  remux: number;
  hdr: number;
  seeders: number;
  /** smaller is better, relative to the other candidates of the same decision */
  size: number;
  /** share of the wanted seasons a candidate covers as full seasons */
  coverage: number;
}

// best-quality: picture first; fastest: seeders dominate, then size; compact: coverage dominates; balanced: a mix.
export const PRESET_WEIGHTS: Record<Preset, PresetWeights> = {
  'best-quality': { quality: 100, source: 40, remux: 15, hdr: 10, seeders: 10, size: 0, coverage: 0 },
  fastest: { quality: 10, source: 5, remux: 0, hdr: 0, seeders: 100, size: 20, coverage: 0 },
  compact: { quality: 30, source: 10, remux: 0, hdr: 0, seeders: 15, size: 10, coverage: 100 },
  balanced: { quality: 60, source: 20, remux: 0, hdr: 0, seeders: 30, size: 10, coverage: 10 },
};

/** Fixed points for the profile's own preferences (the first preferred studio gets the most). */
export const PREFERENCE_POINTS = { codec: 10, studio: 15, voiceKind: 10, audioLanguage: 10, freeleech: 5, yearOffByOne: -5 };

const MAX_PATTERN = 200;

/** A case-insensitive regex as a string; compiling it here makes a bad one a validation error, not a crash later. */
const regexString = z
  .string()
  .min(1)
  .max(MAX_PATTERN)
  .superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern, 'i');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression "${pattern}": ${(err as Error).message}` });
    }
  });

const sizeLimitSchema = z
  .object({ minMbPerMin: z.number().min(0).optional(), maxMbPerMin: z.number().positive().optional() })
  .refine((l) => l.minMbPerMin === undefined || l.maxMbPerMin === undefined || l.minMbPerMin <= l.maxMbPerMin, {
    message: 'minMbPerMin must not exceed maxMbPerMin',
  });

export const releaseProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    preset: z.enum(PRESETS).default('balanced'),
    /** allowed qualities, most wanted first */
    qualities: z.array(z.enum(QUALITIES)).min(1),
    /** at or above this quality every allowed quality scores the top quality points: no upgrade is sought */
    cutoff: z.enum(QUALITIES),
    /** allowed sources; null allows any (an unknown source always passes, with a note) */
    sources: z.array(z.enum(SOURCE_RANK)).min(1).nullable().default(null),
    remuxAllowed: z.boolean().default(false),
    /** MB per minute of runtime, per quality; checked only when the runtime is known */
    sizeLimits: z.partialRecord(z.enum(QUALITIES), sizeLimitSchema).default({}),
    minSeeders: z.number().int().min(0).default(1),
    /** every one of these must match the title */
    requiredWords: z.array(regexString).default([]),
    /** none of these may match the title */
    forbiddenWords: z.array(regexString).default([]),
    /** each match adds its points (negative points push a release down without rejecting it) */
    preferredWords: z.array(z.object({ pattern: regexString, points: z.number().int().min(-1000).max(1000) })).default([]),
    /** voice-over studios, most wanted first (compared case-insensitively) */
    preferredStudios: z.array(z.string().trim().min(1).max(100)).default([]),
    preferredVoiceKinds: z.array(z.enum(VOICE_KINDS)).default([]),
    /** ISO 639-1 codes, or 'original' for the original track (see audioLanguages in release-match.ts) */
    preferredAudioLanguages: z.array(z.string().trim().min(2).max(10)).default([]),
    /** e.g. 'H.265': smaller files for the same picture */
    preferredCodec: z.string().min(1).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (!p.qualities.includes(p.cutoff))
      ctx.addIssue({ code: 'custom', path: ['cutoff'], message: `cutoff ${p.cutoff} is not one of the allowed qualities` });
    if (new Set(p.qualities).size !== p.qualities.length)
      ctx.addIssue({ code: 'custom', path: ['qualities'], message: 'qualities must not repeat' });
  });

export type ReleaseProfile = z.output<typeof releaseProfileSchema>;
export type ReleaseProfileInput = z.input<typeof releaseProfileSchema>;

export type ProfileParseResult = { ok: true; profile: ReleaseProfile } | { ok: false; errors: string[] };

/** Validates a user profile; errors read "requiredWords.0: invalid regular expression "(": …". */
export function parseReleaseProfile(input: unknown): ProfileParseResult {
  const result = releaseProfileSchema.safeParse(input);
  if (result.success) return { ok: true, profile: result.data };
  return { ok: false, errors: result.error.issues.map((i) => `${i.path.join('.') || '(profile)'}: ${i.message}`) };
}

/** The profile's regexes compiled once per decision. Throws on a bad pattern (a profile that skipped validation). */
export interface CompiledWords {
  required: RegExp[];
  forbidden: RegExp[];
  preferred: Array<{ re: RegExp; points: number }>;
}

export function compileWords(profile: ReleaseProfile): CompiledWords {
  const compile = (pattern: string, field: string): RegExp => {
    try {
      return new RegExp(pattern, 'i');
    } catch (err) {
      throw new Error(`profile "${profile.name}" ${field}: invalid regular expression "${pattern}": ${(err as Error).message}`);
    }
  };
  return {
    required: profile.requiredWords.map((p) => compile(p, 'requiredWords')),
    forbidden: profile.forbiddenWords.map((p) => compile(p, 'forbiddenWords')),
    preferred: profile.preferredWords.map((w) => ({ re: compile(w.pattern, 'preferredWords'), points: w.points })),
  };
}

const NO_CAMS = SOURCE_RANK.filter((s) => s !== 'CAM' && s !== 'TS');
const base = {
  sources: NO_CAMS,
  remuxAllowed: false,
  minSeeders: 1,
  requiredWords: [],
  forbiddenWords: [],
  preferredWords: [],
  preferredStudios: [],
  preferredVoiceKinds: [],
  preferredAudioLanguages: [],
  preferredCodec: null,
} satisfies Partial<ReleaseProfile>;

// MB per minute: a 2-hour 1080p encode of 1–20 GB is 8–170 MB/min; a 1080p remux runs ~250, a 2160p remux ~500.
const SIZE_LIMITS: ReleaseProfile['sizeLimits'] = {
  '480p': { minMbPerMin: 3, maxMbPerMin: 40 },
  '720p': { minMbPerMin: 5, maxMbPerMin: 80 },
  '1080p': { minMbPerMin: 8, maxMbPerMin: 300 },
  '2160p': { minMbPerMin: 15, maxMbPerMin: 800 },
};

export type BuiltinProfileName = 'best-quality' | 'fastest' | 'compact' | 'balanced-1080p';

export const BUILTIN_PROFILES: Record<BuiltinProfileName, ReleaseProfile> = {
  'best-quality': {
    ...base,
    name: 'best-quality',
    preset: 'best-quality',
    qualities: ['2160p', '1080p', '720p', '480p'],
    cutoff: '2160p',
    remuxAllowed: true,
    sizeLimits: SIZE_LIMITS,
  },
  fastest: {
    ...base,
    name: 'fastest',
    preset: 'fastest',
    qualities: ['1080p', '720p', '480p'],
    // 1080p and 720p score alike: seeders and size decide
    cutoff: '720p',
    sizeLimits: SIZE_LIMITS,
    minSeeders: 5,
    preferredCodec: 'H.265',
  },
  compact: {
    ...base,
    name: 'compact',
    preset: 'compact',
    qualities: ['1080p', '720p', '480p'],
    cutoff: '1080p',
    sizeLimits: SIZE_LIMITS,
    preferredCodec: 'H.265',
  },
  'balanced-1080p': {
    ...base,
    name: 'balanced-1080p',
    preset: 'balanced',
    qualities: ['1080p', '720p'],
    cutoff: '1080p',
    sizeLimits: { ...SIZE_LIMITS, '1080p': { minMbPerMin: 8, maxMbPerMin: 120 } },
    minSeeders: 3,
  },
};
