// The suite's own reading of DDL schemas and type names, independent of the engine's parser.

import { CaseFormatError } from './case-error.js';

export type SqlType =
  | { readonly kind: 'int' | 'bigint' | 'double' | 'string' | 'boolean' | 'date' | 'timestamp' | 'void' }
  | { readonly kind: 'array'; readonly element: SqlType };

export interface Field {
  readonly name: string;
  readonly type: SqlType;
}

const ALIASES: Record<string, SqlType['kind']> = {
  int: 'int', integer: 'int',
  bigint: 'bigint', long: 'bigint',
  double: 'double',
  string: 'string',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  void: 'void', null: 'void',
};

/** Parses `int`, `bigint`, `array<int>`… (case-insensitive). */
export function parseType(text: string): SqlType {
  const t = text.trim().toLowerCase();
  const arr = /^array\s*<(.*)>$/.exec(t);
  if (arr) return { kind: 'array', element: parseType(arr[1]!) };
  const kind = ALIASES[t];
  if (!kind || kind === 'array') throw new CaseFormatError(`unknown type name ${JSON.stringify(text)}`);
  return { kind } as SqlType;
}

/** Spark's simpleString of a type. */
export function typeString(t: SqlType): string {
  return t.kind === 'array' ? `array<${typeString(t.element)}>` : t.kind;
}

/** Splits on commas outside `<>` and backticks. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of s) {
    if (ch === '`') quoted = !quoted;
    if (!quoted && ch === '<') depth++;
    if (!quoted && ch === '>') depth--;
    if (!quoted && depth === 0 && ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur);
  return out;
}

/**
 * Parses `a int, b string` into fields; names with spaces or punctuation are backticked
 * (`` `(a + 1)` int ``, with ``` `` ``` for a literal backtick). An empty string is an empty schema.
 */
export function parseSchema(ddl: string): Field[] {
  if (ddl.trim() === '') return [];
  return splitTopLevel(ddl).map((part) => {
    const p = part.trim();
    let name: string;
    let rest: string;
    if (p.startsWith('`')) {
      let i = 1;
      name = '';
      for (; i < p.length; i++) {
        if (p[i] === '`') {
          if (p[i + 1] === '`') {
            name += '`';
            i++;
            continue;
          }
          break;
        }
        name += p[i];
      }
      if (i >= p.length) throw new CaseFormatError(`unterminated backtick in schema field ${JSON.stringify(p)}`);
      rest = p.slice(i + 1);
    } else {
      const m = /^(\S+)(\s.*)$/.exec(p);
      if (!m) throw new CaseFormatError(`cannot parse schema field ${JSON.stringify(p)}`);
      name = m[1]!;
      rest = m[2]!;
    }
    return { name, type: parseType(rest.replace(/^\s*:?\s*/, '')) };
  });
}
