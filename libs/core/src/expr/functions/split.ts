// split(str, regex[, limit]): the string cut around matches of a regular expression, as an array of strings.
// Spark runs Java's String.split with the limit (≤ 0 meaning "no limit, keep trailing empty strings"); this
// follows the same rules. A pattern with no regex metacharacters — by far the common case (' ', ',', '\\|') — is
// cut on the UTF-8 bytes with no decoding; other patterns run as Java patterns translated to JavaScript (java-regex.ts).
import type * as arrow from 'apache-arrow';
import { stringBuffers } from '../../execution/kernels.js';
import { ArrayT, IntegerT, StringT } from '../../types/data-type.js';
import { type ScalarFunction, lit } from '../expression.js';
import { bit, listData, validityOf } from '../eval/columns.js';
import { bytesEqual, decodeUtf8, encodeUtf8 } from '../eval/strings.js';
import { stringData } from '../../execution/vectors.js';
import { castableToString, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { compileJavaRegex } from './java-regex.js';

const SPLIT_TYPE = ArrayT(StringT, false);
const META = new Set([...'\\^$.|?*+()[]{}']);

/** The literal text a pattern stands for when it has no regex meaning (`\|` is a literal `|`), else null. */
export function literalPattern(pattern: string): string | null {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      // `\d`, `\s`, `\b`… are classes; only an escaped punctuation character is a literal.
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return null;
      out += next;
      i++;
    } else if (META.has(c)) return null;
    else out += c;
  }
  return out;
}

type Cutter = (s: string, limit: number) => string[];

/** Java's `String.split(regex, limit)` for limit ≠ 0 (Spark never passes 0: it maps 0 to -1). */
function regexCutter(pattern: string): Cutter {
  // Java's syntax and meaning, translated (java-regex.ts); an invalid pattern is Spark's INVALID_PARAMETER_VALUE.PATTERN.
  const re = compileJavaRegex(pattern, 'split').re;
  return (s, limit) => {
    const out: string[] = [];
    let index = 0;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) re.lastIndex = start + (s.codePointAt(start)! > 0xffff ? 2 : 1);
      if (limit > 0 && out.length >= limit - 1) break;
      if (index === 0 && start === 0 && end === 0) continue; // a zero-width match at the start cuts nothing
      out.push(s.slice(index, start));
      index = end;
    }
    if (index === 0 && out.length === 0) return [s];
    out.push(s.slice(index));
    return out;
  };
}

/** Characters one by one (Spark's rule for an empty pattern), the last holding the rest when `limit` is reached. */
function charCutter(s: string, limit: number): string[] {
  if (s.length === 0) return [''];
  const chars = [...s];
  if (limit > 0 && chars.length > limit) return [...chars.slice(0, limit - 1), chars.slice(limit - 1).join('')];
  return chars;
}

/** The pieces of a split column: a string child built in place (no per-piece builder calls on the fast path). */
class Pieces {
  private bytes: Uint8Array;
  private offsets: Int32Array;
  count = 0;
  private pos = 0;

  constructor(maxBytes: number, expectedPieces: number) {
    this.bytes = new Uint8Array(Math.max(1, maxBytes));
    this.offsets = new Int32Array(Math.max(2, expectedPieces + 1));
  }

  private endPiece(): void {
    if (this.count + 1 >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
    }
    this.offsets[++this.count] = this.pos;
  }

  /** src[start, end) cut on every `delim` byte: one pass that copies the other bytes and ends a piece at each delimiter. */
  cutOnByte(src: Uint8Array, start: number, end: number, delim: number): void {
    const out = this.bytes;
    let pos = this.pos;
    for (let k = start; k < end; k++) {
      const b = src[k]!;
      if (b === delim) {
        this.pos = pos;
        this.endPiece();
      } else out[pos++] = b;
    }
    this.pos = pos;
    this.endPiece();
  }

  /** src[start, end) cut on a multi-byte literal, or with a limit. */
  cutOnBytes(src: Uint8Array, start: number, end: number, needle: Uint8Array, limit: number): void {
    let from = start;
    let pieces = 0;
    while (limit <= 0 || pieces < limit - 1) {
      const at = indexOfBytes(src, needle, from, end);
      if (at < 0) break;
      this.addBytes(src, from, at);
      pieces++;
      from = at + needle.length;
    }
    this.addBytes(src, from, end);
  }

  addBytes(src: Uint8Array, start: number, end: number): void {
    this.bytes.set(src.subarray(start, end), this.pos);
    this.pos += end - start;
    this.endPiece();
  }

  addString(s: string): void {
    // Invalid UTF-8 in the input decodes to U+FFFD (3 bytes each): the one case where a piece outgrows its bytes.
    if (this.bytes.length - this.pos < s.length * 3) {
      const b = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + s.length * 3));
      b.set(this.bytes.subarray(0, this.pos));
      this.bytes = b;
    }
    this.pos += encoder.encodeInto(s, this.bytes.subarray(this.pos)).written;
    this.endPiece();
  }

  finish(): arrow.Data {
    return stringData(this.count, this.offsets.subarray(0, this.count + 1), this.bytes.subarray(0, this.pos), null);
  }
}

const encoder = new TextEncoder();

