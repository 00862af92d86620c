// Pure helpers for Settings → Metadata & indexers → Release profiles: the editable form state (strings, as typed) to and
// from the API's ReleaseProfileSpec, with client-side checks whose messages name the field (the server still validates).
import type { ReleaseProfileSpec, ReleaseSource } from '../../app/api/api-types';

export type Quality = ReleaseProfileSpec['cutoff'];
export type Preset = ReleaseProfileSpec['preset'];
export type VoiceKind = ReleaseProfileSpec['preferredVoiceKinds'][number];
/** What PUT /settings/discovery/profiles/:name takes: the profile without its name */
export type ProfileBody = Omit<ReleaseProfileSpec, 'name'>;

/** most wanted first: the order the checkboxes show and the order qualities are sent in */
export const QUALITIES: readonly Quality[] = ['2160p', '1080p', '720p', '480p'];
export const PRESETS: readonly Preset[] = ['best-quality', 'fastest', 'compact', 'balanced'];
export const SOURCES: readonly ReleaseSource[] = [
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
];
export const VOICE_KINDS: readonly VoiceKind[] = ['DUB', 'MVO', 'DVO', 'AVO', 'VO', 'ORIG'];
/** '' = no preference */
export const CODECS: readonly string[] = ['', 'H.264', 'H.265', 'AV1'];

export const NAME_MAX = 100;
export const PATTERN_MAX = 200;
export const POINTS_MAX = 1000;

export interface SizeLimitForm {
  /** MB per minute of runtime, as typed; '' = no limit */
  min: string;
  max: string;
}

export interface ProfileForm {
  name: string;
  preset: Preset;
  /** kept in QUALITIES order */
  qualities: Quality[];
  cutoff: Quality;
  minSeeders: string;
  /** none = any source */
  sources: ReleaseSource[];
  remuxAllowed: boolean;
  sizeLimits: Record<Quality, SizeLimitForm>;
  /** one regex per line */
  requiredWords: string;
  forbiddenWords: string;
  /** "pattern = points" per line */
  preferredWords: string;
  /** comma-separated */
  preferredStudios: string;
  voiceKinds: VoiceKind[];
  /** comma-separated ISO 639-1 codes or 'original' */
  audioLanguages: string;
  /** '' = none */
  codec: string;
}

export type ProfileField =
  | 'name'
  | 'qualities'
  | 'cutoff'
  | 'minSeeders'
  | 'sizeLimits'
  | 'requiredWords'
  | 'forbiddenWords'
  | 'preferredWords'
  | 'preferredStudios'
  | 'audioLanguages';

export interface ProfileFieldError {
  field: ProfileField;
  message: string;
}

export type ProfileFormResult = { ok: true; name: string; body: ProfileBody } | { ok: false; errors: ProfileFieldError[] };

const numText = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '');

/** `items` in the order of `order`, each once, unknown ones dropped */
export function inOrder<T>(items: readonly T[], order: readonly T[]): T[] {
  return order.filter((o) => items.includes(o));
}

/** A checkbox list: turn `item` on or off, keeping the canonical order. */
export function toggleIn<T>(items: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  const next = on ? [...items, item] : items.filter((i) => i !== item);
  return inOrder(next, order);
}

const emptyLimits = (): Record<Quality, SizeLimitForm> => ({
  '2160p': { min: '', max: '' },
  '1080p': { min: '', max: '' },
  '720p': { min: '', max: '' },
  '480p': { min: '', max: '' },
});

/** A new profile: 1080p and 720p, cutoff 1080p, the balanced preset, at least one seeder. */
export function emptyProfileForm(name = ''): ProfileForm {
  return {
    name,
    preset: 'balanced',
    qualities: ['1080p', '720p'],
    cutoff: '1080p',
    minSeeders: '1',
    sources: [],
    remuxAllowed: false,
    sizeLimits: emptyLimits(),
    requiredWords: '',
    forbiddenWords: '',
    preferredWords: '',
    preferredStudios: '',
    voiceKinds: [],
    audioLanguages: '',
    codec: '',
  };
}

