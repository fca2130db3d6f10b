// A JSON reader that keeps what JSON.parse loses and Spark's inference needs: integers (bigint) apart from
// fractional numbers (number), and object keys in their order. Throws SyntaxError on malformed input.

export type JsonValue = null | boolean | bigint | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  readonly kind: 'object';
  readonly entries: [string, JsonValue][];
}

const NUM_RE = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

export function parseJson(text: string): JsonValue {
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
    return m[1] === undefined && m[2] === undefined ? BigInt(m[0]) : Number(m[0]);
  };
  const v = value(0);
  ws();
  if (i !== n) fail();
  return v;
}

/** Compact JSON text of a value (what Spark keeps of a non-string token read into a string field). */
export function jsonText(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
}
