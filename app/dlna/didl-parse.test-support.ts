/**
 * Reads DIDL-Lite back for tests, with fast-xml-parser as any control point would: well-formedness first, then the
 * containers and items with their attributes and elements (namespace prefixes kept, entities decoded).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type DidlNode = Record<string, unknown> & { '#kind': 'container' | 'item' };

export interface ParsedDidl {
  /** the DIDL-Lite element's attributes (@_xmlns, @_xmlns:dc, …) */
  rootAttributes: Record<string, string>;
  /** in document order */
  objects: DidlNode[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  // our own output: the five XML entities must come back as the characters they stand for
  processEntities: true,
  preserveOrder: true,
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

/** An element's content as a plain object: attributes as @_name, child elements by name (repeated ones as arrays). */
function flatten(element: Ordered, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(element[':@'] ?? {}) };
  for (const child of element[name] as Ordered[]) {
    const childName = Object.keys(child).find((k) => k !== ':@')!;
    if (childName === '#text') {
      out['#text'] = child['#text'];
      continue;
    }
    const value = flatten(child, childName);
    const simple =
      Object.keys(value).length === 1 && '#text' in value ? value['#text'] : Object.keys(value).length === 0 ? '' : value;
    const existing = out[childName];
    out[childName] = existing === undefined ? simple : Array.isArray(existing) ? [...existing, simple] : [existing, simple];
  }
  return out;
}

export function parseDidl(xml: string): ParsedDidl {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`DIDL-Lite is not well-formed XML: ${JSON.stringify(valid.err)}`);
  const doc = parser.parse(xml) as Ordered[];
  if (doc.length !== 1 || !('DIDL-Lite' in doc[0])) throw new Error('the document is not one DIDL-Lite element');
  const root = doc[0];
  const objects = (root['DIDL-Lite'] as Ordered[]).map((child) => {
    const kind = Object.keys(child).find((k) => k !== ':@');
    if (kind !== 'container' && kind !== 'item') throw new Error(`unexpected <${kind}> in DIDL-Lite`);
    return { ...flatten(child, kind), '#kind': kind } as DidlNode;
  });
  return { rootAttributes: root[':@'] ?? {}, objects };
}

/** An element that may appear once or more, always as a list. */
export const many = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
