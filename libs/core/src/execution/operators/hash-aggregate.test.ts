import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { aggregateDef, aggregateStateTypes } from '../../expr/aggregates/registry.js';
import { compareDoubles, compareStrings } from '../../expr/eval/compare.js';
import { buildColumn, valueReader } from '../../expr/eval/values.js';
import { type AggregateCall, type AggregateFunctionName, type AttributeReference, type BoundReference, type Expression, attr, dataTypeOf, lit } from '../../expr/expression.js';
import type { HashAggregateExec, LocalTableScanExec, PhysicalPlan } from '../../physical/physical-plan.js';
import { ArrayT, BooleanT, type DataType, DoubleT, IntegerT, LongT, StringT } from '../../types/data-type.js';
import type { ExecuteFn } from '../execute-fn.js';
import { schemaOf } from '../schema-of.js';
import { type TaskContext, newTaskMetrics } from '../task-context.js';
import { makeBatch } from '../vectors.js';
import { executeHashAggregate } from './hash-aggregate.js';

// ---------------------------------------------------------------------------------------------
// A tiny harness: local table scans, a dispatcher that runs them and hash aggregates, and a task context.

const dispatch: ExecuteFn = async function* (plan: PhysicalPlan, partition: number, ctx: TaskContext) {
  if (plan.kind === 'localTableScan') {
    for (const b of plan.partitions[partition] ?? []) yield b;
  } else if (plan.kind === 'hashAggregate') {
    yield* executeHashAggregate(plan, partition, ctx, dispatch);
  } else throw new Error(`test dispatcher cannot run ${plan.kind}`);
};

function context(batchSize = 1024): TaskContext {
  return {
    jobId: 0,
    stageId: 0,
    partitionId: 0,
    attempt: 0,
    batchSize,
    shuffleBlocks: () => [],
    broadcast: () => [],
    cachedPartition: () => undefined,
    metrics: newTaskMetrics(),
    signal: new AbortController().signal,
  };
}

type Row = readonly unknown[];

function scan(output: readonly AttributeReference[], partitions: readonly (readonly Row[])[], rowsPerBatch = 4): LocalTableScanExec {
  const schema = schemaOf(output);
  const toBatches = (rows: readonly Row[]) => {
    const out: arrow.RecordBatch[] = [];
    for (let a = 0; a === 0 || a < rows.length; a += rowsPerBatch) {
      const chunk = rows.slice(a, a + rowsPerBatch);
      out.push(makeBatch(schema, output.map((o, c) => buildColumn(o.dataType, chunk.map((r) => r[c] ?? null))), chunk.length));
    }
    return out;
  };
  return { kind: 'localTableScan', output, partitions: partitions.map(toBatches) };
}

async function collectRows(plan: HashAggregateExec, partition: number, ctx = context()): Promise<{ rows: unknown[][]; batches: arrow.RecordBatch[] }> {
  const batches: arrow.RecordBatch[] = [];
  for await (const b of executeHashAggregate(plan, partition, ctx, dispatch)) batches.push(b);
  const rows: unknown[][] = [];
  const types = plan.output.map((a) => a.dataType);
  for (const b of batches) {
    expect(b.schema.fields.map((f) => f.name)).toEqual(plan.output.map((a) => a.name));
    const readers = types.map((t, c) => valueReader(b.data.children[c]!, t));
    for (let i = 0; i < b.numRows; i++) rows.push(readers.map((r) => r(i)));
  }
  return { rows, batches };
}

function ref(ordinal: number, dataType: DataType): BoundReference {
  return { kind: 'boundRef', ordinal, dataType, nullable: true };
}

function agg(fn: AggregateFunctionName, args: Expression[], distinct = false): AggregateCall {
  const r = aggregateDef(fn).resolve(args.map(dataTypeOf), distinct);
  if ('error' in r) throw new Error(r.error);
  return { kind: 'agg', fn, args, distinct, dataType: r.dataType, nullable: r.nullable };
}

