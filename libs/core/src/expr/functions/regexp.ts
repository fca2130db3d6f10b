// Regular expression functions (Java syntax, see java-regex.ts): rlike / regexp / regexp_like, regexp_replace (Java
// replacement syntax), regexp_extract, regexp_extract_all, regexp_count, regexp_instr, regexp_substr. A column's
// pattern is compiled once per distinct value (nearly always one literal); rlike of a pattern without
// metacharacters is a byte search.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { ExecutionError } from '../../errors.js';
import { ArrayT, BooleanT, type DataType, IntegerT, sameType, StringT } from '../../types/data-type.js';
import { type Expression, dataTypeOf, lit, nullableOf, prettyName } from '../expression.js';
import { bit, booleanData, int32Values, listData, stringParts } from '../eval/columns.js';
import { bytesEqual, decodeUtf8, encodeUtf8, StringBuilder } from '../eval/strings.js';
import type { ScalarFunctionDef } from './function-def.js';
import { compileJavaRegex, type JavaRegex } from './java-regex.js';
import { literalPattern } from './split.js';
import { signature } from './string-args.js';
import { indexOfBytes, validAll } from './string-kernels.js';

/** The compiled pattern of row i, recompiled only when a row's pattern differs from the previous row's. */
function patterns(d: arrow.Data, fn: string): (i: number) => JavaRegex {
  const { offsets, bytes } = stringParts(d);
  let prev = -1;
  let current: JavaRegex | null = null;
  return (i) => {
    if (prev < 0 || !bytesEqual(bytes, offsets[i]!, offsets[i + 1]!, bytes, offsets[prev]!, offsets[prev + 1]!)) {
      current = compileJavaRegex(decodeUtf8(bytes, offsets[i]!, offsets[i + 1]!), fn);
    }
    prev = i;
    return current!;
  };
}

/** Calls `f` for each match of Java's find() loop over s (an empty match moves the next search one character on). */
function eachMatch(jr: JavaRegex, s: string, f: (m: RegExpExecArray) => boolean | void): void {
  const re = jr.re;
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(s);
    if (m === null) return;
    if (f(m) === false) return;
    if (m[0].length === 0) {
      if (m.index >= s.length) return;
      re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
  }
}

function firstMatch(jr: JavaRegex, s: string): RegExpExecArray | null {
  jr.re.lastIndex = 0;
  return jr.re.exec(s);
}

