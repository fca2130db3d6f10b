// Functions whose values depend on where and when a row is computed: rand/random and randn (Spark's XORShiftRandom
// seeded with seed + partition index, so a partition's sequence is Spark's), monotonically_increasing_id
// (partition index << 33 plus the row's position in the partition), spark_partition_id and uuid. They keep state
// across the batches of one task (`EvalContext.state`); the optimizer never folds, moves or duplicates them.
import type * as arrow from 'apache-arrow';
import { randomUUID } from 'node:crypto';
import { primitiveData } from '../../execution/vectors.js';
import { DoubleT, IntegerT, isIntegral, LongT, simpleString, StringT } from '../../types/data-type.js';
import { type Expression, prettyName, type ScalarFunction } from '../expression.js';
import type { EvalContext } from '../eval/evaluate.js';
import { buildColumn } from '../eval/values.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';

// ---------------------------------------------------------------------------------------------------------------------
// Spark's XORShiftRandom, on two 32-bit halves

function mixK1(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

function mixH1(h: number, k: number): number {
  h ^= mixK1(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const bswap = (x: number) => ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);

/** scala.util.hashing.MurmurHash3.bytesHash of a long's 8 big-endian bytes. */
function bytesHash(hi: number, lo: number, seed: number): number {
  return avalanche(mixH1(mixH1(seed, bswap(hi)), bswap(lo)) ^ 8);
}

/** java.util.Random over Spark's XORShiftRandom `next`: nextDouble and nextGaussian as the JDK computes them. */
export class XorShiftRandom {
  private hi: number;
  private lo: number;
  private nextNextGaussian = 0;
  private haveNextNextGaussian = false;

  constructor(seed: bigint) {
    const s = BigInt.asUintN(64, seed);
    const hi = Number(s >> 32n) | 0;
    const lo = Number(s & 0xffffffffn) | 0;
    // XORShiftRandom.hashSeed: low and high words are MurmurHash3 of the seed's bytes, chained.
    const low = bytesHash(hi, lo, 0x3c074a61);
    this.lo = low;
    this.hi = bytesHash(hi, lo, low);
  }

  private next(bits: number): number {
    let hi = this.hi;
    let lo = this.lo;
    // s ^= s << 21
    hi ^= (hi << 21) | (lo >>> 11);
    lo ^= lo << 21;
    // s ^= s >>> 35
    lo ^= hi >>> 3;
    // s ^= s << 4
    hi ^= (hi << 4) | (lo >>> 28);
    lo ^= lo << 4;
    this.hi = hi;
    this.lo = lo;
    return (lo >>> 0) % 2 ** bits;
  }

  /** java.util.Random.nextInt(): 32 bits, signed. */
  nextInt(): number {
    return this.next(32) | 0;
  }

  nextDouble(): number {
    return (this.next(26) * 134217728 + this.next(27)) * 2 ** -53;
  }

  nextGaussian(): number {
    if (this.haveNextNextGaussian) {
      this.haveNextNextGaussian = false;
      return this.nextNextGaussian;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt((-2 * Math.log(s)) / s);
    this.nextNextGaussian = v2 * multiplier;
    this.haveNextNextGaussian = true;
    return v1 * multiplier;
  }
}

/** The state a call keeps for the rest of its task, created on its first batch. */
export function taskState<T>(ctx: EvalContext, call: ScalarFunction | undefined, init: () => T): T {
  if (!ctx.state || !call) return init();
  let s = ctx.state.get(call) as T | undefined;
  if (s === undefined) {
    s = init();
    ctx.state.set(call, s);
  }
  return s;
}

export function randomSeed(): Expression {
  const words = new Int32Array(2);
  for (let i = 0; i < 2; i++) words[i] = (Math.random() * 2 ** 32) | 0;
  return { kind: 'literal', value: BigInt.asIntN(64, (BigInt(words[0]!) << 32n) | BigInt(words[1]! >>> 0)), dataType: LongT };
}

function randomFunction(name: string, draw: (r: XorShiftRandom) => number, description: string, aliases?: string[]): ScalarFunctionDef {
  return {
    name,
    ...(aliases ? { aliases } : {}),
    // Without a seed Spark draws one at analysis, and the column name shows it.
    completeArgs: (args) => (args.length === 0 ? [randomSeed()] : args),
    resolveArgs(args) {
      if (args.length !== 1) return wrongArgCount(name, '[0, 1]', args.length);
      const s = args[0]!;
      if (s.kind !== 'literal' || (s.value !== null && !isIntegral(s.dataType))) {
        if (s.kind !== 'literal') {
          return { error: `The seed expression "${prettyName(s)}" of the expression "${name}(${prettyName(s)})" must be foldable.`, errorClass: 'SEED_EXPRESSION_IS_UNFOLDABLE' };
        }
        return { error: `The first parameter of \`${name}\` requires the ("INT" or "BIGINT") type, however it has the type "${simpleString(s.dataType).toUpperCase()}".` };
      }
      // `random(7)` prints as rand(7), as in Spark.
      return { args, dataType: DoubleT, nullable: false, displayName: name };
    },
    resolve() {
      throw new Error(`${name} resolves from its arguments`);
    },
    eval(_args: readonly arrow.Data[], n: number, ctx: EvalContext, call) {
      const seedArg = call?.args[0];
      const seed = seedArg?.kind === 'literal' && seedArg.value !== null ? BigInt(seedArg.value as number | bigint) : 0n;
      const rng = taskState(ctx, call, () => new XorShiftRandom(seed + BigInt(ctx.partitionId ?? 0)));
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = draw(rng);
      return primitiveData(DoubleT, n, out, null);
    },
    doc: { description, example: `df.select(${name}(lit(42)))` },
  };
}

export const rand = randomFunction('rand', (r) => r.nextDouble(), 'Independent, uniformly distributed doubles in [0, 1), from a seed (random when omitted).', ['random']);
export const randn = randomFunction('randn', (r) => r.nextGaussian(), 'Independent standard normal doubles, from a seed (random when omitted).');

export const monotonicallyIncreasingId: ScalarFunctionDef = {
  name: 'monotonically_increasing_id',
  resolve: (argTypes) => (argTypes.length === 0 ? { argTypes: [], dataType: LongT, nullable: () => false } : wrongArgCount('monotonically_increasing_id', '0', argTypes.length)),
  eval(_args: readonly arrow.Data[], n: number, ctx: EvalContext, call) {
    const state = taskState(ctx, call, () => ({ rows: 0n }));
    const base = (BigInt(ctx.partitionId ?? 0) << 33n) + state.rows;
    const out = new BigInt64Array(n);
    for (let i = 0; i < n; i++) out[i] = base + BigInt(i);
    state.rows += BigInt(n);
    return primitiveData(LongT, n, out, null);
  },
  doc: { description: 'Increasing, unique 64-bit ids: the partition index in the upper 31 bits, the row\'s position in the partition below.', example: 'df.select(monotonically_increasing_id())' },
};

export const sparkPartitionId: ScalarFunctionDef = {
  name: 'spark_partition_id',
  prettyName: 'SPARK_PARTITION_ID',
  resolve: (argTypes) => (argTypes.length === 0 ? { argTypes: [], dataType: IntegerT, nullable: () => false } : wrongArgCount('spark_partition_id', '0', argTypes.length)),
  eval(_args: readonly arrow.Data[], n: number, ctx: EvalContext) {
    return primitiveData(IntegerT, n, new Int32Array(n).fill(ctx.partitionId ?? 0), null);
  },
  doc: { description: 'The index of the partition the row is in.', example: 'df.select(spark_partition_id())' },
};

export const uuid: ScalarFunctionDef = {
  name: 'uuid',
  resolve: (argTypes) => (argTypes.length === 0 ? { argTypes: [], dataType: StringT, nullable: () => false } : wrongArgCount('uuid', '0', argTypes.length)),
  eval(_args: readonly arrow.Data[], n: number) {
    return buildColumn(StringT, Array.from({ length: n }, () => randomUUID()));
  },
  doc: { description: 'A random (version 4) UUID string per row.', example: 'df.select(uuid())' },
};

export const NONDETERMINISTIC_FUNCTIONS: readonly ScalarFunctionDef[] = [rand, randn, monotonicallyIncreasingId, sparkPartitionId, uuid];