/** The form for a saved profile; `name` overrides its name (a copy of a built-in). */
export function toProfileForm(spec: ReleaseProfileSpec, name: string = spec.name): ProfileForm {
  const sizeLimits = emptyLimits();
  for (const q of QUALITIES) {
    const l = spec.sizeLimits[q];
    if (l) sizeLimits[q] = { min: numText(l.minMbPerMin), max: numText(l.maxMbPerMin) };
  }
  return {
    name,
    preset: spec.preset,
    qualities: inOrder(spec.qualities, QUALITIES),
    cutoff: spec.cutoff,
    minSeeders: numText(spec.minSeeders),
    sources: spec.sources ? inOrder(spec.sources, SOURCES) : [],
    remuxAllowed: spec.remuxAllowed,
    sizeLimits,
    requiredWords: spec.requiredWords.join('\n'),
    forbiddenWords: spec.forbiddenWords.join('\n'),
    preferredWords: spec.preferredWords.map((w) => `${w.pattern} = ${w.points}`).join('\n'),
    preferredStudios: spec.preferredStudios.join(', '),
    voiceKinds: inOrder(spec.preferredVoiceKinds, VOICE_KINDS),
    audioLanguages: spec.preferredAudioLanguages.join(', '),
    codec: spec.preferredCodec ?? '',
  };
}

/** "best-quality copy", or "best-quality copy 2", … when that is taken. */
export function copyName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const first = `${base} copy`.slice(0, NAME_MAX);
  if (!lower.has(first.toLowerCase())) return first;
  for (let i = 2; ; i++) {
    const candidate = `${base.slice(0, NAME_MAX - 10)} copy ${i}`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
const commaList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** null when the pattern compiles (case-insensitively, as the engine uses it), else why not */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > PATTERN_MAX) return `longer than ${PATTERN_MAX} characters`;
  try {
    new RegExp(pattern, 'i');
    return null;
  } catch (err) {
    return `invalid regular expression “${pattern}”: ${(err as Error).message}`;
  }
}

/** One "pattern = points" line; the last '=' splits, so a pattern may contain '=' itself. */
export function parsePreferredWord(line: string): { pattern: string; points: number } | string {
  const at = line.lastIndexOf('=');
  if (at < 0) return `write “pattern = points”, e.g. “HDR = 10”`;
  const pattern = line.slice(0, at).trim();
  const pointsText = line.slice(at + 1).trim();
  if (!pattern) return 'the pattern is missing before “=”';
  const points = Number(pointsText);
  if (pointsText === '' || !Number.isInteger(points) || Math.abs(points) > POINTS_MAX)
    return `points must be a whole number from −${POINTS_MAX} to ${POINTS_MAX}`;
  return { pattern, points };
}

/** '' → undefined; else a finite number or NaN */
const optNumber = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

/**
 * The form as the API body, or every problem found (each naming its field).
 * `taken`: names the new name must not have (the built-ins, and the other profiles when creating one).
 */
