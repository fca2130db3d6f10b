// Spark-like text for physical plans; bound references are printed by the name of the input column they read.
import { type AttributeReference, type Expression, exprToString, transformUp } from '../expr/expression.js';
import { generatorName, treeString } from '../plan/logical-plan.js';
import { assertNever } from '../util/assert.js';
import { simpleString } from '../types/data-type.js';
import { type Partitioning, type PhysicalPlan, physicalChildren } from './physical-plan.js';

function unbind(e: Expression, input: readonly AttributeReference[]): Expression {
  return transformUp(e, (x) => (x.kind === 'boundRef' && input[x.ordinal] ? input[x.ordinal]! : x));
}

function show(e: Expression, input: readonly AttributeReference[]): string {
  return exprToString(unbind(e, input));
}

function list(es: readonly Expression[], input: readonly AttributeReference[]): string {
  return `[${es.map((e) => show(e, input)).join(', ')}]`;
}

function partitioningString(p: Partitioning, input: readonly AttributeReference[]): string {
  switch (p.kind) {
    case 'single': return 'SinglePartition';
    case 'unknown': return `UnknownPartitioning(${p.numPartitions})`;
    case 'roundRobin': return `RoundRobinPartitioning(${p.numPartitions})`;
    case 'direct': return `PartitionIdPassthrough(${p.numPartitions})`;
    case 'hash': return `hashpartitioning(${p.exprs.map((e) => show(e, input)).join(', ')}, ${p.numPartitions})`;
    case 'range': return `rangepartitioning(${p.order.map((e) => show(e, input)).join(', ')}, ${p.numPartitions})`;
    default: return assertNever(p, 'partitioning');
  }
}

export function physicalNodeString(p: PhysicalPlan): string {
  const out = (xs: readonly AttributeReference[]) => `[${xs.map((a) => exprToString(a)).join(', ')}]`;
  switch (p.kind) {
    case 'range':
      return `Range (${p.start}, ${p.end}, step=${p.step}, splits=${p.numPartitions})`;
    case 'localTableScan':
      return `LocalTableScan ${out(p.output)}`;
    case 'fileScan': {
      const fields = p.columns.map((c) => [...p.dataSchema, ...p.partitionSchema][c]!);
      const schema = `struct<${fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(',')}>`;
      const partCols = p.partitionSchema.length > 0 ? `, PartitionColumns: [${p.partitionSchema.map((f) => f.name).join(', ')}]` : '';
      return `FileScan ${p.format} ${out(p.output)} Location: InMemoryFileIndex(${p.rootPaths.length} paths)[${p.rootPaths.join(', ')}]${partCols}, ReadSchema: ${schema}`;
    }
    case 'writeFiles':
      return `WriteFiles ${p.format}${p.partitionColumns.length > 0 ? `, partitionBy=[${p.partitionColumns.map((i) => p.child.output[i]!.name).join(', ')}]` : ''}`;
    case 'inMemoryScan':
      return `InMemoryTableScan ${out(p.output)}, cacheId=${p.cacheId}`;
    case 'project':
      return `Project ${list(p.exprs, p.child.output)}`;
    case 'filter':
      return `Filter ${show(p.condition, p.child.output)}`;
    case 'hashAggregate': {
      // Aggregate arguments are bound to the raw input: the child's for partial/complete, the partial's for final.
      let argInput = p.child.output;
      if (p.mode === 'final' && p.child.kind === 'shuffleExchange' && p.child.child.kind === 'hashAggregate') argInput = p.child.child.child.output;
      const prefix = p.mode === 'partial' ? 'partial_' : '';
      const fns = p.aggregates.map((a) => `${prefix}${show(a, argInput)}`);
      return `HashAggregate(keys=${list(p.groupingExprs, p.child.output)}, functions=[${fns.join(', ')}]${p.mode === 'partial' ? '' : `, output=${out(p.output)}`})`;
    }
    case 'shuffleExchange':
      return `Exchange ${partitioningString(p.partitioning, p.child.output)}`;
    case 'broadcastExchange':
      return 'BroadcastExchange';
    case 'shuffleRead':
      return `ShuffleRead shuffle=${p.shuffleId}, partitions=${p.numPartitions}`;
    case 'broadcastRead':
      return `BroadcastRead broadcast=${p.broadcastId}`;
    case 'hashJoin': {
      const name = p.strategy === 'broadcast' ? 'BroadcastHashJoin' : 'ShuffledHashJoin';
      const cond = p.condition ? `, ${show(p.condition, [...p.left.output, ...p.right.output])}` : '';
      const jt = p.joinType;
      return `${name} ${list(p.leftKeys, p.left.output)}, ${list(p.rightKeys, p.right.output)}, ${jt}, Build${p.buildSide === 'left' ? 'Left' : 'Right'}${cond}`;
    }
    case 'nestedLoopJoin': {
      const cond = p.condition ? `, ${show(p.condition, [...p.left.output, ...p.right.output])}` : '';
      return `BroadcastNestedLoopJoin BuildRight, ${p.joinType}${cond}`;
    }
    case 'sort':
      return `Sort ${list(p.order, p.child.output)}`;
    case 'limit':
      if (p.offset) return p.limit >= Number.MAX_SAFE_INTEGER ? `GlobalOffset ${p.offset}` : `GlobalLimitAndOffset ${p.limit}, ${p.offset}`;
      return `${p.global ? 'GlobalLimit' : 'LocalLimit'} ${p.limit}`;
    case 'union':
      return 'Union';
    case 'coalesce':
      return `Coalesce ${p.numPartitions}`;
    case 'window':
      return `Window ${list(p.exprs, p.child.output)}, ${list(p.partitionSpec, p.child.output)}, ${list(p.orderSpec, p.child.output)}`;
    case 'pythonEval': {
      const name = p.evalType === 'batched' ? 'BatchEvalPython' : 'ArrowEvalPython';
      const fns = p.functions.filter((f) => f.isOutput).map((f) => f.name);
      return `${name} [${fns.join(', ')}], [${list(p.argExprs, p.child.output)}], ${out(p.output)}`;
    }
    case 'generate':
      return `Generate ${generatorName(p)}(${show(p.generator, p.child.output)}), [${p.carry.map((i) => exprToString(p.child.output[i]!)).join(', ')}], ${p.outer}, ${out(p.output.slice(p.carry.length))}`;
    case 'expand':
      return `Expand [${p.projections.map((q) => list(q, p.child.output)).join(', ')}], ${out(p.output)}`;
    case 'mapInPython':
      return `${p.evalType === 'mapArrowIter' ? 'MapInArrow' : 'MapInPandas'} ${p.fn.name}, ${out(p.output)}`;
    case 'groupedPython':
      if (p.evalType === 'groupedMapPandas') return `FlatMapGroupsInPandas ${list(p.groupingExprs, p.child.output)}, ${p.functions[0]?.name ?? ''}, ${out(p.output)}`;
      return `AggregateInPandas ${list(p.groupingExprs, p.child.output)}, [${p.functions.map((f) => f.name).join(', ')}], ${out(p.output)}`;
    default:
      return assertNever(p, 'physical plan');
  }
}

export function physicalPlanString(p: PhysicalPlan): string {
  return treeString(p, physicalNodeString, (n) => (n.kind === 'inMemoryScan' ? [n.child] : physicalChildren(n)));
}
