/**
 * UPnP ContentDirectory search criteria (CDS:1 §2.5.5), parsed once into a predicate. Pure.
 *
 *   searchCrit := '*' | orExp          orExp := andExp ('or' andExp)*      andExp := primary ('and' primary)*
 *   primary    := '(' orExp ')' | property binOp quotedVal | property 'exists' ('true' | 'false')
 *   binOp      := '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'doesNotContain' | 'derivedfrom'
 *   quotedVal  := '"' (any char but '"' and '\' | '\"' | '\\')* '"'
 *
 * "and" binds tighter than "or". Keywords are matched case-insensitively and relational operators need no spaces
 * around them (clients differ). String comparisons ignore case, as the spec asks; numbers compare as numbers.
 * A property an object lacks (or one we don't know) makes its relation false — only `exists false` holds — so an
 * unknown property matches nothing instead of failing the whole search.
 */
import { UpnpError } from './dlna-types.js';

export type PropertyValue = string | number;

/** An object's values for a property; null (or empty) when it has none. */
export type PropertyLookup = (property: string) => readonly PropertyValue[] | null;

export type SearchPredicate = (lookup: PropertyLookup) => boolean;

const MAX_DEPTH = 64;
const MAX_LENGTH = 16 * 1024;

type Token =
  | { kind: 'open' | 'close'; at: number }
  | { kind: 'op'; op: RelOp; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'word'; value: string; at: number };

type RelOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
type StringOp = 'contains' | 'doesnotcontain' | 'derivedfrom';

function fail(detail: string): never {
  throw new UpnpError(708, `Unsupported or invalid search criteria: ${detail}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close', at: i });
      i++;
    } else if (ch === '"') {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) fail(`unterminated string starting at ${start}`);
        const c = text[i];
        if (c === '"') break;
        if (c === '\\') {
          const next = text[i + 1];
          if (next !== '"' && next !== '\\') fail(`invalid escape \\${next ?? ''} at ${i} (only \\" and \\\\ are allowed)`);
          value += next;
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      tokens.push({ kind: 'string', value, at: start });
      i++;
    } else if (ch === '=' || ch === '<' || ch === '>' || ch === '!') {
      const two = text.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=') {
        tokens.push({ kind: 'op', op: two, at: i });
        i += 2;
      } else if (ch === '!') {
        fail(`"!" without "=" at ${i}`);
      } else {
        tokens.push({ kind: 'op', op: ch as RelOp, at: i });
        i++;
      }
    } else {
      const start = i;
      while (i < text.length && !/[\s()"=<>!]/.test(text[i])) i++;
      tokens.push({ kind: 'word', value: text.slice(start, i), at: start });
    }
  }
  return tokens;
}

const STRING_OPS: Record<string, StringOp> = {
  contains: 'contains',
  doesnotcontain: 'doesnotcontain',
  derivedfrom: 'derivedfrom',
};
const KEYWORDS = new Set(['and', 'or', 'exists', 'true', 'false', ...Object.keys(STRING_OPS)]);

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): SearchPredicate {
    if (this.tokens.length === 0) fail('empty (use * for everything)');
    const predicate = this.orExp(0);
    const extra = this.tokens[this.pos];
    if (extra) fail(`unexpected ${describe(extra)} at ${extra.at}`);
    return predicate;
  }

  private orExp(depth: number): SearchPredicate {
    const parts = [this.andExp(depth)];
    while (this.keyword('or')) parts.push(this.andExp(depth));
    return parts.length === 1 ? parts[0] : (lookup) => parts.some((p) => p(lookup));
  }

  private andExp(depth: number): SearchPredicate {
    const parts = [this.primary(depth)];
    while (this.keyword('and')) parts.push(this.primary(depth));
    return parts.length === 1 ? parts[0] : (lookup) => parts.every((p) => p(lookup));
  }

  private primary(depth: number): SearchPredicate {
    const token = this.next('a property or "("');
    if (token.kind === 'open') {
      if (depth >= MAX_DEPTH) fail(`parentheses nested deeper than ${MAX_DEPTH}`);
      const inner = this.orExp(depth + 1);
      const close = this.next('")"');
      if (close.kind !== 'close') fail(`expected ")" at ${close.at}, found ${describe(close)}`);
      return inner;
    }
    if (token.kind === 'word' && token.value === '*') fail(`"*" at ${token.at}: it means everything and stands alone`);
    if (token.kind !== 'word' || KEYWORDS.has(token.value.toLowerCase())) {
      fail(`expected a property at ${token.at}, found ${describe(token)}`);
    }
    const property = token.value;
    const op = this.next(`an operator after ${property}`);
    if (op.kind === 'op') return relation(property, op.op, this.quoted(op.op));
    if (op.kind === 'word') {
      const name = op.value.toLowerCase();
      if (name === 'exists') {
        const value = this.next('true or false after exists');
        const bool = value.kind === 'word' ? value.value.toLowerCase() : '';
        if (bool !== 'true' && bool !== 'false') fail(`exists takes true or false, found ${describe(value)} at ${value.at}`);
        const wanted = bool === 'true';
        return (lookup) => hasValues(lookup(property)) === wanted;
      }
      const stringOp = STRING_OPS[name];
      if (stringOp) return stringRelation(property, stringOp, this.quoted(op.value));
    }
    return fail(`unknown operator ${describe(op)} at ${op.at}`);
  }

  private quoted(after: string): string {
    const token = this.next(`a quoted value after ${after}`);
    if (token.kind !== 'string') fail(`expected a quoted value after ${after} at ${token.at}, found ${describe(token)}`);
    return token.value;
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.pos];
    if (token?.kind === 'word' && token.value.toLowerCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private next(expected: string): Token {
    const token = this.tokens[this.pos++];
    if (!token) fail(`ends where ${expected} was expected`);
    return token;
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'open':
      return '"("';
    case 'close':
      return '")"';
    case 'op':
      return `"${token.op}"`;
    case 'string':
      return `"${token.value}" (a quoted value)`;
    case 'word':
      return `"${token.value}"`;
  }
}

