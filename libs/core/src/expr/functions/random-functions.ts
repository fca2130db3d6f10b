// randstr(length, seed), uniform(min, max, seed) and shuffle(array, seed): seeded as Spark seeds them (seed plus
// the partition index), so a partition gives Spark's values. randstr and uniform draw from XORShiftRandom, shuffle
// from commons-math's MersenneTwister through Spark's RandomIndicesGenerator.
import type * as arrow from 'apache-arrow';
import { primitiveData } from '../../execution/vectors.js';
import { type DataType, DecimalT, DoubleT, fromArrowType, isIntegral, isNumeric, LongT, simpleString, StringT } from '../../types/data-type.js';
import { type Expression, dataTypeOf, nullableOf, prettyName } from '../expression.js';
import type { EvalContext } from '../eval/evaluate.js';
import { castColumn } from '../eval/cast.js';
import { buildColumn, valueReader } from '../eval/values.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';
import { randomSeed, taskState, XorShiftRandom } from './nondeterministic.js';

// ---------------------------------------------------------------------------------------------------------------------
// commons-math3 MersenneTwister (setSeed(long), next(bits), nextInt(n))

const N = 624;
const M = 397;

export class MersenneTwister {
  private readonly mt = new Int32Array(N);
  private mti = N;

  constructor(seed: bigint) {
    const s = BigInt.asUintN(64, seed);
    this.seedArray([Number(s >> 32n) | 0, Number(s & 0xffffffffn) | 0]);
  }

  private seedInt(seed: number): void {
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const p = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, p ^ (p >>> 30)) + i) | 0;
    }
  }

  // Low 32 bits of commons-math's long arithmetic: xor, add and multiply agree with 32-bit ring arithmetic.
  private seedArray(seed: readonly number[]): void {
    const mt = this.mt;
    this.seedInt(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, seed.length); k !== 0; k--) {
      const l1 = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(l1 ^ (l1 >>> 30), 1664525)) + seed[j]! + j) | 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= seed.length) j = 0;
    }
    for (let k = N - 1; k !== 0; k--) {
      const l1 = mt[i - 1]!;
      mt[i] = ((mt[i]! ^ Math.imul(l1 ^ (l1 >>> 30), 1566083941)) - i) | 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000 | 0;
    this.mti = N;
  }

  private next(bits: number): number {
    const mt = this.mt;
    if (this.mti >= N) {
      const mag = (y: number) => (y & 1 ? 0x9908b0df | 0 : 0);
      let k = 0;
      for (; k < N - M; k++) {
        const y = (mt[k]! & 0x80000000) | (mt[k + 1]! & 0x7fffffff);
        mt[k] = mt[k + M]! ^ (y >>> 1) ^ mag(y);
      }
      for (; k < N - 1; k++) {
        const y = (mt[k]! & 0x80000000) | (mt[k + 1]! & 0x7fffffff);
        mt[k] = mt[k + (M - N)]! ^ (y >>> 1) ^ mag(y);
      }
      const y = (mt[N - 1]! & 0x80000000) | (mt[0]! & 0x7fffffff);
      mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ mag(y);
      this.mti = 0;
    }
    let y = mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> (32 - bits);
  }

  /** BitsStreamGenerator.nextInt(n): uniform in [0, n). */
  nextInt(n: number): number {
    if ((n & -n) === n) return Number((BigInt(n) * BigInt(this.next(31))) >> 31n);
    let bits: number;
    let val: number;
    do {
      bits = this.next(31);
      val = bits % n;
    } while (bits - val + (n - 1) > 0x7fffffff);
    return val;
  }
}

// ---------------------------------------------------------------------------------------------------------------------

type Fail = { error: string; errorClass?: string };

function foldable(fn: string, what: string, e: Expression, expected: string): Fail | null {
  if (e.kind === 'literal') return null;
  return { error: `the input \`${what}\` should be a foldable ${expected} expression; however, got "${prettyName(e)}".`, errorClass: 'DATATYPE_MISMATCH.NON_FOLDABLE_INPUT' };
}

