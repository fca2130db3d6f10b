// Cuts a physical plan into stages at exchanges, replacing each exchange by a read of its map stage's output.
import type { Partitioning, PhysicalPlan } from '../physical/physical-plan.js';
import { physicalChildren, withNewPhysicalChildren } from '../physical/physical-plan.js';
import { outputPartitions } from '../physical/planner.js';

export type StageKind = 'shuffleMap' | 'broadcast' | 'result';

export interface Stage {
  readonly id: number;
  readonly kind: StageKind;
  /** The stage's pipeline: exchanges below it are already reads. */
  readonly plan: PhysicalPlan;
  readonly numTasks: number;
  readonly parents: readonly Stage[];
  /** For shuffle-map stages: where the output goes. */
  readonly shuffleId?: number;
  readonly partitioning?: Partitioning;
  /** For broadcast stages. */
  readonly broadcastId?: number;
}

export interface StageIds {
  nextStageId(): number;
  nextShuffleId(): number;
  nextBroadcastId(): number;
}

/** Builds the stage graph of a job whose final stage computes `root`. */
export function buildStages(root: PhysicalPlan, ids: StageIds): Stage {
  const cut = (p: PhysicalPlan, parents: Stage[]): PhysicalPlan => {
    if (p.kind === 'shuffleExchange') {
      const myParents: Stage[] = [];
      const child = cut(p.child, myParents);
      const shuffleId = ids.nextShuffleId();
      const stage: Stage = { id: ids.nextStageId(), kind: 'shuffleMap', plan: child, numTasks: outputPartitions(child), parents: myParents, shuffleId, partitioning: p.partitioning };
      parents.push(stage);
      const n = p.partitioning.kind === 'single' ? 1 : p.partitioning.numPartitions;
      return { kind: 'shuffleRead', shuffleId, numPartitions: n, output: p.output };
    }
    if (p.kind === 'broadcastExchange') {
      const myParents: Stage[] = [];
      const child = cut(p.child, myParents);
      const broadcastId = ids.nextBroadcastId();
      const stage: Stage = { id: ids.nextStageId(), kind: 'broadcast', plan: child, numTasks: outputPartitions(child), parents: myParents, broadcastId };
      parents.push(stage);
      return { kind: 'broadcastRead', broadcastId, output: p.output };
    }
    const kids = physicalChildren(p);
    if (kids.length === 0) return p;
    return withNewPhysicalChildren(p, kids.map((k) => cut(k, parents)));
  };
  const parents: Stage[] = [];
  const plan = cut(root, parents);
  return { id: ids.nextStageId(), kind: 'result', plan, numTasks: outputPartitions(plan), parents };
}

/** Stages in an order where every stage comes after its parents. */
export function topologicalStages(result: Stage): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  const visit = (s: Stage) => {
    if (seen.has(s.id)) return;
    seen.add(s.id);
    s.parents.forEach(visit);
    out.push(s);
  };
  visit(result);
  return out;
}