/** Code points in s[0, end). */
function cpCount(s: string, end: number): number {
  let n = 0;
  for (let k = 0; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

function rlikeFunction(name: string, prettyName: string): ScalarFunctionDef {
  return {
    name,
    prettyName,
    resolve: (argTypes) => signature(name, argTypes, ['str', 'str'], 2, BooleanT, '2'),
    eval(args: readonly arrow.Data[], n: number) {
      const str = stringParts(args[0]!);
      const pat = stringParts(args[1]!);
      const valid = validAll(args, n);
      const bits = new Uint8Array((n + 7) >> 3);
      const compiled = patterns(args[1]!, 'rlike');
      let prevLiteral: Uint8Array | null | undefined;
      let prev = -1;
      for (let i = 0; i < n; i++) {
        if (valid && !bit(valid, i)) continue;
        if (prev < 0 || !bytesEqual(pat.bytes, pat.offsets[i]!, pat.offsets[i + 1]!, pat.bytes, pat.offsets[prev]!, pat.offsets[prev + 1]!)) {
          const text = literalPattern(decodeUtf8(pat.bytes, pat.offsets[i]!, pat.offsets[i + 1]!));
          prevLiteral = text === null ? null : encodeUtf8(text);
        }
        prev = i;
        const s = str.offsets[i]!;
        const e = str.offsets[i + 1]!;
        let hit: boolean;
        if (prevLiteral) hit = indexOfBytes(str.bytes, s, e, prevLiteral, 0, prevLiteral.length) >= 0;
        else {
          const jr = compiled(i);
          jr.re.lastIndex = 0;
          hit = jr.re.test(decodeUtf8(str.bytes, s, e));
        }
        if (hit) bits[i >> 3]! |= 1 << (i & 7);
      }
      return booleanData(n, bits, valid);
    },
    doc: { description: 'True when the string has a match of the Java regular expression (anywhere in it).', example: `df.filter(${name}(col('s'), lit('^a+')))` },
  };
}

export const rlike = rlikeFunction('rlike', 'RLIKE');
export const regexp = rlikeFunction('regexp', 'REGEXP');
export const regexpLike = rlikeFunction('regexp_like', 'REGEXP_LIKE');

type ReplacementPart = string | number;

/** Java's Matcher.appendReplacement syntax: `$n`, `${name}`, `\x`; null when it names no group or is malformed. */
export function parseReplacement(rep: string, jr: JavaRegex): ReplacementPart[] | null {
  const parts: ReplacementPart[] = [];
  let text = '';
  for (let k = 0; k < rep.length; k++) {
    const c = rep[k]!;
    if (c === '\\') {
      if (++k >= rep.length) return null;
      text += rep[k];
    } else if (c === '$') {
      if (++k >= rep.length) return null;
      let ref: number;
      if (rep[k] === '{') {
        const end = rep.indexOf('}', k);
        const name = end < 0 ? '' : rep.slice(k + 1, end);
        if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name) || !jr.names.has(name)) return null;
        ref = jr.names.get(name)!;
        k = end;
      } else {
        if (!/[0-9]/.test(rep[k]!)) return null;
        ref = Number(rep[k]);
        // Further digits are taken while they still name an existing group.
        while (k + 1 < rep.length && /[0-9]/.test(rep[k + 1]!) && ref * 10 + Number(rep[k + 1]) <= jr.groupCount) ref = ref * 10 + Number(rep[++k]);
        if (ref > jr.groupCount) return null;
      }
      if (text) parts.push(text);
      text = '';
      parts.push(jr.groups[ref]!);
    } else text += c;
  }
  if (text) parts.push(text);
  return parts;
}

/** A call's arguments cast to `types` as the analyzer casts them (a NULL literal takes the type). */
function castArgs(args: readonly Expression[], types: readonly DataType[]): Expression[] {
  return args.map((a, i) => {
    const t = types[i]!;
    if (sameType(dataTypeOf(a), t)) return a;
    if (a.kind === 'literal' && a.value === null) return { kind: 'literal', value: null, dataType: t };
    return { kind: 'cast', child: a, to: t, implicit: true };
  });
}

