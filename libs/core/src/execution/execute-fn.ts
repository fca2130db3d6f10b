// The signature of the operator dispatcher, passed to operators so they can run their children.
import type * as arrow from 'apache-arrow';
import type { PhysicalPlan } from '../physical/physical-plan.js';
import type { TaskContext } from './task-context.js';

export type ExecuteFn = (plan: PhysicalPlan, partition: number, ctx: TaskContext) => AsyncGenerator<arrow.RecordBatch>;