/** Plans for complete, and for partial → final (the partial outputs of every partition feed one final task). */
function plans(child: LocalTableScanExec, keys: readonly number[], calls: readonly AggregateCall[], resultExprs?: Expression[]) {
  const keyAttrs = keys.map((k) => ({ ...child.output[k]! }));
  const groupingExprs = keys.map((k) => ref(k, child.output[k]!.dataType));
  const resultAttrs = calls.map((c, i) => attr(`a${i}`, c.dataType, c.nullable));
  const results = resultExprs ?? [...keyAttrs.map((a, i) => ref(i, a.dataType)), ...calls.map((c, i) => ref(keys.length + i, c.dataType))];
  const output = resultExprs ? results.map((e, i) => attr(`r${i}`, dataTypeOf(e))) : [...keyAttrs, ...resultAttrs];
  const complete: HashAggregateExec = { kind: 'hashAggregate', mode: 'complete', groupingExprs, aggregates: calls, resultExprs: results, child, output };
  const stateAttrs = calls.flatMap((c, i) => aggregateStateTypes(c).map((t, j) => attr(`s${i}_${j}`, t)));
  const partial: HashAggregateExec = { kind: 'hashAggregate', mode: 'partial', groupingExprs, aggregates: calls, resultExprs: [], child, output: [...keyAttrs, ...stateAttrs] };
  const finalOf = (partialBatches: arrow.RecordBatch[][]): HashAggregateExec => ({
    kind: 'hashAggregate',
    mode: 'final',
    groupingExprs: keyAttrs.map((a, i) => ref(i, a.dataType)),
    aggregates: calls,
    resultExprs: results,
    child: { kind: 'localTableScan', output: partial.output, partitions: [partialBatches.flat()] },
    output,
  });
  return { complete, partial, finalOf };
}

/** Runs complete mode over all input in one partition, and partial (per partition) → final. */
async function runBoth(output: readonly AttributeReference[], partitions: readonly (readonly Row[])[], keys: number[], calls: AggregateCall[], resultExprs?: Expression[]) {
  const one = plans(scan(output, [partitions.flat()]), keys, calls, resultExprs);
  const complete = (await collectRows(one.complete, 0)).rows;
  const many = plans(scan(output, partitions), keys, calls, resultExprs);
  const partialBatches: arrow.RecordBatch[][] = [];
  for (let p = 0; p < partitions.length; p++) partialBatches.push(ipcRoundTrip((await collectRows(many.partial, p)).batches));
  const final = (await collectRows(many.finalOf(partialBatches), 0, context(3))).rows;
  return { complete, final };
}

/** Partial states cross shuffles as Arrow IPC: serialise and read them back as a shuffle would. */
function ipcRoundTrip(batches: arrow.RecordBatch[]): arrow.RecordBatch[] {
  if (batches.length === 0) return batches;
  return arrow.tableFromIPC(arrow.tableToIPC(new arrow.Table(batches))).batches;
}

const keyText = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
const sortRows = (rows: unknown[][], nKeys: number) => [...rows].sort((a, b) => (keyText(a.slice(0, nKeys)) < keyText(b.slice(0, nKeys)) ? -1 : 1));

// ---------------------------------------------------------------------------------------------
// A reference implementation of each aggregate over JS rows.

