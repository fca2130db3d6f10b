// Test helpers for operator tests: a dispatcher that only runs local table scans, a task context,
// batches from JS rows and back, and a seeded PRNG.
import type * as arrow from 'apache-arrow';
import type { AttributeReference, BoundReference } from '../../expr/expression.js';
import type { JoinType } from '../../plan/logical-plan.js';
import type { LocalTableScanExec, PhysicalPlan } from '../../physical/physical-plan.js';
import type { DataType } from '../../types/data-type.js';
import type { ExecuteFn } from '../execute-fn.js';
import { dataFromPlainValues, plainValueAt } from '../plain-values.js';
import { schemaOf } from '../schema-of.js';
import { type TaskContext, newTaskMetrics } from '../task-context.js';
import { makeBatch } from '../vectors.js';

export function testContext(batchSize = 1024): TaskContext {
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

/** Runs `localTableScan` leaves by yielding their partition's batches; any other plan is an error. */
export const testExec: ExecuteFn = async function* (plan: PhysicalPlan, partition: number) {
  if (plan.kind !== 'localTableScan') throw new Error(`test dispatcher cannot run ${plan.kind}`);
  for (const b of plan.partitions[partition] ?? []) yield b;
};

/** A batch of `output`'s schema from rows of plain JS values (date as days, int64 as bigint). */
export function batchOf(output: readonly AttributeReference[], rows: readonly (readonly unknown[])[]): arrow.RecordBatch {
  const cols = output.map((a, c) => dataFromPlainValues(a.dataType, rows.map((r) => r[c] ?? null)));
  return makeBatch(schemaOf(output), cols, rows.length);
}

/** Splits rows into batches of at most `size` rows (at least one batch, possibly empty). */
export function batchesOf(output: readonly AttributeReference[], rows: readonly (readonly unknown[])[], size: number): arrow.RecordBatch[] {
  if (rows.length === 0) return [batchOf(output, [])];
  const out: arrow.RecordBatch[] = [];
  for (let a = 0; a < rows.length; a += size) out.push(batchOf(output, rows.slice(a, a + size)));
  return out;
}

export function scan(output: readonly AttributeReference[], partitions: readonly (readonly arrow.RecordBatch[])[]): LocalTableScanExec {
  return { kind: 'localTableScan', output, partitions };
}

export function rowsOf(batch: arrow.RecordBatch, types: readonly DataType[]): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < batch.numRows; i++) rows.push(types.map((t, c) => plainValueAt(batch.data.children[c]!, t, i)));
  return rows;
}

export async function collect(gen: AsyncGenerator<arrow.RecordBatch>): Promise<arrow.RecordBatch[]> {
  const out: arrow.RecordBatch[] = [];
  for await (const b of gen) out.push(b);
  return out;
}

export function bound(ordinal: number, a: AttributeReference): BoundReference {
  return { kind: 'boundRef', ordinal, dataType: a.dataType, nullable: a.nullable };
}

/** Rows rendered as sortable text, for comparing results as multisets. */
export function canonicalRows(rows: readonly (readonly unknown[])[]): string[] {
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))).sort();
}

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Brute-force join of JS rows: left ++ right for matching pairs, NULL-padded unmatched rows of preserved sides,
 * left rows only for semi/anti.
 */
export function referenceJoin(
  left: readonly (readonly unknown[])[],
  right: readonly (readonly unknown[])[],
  joinType: JoinType,
  rightWidth: number,
  leftWidth: number,
  matches: (l: readonly unknown[], r: readonly unknown[]) => boolean,
): unknown[][] {
  const out: unknown[][] = [];
  const rightMatched = new Array<boolean>(right.length).fill(false);
  for (const l of left) {
    let any = false;
    right.forEach((r, j) => {
      if (!matches(l, r)) return;
      any = true;
      rightMatched[j] = true;
      if (joinType !== 'leftsemi' && joinType !== 'leftanti') out.push([...l, ...r]);
    });
    if (joinType === 'leftsemi' && any) out.push([...l]);
    if (joinType === 'leftanti' && !any) out.push([...l]);
    if ((joinType === 'left' || joinType === 'full') && !any) out.push([...l, ...new Array(rightWidth).fill(null)]);
  }
  if (joinType === 'right' || joinType === 'full') {
    right.forEach((r, j) => { if (!rightMatched[j]) out.push([...new Array(leftWidth).fill(null), ...r]); });
  }
  return out;
}
