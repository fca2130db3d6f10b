// JSON as Spark reads it with Jackson, for the JSON source and the JSON functions: integers (bigint, any size) apart
// from fractional numbers (number), object keys in their order, and Jackson's output when a value is written back
// (compact; a fractional number as a Java double, `2.50` → `2.5`). Throws SyntaxError on malformed input.
import { formatDouble } from '../expr/expression.js';

export type JsonValue = null | boolean | bigint | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  readonly kind: 'object';
  readonly entries: [string, JsonValue][];
}

const NUM_RE = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/**
 * The JSON value of `text`. With `allowTrailing`, reading stops after the first value, as Jackson's parser does for
 * get_json_object (`{"a":1} x` is `{"a":1}`); otherwise anything but whitespace after it is an error.
 */
export function parseJson(text: string, allowTrailing = false): JsonValue {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const fail = (): never => {
    throw new SyntaxError(`Unexpected character at position ${i}`);
  };
  const str = (): string => {
    const start = ++i;
    let simple = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        simple = false;
        i += 2;
      } else if (c < 0x20) fail();
      else i++;
    }
    if (i >= n) fail();
    const body = text.slice(start, i++);
    return simple ? body : (JSON.parse(`"${body}"`) as string);
  };
  const value = (depth: number): JsonValue => {
    if (depth > 1000) fail();
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JsonValue][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const k = str();
        ws();
        if (text[i++] !== ':') fail();
        entries.push([k, value(depth + 1)]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { kind: 'object', entries };
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      const out: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return out;
        } else fail();
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    // Jackson's non-standard NaN/Infinity are refused by default, as in Spark (allowNonNumericNumbers aside).
    NUM_RE.lastIndex = i;
    const m = NUM_RE.exec(text);
    if (!m || m[0].length === 0) return fail();
    i += m[0].length;
    // Jackson reads digits greedily, so `01` is a leading zero it refuses, not 0 followed by more text.
    if (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) fail();
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const v = value(0);
  if (allowTrailing) return v;
  ws();
  if (i !== n) fail();
  return v;
}

/** A JSON string literal as Jackson writes one: quotes, backslashes and control characters escaped, the rest kept. */
export function quoteJson(s: string): string {
  let out = '"';
  let from = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(from, k);
    out += c === 0x22 ? '\\"' : c === 0x5c ? '\\\\' : c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : `\\u${c.toString(16).padStart(4, '0')}`;
    from = k + 1;
  }
  return out + s.slice(from) + '"';
}

/** Compact JSON text of a value, as Jackson's generator copies it (what Spark keeps of a non-string token read into a
 * string field, and what get_json_object returns). */
export function jsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatDouble(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return quoteJson(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return `{${v.entries.map(([k, x]) => `${quoteJson(k)}:${jsonText(x)}`).join(',')}}`;
}
