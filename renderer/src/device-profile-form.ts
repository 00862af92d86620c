// Pure helpers for Settings → Playback → Device profiles: a profile to and from the editable form (strings as typed;
// bitrates in Mb/s and kb/s; H.264/HEVC levels as "5.1"), client-side checks whose messages name the field (the server
// still validates and has the last word), and the words the list shows for each profile.
import type { DeviceProfile, DeviceProfileBody, TranscodeTarget, VideoCodecRule } from '../../app/api/api-types';

export const PROTOCOLS: readonly TranscodeTarget['protocol'][] = ['hls', 'file'];
export const TARGET_CONTAINERS: readonly TranscodeTarget['container'][] = ['mpegts', 'mp4'];
export const TARGET_AUDIO_CODECS: readonly TranscodeTarget['audioCodec'][] = ['aac', 'ac3', 'mp3'];

/** the server's limits (app/stream/device-profiles.ts), repeated so the form can say what is wrong before saving */
export const NAME_MAX = 64;
export const LABEL_MAX = 100;
const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CODEC_PATTERN = /^[a-z0-9_]{2,32}$/;
const CONTAINER_PATTERN = /^[a-z0-9_]{2,16}$/;

export interface VideoRuleForm {
  codec: string;
  /** comma-separated ffprobe profile names; '' = any */
  profiles: string;
  /** "5.1" for H.264 and HEVC, ffprobe's number for other codecs; '' = any */
  maxLevel: string;
  /** '' = 8 */
  maxBitDepth: string;
}

export interface TranscodeForm {
  protocol: TranscodeTarget['protocol'];
  container: TranscodeTarget['container'];
  audioCodec: TranscodeTarget['audioCodec'];
  maxWidth: string;
  maxHeight: string;
  /** Mb/s */
  videoBitrate: string;
  /** kb/s */
  audioBitrate: string;
  maxAudioChannels: string;
  /** comma-separated; '' = what the output container carries */
  copyVideoCodecs: string;
  copyAudioCodecs: string;
}

export interface DeviceProfileForm {
  name: string;
  label: string;
  /** comma-separated */
  containers: string;
  video: VideoRuleForm[];
  /** comma-separated */
  audioCodecs: string;
  maxAudioChannels: string;
  maxWidth: string;
  maxHeight: string;
  /** Mb/s */
  maxBitrate: string;
  textSubtitles: boolean;
  transcode: TranscodeForm;
}

/**
 * A field's address: the body's path with dots ("maxBitrate", "video.1.maxLevel", "transcode.videoBitrate"), so the
 * server's 400 ("transcode/videoBitrate: …") marks the same inputs as the form's own checks.
 */
export type FieldPath = string;

export interface FieldError {
  field: FieldPath;
  message: string;
}

export type FormResult = { ok: true; name: string; body: DeviceProfileBody } | { ok: false; errors: FieldError[] };

// ---- numbers as people type them ------------------------------------------------------------------------------------

/** 1_350_000 → "1.35"; absent → '' */
const scaled = (value: number | undefined, unit: number) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value / unit) : '';

/** "1.5" and "1,5" → 1.5; '' → undefined; anything else → NaN */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim().replace(/\s+/g, '');
  if (t === '') return undefined;
  if (!/^\d+(?:[.,]\d+)?$|^[.,]\d+$/.test(t)) return Number.NaN;
  return Number(t.replace(',', '.'));
}

/** Bits per second as "Mb/s" text: 8_000_000 → "8". */
export const mbpsText = (bps: number | undefined) => scaled(bps, 1_000_000);
/** "8.5" Mb/s → 8_500_000 b/s (NaN stays NaN, '' → undefined). */
export const mbpsToBps = (text: string) => toUnits(parseDecimal(text), 1_000_000);
/** Bits per second as "kb/s" text: 192_000 → "192". */
export const kbpsText = (bps: number | undefined) => scaled(bps, 1000);
export const kbpsToBps = (text: string) => toUnits(parseDecimal(text), 1000);

function toUnits(value: number | undefined, unit: number): number | undefined {
  return value === undefined || Number.isNaN(value) ? value : Math.round(value * unit);
}