type Ref = (values: unknown[][]) => unknown;
const nonNull = (vs: unknown[]) => vs.filter((v) => v !== null);
const distinctOf = (vs: unknown[]) => [...new Map(vs.map((v) => [keyText(v), v])).values()];
const REF = {
  countStar: ((vs) => BigInt(vs.length)) as Ref,
  count: ((vs) => BigInt(nonNull(vs.map((r) => r[0])).length)) as Ref,
  sumLong: ((vs) => {
    const xs = nonNull(vs.map((r) => r[0]));
    return xs.length === 0 ? null : BigInt.asIntN(64, xs.reduce<bigint>((s, x) => s + BigInt(x as number | bigint), 0n));
  }) as Ref,
  sumDouble: ((vs) => {
    const xs = nonNull(vs.map((r) => r[0])) as number[];
    return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0);
  }) as Ref,
  avg: ((vs) => {
    const xs = nonNull(vs.map((r) => r[0])).map(Number);
    return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
  }) as Ref,
  extremum:
    (sign: number, cmp: (a: never, b: never) => number): Ref =>
    (vs) =>
      nonNull(vs.map((r) => r[0])).reduce<unknown>((best, x) => (best === null || cmp(x as never, best as never) * sign > 0 ? x : best), null),
  first: ((vs) => (vs.length === 0 ? null : vs[0]![0])) as Ref,
  firstIgnoreNulls: ((vs) => nonNull(vs.map((r) => r[0]))[0] ?? null) as Ref,
  collect: ((vs) => nonNull(vs.map((r) => r[0]))) as Ref,
  countDistinct: ((vs) => BigInt(distinctOf(vs.filter((r) => r.every((x) => x !== null)).map((r) => [...r])).length)) as Ref,
  sumDistinct: ((vs) => {
    const xs = distinctOf(nonNull(vs.map((r) => r[0])));
    return xs.length === 0 ? null : xs.reduce<bigint>((s, x) => s + BigInt(x as number), 0n);
  }) as Ref,
  avgDistinct: ((vs) => {
    const xs = distinctOf(nonNull(vs.map((r) => r[0]))).map(Number);
    return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
  }) as Ref,
  collectDistinct: ((vs) => distinctOf(nonNull(vs.map((r) => r[0])))) as Ref,
};

function expected(rows: readonly Row[], keys: number[], specs: readonly (readonly [number[], Ref])[]): unknown[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyText(keys.map((c) => (typeof r[c] === 'number' && (r[c] === 0 || Number.isNaN(r[c])) ? (Number.isNaN(r[c]) ? NaN : 0) : r[c])));
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  if (keys.length === 0 && groups.size === 0) groups.set('[]', []);
  return [...groups.values()].map((g) => {
    const keyVals = keys.map((c) => {
      const v = g[0]![c];
      return typeof v === 'number' && v === 0 ? 0 : v;
    });
    return [...keyVals, ...specs.map(([cols, f]) => f(g.map((r) => cols.map((c) => r[c] ?? null))))];
  });
}

// ---------------------------------------------------------------------------------------------

const INPUT = [attr('k', StringT), attr('x', IntegerT), attr('y', DoubleT), attr('s', StringT), attr('g', LongT)];
const P0: Row[] = [
  ['a', 1, 1.5, 'p', 10n],
  ['b', null, null, null, 10n],
  ['a', 2, NaN, 'q', null],
  [null, 7, 0.5, 'r', 11n],
  ['a', 2, -2, 'p', 10n],
  ['c', null, null, null, null],
];
const P1: Row[] = [
  [null, 3, 2, 'é', 11n],
  ['b', 4, 0.25, 'z', null],
  ['a', null, null, 'q', 10n],
  ['b', 4, 3, 'Z', 12n],
  [null, null, 1, null, 11n],
  ['a', 5, 1, 'p', 10n],
  ['d', -1, -0.5, 'x', 13n],
];

