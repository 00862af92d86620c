import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROFILES,
  PRESETS,
  PRESET_WEIGHTS,
  compileWords,
  parseReleaseProfile,
  releaseProfileSchema,
  type ReleaseProfile,
} from './release-profile.js';

const minimal = { name: 'mine', qualities: ['1080p', '720p'], cutoff: '1080p' };

describe('parseReleaseProfile: validation errors are clear and name the field', () => {
  const rows: Array<{ why: string; input: unknown; expectError: string }> = [
    {
      why: 'an unclosed group in a required word is a bad regex',
      input: { ...minimal, requiredWords: ['(rus'] },
      expectError: 'requiredWords.0: invalid regular expression "(rus"',
    },
    {
      why: 'an unterminated class in a forbidden word is a bad regex (second entry: the index says which)',
      input: { ...minimal, forbiddenWords: ['ok', '[a-'] },
      expectError: 'forbiddenWords.1: invalid regular expression "[a-"',
    },
    {
      why: 'a lone quantifier in a preferred word is a bad regex',
      input: { ...minimal, preferredWords: [{ pattern: '*x', points: 5 }] },
      expectError: 'preferredWords.0.pattern: invalid regular expression "*x"',
    },
    {
      why: 'an empty pattern would match everything',
      input: { ...minimal, requiredWords: [''] },
      expectError: 'requiredWords.0',
    },
    {
      why: 'the cutoff must be an allowed quality',
      input: { ...minimal, cutoff: '2160p' },
      expectError: 'cutoff: cutoff 2160p is not one of the allowed qualities',
    },
    {
      why: 'a profile allows at least one quality',
      input: { ...minimal, qualities: [], cutoff: '1080p' },
      expectError: 'qualities',
    },
    {
      why: 'qualities must not repeat',
      input: { ...minimal, qualities: ['1080p', '1080p'] },
      expectError: 'qualities: qualities must not repeat',
    },
    { why: 'an unknown quality is refused', input: { ...minimal, qualities: ['4K'] }, expectError: 'qualities.0' },
    { why: 'an unknown preset is refused', input: { ...minimal, preset: 'cheapest' }, expectError: 'preset' },
    { why: 'an unknown source is refused', input: { ...minimal, sources: ['VHS'] }, expectError: 'sources.0' },
    {
      why: 'a size minimum above the maximum is refused',
      input: { ...minimal, sizeLimits: { '1080p': { minMbPerMin: 50, maxMbPerMin: 10 } } },
      expectError: 'sizeLimits.1080p: minMbPerMin must not exceed maxMbPerMin',
    },
    { why: 'negative minimum seeders are refused', input: { ...minimal, minSeeders: -1 }, expectError: 'minSeeders' },
    { why: 'a profile needs a name', input: { ...minimal, name: ' ' }, expectError: 'name' },
    { why: 'not an object at all', input: 'best', expectError: '(profile)' },
  ];
  it.each(rows)('$why', ({ input, expectError }) => {
    const result = parseReleaseProfile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expectError);
  });

  it('lists every error, not only the first', () => {
    const result = parseReleaseProfile({ ...minimal, requiredWords: ['('], forbiddenWords: ['['], minSeeders: -1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(3);
  });
});

describe('parseReleaseProfile: a sparse valid profile gets defaults', () => {
  it('fills every optional field', () => {
    const result = parseReleaseProfile(minimal);
    expect(result).toEqual({
      ok: true,
      profile: {
        name: 'mine',
        preset: 'balanced',
        qualities: ['1080p', '720p'],
        cutoff: '1080p',
        sources: null,
        remuxAllowed: false,
        sizeLimits: {},
        minSeeders: 1,
        requiredWords: [],
        forbiddenWords: [],
        preferredWords: [],
        preferredStudios: [],
        preferredVoiceKinds: [],
        preferredAudioLanguages: [],
        preferredCodec: null,
      },
    });
  });

  it('accepts Cyrillic and alternation in words, matched case-insensitively', () => {
    const result = parseReleaseProfile({ ...minimal, requiredWords: ['рус|rus'], forbiddenWords: ['\\bcam(rip)?\\b'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const words = compileWords(result.profile);
    expect(words.required[0].test('Фильм РУС')).toBe(true);
    expect(words.forbidden[0].test('Movie.CAMRip')).toBe(true);
  });
});

describe('compileWords: a profile that skipped validation fails with a clear error', () => {
  it('names the profile, the field and the pattern', () => {
    const bad = { ...BUILTIN_PROFILES.fastest, name: 'raw', forbiddenWords: ['(x'] } satisfies ReleaseProfile;
    expect(() => compileWords(bad)).toThrow(/profile "raw" forbiddenWords: invalid regular expression "\(x"/);
  });
});

describe('BUILTIN_PROFILES', () => {
  it.each(Object.entries(BUILTIN_PROFILES))('%s is a valid profile and keyed by its name', (name, profile) => {
    expect(releaseProfileSchema.parse(profile)).toEqual(profile);
    expect(profile.name).toBe(name);
  });

  it('offers one built-in profile per preset', () => {
    expect(new Set(Object.values(BUILTIN_PROFILES).map((p) => p.preset))).toEqual(new Set(PRESETS));
  });

  it('no built-in allows CAM or TS', () => {
    for (const p of Object.values(BUILTIN_PROFILES)) expect(p.sources).not.toContain('CAM');
    for (const p of Object.values(BUILTIN_PROFILES)) expect(p.sources).not.toContain('TS');
  });

  const presetRows: Array<{ why: string; check: () => boolean }> = [
    {
      why: 'best-quality weighs quality above seeders',
      check: () => PRESET_WEIGHTS['best-quality'].quality > PRESET_WEIGHTS['best-quality'].seeders,
    },
    {
      why: 'fastest weighs seeders above quality and size',
      check: () => PRESET_WEIGHTS.fastest.seeders > PRESET_WEIGHTS.fastest.quality + PRESET_WEIGHTS.fastest.size,
    },
    {
      why: 'compact weighs coverage above everything else',
      check: () =>
        Object.entries(PRESET_WEIGHTS.compact).every(([k, v]) => k === 'coverage' || v < PRESET_WEIGHTS.compact.coverage),
    },
    {
      why: 'balanced weighs both quality and seeders',
      check: () => PRESET_WEIGHTS.balanced.quality > 0 && PRESET_WEIGHTS.balanced.seeders > 0,
    },
  ];
  it.each(presetRows)('$why', ({ check }) => expect(check()).toBe(true));
});