function seedCheck(fn: string, s: Expression, i: number): Fail | null {
  if (s.kind !== 'literal') return { error: `The seed expression "${prettyName(s)}" of the expression "${fn}" must be foldable.`, errorClass: 'SEED_EXPRESSION_IS_UNFOLDABLE' };
  if (s.value !== null && !isIntegral(s.dataType)) {
    return { error: `The ${['first', 'second', 'third'][i]} parameter of \`${fn}\` requires the ("INT" or "BIGINT") type, however it has the type "${simpleString(s.dataType).toUpperCase()}".`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
  }
  return null;
}

function seedOf(call: { args: readonly Expression[] } | undefined, k: number): bigint {
  const s = call?.args[k];
  return s?.kind === 'literal' && s.value !== null ? BigInt(s.value as number | bigint) : 0n;
}

function xorShift(ctx: EvalContext, call: Parameters<ScalarFunctionDef['eval']>[3], k: number): XorShiftRandom {
  return taskState(ctx, call, () => new XorShiftRandom(seedOf(call, k) + BigInt(ctx.partitionId ?? 0)));
}

const ALPHANUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const randstr: ScalarFunctionDef = {
  name: 'randstr',
  completeArgs: (args) => (args.length === 1 ? [...args, randomSeed()] : args),
  resolve() {
    throw new Error('randstr resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('randstr', '[1, 2]', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const [len, seed] = args as [Expression, Expression];
    const name = `randstr(${prettyName(len)}, ${prettyName(seed)})`;
    if (len.kind === 'literal' && !isIntegral(len.dataType)) {
      return { error: `The first parameter of \`randstr\` requires the "INT" type, however it has the type "${simpleString(len.dataType).toUpperCase()}".`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    }
    const bad = foldable('randstr', 'length', len, 'integer') ?? seedCheck(name, seed, 1);
    if (bad) return bad;
    const n = Number(len.kind === 'literal' ? len.value : 0);
    if (len.kind === 'literal' && (len.value === null || n < 0)) {
      return { error: `The \`length\` must be between [0, 2147483647] (current value = ${String(len.value).toUpperCase()}).`, errorClass: 'DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE' };
    }
    return { args, dataType: StringT, nullable: false };
  },
  eval(_args: readonly arrow.Data[], n: number, ctx, call) {
    const len = Number((call?.args[0] as { value?: unknown } | undefined)?.value ?? 0);
    const rng = xorShift(ctx, call, 1);
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      let s = '';
      // ExpressionImplUtils.randStr: |nextInt() % 62| indexes digits, lower then upper case letters.
      for (let k = 0; k < len; k++) s += ALPHANUM[Math.abs(rng.nextInt() % 62)];
      out.push(s);
    }
    return buildColumn(StringT, out);
  },
  doc: { description: 'A random string of `length` characters from 0-9, a-z, A-Z (seeded as Spark: seed plus partition index).', example: 'df.select(randstr(lit(5), lit(0)))' },
};

/** Spark's Uniform result type: integers stay integral (the wider), else a double, else the decimal argument's type. */
function uniformType(a: DataType, b: DataType): DataType | null {
  if (a.kind === 'null' || b.kind === 'null') return DoubleT;
  if (!isNumeric(a) || !isNumeric(b)) return null;
  if (isIntegral(a) && isIntegral(b)) return a.kind === 'int64' || b.kind === 'int64' ? LongT : a;
  if (a.kind === 'float64' || b.kind === 'float64') return DoubleT;
  return b.kind === 'decimal' ? b : a.kind === 'decimal' ? a : DoubleT;
}

export const uniform: ScalarFunctionDef = {
  name: 'uniform',
  completeArgs: (args) => (args.length === 2 ? [...args, randomSeed()] : args),
  resolve() {
    throw new Error('uniform resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length !== 3) return { ...wrongArgCount('uniform', '[2, 3]', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const [lo, hi, seed] = args as [Expression, Expression, Expression];
    const name = `uniform(${args.map(prettyName).join(', ')})`;
    const bad = foldable('uniform', 'min', lo, 'numeric') ?? foldable('uniform', 'max', hi, 'numeric') ?? seedCheck(name, seed, 2);
    if (bad) return bad;
    const t = uniformType(dataTypeOf(lo), dataTypeOf(hi));
    if (!t) {
      const [i, at] = isNumeric(dataTypeOf(lo)) || dataTypeOf(lo).kind === 'null' ? [1, hi] : [0, lo];
      return { error: `The ${['first', 'second'][i]} parameter of \`uniform\` requires the "NUMERIC" type, however it has the type "${simpleString(dataTypeOf(at as Expression)).toUpperCase()}".`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    }
    const nullable = (lo.kind === 'literal' && lo.value === null) || (hi.kind === 'literal' && hi.value === null);
    return { args, dataType: t, nullable };
  },
  eval(args: readonly arrow.Data[], n: number, ctx, call) {
    const t = call ? call.dataType : DoubleT;
    const num = (d: arrow.Data) => {
      const v = valueReader(castColumn(d, fromArrowType(d.type), DoubleT, 1, ctx), DoubleT)(0) as number | null;
      return v;
    };
    const lo = num(args[0]!);
    const hi = num(args[1]!);
    const rng = xorShift(ctx, call, 2);
    if (lo === null || hi === null) return buildColumn(t, new Array<null>(n).fill(null));
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng.nextDouble();
    const doubles = primitiveData(DoubleT, n, out, null);
    // Integral results truncate toward zero, as Scala's toInt; decimals round to the type's scale.
    if (t.kind === 'int32' || t.kind === 'int64') {
      for (let i = 0; i < n; i++) out[i] = Math.trunc(out[i]!);
    }
    return t.kind === 'float64' ? doubles : castColumn(doubles, DoubleT, t.kind === 'decimal' ? DecimalT(t.precision, t.scale) : t, n, ctx);
  },
  doc: { description: 'Random values uniformly in [min, max), of the type of the bounds (seeded as Spark: seed plus partition index).', example: 'df.select(uniform(lit(1), lit(10), lit(0)))' },
};

export const shuffle: ScalarFunctionDef = {
  name: 'shuffle',
  completeArgs: (args) => (args.length === 1 ? [...args, randomSeed()] : args),
  resolve() {
    throw new Error('shuffle resolves from its arguments');
  },
  resolveArgs(args) {
    if (args.length !== 2) return { ...wrongArgCount('shuffle', '[1, 2]', args.length), errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' };
    const [arr, seed] = args as [Expression, Expression];
    const t = dataTypeOf(arr);
    if (t.kind !== 'array') {
      return { error: `The first parameter of \`shuffle\` requires the "ARRAY" type, however "${prettyName(arr)}" has the type "${simpleString(t).toUpperCase()}".`, errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' };
    }
    const bad = seedCheck(`shuffle(${prettyName(arr)})`, seed, 1);
    if (bad) return bad;
    return { args, dataType: t, nullable: nullableOf(arr) };
  },
  eval(args: readonly arrow.Data[], n: number, ctx, call) {
    const t = fromArrowType(args[0]!.type);
    const read = valueReader(args[0]!, t) as (i: number) => unknown[] | null;
    const rng = taskState(ctx, call, () => new MersenneTwister(seedOf(call, 1) + BigInt(ctx.partitionId ?? 0)));
    const out: (unknown[] | null)[] = [];
    for (let i = 0; i < n; i++) {
      const a = read(i);
      if (a === null) {
        out.push(null);
        continue;
      }
      // RandomIndicesGenerator.getNextIndices: the inside-out Fisher-Yates shuffle.
      const idx = Array.from({ length: a.length }, (_, k) => k);
      for (let k = 0; k < a.length; k++) {
        const j = rng.nextInt(k + 1);
        if (j !== k) {
          idx[k] = idx[j]!;
          idx[j] = k;
        }
      }
      out.push(idx.map((k) => a[k]));
    }
    return buildColumn(t, out);
  },
  doc: { description: 'The array in a random order (seeded as Spark: seed plus partition index).', example: "df.select(shuffle(col('xs')))" },
};

export const RANDOM_FUNCTIONS: readonly ScalarFunctionDef[] = [randstr, uniform, shuffle];