export const regexpReplace: ScalarFunctionDef = {
  name: 'regexp_replace',
  completeArgs: (args) => (args.length === 3 ? [...args, lit(1)] : args),
  resolve: (argTypes) => signature('regexp_replace', argTypes, ['str', 'str', 'str', 'int'], 3, StringT, '[3, 4]'),
  // The position must be a constant above 0 (Spark checks it at analysis).
  resolveArgs(args) {
    const r = regexpReplace.resolve(args.map(dataTypeOf));
    if ('error' in r) return r;
    const p = args[3];
    if (p && p.kind !== 'literal') {
      return { error: `the input \`position\` should be a foldable "INT" expression; however, got "${prettyName(p)}".`, errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
    }
    if (p && p.value !== null && Number(p.value) <= 0) {
      return { error: `The position must be between (0, 2147483647] (current value = ${String(p.value)}).`, errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE' };
    }
    const cast = castArgs(args, r.argTypes);
    return { args: cast, dataType: StringT, nullable: cast.some(nullableOf) };
  },
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const rep = stringParts(args[2]!);
    const pos = args[3] ? int32Values(args[3]) : null;
    const valid = validAll(args, n);
    const compiled = patterns(args[1]!, 'regexp_replace');
    const out = new StringBuilder(n, str.bytes.length);
    let prevRep = -1;
    let prevJr: JavaRegex | null = null;
    let parts: ReplacementPart[] | null = null;
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const jr = compiled(i);
      const rs = rep.offsets[i]!;
      const re = rep.offsets[i + 1]!;
      if (prevRep < 0 || jr !== prevJr || !bytesEqual(rep.bytes, rs, re, rep.bytes, rep.offsets[prevRep]!, rep.offsets[prevRep + 1]!)) {
        parts = parseReplacement(decodeUtf8(rep.bytes, rs, re), jr);
      }
      prevRep = i;
      prevJr = jr;
      const s = decodeUtf8(str.bytes, str.offsets[i]!, str.offsets[i + 1]!);
      const p = pos ? pos[i]! : 1;
      // Matching runs over the region from `position` on, whose start is where ^ and \A match, as Java's region.
      let at = 0;
      for (let k = p - 1; k > 0 && at < s.length; k--) at += s.codePointAt(at)! > 0xffff ? 2 : 1;
      if (p - 1 > cpCount(s, s.length)) {
        out.appendString(s);
        continue;
      }
      const region = s.slice(at);
      let result = s.slice(0, at);
      let last = 0;
      eachMatch(jr, region, (m) => {
        if (parts === null) {
          throw new ExecutionError('INVALID_REGEXP_REPLACE', `Could not perform regexp_replace for source = "${s}", pattern = "${jr.pattern}", replacement = "${decodeUtf8(rep.bytes, rs, re)}" and position = ${p}.`, { source: s, pattern: jr.pattern, replacement: decodeUtf8(rep.bytes, rs, re), position: String(p) });
        }
        result += region.slice(last, m.index);
        for (const part of parts) result += typeof part === 'string' ? part : (m[part] ?? '');
        last = m.index + m[0].length;
      });
      out.appendString(result + region.slice(last));
    }
    return out.finish();
  },
  doc: { description: 'Replaces every match of the Java regular expression (from character `position` on) with the replacement, where `$n` and `${name}` stand for groups and `\\` escapes.', example: "df.select(regexp_replace(col('s'), '(\\\\d+)', '<$1>'))" },
};

function checkGroup(fn: string, jr: JavaRegex, idx: number): void {
  if (idx < 0 || idx > jr.groupCount) {
    throw new ExecutionError('INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX', `The value of parameter(s) \`idx\` in \`${fn}\` is invalid: Expects group index between 0 and ${jr.groupCount}, but got ${idx}.`, { parameter: '`idx`', functionName: `\`${fn}\`` });
  }
}

export const regexpExtract: ScalarFunctionDef = {
  name: 'regexp_extract',
  completeArgs: (args) => (args.length === 2 ? [...args, lit(1)] : args),
  resolve: (argTypes) => signature('regexp_extract', argTypes, ['str', 'str', 'int'], 2, StringT, '[2, 3]'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const idx = args[2] ? int32Values(args[2]) : null;
    const valid = validAll(args, n);
    const compiled = patterns(args[1]!, 'regexp_extract');
    const out = new StringBuilder(n, str.bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const jr = compiled(i);
      const m = firstMatch(jr, decodeUtf8(str.bytes, str.offsets[i]!, str.offsets[i + 1]!));
      if (m === null) {
        out.endRow();
        continue;
      }
      const k = idx ? idx[i]! : 1;
      checkGroup('regexp_extract', jr, k);
      out.appendString(m[jr.groups[k]!] ?? '');
    }
    return out.finish();
  },
  doc: { description: 'The group `idx` (1 by default, 0 = the whole match) of the first match of the Java regular expression; empty when there is none.', example: "df.select(regexp_extract(col('s'), '(\\\\d+)-(\\\\d+)', 1))" },
};

const EXTRACT_ALL_TYPE = ArrayT(StringT, true);

