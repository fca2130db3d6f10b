// The operator dispatcher: runs one partition of a physical plan as a lazy stream of record batches.
import type * as arrow from 'apache-arrow';
import type { PhysicalPlan } from '../physical/physical-plan.js';
import { assertNever } from '../util/assert.js';
import { executeHashAggregate } from './operators/hash-aggregate.js';
import { executeGenerate } from './operators/generate.js';
import { executeHashJoin } from './operators/hash-join.js';
import { executeCoalesce, executeLimit, executeUnion } from './operators/limit.js';
import { executeNestedLoopJoin } from './operators/nested-loop-join.js';
import { executeExpand, executeFilter, executeProject } from './operators/project.js';
import { executeRange } from './operators/range.js';
import { executeBroadcastRead, executeInMemoryScan, executeLocalTableScan, executeShuffleRead } from './operators/scan.js';
import { executeSort } from './operators/sort.js';
import { executeWindow } from './operators/window.js';
import { executeGroupedPython, executeMapInPython, executePythonEval } from './operators/python.js';
import type { TaskContext } from './task-context.js';
import { executeFileScan } from '../datasource/file-scan.js';
import { executeWriteFiles } from '../datasource/write-files.js';

export function execute(plan: PhysicalPlan, partition: number, ctx: TaskContext): AsyncGenerator<arrow.RecordBatch> {
  switch (plan.kind) {
    case 'range': return executeRange(plan, partition, ctx);
    case 'localTableScan': return executeLocalTableScan(plan, partition, ctx);
    case 'fileScan': return executeFileScan(plan, partition, ctx);
    case 'writeFiles': return executeWriteFiles(plan, partition, ctx, execute);
    case 'inMemoryScan': return executeInMemoryScan(plan, partition, ctx);
    case 'shuffleRead': return executeShuffleRead(plan, partition, ctx);
    case 'broadcastRead': return executeBroadcastRead(plan, partition, ctx);
    case 'project': return executeProject(plan, partition, ctx, execute);
    case 'filter': return executeFilter(plan, partition, ctx, execute);
    case 'hashAggregate': return executeHashAggregate(plan, partition, ctx, execute);
    case 'hashJoin': return executeHashJoin(plan, partition, ctx, execute);
    case 'nestedLoopJoin': return executeNestedLoopJoin(plan, partition, ctx, execute);
    case 'sort': return executeSort(plan, partition, ctx, execute);
    case 'limit': return executeLimit(plan, partition, ctx, execute);
    case 'union': return executeUnion(plan, partition, ctx, execute);
    case 'coalesce': return executeCoalesce(plan, partition, ctx, execute);
    case 'window': return executeWindow(plan, partition, ctx, execute);
    case 'pythonEval': return executePythonEval(plan, partition, ctx, execute);
    case 'mapInPython': return executeMapInPython(plan, partition, ctx, execute);
    case 'groupedPython': return executeGroupedPython(plan, partition, ctx, execute);
    case 'generate': return executeGenerate(plan, partition, ctx, execute);
    case 'expand': return executeExpand(plan, partition, ctx, execute);
    case 'shuffleExchange':
    case 'broadcastExchange':
      throw new Error(`${plan.kind} is a stage boundary: the DAG scheduler replaces it before tasks run`);
    default:
      return assertNever(plan, 'physical plan');
  }
}