const x = ref(1, IntegerT);
const y = ref(2, DoubleT);
const s = ref(3, StringT);
const CALLS: [AggregateCall, number[], Ref][] = [
  [agg('count', []), [1], REF.countStar],
  [agg('count', [x]), [1], REF.count],
  [agg('sum', [x]), [1], REF.sumLong],
  [agg('sum', [y]), [2], REF.sumDouble],
  [agg('avg', [x]), [1], REF.avg],
  [agg('min', [x]), [1], REF.extremum(-1, (a: number, b: number) => a - b)],
  [agg('max', [y]), [2], REF.extremum(1, compareDoubles)],
  [agg('min', [y]), [2], REF.extremum(-1, compareDoubles)],
  [agg('max', [s]), [3], REF.extremum(1, compareStrings)],
  [agg('min', [s]), [3], REF.extremum(-1, compareStrings)],
  [agg('first', [x]), [1], REF.first],
  [agg('first', [x, lit(true)]), [1], REF.firstIgnoreNulls],
  [agg('collect_list', [s]), [3], REF.collect],
  [agg('count', [x], true), [1], REF.countDistinct],
  [agg('count', [x, s], true), [1, 3], REF.countDistinct],
  [agg('sum', [x], true), [1], REF.sumDistinct],
  [agg('avg', [x], true), [1], REF.avgDistinct],
];

