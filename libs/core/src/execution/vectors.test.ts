import { describe, expect, it } from 'vitest';
import { ArrayT, LongT, StringT, StructT } from '../types/data-type.js';
import { dataFromPlainValues, plainValueAt } from './plain-values.js';
import { concatData, takeData } from './vectors.js';

/** Plain JSON of a column's values (struct elements come back as Arrow StructRows). */
const values = (d: Parameters<typeof plainValueAt>[0], type: Parameters<typeof plainValueAt>[1]) =>
  json(Array.from({ length: d.length }, (_, i) => plainValueAt(d, type, i)));
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)));

describe('takeData and concatData over arrays', () => {
  const nested = ArrayT(ArrayT(StringT, true), true);
  const rows = [[['a'], ['b', null]], null, [], [null, ['c', 'd', 'e']], [['']]];
  const structs = ArrayT(StructT([{ name: 'k', dataType: LongT, nullable: true }, { name: 's', dataType: StringT, nullable: true }]), true);
  const srows = [[{ k: 1n, s: 'x' }, null], null, [{ k: null, s: 'y' }]];

  it('gathers nested arrays and arrays of structs, with NULL rows, NULL elements and index -1', () => {
    const d = dataFromPlainValues(nested, rows);
    expect(values(takeData(nested, d, Int32Array.from([3, 0, -1, 1, 4, 3])), nested)).toEqual([rows[3], rows[0], null, null, rows[4], rows[3]]);
    const s = dataFromPlainValues(structs, srows);
    expect(values(takeData(structs, s, Int32Array.from([2, 1, 0])), structs)).toEqual(json([srows[2], null, srows[0]]));
    expect(() => takeData(nested, d, Int32Array.from([5]))).toThrow(RangeError);
  });

  it('concatenates sliced parts of nested arrays', () => {
    const d = dataFromPlainValues(nested, rows);
    const parts = [d.slice(3, 2), d.slice(0, 2), d.slice(2, 1)];
    expect(values(concatData(nested, parts), nested)).toEqual([rows[3], rows[4], rows[0], rows[1], rows[2]]);
    const s = dataFromPlainValues(structs, srows);
    expect(values(concatData(structs, [s.slice(2, 1), s.slice(0, 2)]), structs)).toEqual(json([srows[2], srows[0], srows[1]]));
  });
});