const hasValues = (values: readonly PropertyValue[] | null): values is readonly PropertyValue[] =>
  values !== null && values.length > 0;

const NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** -1, 0, 1: numbers by value when both sides are numeric, else strings ignoring case. */
function compare(value: PropertyValue, operand: string): number {
  if (typeof value === 'number' && NUMBER.test(operand.trim())) return Math.sign(value - Number(operand));
  const a = String(value).toLowerCase();
  const b = operand.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

const REL_TESTS: Record<RelOp, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '!=': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function relation(property: string, op: RelOp, operand: string): SearchPredicate {
  const test = REL_TESTS[op];
  return (lookup) => {
    const values = lookup(property);
    if (!hasValues(values)) return false;
    // "!=" holds when no value equals; the others when any value fits
    return op === '!=' ? values.every((v) => compare(v, operand) !== 0) : values.some((v) => test(compare(v, operand)));
  };
}

function stringRelation(property: string, op: StringOp, operand: string): SearchPredicate {
  const wanted = operand.toLowerCase();
  const test =
    op === 'derivedfrom' ? (v: string) => v === wanted || v.startsWith(`${wanted}.`) : (v: string) => v.includes(wanted);
  return (lookup) => {
    const values = lookup(property);
    if (!hasValues(values)) return false;
    const lowered = values.map((v) => String(v).toLowerCase());
    return op === 'doesnotcontain' ? !lowered.some(test) : lowered.some(test);
  };
}

/** Parses search criteria into a predicate; a syntax error is UpnpError 708 naming what is wrong and where. */
export function parseSearchCriteria(criteria: string): SearchPredicate {
  if (criteria.length > MAX_LENGTH) fail(`longer than ${MAX_LENGTH} characters`);
  if (criteria.trim() === '*') return () => true;
  return new Parser(tokenize(criteria)).parse();
}
