// The fuzz corpus and mutators: valid request envelopes of every type, and seeded mutations of them.
import * as arrow from 'apache-arrow';
import { type Builder, fb, buildEnvelope } from '@kindling/protocol';
import { type E, alias, call, col, expr, lit } from './client.js';

export const SEED = 0x5eed_2024;
export const TARGET_FRAMES = 100_000;
export const FRAMES_PER_CONNECTION = 2_500;

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
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

function exprVec(b: Builder, es: E[]): number {
  const offs = es.map((e) => expr(b, e));
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

function strVec(b: Builder, ss: string[]): number {
  const offs = ss.map((s) => b.createString(s));
  b.startVector(4, offs.length, 4);
  for (let i = offs.length - 1; i >= 0; i--) b.addOffset(offs[i]!);
  return b.endVector();
}

/** Valid request envelopes covering every request and relation type; handles 1 and 2 are small ranges. */
export function corpus(): Uint8Array[] {
  const out: Uint8Array[] = [];
  let id = 1n;
  const add = (type: fb.Body, build: (b: Builder) => number) => out.push(buildEnvelope(id++, type, build));
  const tr = (opType: fb.RelationOp, op: (b: Builder) => number) => add(fb.Body.Transform, (b) => {
    const o = op(b);
    return fb.Transform.createTransform(b, opType, o);
  });
  tr(fb.RelationOp.Range, (b) => fb.Range.createRange(b, 0n, 100n, 1n, 2));
  tr(fb.RelationOp.Range, (b) => fb.Range.createRange(b, 50n, 150n, 1n, 0));
  tr(fb.RelationOp.Project, (b) => fb.Project.createProject(b, 1n, exprVec(b, [
    col('id'), alias(call('+', col('id'), lit(1)), 'x'), { cast: col('id'), to: fb.TypeKind.String },
    { when: [[call('>', col('id'), lit(5n)), lit('big')]], otherwise: lit(null) }, call('upper', lit('s')),
    alias(lit(19000, 'date'), 'd'), lit(1.5), lit(true), { star: true },
  ])));
  tr(fb.RelationOp.Filter, (b) => {
    const c = expr(b, call('and', call('>=', col('id'), lit(3n)), call('in', col('id'), lit(4n), lit(5n), lit(null))));
    fb.Filter.startFilter(b);
    fb.Filter.addInput(b, 1n);
    fb.Filter.addCondition(b, c);
    return fb.Filter.endFilter(b);
  });
  tr(fb.RelationOp.WithColumns, (b) => fb.WithColumns.createWithColumns(b, 1n, strVec(b, ['k']), exprVec(b, [call('%', col('id'), lit(3n))])));
  tr(fb.RelationOp.WithColumnsRenamed, (b) => fb.WithColumnsRenamed.createWithColumnsRenamed(b, 1n, strVec(b, ['id']), strVec(b, ['j'])));
  tr(fb.RelationOp.Drop, (b) => fb.Drop.createDrop(b, 1n, strVec(b, ['id']), exprVec(b, [col('id', 1n)])));
  tr(fb.RelationOp.Aggregate, (b) => fb.Aggregate.createAggregate(b, 1n, exprVec(b, [call('%', col('id'), lit(3n))]), exprVec(b, [call('count'), alias(call('sum', col('id')), 's'), { call: 'count', args: [col('id')], distinct: true }]), fb.GroupType.GroupBy, 0));
  tr(fb.RelationOp.Aggregate, (b) => fb.Aggregate.createAggregate(b, 1n, exprVec(b, [call('%', col('id'), lit(3n))]), exprVec(b, [call('grouping_id')]), fb.GroupType.Cube, 0));
  tr(fb.RelationOp.Join, (b) => {
    const how = b.createString('inner');
    const c = expr(b, call('=', col('id', 1n), col('id', 2n)));
    fb.Join.startJoin(b);
    fb.Join.addLeft(b, 1n);
    fb.Join.addRight(b, 2n);
    fb.Join.addHow(b, how);
    fb.Join.addCondition(b, c);
    return fb.Join.endJoin(b);
  });
  tr(fb.RelationOp.Join, (b) => {
    const how = b.createString('left');
    const using = strVec(b, ['id']);
    fb.Join.startJoin(b);
    fb.Join.addLeft(b, 1n);
    fb.Join.addRight(b, 2n);
    fb.Join.addHow(b, how);
    fb.Join.addUsingColumns(b, using);
    return fb.Join.endJoin(b);
  });
  tr(fb.RelationOp.Sort, (b) => fb.Sort.createSort(b, 1n, exprVec(b, [{ sort: col('id'), desc: true }]), true));
  tr(fb.RelationOp.Limit, (b) => fb.Limit.createLimit(b, 1n, 5n, 0n, false));
  tr(fb.RelationOp.Distinct, (b) => fb.Distinct.createDistinct(b, 1n, strVec(b, ['id'])));
  tr(fb.RelationOp.SetOp, (b) => fb.SetOp.createSetOp(b, 1n, 2n, true, true));
  tr(fb.RelationOp.Repartition, (b) => fb.Repartition.createRepartition(b, 1n, 3, true, exprVec(b, [col('id')]), false, false));
  tr(fb.RelationOp.SubqueryAlias, (b) => fb.SubqueryAlias.createSubqueryAlias(b, 1n, b.createString('t')));
  const ipc = arrow.tableToIPC(new arrow.Table({ a: arrow.vectorFromArray([1, 2, null], new arrow.Int32()), s: arrow.vectorFromArray(['x', null, 'z'], new arrow.Utf8()) }), 'stream');
  tr(fb.RelationOp.LocalData, (b) => {
    const data = fb.LocalData.createArrowIpcVector(b, ipc);
    fb.LocalData.startLocalData(b);
    fb.LocalData.addArrowIpc(b, data);
    return fb.LocalData.endLocalData(b);
  });
  for (const action of [fb.Action.Count, fb.Action.Show, fb.Action.Collect, fb.Action.Take]) {
    add(fb.Body.ExecuteRequest, (b) => fb.ExecuteRequest.createExecuteRequest(b, 1n, action, 3n, 20, false, fb.ResultFormat.Arrow));
  }
  add(fb.Body.ExecuteRequest, (b) => fb.ExecuteRequest.createExecuteRequest(b, 3n, fb.Action.Collect, 0n, 20, false, fb.ResultFormat.PickledRows));
  for (const kind of [fb.AnalyzeKind.Schema, fb.AnalyzeKind.Explain, fb.AnalyzeKind.IsCached]) {
    add(fb.Body.AnalyzeRequest, (b) => fb.AnalyzeRequest.createAnalyzeRequest(b, 3n, kind, b.createString('extended')));
  }
  add(fb.Body.ConfigRequest, (b) => fb.ConfigRequest.createConfigRequest(b, fb.ConfigOp.Set, b.createString('k'), b.createString('v'), 0));
  add(fb.Body.ConfigRequest, (b) => fb.ConfigRequest.createConfigRequest(b, fb.ConfigOp.Get, b.createString('k'), 0, b.createString('d')));
  add(fb.Body.ConfigRequest, (b) => fb.ConfigRequest.createConfigRequest(b, fb.ConfigOp.GetAll, 0, 0, 0));
  add(fb.Body.PersistRequest, (b) => fb.PersistRequest.createPersistRequest(b, 2n, fb.PersistOp.Cache, 0));
  add(fb.Body.PersistRequest, (b) => fb.PersistRequest.createPersistRequest(b, 2n, fb.PersistOp.Unpersist, 0));
  add(fb.Body.Release, (b) => fb.Release.createRelease(b, fb.Release.createIdsVector(b, [7n, 99n])));
  add(fb.Body.Cancel, (b) => fb.Cancel.createCancel(b, 3n));
  return out;
}

export type Rand = () => number;
export const int = (r: Rand, n: number) => Math.floor(r() * n);

export function randomBytes(r: Rand, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = int(r, 256);
  return out;
}

/** One mutated payload of a corpus envelope (or pure noise). */
export function mutate(r: Rand, corpus: Uint8Array[]): Uint8Array {
  const src = corpus[int(r, corpus.length)]!;
  const m = new Uint8Array(src);
  switch (int(r, 8)) {
    case 0: { // bit flips
      const flips = 1 + int(r, 8);
      for (let i = 0; i < flips; i++) {
        const p = int(r, m.length);
        m[p]! ^= 1 << int(r, 8);
      }
      return m;
    }
    case 1: { // random bytes overwritten
      const k = 1 + int(r, 4);
      for (let i = 0; i < k; i++) m[int(r, m.length)] = int(r, 256);
      return m;
    }
    case 2: // truncation
      return m.subarray(0, 1 + int(r, m.length - 1));
    case 3: { // a corrupted 32-bit offset / length at an aligned position
      const p = int(r, m.length >> 2) << 2;
      const v = [0, 0xffffffff, 0x7fffffff, m.length, m.length - 4, int(r, 1 << 16), 0x80000000][int(r, 7)]!;
      new DataView(m.buffer).setUint32(p, v >>> 0, true);
      return m;
    }
    case 4: { // splice of two envelopes
      const other = corpus[int(r, corpus.length)]!;
      const cut = int(r, m.length);
      const out = new Uint8Array(cut + other.length - Math.min(cut, other.length - 1));
      out.set(m.subarray(0, cut));
      out.set(other.subarray(Math.min(cut, other.length - 1)), cut);
      return out;
    }
    case 5: { // appended garbage
      const extra = randomBytes(r, 1 + int(r, 64));
      const out = new Uint8Array(m.length + extra.length);
      out.set(m);
      out.set(extra, m.length);
      return out;
    }
    case 6: { // random body of random length, with the right identifier so the verifier goes deep
      const out = randomBytes(r, 8 + int(r, 4096));
      out.set([0x4b, 0x44, 0x4c, 0x31], 4);
      if (r() < 0.5) new DataView(out.buffer).setUint32(0, 8 + int(r, Math.min(64, out.length - 8)), true);
      return out;
    }
    default: // pure noise, up to a few KB
      return randomBytes(r, 1 + int(r, 4096));
  }
}

