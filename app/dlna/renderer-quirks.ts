/**
 * Which renderer is asking, from its User-Agent and DLNA headers, and what it needs (Gerbera's client flags in spirit):
 * built-ins for Samsung, LG, Sony, Xbox, VLC, Kodi and a generic fallback; a user can add their own, matched first and
 * kept in the settings table. Detection is pure; the store is a thin layer over readJsonSetting/writeJsonSetting.
 */
import { z } from 'zod';
import type { Db } from '../core/database.js';
import { readJsonSetting, writeJsonSetting } from '../core/json-setting.js';
import { NotFoundError, UserError } from '../core/user-error.js';
import type { RendererQuirks } from './dlna-types.js';

/** How a renderer is recognised: any listed User-Agent fragment, or any listed header (case-insensitive). */
export interface RendererMatch {
  userAgentContains: string[];
  /** `contains: ''` = the header is present at all */
  headerContains: Array<{ header: string; contains: string }>;
}

export interface RendererRule {
  quirks: RendererQuirks;
  match: RendererMatch;
  builtin: boolean;
}

export interface RendererDetection {
  quirks: RendererQuirks;
  /** why, in words: 'User-Agent contains "SEC_HHP"' or 'no rule matched' */
  reason: string;
}

const quirks = (name: string, label: string, deviceProfile: string, extra: Partial<RendererQuirks> = {}): RendererQuirks => ({
  name,
  label,
  deviceProfile,
  samsungCaptions: false,
  omitDlnaProfileName: false,
  xboxContainerIds: false,
  maxPageSize: 0,
  ...extra,
});

const rule = (
  q: RendererQuirks,
  userAgentContains: string[],
  headerContains: RendererMatch['headerContains'] = [],
): RendererRule => ({
  quirks: q,
  match: { userAgentContains, headerContains },
  builtin: true,
});

export const GENERIC_RENDERER: RendererQuirks = Object.freeze(quirks('generic', 'Generic DLNA renderer', 'dlna-generic'));

/**
 * In the order they are tried. Player apps come first: Kodi or VLC on a TV may name the TV in their User-Agent too, and
 * the app is what plays. They map to sony-tv, the widest built-in profile (MKV, HEVC, VP9, DTS, Opus): both play nearly
 * anything, so the file is sent as it is far more often than with dlna-generic.
 */
export const BUILTIN_RENDERER_RULES: readonly RendererRule[] = Object.freeze([
  rule(quirks('vlc', 'VLC', 'sony-tv'), ['VLC']),
  rule(quirks('kodi', 'Kodi', 'sony-tv'), ['Kodi', 'XBMC']),
  rule(
    // the 360 browses its own fixed container ids and asks X_MS_MediaReceiverRegistrar first; its PN list is short
    quirks('xbox', 'Xbox', 'dlna-generic', { xboxContainerIds: true, omitDlnaProfileName: true }),
    ['Xbox', 'Xenon'],
  ),
  rule(
    quirks('samsung', 'Samsung TV', 'samsung-tv', { samsungCaptions: true }),
    ['SEC_HHP', 'Samsung', 'SamsungWiselinkPro'],
    [{ header: 'getCaptionInfo.sec', contains: '' }],
  ),
  rule(quirks('lg', 'LG TV', 'lg-tv'), ['LGE', 'webOS', 'LG-']),
  rule(quirks('sony', 'Sony TV', 'sony-tv'), ['BRAVIA', 'Sony'], [{ header: 'X-AV-Client-Info', contains: 'Sony' }]),
]);

type Headers = Record<string, string | string[] | undefined>;

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function matchReason(match: RendererMatch, headers: Headers): string | null {
  const userAgent = (headerValue(headers, 'user-agent') ?? '').toLowerCase();
  const fragment = match.userAgentContains.find((f) => f && userAgent.includes(f.toLowerCase()));
  if (fragment) return `User-Agent contains "${fragment}"`;
  for (const { header, contains } of match.headerContains) {
    const value = headerValue(headers, header);
    if (value !== undefined && value.toLowerCase().includes(contains.toLowerCase())) {
      return contains ? `${header} contains "${contains}"` : `${header} header present`;
    }
  }
  return null;
}

/** The renderer behind a request: the user's rules first, then the built-ins, else generic. Pure. */
export function detectRenderer(headers: Headers, userRules: readonly RendererRule[] = []): RendererDetection {
  for (const candidate of [...userRules, ...BUILTIN_RENDERER_RULES]) {
    const reason = matchReason(candidate.match, headers);
    if (reason) return { quirks: candidate.quirks, reason };
  }
  return { quirks: GENERIC_RENDERER, reason: 'no rule matched' };
}

