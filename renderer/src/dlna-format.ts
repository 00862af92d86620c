// Pure helpers for Settings → DLNA: the interface checkboxes (grouped by name, loopback and virtual ones marked), the
// server form to and from a PUT patch, the status in words, and the renderer rules: what they match, what they need,
// and the add/edit form with checks whose messages name the field (the server still validates and has the last word).
import type {
  DlnaAvailableInterface,
  DlnaRenderer,
  DlnaRendererBody,
  DlnaRendererQuirks,
  DlnaSettings,
  DlnaSettingsAnswer,
  DlnaSettingsPatch,
} from '../../app/api/api-types';

export interface FieldError {
  /** the body's path with dots: "friendlyName", "headerContains.0.header" (the server's 400 names the same) */
  field: string;
  message: string;
}

// ---- interfaces -------------------------------------------------------------------------------------------------------

export type InterfaceKind = 'lan' | 'virtual' | 'loopback' | 'missing';

export interface InterfaceChoice {
  name: string;
  addresses: string[];
  kind: InterfaceKind;
  /** what the badge says: "loopback", "virtual · Docker", "not on this machine now"; null for a LAN interface */
  note: string | null;
}

const KIND_ORDER: Record<InterfaceKind, number> = { lan: 0, virtual: 1, loopback: 2, missing: 3 };

/**
 * One checkbox per interface name (an interface may have several addresses), LAN ones first. A saved name that is not
 * here now (an unplugged adapter) is listed too, so it can be unticked.
 */