/** "ac3, AAC,, eac3 ,aac" → ["ac3", "aac", "eac3"]: trimmed, lower-case, each once, blanks dropped. */
export function parseCommaList(text: string): string[] {
  const items = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  return [...new Set(items)];
}

// ---- levels: ffprobe's numbers are level × 10 (H.264) and level × 30 (HEVC) ---------------------------------------------

const LEVEL_SCALE: Record<string, number> = { h264: 10, hevc: 30 };

/** 52 (h264) → "5.2", 153 (hevc) → "5.1", 40 (h264) → "4.0"; other codecs as ffprobe writes them; absent → '' */
export function levelText(codec: string, level: number | undefined): string {
  if (level === undefined) return '';
  const scale = LEVEL_SCALE[codec.trim().toLowerCase()];
  if (!scale) return String(level);
  const value = Math.round((level / scale) * 10) / 10;
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/**
 * The level as ffprobe's number, or why the text isn't one. H.264 and HEVC take "4.1" (or ffprobe's own 41 / 123:
 * no level reaches 10, so 10 and above is read as ffprobe's number); other codecs take ffprobe's number.
 */
export function parseLevel(codec: string, text: string): number | undefined | string {
  const value = parseDecimal(text);
  if (value === undefined) return undefined;
  const scale = LEVEL_SCALE[codec.trim().toLowerCase()];
  const scaledInput = !!scale && value < 10;
  // "4.15" is no level: one decimal at most
  const tenths = value * 10;
  const raw = scaledInput ? Math.round(value * scale) : value;
  const oddDecimal = scaledInput && Math.abs(tenths - Math.round(tenths)) > 1e-9;
  if (Number.isNaN(value) || oddDecimal || !Number.isInteger(raw) || raw < 1 || raw > 255) {
    return scale ? `a level like 4.1 or 5.2` : `ffprobe's level number (1–255)`;
  }
  return raw;
}

// ---- profile ⇄ form ---------------------------------------------------------------------------------------------------

const intText = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '');

export const emptyVideoRule = (): VideoRuleForm => ({ codec: '', profiles: '', maxLevel: '', maxBitDepth: '' });

/** The form for a profile; `name` and `label` override its own (a copy). */
export function toProfileForm(
  profile: DeviceProfile,
  name: string = profile.name,
  label: string = profile.label,
): DeviceProfileForm {
  const t = profile.transcode;
  return {
    name,
    label,
    containers: profile.containers.join(', '),
    video: profile.video.map((r) => ({
      codec: r.codec,
      profiles: (r.profiles ?? []).join(', '),
      maxLevel: levelText(r.codec, r.maxLevel),
      maxBitDepth: intText(r.maxBitDepth),
    })),
    audioCodecs: profile.audioCodecs.join(', '),
    maxAudioChannels: intText(profile.maxAudioChannels),
    maxWidth: intText(profile.maxWidth),
    maxHeight: intText(profile.maxHeight),
    maxBitrate: mbpsText(profile.maxBitrate),
    textSubtitles: profile.textSubtitles,
    transcode: {
      protocol: t.protocol,
      container: t.container,
      audioCodec: t.audioCodec,
      maxWidth: intText(t.maxWidth),
      maxHeight: intText(t.maxHeight),
      videoBitrate: mbpsText(t.videoBitrate),
      audioBitrate: kbpsText(t.audioBitrate),
      maxAudioChannels: intText(t.maxAudioChannels),
      copyVideoCodecs: (t.copyVideoCodecs ?? []).join(', '),
      copyAudioCodecs: (t.copyAudioCodecs ?? []).join(', '),
    },
  };
}

/** A free kebab-case name for a copy: "chromium-copy", then "chromium-copy-2", … */
export function copyProfileName(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  const stem = base.slice(0, NAME_MAX - 8).replace(/-+$/, '');
  if (!used.has(`${stem}-copy`)) return `${stem}-copy`;
  for (let i = 2; ; i++) if (!used.has(`${stem}-copy-${i}`)) return `${stem}-copy-${i}`;
}