// ---- users' own renderers ----------------------------------------------------------------------------------------

const BUILTIN_NAMES = new Set(['generic', ...BUILTIN_RENDERER_RULES.map((r) => r.quirks.name)]);

const fragment = z.string().trim().min(2, 'at least 2 characters').max(64, 'at most 64 characters');

export const rendererRuleInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and dashes (e.g. "panasonic-tv")')
      .max(40, 'at most 40 characters')
      .refine((name) => !BUILTIN_NAMES.has(name), 'that name belongs to a built-in renderer'),
    label: z.string().trim().min(1, 'a label').max(64, 'at most 64 characters'),
    userAgentContains: z.array(fragment).max(10, 'at most 10').default([]),
    headerContains: z
      .array(
        z
          .object({
            header: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9.!#$%&'*+^_`|~-]{1,64}$/, 'an HTTP header name'),
            contains: z.string().trim().max(64, 'at most 64 characters').default(''),
          })
          .strict(),
      )
      .max(10, 'at most 10')
      .default([]),
    deviceProfile: z.string().trim().min(1, 'a device profile name').max(64),
    samsungCaptions: z.boolean().default(false),
    omitDlnaProfileName: z.boolean().default(false),
    xboxContainerIds: z.boolean().default(false),
    maxPageSize: z.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .refine((input) => input.userAgentContains.length + input.headerContains.length > 0, {
    message: 'give at least one User-Agent fragment or header to recognise the renderer by',
    path: ['userAgentContains'],
  });

export type RendererRuleInput = z.input<typeof rendererRuleInputSchema>;
type RendererRuleSaved = z.output<typeof rendererRuleInputSchema>;

function toRule(saved: RendererRuleSaved): RendererRule {
  const { userAgentContains, headerContains, ...rest } = saved;
  return { quirks: rest, match: { userAgentContains, headerContains }, builtin: false };
}

const KEY = 'dlna-renderers';

/** Built-in renderers and the user's, saved under 'dlna-renderers'. Users' rules are cached between changes. */
export class RendererQuirksStore {
  private cache: RendererRule[] | null = null;

  constructor(
    private readonly db: Db,
    /** a renderer must name a device profile that exists (built-in or the user's) */
    private readonly profileExists: (name: string) => boolean = () => true,
  ) {}

  /** Built-ins (in detection order), the generic fallback, then the user's by name. */
  list(): RendererRule[] {
    const builtins = BUILTIN_RENDERER_RULES.map((r) => structuredClone(r));
    const generic: RendererRule = {
      quirks: { ...GENERIC_RENDERER },
      match: { userAgentContains: [], headerContains: [] },
      builtin: true,
    };
    return [...builtins, generic, ...this.userRules().map((r) => structuredClone(r))];
  }

  userRules(): readonly RendererRule[] {
    this.cache ??= this.readSaved().map(toRule);
    return this.cache;
  }

  detect(headers: Headers): RendererDetection {
    return detectRenderer(headers, this.userRules());
  }

  /** Adds or replaces a user's renderer; every bad field is named. */
  save(input: unknown): RendererRule {
    const parsed = rendererRuleInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new UserError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; '));
    }
    if (!this.profileExists(parsed.data.deviceProfile)) {
      throw new UserError(`deviceProfile: no device profile named "${parsed.data.deviceProfile}"`);
    }
    const others = this.readSaved().filter((r) => r.name !== parsed.data.name);
    this.write([...others, parsed.data]);
    return toRule(parsed.data);
  }

  remove(name: string): void {
    if (BUILTIN_NAMES.has(name)) throw new UserError(`"${name}" is a built-in renderer and cannot be removed`);
    const saved = this.readSaved();
    if (!saved.some((r) => r.name === name)) throw new NotFoundError(`Unknown renderer "${name}"`);
    this.write(saved.filter((r) => r.name !== name));
  }

  private write(rules: RendererRuleSaved[]): void {
    writeJsonSetting(this.db, KEY, { renderers: rules });
    this.cache = null;
  }

  /** Saved rules that still validate (a damaged entry is skipped, never fatal), sorted by name. */
  private readSaved(): RendererRuleSaved[] {
    const saved = readJsonSetting<{ renderers: unknown }>(this.db, KEY, { renderers: [] }).renderers;
    if (!Array.isArray(saved)) return [];
    return saved
      .map((entry) => rendererRuleInputSchema.safeParse(entry))
      .filter((r) => r.success)
      .map((r) => r.data)
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
