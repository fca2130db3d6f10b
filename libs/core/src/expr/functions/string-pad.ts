// Strings built to a length or from pieces: lpad, rpad, repeat, space, left, right, overlay. Positions and lengths
// count characters (code points) of strings and bytes of binaries, as Spark's UTF8String and ByteArray do.
import type * as arrow from 'apache-arrow';
import { BinaryT, type DataType, IntegerT, StringT } from '../../types/data-type.js';
import { type Expression, dataTypeOf, lit } from '../expression.js';
import { bit, int32Values, stringParts } from '../eval/columns.js';
import { charPos, countChars, StringBuilder } from '../eval/strings.js';
import { isError, type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { isBinary, paramType, signature } from './string-args.js';
import { validAll } from './string-kernels.js';
import { substringRange } from './substring.js';

const INT_MAX = 2147483647;

/** Character (or byte) count of bytes[s, e), and the byte position `k` characters after `s`. */
const units = (binary: boolean, b: Uint8Array, s: number, e: number) => (binary ? e - s : countChars(b, s, e));
const unitPos = (binary: boolean, b: Uint8Array, s: number, e: number, k: number) => (binary ? Math.min(s + k, e) : charPos(b, s, e, k));

/** lpad/rpad of one row (Spark's UTF8String.lpad/rpad): cut to `len`, or padded with as much of `pad` as fits. */
function padRow(out: StringBuilder, binary: boolean, left: boolean, sb: Uint8Array, ss: number, se: number, len: number, pb: Uint8Array, ps: number, pe: number): void {
  if (len <= 0) return out.endRow();
  const have = units(binary, sb, ss, se);
  if (len <= have) return out.appendBytes(sb, ss, unitPos(binary, sb, ss, se, len));
  if (pe === ps) return out.appendBytes(sb, ss, se);
  const padUnits = units(binary, pb, ps, pe);
  let need = len - have;
  if (!left) out.extend(sb, ss, se);
  for (; need >= padUnits; need -= padUnits) out.extend(pb, ps, pe);
  if (need > 0) out.extend(pb, ps, unitPos(binary, pb, ps, pe, need));
  if (left) out.extend(sb, ss, se);
  out.endRow();
}

const SPACE = new Uint8Array([0x20]);
const ZERO = new Uint8Array([0]);

function padFunction(name: 'lpad' | 'rpad'): ScalarFunctionDef {
  const left = name === 'lpad';
  return {
    name,
    // Spark's two-argument constructor pads strings with a space (binaries with a zero byte, left implicit here).
    completeArgs: (args: readonly Expression[]) => (args.length === 2 && !isBinary(dataTypeOf(args[0]!)) ? [...args, lit(' ')] : args),
    resolve(argTypes) {
      if (argTypes.length !== 2 && argTypes.length !== 3) return wrongArgCount(name, '[2, 3]', argTypes.length);
      // Binary with a binary pad (or none) pads bytes; anything else is padded as strings (Spark's BinaryPad rule).
      if (isBinary(argTypes[0]) && (argTypes.length === 2 || isBinary(argTypes[2]))) {
        const len = paramType(name, 1, 'int', argTypes[1]!);
        return isError(len) ? len : { argTypes: argTypes.length === 2 ? [BinaryT, IntegerT] : [BinaryT, IntegerT, BinaryT], dataType: BinaryT };
      }
      return signature(name, argTypes, ['str', 'int', 'str'], 2, StringT, '[2, 3]');
    },
    eval(args: readonly arrow.Data[], n: number, _ctx, call) {
      const binary = call?.dataType.kind === 'binary';
      const s = stringParts(args[0]!);
      const lens = int32Values(args[1]!);
      const p = args[2] ? stringParts(args[2]) : null;
      const pb = p ? p.bytes : binary ? ZERO : SPACE;
      const valid = validAll(args, n);
      const out = new StringBuilder(n, s.bytes.length);
      for (let i = 0; i < n; i++) {
        if (valid && !bit(valid, i)) out.appendNull();
        else padRow(out, binary, left, s.bytes, s.offsets[i]!, s.offsets[i + 1]!, lens[i]!, pb, p ? p.offsets[i]! : 0, p ? p.offsets[i + 1]! : 1);
      }
      return out.finish(binary);
    },
    doc: {
      description: `${left ? 'Left' : 'Right'}-pads the string with \`pad\` (a space by default) to \`len\` characters, or cuts it to \`len\`; an empty pad leaves a shorter string as it is.`,
      example: `df.select(${name}(col('s'), 5, '#'))`,
    },
  };
}

export const lpad = padFunction('lpad');
export const rpad = padFunction('rpad');

export const repeat: ScalarFunctionDef = {
  name: 'repeat',
  resolve: (argTypes) => signature('repeat', argTypes, ['str', 'int'], 2, StringT, '2'),
  eval(args: readonly arrow.Data[], n: number) {
    const s = stringParts(args[0]!);
    const times = int32Values(args[1]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, s.bytes.length * 2);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const a = s.offsets[i]!;
      const b = s.offsets[i + 1]!;
      for (let k = times[i]!; k > 0; k--) out.extend(s.bytes, a, b);
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'The string repeated `n` times; empty when `n` <= 0.', example: "df.select(repeat(col('s'), 3))" },
};

export const space: ScalarFunctionDef = {
  name: 'space',
  resolve: (argTypes) => signature('space', argTypes, ['int'], 1, StringT, '1'),
  eval(args: readonly arrow.Data[], n: number) {
    const count = int32Values(args[0]!);
    const valid = validAll(args, n);
    const out = new StringBuilder(n, n);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      for (let k = count[i]!; k > 0; k--) out.extendByte(0x20);
      out.endRow();
    }
    return out.finish();
  },
  doc: { description: 'A string of `n` spaces; empty when `n` <= 0.', example: "df.selectExpr('space(3)')" },
};