export function fromProfileForm(form: ProfileForm, taken: readonly string[] = []): ProfileFormResult {
  const errors: ProfileFieldError[] = [];
  const fail = (field: ProfileField, message: string) => errors.push({ field, message });

  const name = form.name.trim();
  if (!name) fail('name', 'Name: required');
  else if (name.length > NAME_MAX) fail('name', `Name: at most ${NAME_MAX} characters`);
  else if (taken.some((t) => t.toLowerCase() === name.toLowerCase()))
    fail('name', `Name: “${name}” is already taken; pick another`);

  const qualities = inOrder(form.qualities, QUALITIES);
  if (qualities.length === 0) fail('qualities', 'Qualities: pick at least one');
  else if (!qualities.includes(form.cutoff)) fail('cutoff', `Cutoff: ${form.cutoff} is not one of the allowed qualities`);

  const seedersText = form.minSeeders.trim();
  const minSeeders = seedersText === '' ? 0 : Number(seedersText);
  if (!Number.isInteger(minSeeders) || minSeeders < 0) fail('minSeeders', 'Min seeders: a whole number, 0 or more');

  const sizeLimits: ProfileBody['sizeLimits'] = {};
  for (const q of qualities) {
    const l = form.sizeLimits[q];
    const min = optNumber(l.min);
    const max = optNumber(l.max);
    let bad = false;
    if (min !== undefined && (!Number.isFinite(min) || min < 0)) {
      fail('sizeLimits', `Size limits ${q}: min must be a number, 0 or more`);
      bad = true;
    }
    if (max !== undefined && (!Number.isFinite(max) || max <= 0)) {
      fail('sizeLimits', `Size limits ${q}: max must be a number above 0`);
      bad = true;
    }
    if (!bad && min !== undefined && max !== undefined && min > max)
      fail('sizeLimits', `Size limits ${q}: min must not exceed max`);
    if (min === undefined && max === undefined) continue;
    sizeLimits[q] = {
      ...(min !== undefined ? { minMbPerMin: min } : {}),
      ...(max !== undefined ? { maxMbPerMin: max } : {}),
    };
  }

  const regexList = (field: 'requiredWords' | 'forbiddenWords', label: string, text: string) => {
    const list = lines(text);
    list.forEach((p, i) => {
      const problem = regexProblem(p);
      if (problem) fail(field, `${label} line ${i + 1}: ${problem}`);
    });
    return list;
  };
  const requiredWords = regexList('requiredWords', 'Required words', form.requiredWords);
  const forbiddenWords = regexList('forbiddenWords', 'Forbidden words', form.forbiddenWords);

  const preferredWords: ProfileBody['preferredWords'] = [];
  lines(form.preferredWords).forEach((line, i) => {
    const parsed = parsePreferredWord(line);
    if (typeof parsed === 'string') return fail('preferredWords', `Preferred words line ${i + 1}: ${parsed}`);
    const problem = regexProblem(parsed.pattern);
    if (problem) return fail('preferredWords', `Preferred words line ${i + 1}: ${problem}`);
    preferredWords.push(parsed);
  });

  const preferredStudios = commaList(form.preferredStudios);
  for (const s of preferredStudios)
    if (s.length > NAME_MAX) fail('preferredStudios', `Preferred studios: “${s.slice(0, 20)}…” is longer than ${NAME_MAX}`);

  const preferredAudioLanguages = commaList(form.audioLanguages).map((l) => l.toLowerCase());
  for (const l of preferredAudioLanguages)
    if (l.length < 2 || l.length > 10)
      fail('audioLanguages', `Audio languages: “${l}” is not a language code (e.g. ru, en, original)`);

  if (errors.length > 0) return { ok: false, errors };
  const codec = form.codec.trim();
  return {
    ok: true,
    name,
    body: {
      preset: form.preset,
      qualities,
      cutoff: form.cutoff,
      sources: form.sources.length > 0 ? inOrder(form.sources, SOURCES) : null,
      remuxAllowed: form.remuxAllowed,
      sizeLimits,
      minSeeders,
      requiredWords,
      forbiddenWords,
      preferredWords,
      preferredStudios,
      preferredVoiceKinds: inOrder(form.voiceKinds, VOICE_KINDS),
      preferredAudioLanguages,
      preferredCodec: codec === '' ? null : codec,
    },
  };
}

/** The fields that have a problem (for aria-invalid). */
export const errorFields = (errors: readonly ProfileFieldError[]) => new Set(errors.map((e) => e.field));

/** Check or uncheck a quality; a cutoff that is no longer allowed moves to the best one left. */
export function withQuality(form: ProfileForm, q: Quality, on: boolean): ProfileForm {
  const qualities = toggleIn(form.qualities, q, on, QUALITIES);
  const cutoff = qualities.includes(form.cutoff) || qualities.length === 0 ? form.cutoff : qualities[0];
  return { ...form, qualities, cutoff };
}
