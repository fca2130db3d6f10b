// The engine behind a session: scheduler, block manager, cache manager, events and settings.
import os from 'node:os';
import { type LogicalPlan, planChildren } from '../plan/logical-plan.js';
import { optimize } from '../optimizer/optimizer.js';
import type { PlannerOptions } from '../physical/planner.js';
import { BlockManager } from '../storage/block-manager.js';
import { EventBus } from '../scheduler/events.js';
import { DAGScheduler } from '../scheduler/dag-scheduler.js';
import { ExecutorPool } from '../scheduler/executor-pool.js';
import { CONF_DEFAULTS, type RuntimeConfig, parseMaster } from './conf.js';
import { IllegalArgumentError } from '../errors.js';
import { ViewRegistry } from '../catalog/temp-views.js';
import { SessionFunctionRegistry } from '../catalog/session-functions.js';
import type { PythonSupport } from '../execution/python-runner.js';
import { PythonBroadcasts } from './python-broadcasts.js';
import { type TimeZone, timeZoneOf } from '../expr/eval/time-zone.js';

/** Settings Python workers read: sent with every task that runs Python. */
const PYTHON_CONF_PREFIXES = ['spark.python.', 'spark.sql.execution.pyspark.', 'spark.sql.execution.arrow.', 'spark.sql.execution.pythonUDF.', 'spark.sql.session.timeZone', 'spark.kindling.python.'];

/** Remembers persisted plans (by identity) and the cache id their blocks live under. */
export class CacheManager {
  private ids = new WeakMap<LogicalPlan, number>();
  /** The plans cached now by id, so clear() and refreshByPath() can walk them (a WeakMap cannot be walked). */
  private readonly live = new Map<number, WeakRef<LogicalPlan>>();
  private next = 0;

  constructor(private readonly blocks: BlockManager) {}

  cache(plan: LogicalPlan): number {
    let id = this.ids.get(plan);
    if (id === undefined) this.ids.set(plan, (id = this.next++));
    this.live.set(id, new WeakRef(plan));
    return id;
  }

  /** `spark.catalog.clearCache()`: forgets every persisted plan and frees its blocks. */
  clear(): void {
    for (const id of this.live.keys()) this.blocks.removeCache(id);
    this.live.clear();
    this.ids = new WeakMap();
  }

  /**
   * `spark.catalog.refreshByPath(path)`: frees the blocks of every cached plan that reads a file at or under `path`;
   * those plans stay cached and are computed again (from the files as they are now) on their next use.
   */
  refreshByPath(path: string): number {
    const prefix = path.replace(/\/+$/, '');
    const under = (file: string) => file === prefix || file.startsWith(`${prefix}/`);
    let refreshed = 0;
    for (const [id, ref] of this.live) {
      const plan = ref.deref();
      if (plan === undefined) {
        this.live.delete(id);
        continue;
      }
      if (readsFileUnder(plan, under)) {
        this.blocks.removeCache(id);
        refreshed++;
      }
    }
    return refreshed;
  }

  lookup(plan: LogicalPlan): number | undefined {
    return this.ids.get(plan);
  }

  uncache(plan: LogicalPlan): void {
    const id = this.ids.get(plan);
    if (id === undefined) return;
    this.blocks.removeCache(id);
    this.live.delete(id);
    this.ids.delete(plan);
  }
}

function readsFileUnder(p: LogicalPlan, under: (file: string) => boolean): boolean {
  if (p.kind === 'fileScan') return p.rootPaths.some(under) || p.partitions.some((part) => part.some((s) => under(s.path)));
  return planChildren(p).some((c) => readsFileUnder(c, under));
}

export class Engine {
  readonly blocks = new BlockManager();
  readonly events = new EventBus();
  readonly cacheManager = new CacheManager(this.blocks);
  /** This session's temporary views. */
  readonly tempViews = new ViewRegistry();
  /** Functions registered by name on this session; SQL resolves them before the built-ins. */
  readonly functions = new SessionFunctionRegistry();
  /** Broadcast variables registered by Python code (`sc.broadcast`). */
  readonly pythonBroadcasts = new PythonBroadcasts();
  readonly scheduler: DAGScheduler;
  readonly slots: number;
  private executors: ExecutorPool | null = null;

