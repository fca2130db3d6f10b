// Builders of resolved logical plans and expressions for the optimizer's tests, and a runner of one rule alone.
import {
  type AttributeReference,
  type Expression,
  type ArithmeticOp,
  type ComparisonOp,
  type NamedExpression,
  type SortOrder,
  type AggregateFunctionName,
  LongT,
  attr,
} from '../expr/expression.js';
import type { DataType } from '../types/data-type.js';
import {
  type Aggregate,
  type Filter,
  type Join,
  type JoinType,
  type Limit,
  type LocalRelation,
  type LogicalPlan,
  type Project,
  type Range,
  type Sort,
  type Union,
  logicalPlanString,
} from '../plan/logical-plan.js';
import { RULE_NAMES, optimize } from './optimizer.js';

/** Runs the optimizer with only `name` enabled (to its batch's fixpoint), verifying the plan after each step. */
export function optimizeOnly(name: string, plan: LogicalPlan): LogicalPlan {
  if (!RULE_NAMES.includes(name)) throw new Error(`no rule ${name}`);
  return optimize(plan, { disabledRules: RULE_NAMES.filter((n) => n !== name), verify: true });
}

export const explain = (p: LogicalPlan): string => logicalPlanString(p);

export function relation(...output: AttributeReference[]): LocalRelation {
  return { kind: 'localRelation', output, partitions: [] };
}

export function range(start: number, end: number, output: AttributeReference = attr('id', LongT, false), numPartitions = 2): Range {
  return { kind: 'range', start: BigInt(start), end: BigInt(end), step: 1n, numPartitions, output: [output] };
}

export function project(projectList: readonly NamedExpression[], child: LogicalPlan): Project {
  return { kind: 'project', projectList, child };
}

export function filter(condition: Expression, child: LogicalPlan): Filter {
  return { kind: 'filter', condition, child };
}

export function join(left: LogicalPlan, right: LogicalPlan, joinType: JoinType, condition: Expression | null = null): Join {
  return { kind: 'join', left, right, joinType, condition };
}

export function aggregate(groupingExprs: readonly Expression[], aggregateExprs: readonly NamedExpression[], child: LogicalPlan): Aggregate {
  return { kind: 'aggregate', groupingExprs, aggregateExprs, child };
}

export function sort(order: readonly SortOrder[], child: LogicalPlan): Sort {
  return { kind: 'sort', order, global: true, child };
}

export function limit(n: number, child: LogicalPlan): Limit {
  return { kind: 'limit', limit: n, child };
}

export function union(...children: LogicalPlan[]): Union {
  return { kind: 'union', children, byName: false, allowMissingColumns: false };
}

export function asc(child: Expression): SortOrder {
  return { kind: 'sortOrder', child, direction: 'asc', nullOrdering: 'nullsFirst' };
}

export const arith = (op: ArithmeticOp, left: Expression, right: Expression): Expression => ({ kind: 'arith', op, left, right });
export const cmp = (op: ComparisonOp, left: Expression, right: Expression): Expression => ({ kind: 'cmp', op, left, right });
export const and = (left: Expression, right: Expression): Expression => ({ kind: 'and', left, right });
export const or = (left: Expression, right: Expression): Expression => ({ kind: 'or', left, right });
export const not = (child: Expression): Expression => ({ kind: 'not', child });
export const cast = (child: Expression, to: DataType): Expression => ({ kind: 'cast', child, to });

export function aggCall(fn: AggregateFunctionName, args: readonly Expression[], dataType: DataType, nullable = true): Expression {
  return { kind: 'agg', fn, args, distinct: false, dataType, nullable };
}
