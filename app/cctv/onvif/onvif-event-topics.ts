// What an ONVIF notification means for us, as a pure function of the message the `onvif` client hands over
// (tns1 topic + tt:Message with Source / Data SimpleItems). Motion and tamper come under many topic names across
// vendors; anything else that switches a boolean on a camera-side detector (line crossing, field detection, audio,
// digital input) is an 'onvif' event. Housekeeping topics (configuration changes, CPU load, recording state) are ignored.

export type OnvifEventKind = 'motion' | 'tamper' | 'onvif';

export interface OnvifNotification {
  kind: OnvifEventKind;
  /** the topic without its namespace prefix, e.g. RuleEngine/CellMotionDetector/Motion */
  topic: string;
  /** one property = topic + its Source items (a camera with two video sources or two rules has two) */
  key: string;
  /** true/false for a property (IsMotion, State…); null for a pulse (a line was crossed: no "end" will come) */
  active: boolean | null;
  /** ONVIF "Initialized": the state at subscription time, not a change */
  initial: boolean;
  atMs: number;
}

const MOTION = [/CellMotionDetector/i, /MotionRegionDetector/i, /MotionAlarm/i, /MotionDetect/i, /\/Motion$/i];
const TAMPER = [/GlobalSceneChange/i, /Tamper/i, /ImageTooBlurry/i, /ImageTooDark/i, /ImageTooBright/i];
/** topic roots that carry alarms; everything else (Configuration, Monitoring, RecordingConfig, Media…) is housekeeping */
const ALARM_ROOTS = /^(RuleEngine|VideoAnalytics|AudioAnalytics|VideoSource|UserAlarm|Device\/Trigger|Device\/IO)\b/i;
/** the data item that holds the state, by the names the ONVIF topic set and vendors use */
const STATE_ITEMS = ['IsMotion', 'IsTamper', 'State', 'LogicalState', 'IsInside', 'IsSoundDetected', 'Active', 'Value'];

type Item = { name: string; value: unknown };

/** Classifies one NotificationMessage (as emitted by the onvif client); null when it is not an alarm of ours. */
export function classifyOnvifNotification(message: unknown, nowMs: number): OnvifNotification | null {
  const m = message as Record<string, any> | null;
  if (!m || typeof m !== 'object') return null;
  const rawTopic = typeof m.topic === 'string' ? m.topic : m.topic?._;
  if (typeof rawTopic !== 'string' || !rawTopic.trim()) return null;
  // "tns1:RuleEngine/CellMotionDetector/Motion" → "RuleEngine/CellMotionDetector/Motion" (vendor prefixes too)
  const topic = rawTopic
    .trim()
    .split('/')
    .map((part) => part.replace(/^[\w-]+:/, ''))
    .join('/');
  if (!ALARM_ROOTS.test(topic)) return null;

  const body = m.message?.message ?? m.message ?? {};
  const attrs = (body.$ ?? {}) as Record<string, unknown>;
  const data = items(body.data);
  const source = items(body.source);
  const stateItem =
    STATE_ITEMS.map((n) => data.find((i) => i.name === n)).find(Boolean) ?? data.find((i) => isBooleanText(i.value));
  const active = stateItem ? asBoolean(stateItem.value) : null;
  if (stateItem && active === null) return null; // a state we cannot read is better ignored than guessed

  const kind: OnvifEventKind = MOTION.some((re) => re.test(topic))
    ? 'motion'
    : TAMPER.some((re) => re.test(topic))
      ? 'tamper'
      : 'onvif';
  const time = attrs.UtcTime instanceof Date ? attrs.UtcTime.getTime() : Date.parse(String(attrs.UtcTime ?? ''));
  const operation = String(attrs.PropertyOperation ?? '');
  return {
    kind,
    topic,
    key: [topic, ...source.map((i) => `${i.name}=${String(i.value)}`)].join('|'),
    // a property that is deleted (a rule removed) is over
    active: operation === 'Deleted' ? false : active,
    initial: operation === 'Initialized',
    atMs: Number.isFinite(time) ? time : nowMs,
  };
}

function items(node: any): Item[] {
  const list = node?.simpleItem;
  const all = Array.isArray(list) ? list : list ? [list] : [];
  return all.map((i: any) => ({ name: String(i?.$?.Name ?? ''), value: i?.$?.Value })).filter((i: Item) => i.name !== '');
}

/** a plain xs:boolean (an ObjectId of 1 is not one) */
function isBooleanText(value: unknown): boolean {
  return typeof value === 'boolean' || /^(true|false)$/i.test(String(value ?? '').trim());
}

function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 0 ? false : value === 1 ? true : null;
  const text = String(value ?? '')
    .trim()
    .toLowerCase();
  if (text === 'true' || text === '1' || text === 'active' || text === 'on') return true;
  if (text === 'false' || text === '0' || text === 'inactive' || text === 'off') return false;
  return null;
}