describe('hash aggregate', () => {
  it('result types follow Spark', () => {
    expect(CALLS.map(([c]) => c.dataType)).toEqual([LongT, LongT, LongT, DoubleT, DoubleT, IntegerT, DoubleT, DoubleT, StringT, StringT, IntegerT, IntegerT, ArrayT(StringT, false), LongT, LongT, LongT, DoubleT]);
    expect(aggregateStateTypes(agg('avg', [x]))).toEqual([DoubleT, LongT]);
    expect(aggregateStateTypes(agg('first', [x]))).toEqual([IntegerT, BooleanT]);
    expect(aggregateStateTypes(agg('count', [x, s], true))).toEqual([ArrayT(IntegerT, false), ArrayT(StringT, false)]);
  });

  it('groups by a string key with NULL keys; complete and partial→final agree with a reference', async () => {
    const calls = CALLS.map(([c]) => c);
    const want = sortRows(expected([...P0, ...P1], [0], CALLS.map(([, cols, f]) => [cols, f] as const)), 1);
    const { complete, final } = await runBoth(INPUT, [P0, P1], [0], calls);
    expect(sortRows(complete, 1)).toEqual(want);
    expect(sortRows(final, 1)).toEqual(want);
    // The NULL key forms one group.
    expect(want.filter((r) => r[0] === null)).toHaveLength(1);
  });

  it('collect_list(DISTINCT) and multi-column keys', async () => {
    const calls = [agg('collect_list', [s], true), agg('count', [])];
    const want = sortRows(
      expected([...P0, ...P1], [4, 0], [
        [[3], REF.collectDistinct],
        [[1], REF.countStar],
      ]),
      2,
    );
    const { complete, final } = await runBoth(INPUT, [P0, P1], [4, 0], calls);
    const norm = (rows: unknown[][]) => sortRows(rows, 2).map((r) => [r[0], r[1], [...(r[2] as string[])].sort(), r[3]]);
    expect(norm(complete)).toEqual(norm(want));
    expect(norm(final)).toEqual(norm(want));
  });

  it('global aggregate: one row, also for empty and all-NULL input', async () => {
    const calls = CALLS.map(([c]) => c);
    const specs = CALLS.map(([, cols, f]) => [cols, f] as const);
    for (const parts of [[P0, P1], [[], []], [[['a', null, null, null, null]], []]] as Row[][][]) {
      const want = expected(parts.flat(), [], specs);
      const { complete, final } = await runBoth(INPUT, parts, [], calls);
      expect(complete).toEqual(want);
      expect(final).toEqual(want);
    }
    const empty = await runBoth(INPUT, [[]], [], [agg('count', []), agg('sum', [x]), agg('collect_list', [s]), agg('count', [x], true), agg('max', [s])]);
    expect(empty.complete).toEqual([[0n, null, [], 0n, null]]);
    expect(empty.final).toEqual([[0n, null, [], 0n, null]]);
  });

  it('grouped aggregate over empty input gives no rows', async () => {
    const { complete, final } = await runBoth(INPUT, [[], []], [0], [agg('count', [])]);
    expect(complete).toEqual([]);
    expect(final).toEqual([]);
  });

  it('double keys: -0.0 and 0.0 group together, as do NaNs', async () => {
    const input = [attr('d', DoubleT), attr('v', IntegerT)];
    const rows: Row[] = [[0, 1], [-0, 2], [NaN, 3], [NaN, 4], [null, 5], [1.5, 6], [null, 7]];
    const { complete, final } = await runBoth(input, [rows.slice(0, 3), rows.slice(3)], [0], [agg('sum', [ref(1, IntegerT)])]);
    const want = [[null, 12n], [0, 3n], [1.5, 6n], [NaN, 7n]];
    const norm = (r: unknown[][]) => sortRows(r, 1);
    expect(norm(complete)).toEqual(norm(want));
    expect(norm(final)).toEqual(norm(want));
  });

  it('evaluates result expressions over [keys…, results…] and splits output by batchSize', async () => {
    const calls = [agg('sum', [x]), agg('count', [])];
    const resultExprs: Expression[] = [ref(0, StringT), { kind: 'arith', op: '+', left: ref(1, LongT), right: ref(2, LongT) }];
    const { complete, final } = await runBoth(INPUT, [P0, P1], [0], calls, resultExprs);
    const want = sortRows(
      expected([...P0, ...P1], [0], [
        [[1], REF.sumLong],
        [[1], REF.countStar],
      ]).map(([k, sum, n]) => [k, sum === null ? null : (sum as bigint) + (n as bigint)]),
      1,
    );
    expect(sortRows(complete, 1)).toEqual(want);
    expect(sortRows(final, 1)).toEqual(want);
    const one = plans(scan(INPUT, [[...P0, ...P1]]), [0], calls, resultExprs);
    const ctx = context(2);
    const { batches } = await collectRows(one.complete, 0, ctx);
    expect(batches.map((b) => b.numRows)).toEqual([2, 2, 1]);
    expect(ctx.metrics.rowsIn).toBe(P0.length + P1.length);
    expect(ctx.metrics.rowsOut).toBe(5);
  });

  it('wraps int64 sums on overflow and handles many int64 groups (hash table growth)', async () => {
    const input = [attr('g', LongT), attr('v', LongT)];
    const big: Row[] = [[1n, 9223372036854775807n], [1n, 1n], [2n, -9223372036854775808n], [2n, -1n]];
    const o = await runBoth(input, [big.slice(0, 1), big.slice(1)], [0], [agg('sum', [ref(1, LongT)])]);
    expect(sortRows(o.final, 1)).toEqual([[1n, -9223372036854775808n], [2n, 9223372036854775807n]]);

    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const rows: Row[] = Array.from({ length: 20000 }, () => [BigInt(Math.floor(rnd() * 5000)) * 4294967296n - 7n, BigInt(Math.floor(rnd() * 100))]);
    const want = sortRows(expected(rows, [0], [[[1], REF.sumLong], [[1], REF.countStar]]), 1);
    const r = await runBoth(input, [rows.slice(0, 9000), rows.slice(9000)], [0], [agg('sum', [ref(1, LongT)]), agg('count', [])]);
    expect(sortRows(r.complete, 1)).toEqual(want);
    expect(sortRows(r.final, 1)).toEqual(want);
  });

  it('partial mode emits grouping values then state columns', async () => {
    const p = plans(scan(INPUT, [P0]), [0], [agg('avg', [x]), agg('first', [x]), agg('count', [x], true)]);
    const { rows } = await collectRows(p.partial, 0);
    expect(sortRows(rows, 1)).toEqual(
      sortRows(
        [
          ['a', 5, 3n, 1, true, [1, 2]],
          ['b', 0, 0n, null, true, []],
          [null, 7, 1n, 7, true, [7]],
          ['c', 0, 0n, null, true, []],
        ],
        1,
      ),
    );
  });
});