/** "Chromium" → "Chromium (copy)" */
export const copyProfileLabel = (label: string) => `${label} (copy)`.slice(0, LABEL_MAX);

/**
 * The form as the API body, or every problem found (each naming its field).
 * `taken`: names the new name must not have (the built-ins, and every other profile when creating one).
 */
export function fromProfileForm(form: DeviceProfileForm, taken: readonly string[] = []): FormResult {
  const errors: FieldError[] = [];
  const fail = (field: FieldPath, message: string) => errors.push({ field, message });

  const name = form.name.trim();
  if (!name) fail('name', 'Name: required');
  else if (name.length > NAME_MAX) fail('name', `Name: at most ${NAME_MAX} characters`);
  else if (!NAME_PATTERN.test(name)) fail('name', 'Name: lower-case letters, digits and dashes (like bedroom-tv)');
  else if (taken.includes(name)) fail('name', `Name: “${name}” is already taken; pick another`);

  const label = form.label.trim();
  if (!label) fail('label', 'Label: required');
  else if (label.length > LABEL_MAX) fail('label', `Label: at most ${LABEL_MAX} characters`);

  const names = (field: FieldPath, what: string, text: string, pattern: RegExp, hint: string, required: boolean) => {
    const list = parseCommaList(text);
    if (required && list.length === 0) fail(field, `${what}: at least one`);
    const bad = list.filter((c) => !pattern.test(c));
    if (bad.length > 0) fail(field, `${what}: “${bad.join('”, “')}” — ${hint}`);
    return list;
  };
  const codecHint = 'write codecs as ffprobe does (h264, hevc, aac, ac3, …)';
  const containers = names(
    'containers',
    'Containers',
    form.containers,
    CONTAINER_PATTERN,
    'write containers as mp4, mkv, webm, mpegts, …',
    true,
  );
  const audioCodecs = names('audioCodecs', 'Audio codecs', form.audioCodecs, CODEC_PATTERN, codecHint, true);

  const video: VideoCodecRule[] = [];
  const seen = new Set<string>();
  form.video.forEach((row, i) => {
    const blank = !row.codec.trim() && !row.profiles.trim() && !row.maxLevel.trim() && !row.maxBitDepth.trim();
    if (blank) return;
    const codec = row.codec.trim().toLowerCase();
    const where = `Video codec ${i + 1}${codec ? ` (${codec})` : ''}`;
    const codecOk = CODEC_PATTERN.test(codec);
    if (!codec) fail(`video.${i}.codec`, `${where}: the codec is missing`);
    else if (!codecOk) fail(`video.${i}.codec`, `${where}: ${codecHint}`);
    else if (seen.has(codec)) fail(`video.${i}.codec`, `${where}: listed twice; one rule per codec`);
    seen.add(codec);
    const profiles = parseCommaList(row.profiles);
    if (profiles.length > 20) fail(`video.${i}.profiles`, `${where} profiles: at most 20`);
    if (profiles.some((p) => p.length > 40)) fail(`video.${i}.profiles`, `${where} profiles: each at most 40 characters`);
    // how a level reads depends on the codec: no codec, no level check
    const level = codecOk ? parseLevel(codec, row.maxLevel) : undefined;
    if (typeof level === 'string') fail(`video.${i}.maxLevel`, `${where} max level: ${level}`);
    const depth = wholeNumber(row.maxBitDepth);
    if (depth !== undefined && (Number.isNaN(depth) || depth < 8 || depth > 16))
      fail(`video.${i}.maxBitDepth`, `${where} max bit depth: a whole number from 8 to 16`);
    video.push({
      codec,
      ...(profiles.length > 0 ? { profiles } : {}),
      ...(typeof level === 'number' ? { maxLevel: level } : {}),
      ...(depth !== undefined ? { maxBitDepth: depth } : {}),
    });
  });
  if (video.length === 0) fail('video', 'Video codecs: at least one');

  const int = (field: FieldPath, what: string, text: string, min: number, max: number) => {
    const n = wholeNumber(text);
    if (n === undefined || Number.isNaN(n) || n < min || n > max) {
      fail(field, `${what}: a whole number from ${min} to ${max}`);
      return 0;
    }
    return n;
  };
  /** `unit`: 'Mb/s' or 'kb/s', as the input is labelled; min and max in bits per second */
  const bitrate = (field: FieldPath, what: string, text: string, unit: 'Mb/s' | 'kb/s', min: number, max: number) => {
    const scale = unit === 'Mb/s' ? 1_000_000 : 1000;
    const bps = toUnits(parseDecimal(text), scale);
    if (bps === undefined || Number.isNaN(bps) || bps < min || bps > max) {
      fail(field, `${what}: a number of ${unit} from ${min / scale} to ${max / scale}`);
      return 0;
    }
    return bps;
  };

  const maxAudioChannels = int('maxAudioChannels', 'Max audio channels', form.maxAudioChannels, 1, 32);
  const maxWidth = int('maxWidth', 'Max width', form.maxWidth, 160, 16_384);
  const maxHeight = int('maxHeight', 'Max height', form.maxHeight, 90, 16_384);
  const maxBitrate = bitrate('maxBitrate', 'Max bitrate', form.maxBitrate, 'Mb/s', 100_000, 1_000_000_000);

  const t = form.transcode;
  const target: TranscodeTarget = {
    protocol: t.protocol,
    container: t.container,
    videoCodec: 'h264',
    audioCodec: t.audioCodec,
    maxWidth: int('transcode.maxWidth', 'Transcode max width', t.maxWidth, 160, 7680),
    maxHeight: int('transcode.maxHeight', 'Transcode max height', t.maxHeight, 90, 4320),
    videoBitrate: bitrate('transcode.videoBitrate', 'Transcode video bitrate', t.videoBitrate, 'Mb/s', 100_000, 200_000_000),
    audioBitrate: bitrate('transcode.audioBitrate', 'Transcode audio bitrate', t.audioBitrate, 'kb/s', 32_000, 1_536_000),
    maxAudioChannels: int('transcode.maxAudioChannels', 'Transcode audio channels', t.maxAudioChannels, 1, 8),
  };
  const copyVideo = names('transcode.copyVideoCodecs', 'Copied video codecs', t.copyVideoCodecs, CODEC_PATTERN, codecHint, false);
  const copyAudio = names('transcode.copyAudioCodecs', 'Copied audio codecs', t.copyAudioCodecs, CODEC_PATTERN, codecHint, false);
  if (copyVideo.length > 0) target.copyVideoCodecs = copyVideo;
  if (copyAudio.length > 0) target.copyAudioCodecs = copyAudio;

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    name,
    body: {
      label,
      containers,
      video,
      audioCodecs,
      maxAudioChannels,
      maxWidth,
      maxHeight,
      maxBitrate,
      textSubtitles: form.textSubtitles,
      transcode: target,
    },
  };
}