export function interfaceChoices(available: readonly DlnaAvailableInterface[], saved: readonly string[]): InterfaceChoice[] {
  const byName = new Map<string, InterfaceChoice>();
  for (const entry of available) {
    const known = byName.get(entry.name);
    if (known) {
      known.addresses.push(entry.address);
      continue;
    }
    const virtual = entry.virtual;
    const kind: InterfaceKind = entry.internal ? 'loopback' : virtual ? 'virtual' : 'lan';
    const note = kind === 'loopback' ? 'loopback' : kind === 'virtual' ? `virtual · ${virtual}` : null;
    byName.set(entry.name, { name: entry.name, addresses: [entry.address], kind, note });
  }
  for (const name of saved) {
    if (!byName.has(name)) byName.set(name, { name, addresses: [], kind: 'missing', note: 'not on this machine now' });
  }
  return [...byName.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** What "none ticked" means on this machine now: "Every LAN interface (now eth0, wlan0)". */
export function everyLanText(choices: readonly InterfaceChoice[]): string {
  const lan = choices.filter((c) => c.kind === 'lan').map((c) => c.name);
  return lan.length ? `Every LAN interface (now ${lan.join(', ')})` : 'Every LAN interface (there is none now: tick one)';
}

// ---- the server form ---------------------------------------------------------------------------------------------------

export interface DlnaForm {
  enabled: boolean;
  friendlyName: string;
  /** ticked interface names; none = every LAN interface */
  interfaces: string[];
  /** as typed; '' = 0 = a free port */
  port: string;
}

export const NAME_MAX = 64;

export const toDlnaForm = (s: DlnaSettings): DlnaForm => ({
  enabled: s.enabled,
  friendlyName: s.friendlyName,
  interfaces: [...s.interfaces],
  port: String(s.port),
});

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function sameDlnaForm(a: DlnaForm, b: DlnaForm): boolean {
  return (
    a.enabled === b.enabled &&
    a.friendlyName.trim() === b.friendlyName.trim() &&
    sameSet(a.interfaces, b.interfaces) &&
    a.port.trim() === b.port.trim()
  );
}

/** Ticks or unticks one interface, keeping the others in their order. */
export const toggleInterface = (ticked: readonly string[], name: string, on: boolean): string[] =>
  on ? [...ticked.filter((n) => n !== name), name] : ticked.filter((n) => n !== name);

export type PatchResult = { ok: true; patch: DlnaSettingsPatch } | { ok: false; errors: FieldError[] };

/** Only what changed, as the PUT body; or every problem, each naming its field. */
export function dlnaPatch(form: DlnaForm, saved: DlnaSettings): PatchResult {
  const errors: FieldError[] = [];
  const patch: DlnaSettingsPatch = {};
  const name = form.friendlyName.trim();
  if (!name) errors.push({ field: 'friendlyName', message: 'Name: give the server a name TVs can show' });
  else if (name.length > NAME_MAX) errors.push({ field: 'friendlyName', message: `Name: at most ${NAME_MAX} characters` });
  else if (name !== saved.friendlyName) patch.friendlyName = name;

  const portText = form.port.trim();
  const port = portText === '' ? 0 : Number(portText);
  if (!/^\d*$/.test(portText) || port > 65535) {
    errors.push({ field: 'port', message: 'Port: a whole number from 0 to 65535 (0 = a free one)' });
  } else if (port !== saved.port) patch.port = port;

  if (form.enabled !== saved.enabled) patch.enabled = form.enabled;
  if (!sameSet(form.interfaces, saved.interfaces)) patch.interfaces = [...form.interfaces];
  return errors.length ? { ok: false, errors } : { ok: true, patch };
}

/** The fields a server 400 names: "friendlyName: at most 64 characters; port: …" → {friendlyName, port}. */
export function serverErrorFields(message: string): Set<string> {
  const fields = new Set<string>();
  for (const part of message.split(/;\s*/)) {
    const m = /^([A-Za-z]\w*(?:[./]\w+)*):\s/.exec(part.trim());
    if (m) fields.add(m[1].replace(/\//g, '.'));
  }
  return fields;
}

// ---- status in words ---------------------------------------------------------------------------------------------------

export interface StatusView {
  tone: 'running' | 'off' | 'error';
  headline: string;
  /** side notes: a port that was taken, interfaces named on the command line */
  notes: string[];
}

const where = (list: ReadonlyArray<{ name: string; address: string }>) => list.map((i) => `${i.name} ${i.address}`).join(', ');

/** "Running on lo 127.0.0.1, port 8200 — TVs on your network see “Racoon on host”", or why not. */
export function statusView({ settings, status, available }: DlnaSettingsAnswer): StatusView {
  if (!status.running) {
    // a failure from before it was switched off is history
    if (!settings.enabled) return { tone: 'off', headline: 'Off: TVs on your network don’t see this server.', notes: [] };
    if (status.error) return { tone: 'error', headline: `Not running: ${status.error}`, notes: [] };
    return {
      tone: 'off',
      headline: 'Not running: Racoon was started without its media server (--no-dlna).',
      notes: ['Save starts it with these settings.'],
    };
  }
  const notes: string[] = [];
  if (settings.port !== 0 && status.port !== null && status.port !== settings.port) {
    notes.push(`Port ${settings.port} was in use, so it took ${status.port}.`);
  }
  if (!settings.enabled || !servesAsSettingsSay(settings.interfaces, status.interfaces, available)) {
    notes.push('Started as the command line said (--dlna-interface); saving here applies these settings instead.');
  }
  return {
    tone: 'running',
    headline: `Running on ${where(status.interfaces)}, port ${status.port} — TVs on your network see “${status.friendlyName}”`,
    notes,
  };
}

/** Chosen names: exactly those; none: no loopback or virtual interface (those only serve when named). */
function servesAsSettingsSay(
  chosen: readonly string[],
  serving: ReadonlyArray<{ name: string }>,
  available: readonly DlnaAvailableInterface[],
): boolean {
  const names = [...new Set(serving.map((i) => i.name))];
  if (chosen.length) return sameSet(names, chosen);
  // the engine says which are loopback or virtual: those serve only when named
  const special = new Set(available.filter((a) => a.internal || a.virtual).map((a) => a.name));
  return names.every((n) => !special.has(n));
}

// ---- renderer rules ----------------------------------------------------------------------------------------------------

/**
 * What a rule recognises, as labelled lines for the list: the User-Agent fragments on one line, each header on its own.
 * No fragment and no header: the generic fallback, which catches the rest.
 */
export function matchLines(match: DlnaRenderer['match']): Array<{ label: string; items: string[] }> {
  const lines: Array<{ label: string; items: string[] }> = [];
  if (match.userAgentContains.length) lines.push({ label: 'User-Agent has', items: match.userAgentContains });
  if (match.headerContains.length) {
    const items = match.headerContains.map((h) => (h.contains ? `${h.header} contains “${h.contains}”` : `${h.header} present`));
    lines.push({ label: match.headerContains.length > 1 ? 'Or headers' : 'Or header', items });
  }
  if (lines.length === 0) return [{ label: 'Recognised by', items: ['any renderer no other rule recognises'] }];
  // a rule without User-Agent fragments: its headers are not an alternative to anything
  if (!match.userAgentContains.length) lines[0].label = lines[0].label.replace(/^Or h/, 'H');
  return lines;
}

/** "LG TV (webOS)" and its name, or the bare name of a profile that is not there (any more). */
export function profileText(name: string, profiles: ReadonlyArray<{ name: string; label: string }> | null): string {
  const p = profiles?.find((x) => x.name === name);
  return p ? `${p.label} · ${name}` : profiles ? `${name} (no such device profile)` : name;
}

export type QuirkFlag = 'samsungCaptions' | 'omitDlnaProfileName' | 'xboxContainerIds';

export const QUIRK_FLAGS: ReadonlyArray<{ key: QuirkFlag; label: string; hint: string }> = [
  { key: 'samsungCaptions', label: 'Samsung subtitles', hint: 'Announce external subtitles the way Samsung TVs look for them' },
  {
    key: 'omitDlnaProfileName',
    label: 'No DLNA profile names',
    hint: 'Leave DLNA.ORG_PN out: some renderers refuse ones they don’t know',
  },
  { key: 'xboxContainerIds', label: 'Xbox folders', hint: 'Answer the Xbox 360’s fixed folder ids' },
];

/** The quirks a rule switches on, in words ("Samsung subtitles", "pages of at most 50"); empty = none. */
export function quirkSummary(q: DlnaRendererQuirks): string[] {
  const parts = QUIRK_FLAGS.filter((f) => q[f.key]).map((f) => f.label);
  if (q.maxPageSize > 0) parts.push(`pages of at most ${q.maxPageSize}`);
  return parts;
}

export interface HeaderRuleForm {
  header: string;
  /** '' = the header is present at all */
  contains: string;
}

export interface RendererForm {
  name: string;
  label: string;
  /** comma-separated User-Agent fragments */
  userAgents: string;
  headers: HeaderRuleForm[];
  deviceProfile: string;
  samsungCaptions: boolean;
  omitDlnaProfileName: boolean;
  xboxContainerIds: boolean;
  /** '' = 0 = whatever the renderer asks */
  maxPageSize: string;
}

export const emptyRendererForm = (deviceProfile = 'dlna-generic'): RendererForm => ({
  name: '',
  label: '',
  userAgents: '',
  headers: [],
  deviceProfile,
  samsungCaptions: false,
  omitDlnaProfileName: false,
  xboxContainerIds: false,
  maxPageSize: '',
});

/** The form for a rule; a copy of a built-in gets a free name and "(custom)" after its label. */
export function toRendererForm(rule: DlnaRenderer, copy?: { taken: readonly string[] }): RendererForm {
  const q = rule.quirks;
  return {
    name: copy ? freeName(`${q.name}-custom`, copy.taken) : q.name,
    label: copy ? `${q.label} (custom)`.slice(0, LABEL_MAX) : q.label,
    userAgents: rule.match.userAgentContains.join(', '),
    headers: rule.match.headerContains.map((h) => ({ ...h })),
    deviceProfile: q.deviceProfile,
    samsungCaptions: q.samsungCaptions,
    omitDlnaProfileName: q.omitDlnaProfileName,
    xboxContainerIds: q.xboxContainerIds,
    maxPageSize: q.maxPageSize ? String(q.maxPageSize) : '',
  };
}

function freeName(stem: string, taken: readonly string[]): string {
  if (!taken.includes(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.includes(`${stem}-${i}`)) return `${stem}-${i}`;
}

/** "VLC, ,Kodi, VLC" → ["VLC", "Kodi"]: trimmed, blanks dropped, each once (case kept: it is matched either way). */
export function splitList(text: string): string[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.filter((s, i) => items.findIndex((o) => o.toLowerCase() === s.toLowerCase()) === i);
}

// the server's limits (app/dlna/renderer-quirks.ts), repeated so the form can say what is wrong before saving
const RULE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RULE_NAME_MAX = 40;
const LABEL_MAX = 64;
const FRAGMENT_MIN = 2;
const FRAGMENT_MAX = 64;
const LIST_MAX = 10;
const HEADER_NAME = /^[A-Za-z0-9.!#$%&'*+^_`|~-]{1,64}$/;
const PAGE_MAX = 10_000;

export type RendererFormResult = { ok: true; name: string; body: DlnaRendererBody } | { ok: false; errors: FieldError[] };

/**
 * The form as the PUT body, or every problem found. `reserved`: names it must not take (the built-ins, and every other
 * rule when adding one); `profiles`: the device profile names there are (empty = not loaded, not checked).
 */
export function fromRendererForm(
  form: RendererForm,
  reserved: readonly string[],
  profiles: readonly string[] = [],
): RendererFormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const name = form.name.trim();
  if (!RULE_NAME.test(name)) fail('name', 'Name: lower-case letters, digits and dashes (e.g. "panasonic-tv")');
  else if (name.length > RULE_NAME_MAX) fail('name', `Name: at most ${RULE_NAME_MAX} characters`);
  else if (reserved.includes(name)) fail('name', `Name: “${name}” is taken`);

  const label = form.label.trim();
  if (!label) fail('label', 'Label: what the list shows, e.g. "Panasonic TV"');
  else if (label.length > LABEL_MAX) fail('label', `Label: at most ${LABEL_MAX} characters`);

  const userAgentContains = splitList(form.userAgents);
  const badFragment = userAgentContains.find((f) => f.length < FRAGMENT_MIN || f.length > FRAGMENT_MAX);
  if (badFragment)
    fail('userAgentContains', `User-Agent: “${badFragment}” must be ${FRAGMENT_MIN} to ${FRAGMENT_MAX} characters`);
  else if (userAgentContains.length > LIST_MAX) fail('userAgentContains', `User-Agent: at most ${LIST_MAX} fragments`);

  const headerContains: DlnaRendererBody['headerContains'] = [];
  form.headers.forEach((h, i) => {
    const header = h.header.trim();
    const contains = h.contains.trim();
    if (!header && !contains) return; // an empty row is left out
    if (!HEADER_NAME.test(header))
      fail(`headerContains.${i}.header`, `Header ${i + 1}: an HTTP header name like X-AV-Client-Info`);
    if (contains.length > FRAGMENT_MAX)
      fail(`headerContains.${i}.contains`, `Header ${i + 1}: at most ${FRAGMENT_MAX} characters`);
    headerContains.push({ header, contains });
  });
  if (headerContains.length > LIST_MAX) fail('headerContains', `Headers: at most ${LIST_MAX}`);
  if (userAgentContains.length + headerContains.length === 0) {
    fail('userAgentContains', 'Recognised by: give at least one User-Agent fragment or header');
  }

  if (!form.deviceProfile) fail('deviceProfile', 'Device profile: choose one');
  else if (profiles.length && !profiles.includes(form.deviceProfile)) {
    fail('deviceProfile', `Device profile: there is no “${form.deviceProfile}” any more; choose another`);
  }

  const pageText = form.maxPageSize.trim();
  const maxPageSize = pageText === '' ? 0 : Number(pageText);
  if (!/^\d*$/.test(pageText) || maxPageSize > PAGE_MAX) {
    fail('maxPageSize', `Max page size: a whole number from 0 to ${PAGE_MAX} (0 = what the renderer asks)`);
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    name,
    body: {
      label,
      userAgentContains,
      headerContains,
      deviceProfile: form.deviceProfile,
      samsungCaptions: form.samsungCaptions,
      omitDlnaProfileName: form.omitDlnaProfileName,
      xboxContainerIds: form.xboxContainerIds,
      maxPageSize,
    },
  };
}
