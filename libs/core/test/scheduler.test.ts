// The scheduler: stages split at exchanges, bounded task slots, retries, and job/stage/task events.
import { afterAll, describe, expect, it } from 'vitest';
import { ExecutionError, SparkSession, type SchedulerEvent, col, functions as F } from '../src/index.js';

const spark = SparkSession.builder().master('local[2]').config('spark.sql.shuffle.partitions', 4).create();
afterAll(() => spark.stop());

function record(): { events: SchedulerEvent[]; stop: () => void } {
  const events: SchedulerEvent[] = [];
  const stop = spark.onEvent((e) => events.push(e));
  return { events, stop };
}

describe('scheduler', () => {
  it('splits an aggregation into a map stage and a result stage', async () => {
    const { events, stop } = record();
    await spark.range(0, 100, 1, 3).groupBy(col('id').mod(5).alias('k')).agg(F.sum('id')).collect();
    stop();
    const stages = events.filter((e) => e.type === 'stageSubmitted');
    expect(stages.map((s) => (s.type === 'stageSubmitted' ? [s.kind, s.numTasks] : null))).toEqual([
      ['shuffleMap', 3],
      ['result', 4],
    ]);
    expect(events[0]!.type).toBe('jobStart');
    expect(events[events.length - 1]!.type).toBe('jobEnd');
  });

  it('runs no more tasks at once than there are slots', async () => {
    let running = 0;
    let peak = 0;
    const stop = spark.onEvent((e) => {
      if (e.type === 'taskStart') peak = Math.max(peak, ++running);
      if (e.type === 'taskEnd') running--;
    });
    await spark.range(0, 100000, 1, 8).filter(col('id').mod(7).equalTo(0)).count();
    stop();
    expect(peak).toBe(2);
  });

  it('retries a failed task and succeeds', async () => {
    let failures = 0;
    spark.engine.scheduler.beforeTask = ({ partition, attempt }) => {
      if (partition === 1 && attempt < 2) {
        failures++;
        throw new Error('injected failure');
      }
    };
    try {
      expect(await spark.range(0, 1000, 1, 4).count()).toBe(1000);
      expect(failures).toBe(2); // partition 1 only exists in the 4-task map stage; the final stage has one task
    } finally {
      spark.engine.scheduler.beforeTask = null;
    }
  });

  it('fails the job after spark.task.maxFailures attempts with the task error', async () => {
    spark.conf.set('spark.task.maxFailures', 2);
    spark.engine.scheduler.beforeTask = ({ partition }) => {
      if (partition === 0) throw new Error('disk on fire');
    };
    try {
      const err = await spark.range(10).collect().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ExecutionError);
      expect((err as Error).message).toMatch(/Task 0 in stage \d+\.0 failed 2 times, most recent failure: disk on fire/);
    } finally {
      spark.engine.scheduler.beforeTask = null;
      spark.conf.unset('spark.task.maxFailures');
    }
    expect(await spark.range(10).count()).toBe(10);
  });

  it('frees shuffle blocks when a job ends', async () => {
    await spark.range(0, 1000).groupBy(col('id').mod(3)).count().collect();
    expect(spark.engine.blocks.memoryUsed).toBe(0);
  });

  it('reports task metrics', async () => {
    const { events, stop } = record();
    await spark.range(0, 500, 1, 2).count();
    stop();
    const ends = events.filter((e) => e.type === 'taskEnd');
    expect(ends.length).toBeGreaterThan(0);
    for (const e of ends) if (e.type === 'taskEnd') expect(e.succeeded).toBe(true);
  });

  it('scans partitions incrementally for a take, as Spark does', async () => {
    const tasksOf = async (run: () => Promise<unknown>) => {
      const { events, stop } = record();
      const out = await run();
      stop();
      return { out, tasks: events.filter((e) => e.type === 'taskStart').map((e) => (e.type === 'taskStart' ? e.partition : -1)) };
    };
    // The first partition holds enough rows: one task of 8.
    const first = await tasksOf(() => spark.range(0, 800, 1, 8).take(5));
    expect((first.out as { toArray(): unknown[] }[]).map((r) => r.toArray())).toEqual([[0n], [1n], [2n], [3n], [4n]]);
    expect(first.tasks).toEqual([0]);
    // Only partitions 5.. have rows: 1, then 4 partitions find none, then the rest (×4 of those scanned, capped).
    const late = await tasksOf(() => spark.range(0, 800, 1, 8).filter(col('id').geq(500)).take(3));
    expect((late.out as { toArray(): unknown[] }[]).map((r) => r.toArray())).toEqual([[500n], [501n], [502n]]);
    expect(late.tasks).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Rows found at a known rate: the next round asks for about as many partitions as the missing rows need.
    const rate = await tasksOf(() => spark.range(0, 800, 1, 8).filter(col('id').mod(100).lt(10)).take(25));
    expect((rate.out as unknown[]).length).toBe(25);
    expect(rate.tasks).toEqual([0, 1, 2, 3]);
    // Too few rows in all: every partition once, in order.
    const all = await tasksOf(() => spark.range(0, 40, 1, 4).take(100));
    expect((all.out as unknown[]).length).toBe(40);
    expect([...(all.tasks)].sort()).toEqual([0, 1, 2, 3]);
  });
});

describe('cancellation', () => {
  it('cancels a running job within a second and stays usable', async () => {
    const big = spark.range(0, 200_000, 1, 2).crossJoin(spark.range(0, 200_000, 1, 1).withColumnRenamed('id', 'j'));
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const err = await big.count({ signal: controller.signal }).then(() => null, (e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(ExecutionError);
    expect((err as ExecutionError).errorClass).toBe('JOB_CANCELLED');
    expect(elapsed - 300).toBeLessThan(1000);
    expect(await spark.range(10).count()).toBe(10);
  });
});