export const regexpExtractAll: ScalarFunctionDef = {
  name: 'regexp_extract_all',
  completeArgs: (args) => (args.length === 2 ? [...args, lit(1)] : args),
  resolve: (argTypes) => signature('regexp_extract_all', argTypes, ['str', 'str', 'int'], 2, EXTRACT_ALL_TYPE, '[2, 3]'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const idx = args[2] ? int32Values(args[2]) : null;
    const valid = validAll(args, n);
    const compiled = patterns(args[1]!, 'regexp_extract_all');
    const items = new StringBuilder(n, str.bytes.length);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      if (!valid || bit(valid, i)) {
        const jr = compiled(i);
        const k = idx ? idx[i]! : 1;
        eachMatch(jr, decodeUtf8(str.bytes, str.offsets[i]!, str.offsets[i + 1]!), (m) => {
          checkGroup('regexp_extract_all', jr, k);
          items.appendString(m[jr.groups[k]!] ?? '');
        });
      }
      offsets[i + 1] = items.length;
    }
    return listData(EXTRACT_ALL_TYPE, n, offsets, items.finish(), valid);
  },
  doc: { description: 'Group `idx` (1 by default) of every match of the Java regular expression, as an array.', example: "df.select(regexp_extract_all(col('s'), lit('(\\\\d+)'), 1))" },
};

/** An int per row from the string and its compiled pattern. */
function regexInt(name: string, f: (jr: JavaRegex, s: string) => number, description: string, defaultIdx: boolean): ScalarFunctionDef {
  return {
    name,
    ...(defaultIdx ? { completeArgs: (args: readonly Expression[]) => (args.length === 2 ? [...args, lit(0)] : args) } : {}),
    resolve: (argTypes) => (defaultIdx ? signature(name, argTypes, ['str', 'str', 'int'], 2, IntegerT, '[2, 3]') : signature(name, argTypes, ['str', 'str'], 2, IntegerT, '2')),
    eval(args: readonly arrow.Data[], n: number) {
      const str = stringParts(args[0]!);
      const valid = validAll(args, n);
      const compiled = patterns(args[1]!, name);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) if (!valid || bit(valid, i)) out[i] = f(compiled(i), decodeUtf8(str.bytes, str.offsets[i]!, str.offsets[i + 1]!));
      return primitiveData(IntegerT, n, out, valid);
    },
    doc: { description, example: `df.select(${name}(col('s'), lit('\\\\d+')))` },
  };
}

export const regexpCount = regexInt('regexp_count', (jr, s) => {
  let c = 0;
  eachMatch(jr, s, () => {
    c++;
  });
  return c;
}, 'The number of matches of the Java regular expression in the string.', false);

// Spark's RegExpInStr validates nothing of `idx` and answers the position of the whole match.
export const regexpInstr = regexInt('regexp_instr', (jr, s) => {
  const m = firstMatch(jr, s);
  return m === null ? 0 : cpCount(s, m.index) + 1;
}, 'The 1-based position of the first match of the Java regular expression; 0 when there is none.', true);

export const regexpSubstr: ScalarFunctionDef = {
  name: 'regexp_substr',
  resolve: (argTypes) => signature('regexp_substr', argTypes, ['str', 'str'], 2, StringT, '2'),
  eval(args: readonly arrow.Data[], n: number) {
    const str = stringParts(args[0]!);
    const valid = validAll(args, n);
    const compiled = patterns(args[1]!, 'regexp_substr');
    const out = new StringBuilder(n, str.bytes.length);
    for (let i = 0; i < n; i++) {
      const m = valid && !bit(valid, i) ? null : firstMatch(compiled(i), decodeUtf8(str.bytes, str.offsets[i]!, str.offsets[i + 1]!));
      // No match, or an empty one, is NULL (Spark's nullIfEmpty over regexp_extract(…, 0)).
      if (m === null || m[0].length === 0) out.appendNull();
      else out.appendString(m[0]);
    }
    return out.finish();
  },
  doc: { description: 'The first match of the Java regular expression; NULL when there is none.', example: "df.select(regexp_substr(col('s'), lit('\\\\d+')))" },
};

export const REGEXP_FUNCTIONS: readonly ScalarFunctionDef[] = [rlike, regexp, regexpLike, regexpReplace, regexpExtract, regexpExtractAll, regexpCount, regexpInstr, regexpSubstr];