/** The first position ≥ from where `needle` starts within src[from, end), or -1. */
function indexOfBytes(src: Uint8Array, needle: Uint8Array, from: number, end: number): number {
  const first = needle[0]!;
  const last = end - needle.length;
  outer: for (let k = from; k <= last; k++) {
    if (src[k] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (src[k + j] !== needle[j]) continue outer;
    return k;
  }
  return -1;
}

/** The pattern and limit of a call whose pattern is a literal (and limit too), else null. */
function constantSplit(call: ScalarFunction | undefined): { pattern: string; limit: number } | null {
  const [, p, l] = call?.args ?? [];
  if (!p || p.kind !== 'literal' || typeof p.value !== 'string') return null;
  if (l && (l.kind !== 'literal' || typeof l.value !== 'number')) return null;
  const lit = literalPattern(p.value);
  return lit === null ? null : { pattern: lit, limit: l ? (l.value as number) : -1 };
}

/** The common case — `split(s, ' ')`: one tight pass over the column, cutting on one ASCII byte. */
function splitOnAsciiByte(d: arrow.Data, n: number, delim: number): arrow.Data {
  const { offsets, bytes } = stringBuffers(d);
  const valid = validityOf(d);
  const listOffsets = new Int32Array(n + 1);
  const out = new Pieces(offsets[n]! - offsets[0]!, n * 4);
  for (let i = 0; i < n; i++) {
    if (valid === null || bit(valid, i)) out.cutOnByte(bytes, offsets[i]!, offsets[i + 1]!, delim);
    listOffsets[i + 1] = out.count;
  }
  return listData(SPLIT_TYPE, n, listOffsets, out.finish(), valid === null ? null : valid.slice(0, (n + 7) >> 3));
}

export const split: ScalarFunctionDef = {
  name: 'split',
  completeArgs: (args) => (args.length === 2 ? [...args, lit(-1)] : args),
  resolve(argTypes) {
    if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount('split', '[2, 3]', argTypes.length);
    for (let i = 0; i < 2; i++) if (!castableToString(argTypes[i]!)) return unexpectedType('split', i, '"STRING"', argTypes[i]!);
    const limit = argTypes[2];
    if (limit && limit.kind !== 'int32' && limit.kind !== 'int64' && limit.kind !== 'null') return unexpectedType('split', 2, '"INT"', limit);
    return { argTypes: limit ? [StringT, StringT, IntegerT] : [StringT, StringT], dataType: SPLIT_TYPE };
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const constant = constantSplit(call);
    if (constant !== null && constant.pattern.length === 1 && constant.limit <= 0 && constant.pattern.charCodeAt(0) < 0x80) {
      return splitOnAsciiByte(args[0]!, n, constant.pattern.charCodeAt(0));
    }
    const src = stringBuffers(args[0]!);
    const pat = stringBuffers(args[1]!);
    const srcValid = validityOf(args[0]!);
    const patValid = validityOf(args[1]!);
    const limits = args[2] ? (args[2].values as Int32Array) : null;
    const limValid = args[2] ? validityOf(args[2]) : null;
    const validity = new Uint8Array((n + 7) >> 3);
    const listOffsets = new Int32Array(n + 1);
    // Every piece is a substring of its input, so the pieces' bytes fit in the input's byte count exactly.
    const out = new Pieces(src.offsets[n]! - src.offsets[0]!, n * 4);
    const bytes = src.bytes;
    // Patterns are nearly always one literal for the whole column: compile each distinct one once, and skip
    // even the lookup while a row's pattern bytes equal the previous row's.
    const cutters = new Map<string, Cutter | Uint8Array>();
    let cut: Cutter | Uint8Array | undefined;
    let prevPat = -1;
    for (let i = 0; i < n; i++) {
      const isNull = (srcValid && !bit(srcValid, i)) || (patValid && !bit(patValid, i)) || (limValid && !bit(limValid, i));
      if (isNull) {
        listOffsets[i + 1] = out.count;
        continue;
      }
      validity[i >> 3]! |= 1 << (i & 7);
      const ps = pat.offsets[i]!;
      const pe = pat.offsets[i + 1]!;
      if (prevPat < 0 || !bytesEqual(pat.bytes, ps, pe, pat.bytes, pat.offsets[prevPat]!, pat.offsets[prevPat + 1]!)) {
        const p = decodeUtf8(pat.bytes, ps, pe);
        cut = cutters.get(p);
        if (cut === undefined) {
          const lit = literalPattern(p);
          cut = lit === null ? regexCutter(p) : lit === '' ? charCutter : encodeUtf8(lit);
          cutters.set(p, cut);
        }
      }
      prevPat = i;
      const limit = limits ? limits[i]! : -1;
      const start = src.offsets[i]!;
      const end = src.offsets[i + 1]!;
      if (cut instanceof Uint8Array) {
        // A literal needle: cut on the bytes (a UTF-8 sequence never matches inside another character).
        if (cut.length === 1 && limit <= 0) out.cutOnByte(bytes, start, end, cut[0]!);
        else out.cutOnBytes(bytes, start, end, cut, limit);
      } else {
        for (const piece of cut!(decodeUtf8(bytes, start, end), limit)) out.addString(piece);
      }
      listOffsets[i + 1] = out.count;
    }
    return listData(SPLIT_TYPE, n, listOffsets, out.finish(), validity);
  },
  doc: {
    description: 'Splits the string around matches of the regular expression, into at most `limit` parts when `limit` > 0.',
    example: "df.select(split(col('line'), ' ').alias('words'))",
  },
};