/** left(str, len) / right(str, len): the first or last `len` characters; empty when `len` <= 0 (Spark's Left/Right). */
function sideFunction(name: 'left' | 'right'): ScalarFunctionDef {
  const fromLeft = name === 'left';
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length !== 2) return wrongArgCount(name, '2', argTypes.length);
      if (isBinary(argTypes[0])) {
        const len = paramType(name, 1, 'int', argTypes[1]!);
        return isError(len) ? len : { argTypes: [BinaryT, IntegerT], dataType: BinaryT };
      }
      return signature(name, argTypes, ['str', 'int'], 2, StringT, '2');
    },
    eval(args: readonly arrow.Data[], n: number, _ctx, call) {
      const binary = call?.dataType.kind === 'binary';
      const { offsets, bytes } = stringParts(args[0]!);
      const lens = int32Values(args[1]!);
      const valid = validAll(args, n);
      const out = new StringBuilder(n, bytes.length);
      for (let i = 0; i < n; i++) {
        if (valid && !bit(valid, i)) {
          out.appendNull();
          continue;
        }
        const s = offsets[i]!;
        const e = offsets[i + 1]!;
        const len = lens[i]!;
        if (len <= 0) out.endRow();
        else if (fromLeft) out.appendBytes(bytes, s, unitPos(binary, bytes, s, e, len));
        else {
          const have = units(binary, bytes, s, e);
          out.appendBytes(bytes, len >= have ? s : unitPos(binary, bytes, s, e, have - len), e);
        }
      }
      return out.finish(binary);
    },
    doc: {
      description: `The ${fromLeft ? 'leftmost' : 'rightmost'} \`len\` characters of the string; empty when \`len\` <= 0.`,
      example: `df.select(${name}(col('s'), lit(3)))`,
    },
  };
}

export const left = sideFunction('left');
export const right = sideFunction('right');

/** Appends the characters [a, b) of the row bytes[s, e) that has `chars` characters. */
function extendChars(out: StringBuilder, binary: boolean, bytes: Uint8Array, s: number, e: number, chars: number, a: number, b: number): void {
  if (a >= b) return;
  if (binary || chars === e - s) out.extend(bytes, s + a, s + b);
  else {
    const from = charPos(bytes, s, e, a);
    out.extend(bytes, from, charPos(bytes, from, e, b - a));
  }
}

export const overlay: ScalarFunctionDef = {
  name: 'overlay',
  completeArgs: (args) => (args.length === 3 ? [...args, lit(-1)] : args),
  resolve(argTypes) {
    if (argTypes.length !== 3 && argTypes.length !== 4) return wrongArgCount('overlay', '[3, 4]', argTypes.length);
    if (isBinary(argTypes[0]) && isBinary(argTypes[1])) {
      for (let i = 2; i < argTypes.length; i++) {
        const t = paramType('overlay', i, 'int', argTypes[i]!);
        if (isError(t)) return t;
      }
      return { argTypes: argTypes.map((_, i): DataType => (i < 2 ? BinaryT : IntegerT)), dataType: BinaryT };
    }
    return signature('overlay', argTypes, ['str', 'str', 'int', 'int'], 3, StringT, '[3, 4]');
  },
  eval(args: readonly arrow.Data[], n: number, _ctx, call) {
    const binary = call?.dataType.kind === 'binary';
    const src = stringParts(args[0]!);
    const rep = stringParts(args[1]!);
    const pos = int32Values(args[2]!);
    const lens = args[3] ? int32Values(args[3]) : null;
    const valid = validAll(args, n);
    const out = new StringBuilder(n, src.bytes.length + rep.bytes.length);
    for (let i = 0; i < n; i++) {
      if (valid && !bit(valid, i)) {
        out.appendNull();
        continue;
      }
      const s = src.offsets[i]!;
      const e = src.offsets[i + 1]!;
      const rs = rep.offsets[i]!;
      const re = rep.offsets[i + 1]!;
      const chars = units(binary, src.bytes, s, e);
      const p = pos[i]!;
      const len = lens ? lens[i]! : -1;
      // Spark's Overlay.calculate: input[1, pos) + replace + input[pos + length, end), with substringSQL's rules.
      const [a1, b1] = substringRange(chars, 1, p - 1);
      extendChars(out, binary, src.bytes, s, e, chars, a1, b1);
      out.extend(rep.bytes, rs, re);
      const length = len >= 0 ? len : units(binary, rep.bytes, rs, re);
      const [a2, b2] = substringRange(chars, (p + length) | 0, INT_MAX);
      extendChars(out, binary, src.bytes, s, e, chars, a2, b2);
      out.endRow();
    }
    return out.finish(binary);
  },
  doc: {
    description: 'Replaces `len` characters of the string from 1-based `pos` with `replace` (by default as many as `replace` has).',
    example: "df.select(overlay(col('s'), lit('_'), 6))",
  },
};

export const STRING_PAD: readonly ScalarFunctionDef[] = [lpad, rpad, repeat, space, left, right, overlay];
