// upper / lower: case conversion in the native kernel. Code points above ASCII map through a table built, once per
// thread and only when a non-ASCII row shows up, from JavaScript's own locale-independent case mapping.
import type * as arrow from 'apache-arrow';
import { native, stringBuffers, validityArg } from '../../execution/kernels.js';
import { stringData } from '../../execution/vectors.js';
import { StringT } from '../../types/data-type.js';
import { decodeUtf8, encodeUtf8 } from '../eval/strings.js';
import { allStrings, type ScalarFunctionDef, wrongArgCount } from './function-def.js';

// The highest code point with a case mapping is below U+1E944 (Adlam); U+1FFFF leaves room for new versions.
const LAST_CASED = 0x1ffff;
const tables: { upper?: native.CaseTable; lower?: native.CaseTable } = {};

/** Every code point above ASCII whose one-character `toUpperCase()` (`toLowerCase()`) differs, with its mapping. */
function buildTable(toUpper: boolean): native.CaseTable {
  const keys: number[] = [];
  const offsets: number[] = [0];
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let cp = 0x80; cp <= LAST_CASED; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const m = toUpper ? c.toUpperCase() : c.toLowerCase();
    if (m === c) continue;
    const bytes = encodeUtf8(m);
    keys.push(cp);
    parts.push(bytes);
    size += bytes.length;
    offsets.push(size);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return native.caseTableNew(Int32Array.from(keys), Int32Array.from(offsets), bytes);
}

function caseTable(toUpper: boolean): native.CaseTable {
  const key = toUpper ? 'upper' : 'lower';
  return (tables[key] ??= buildTable(toUpper));
}

/** upper(d) or lower(d); NULL stays NULL. */
export function mapCase(d: arrow.Data, n: number, toUpper: boolean): arrow.Data {
  const { offsets, bytes } = stringBuffers(d);
  const [validity, validityOffset] = validityArg(d);
  const r =
    native.caseMap(toUpper, offsets, bytes, validity, validityOffset, n, null) ??
    native.caseMap(toUpper, offsets, bytes, validity, validityOffset, n, caseTable(toUpper))!;
  // Σ lowers to ς at the end of a word and to σ elsewhere (Unicode's Final_Sigma context): those few rows take
  // JavaScript's whole-string mapping, which has the same length (both forms are two bytes).
  for (const row of r.sigmaRows) {
    const lowered = encodeUtf8(decodeUtf8(bytes, offsets[row]!, offsets[row + 1]!).toLowerCase());
    const at = r.offsets[row]!;
    if (lowered.length !== r.offsets[row + 1]! - at) throw new Error(`lower: row ${row} changed length in its final-sigma form`);
    r.bytes.set(lowered, at);
  }
  return stringData(n, r.offsets, r.bytes, r.validity, false, r.nullCount);
}

function caseFunction(name: 'upper' | 'lower', aliases: string[]): ScalarFunctionDef {
  const toUpper = name === 'upper';
  return {
    name,
    aliases,
    resolve(argTypes) {
      if (argTypes.length !== 1) return wrongArgCount(name, '1', argTypes.length);
      return allStrings(name, argTypes, StringT);
    },
    eval(args: readonly arrow.Data[], n: number) {
      return mapCase(args[0]!, n, toUpper);
    },
    doc: {
      description: `Converts a string expression to ${toUpper ? 'upper' : 'lower'} case.`,
      example: `df.select(${name}(col('name')))`,
    },
  };
}

export const upper = caseFunction('upper', ['ucase']);
export const lower = caseFunction('lower', ['lcase']);