  constructor(
    readonly conf: RuntimeConfig,
    /** How this engine runs Python UDFs (set by the host that speaks to Python, e.g. the engine server). */
    readonly python: PythonSupport | null = null,
  ) {
    this.slots = parseMaster(conf.get('spark.master'), os.availableParallelism());
    this.scheduler = new DAGScheduler(
      this.blocks,
      this.events,
      () => ({
        slots: this.slots,
        maxFailures: Math.max(1, conf.int('spark.task.maxFailures', 4)),
        batchSize: Math.max(1, conf.int('spark.sql.execution.arrow.maxRecordsPerBatch', 10000)),
        ansi: conf.bool('spark.sql.ansi.enabled'),
        mapKeyLastWin: conf.get('spark.sql.mapKeyDedupPolicy').toUpperCase() === 'LAST_WIN',
        timeZone: conf.get('spark.sql.session.timeZone'),
        limitInitialPartitions: conf.int('spark.sql.limit.initialNumPartitions', 1),
        limitScaleUpFactor: conf.int('spark.sql.limit.scaleUpFactor', 4),
        pythonBroadcasts: (ids) => this.pythonBroadcasts.forTask(ids),
        pythonConf: Object.fromEntries(Object.entries({ ...CONF_DEFAULTS, ...conf.getAll() }).filter(([k]) => PYTHON_CONF_PREFIXES.some((p) => k.startsWith(p)))),
      }),
      () => this.executorPool(),
      () => this.python,
    );
    // Start executor threads now, so their start-up overlaps the user's plan building.
    this.executorPool();
  }

  /** `threads` (one executor thread per task slot) or `inline` (tasks on the driver thread). */
  get executorMode(): 'threads' | 'inline' {
    const mode = this.conf.get('spark.kindling.executor.mode', this.slots > 1 ? 'threads' : 'inline');
    if (mode !== 'threads' && mode !== 'inline') {
      throw new IllegalArgumentError('INVALID_CONF_VALUE', `The value '${mode}' of the config "spark.kindling.executor.mode" is invalid: it must be threads or inline.`);
    }
    return mode;
  }

  private executorPool(): ExecutorPool | null {
    if (this.executorMode === 'inline') return null;
    return (this.executors ??= new ExecutorPool(this.slots));
  }

  /**
   * Gets Python UDF support ready ahead of the first job that needs it: the host's `prepare` (which starts the
   * worker daemon) and the runner module on every executor thread. Errors are left for that job to report.
   */
  preparePython(): void {
    const py = this.python;
    if (!py) return;
    py.prepare(new Map()).catch(() => undefined);
    if (this.executorMode === 'inline') import(py.module).catch(() => undefined);
    else this.executorPool()?.preload(py.module);
  }

  /** `spark.sql.session.timeZone`: the zone timestamps are read, shown and split into fields in. */
  get timeZone(): TimeZone {
    return timeZoneOf(this.conf.get('spark.sql.session.timeZone'));
  }

  /** Default number of partitions for local data and ranges (Spark's `defaultParallelism`). */
  get defaultParallelism(): number {
    return this.slots;
  }

  plannerOptions(): PlannerOptions {
    return {
      shufflePartitions: Math.max(1, this.conf.int('spark.sql.shuffle.partitions', this.slots)),
      broadcastThreshold: this.conf.int('spark.sql.autoBroadcastJoinThreshold', 10 * 1024 * 1024),
    };
  }

  optimize(plan: LogicalPlan): LogicalPlan {
    const excluded = this.conf.get('spark.sql.optimizer.excludedRules').split(',').map((s) => s.trim()).filter(Boolean);
    return optimize(plan, { disabledRules: excluded, timeZone: this.timeZone.id, broadcastThreshold: this.conf.int('spark.sql.autoBroadcastJoinThreshold', 10 * 1024 * 1024) });
  }

  async stop(): Promise<void> {
    this.blocks.clear();
    this.tempViews.clear();
    this.pythonBroadcasts.clear();
    const pool = this.executors;
    this.executors = null;
    await pool?.close();
  }
}