/** '' → undefined; "6" → 6; "6.5", "six" → NaN */
function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

// ---- errors → inputs ---------------------------------------------------------------------------------------------

/**
 * The inputs a list of errors points at. A list item's index is dropped ("containers.1" → "containers": the whole
 * list is one input); a video rule keeps its row ("video.1.maxLevel").
 */
export function errorFields(errors: readonly FieldError[]): ReadonlySet<FieldPath> {
  return new Set(errors.map((e) => inputOf(e.field)));
}

function inputOf(path: string): FieldPath {
  const parts = path.split(/[./]/).filter((p) => p !== '');
  while (parts.length > 1 && /^\d+$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('.');
}

/**
 * The fields the server's 400 names: "Invalid body: transcode/videoBitrate: Too big; containers/1: Invalid" →
 * transcode.videoBitrate, containers. A message naming no field (a built-in name, say) gives none.
 */
export function serverErrorFields(message: string): ReadonlySet<FieldPath> {
  const body = message.replace(/^Invalid (?:body|device profile):\s*/i, '');
  const fields = new Set<FieldPath>();
  for (const part of body.split(/;\s*/)) {
    const m = /^([A-Za-z][\w]*(?:[./][\w]+)*):\s/.exec(part);
    if (m) fields.add(inputOf(m[1]));
  }
  return fields;
}
