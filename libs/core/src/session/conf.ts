// Session configuration: Spark's keys with Spark's defaults where Kindling honours them.
import { IllegalArgumentError } from '../errors.js';
import { findTimeZone } from '../expr/eval/time-zone.js';

/** Keys Kindling reads, with defaults. Other keys are stored and returned but have no effect. */
export const CONF_DEFAULTS: Readonly<Record<string, string>> = {
  'spark.app.name': 'kindling',
  'spark.master': 'local[*]',
  'spark.sql.shuffle.partitions': '',
  'spark.sql.autoBroadcastJoinThreshold': String(10 * 1024 * 1024),
  'spark.sql.caseSensitive': 'false',
  'spark.sql.ansi.enabled': 'false',
  // What a repeated map key does: EXCEPTION (DUPLICATED_MAP_KEY) or LAST_WIN (the last value, at the first position).
  'spark.sql.mapKeyDedupPolicy': 'EXCEPTION',
  // Spark's default is the JVM's zone; Kindling's is UTC, so results do not depend on the machine (docs/architecture.md).
  'spark.sql.session.timeZone': 'UTC',
  'spark.task.maxFailures': '4',
  'spark.sql.execution.arrow.maxRecordsPerBatch': '10000',
  'spark.sql.optimizer.excludedRules': '',
  'spark.python.worker.reuse': 'true',
  // PySpark 4 defaults to pickled row UDFs; Kindling moves them over Arrow unless asked (issue 5).
  'spark.sql.execution.pythonUDF.arrow.enabled': 'true',
  'spark.sql.execution.pyspark.udf.simplifiedTraceback.enabled': 'true',
  'spark.kindling.python.worker.idleTimeoutSeconds': '60',
  // Bytes of each of a worker's two shared-memory rings for Arrow batches; 0 sends every batch through the socket.
  'spark.kindling.python.worker.ringBytes': String(1024 * 1024),
};
// Kindling's own keys: `spark.kindling.executor.mode` = threads | inline (default: threads when local[N>1]).

export class RuntimeConfig {
  private readonly values = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }

  /** The value of `key`; `defaultValue` (or Kindling's default) when unset; throws for unknown unset keys. */
  get(key: string, defaultValue?: string): string {
    const v = this.values.get(key);
    if (v !== undefined) return v;
    if (defaultValue !== undefined) return defaultValue;
    const d = CONF_DEFAULTS[key];
    if (d !== undefined) return d;
    throw new IllegalArgumentError('SQL_CONF_NOT_FOUND', `The SQL config "${key}" cannot be found. Please verify that the config exists.`, { sqlConf: key });
  }

  set(key: string, value: string | number | boolean): void {
    if (typeof key !== 'string' || key.length === 0) throw new IllegalArgumentError('INVALID_CONF_KEY', 'Config keys must be non-empty strings.');
    if (key === 'spark.sql.session.timeZone' && findTimeZone(String(value)) === null) {
      throw new IllegalArgumentError('INVALID_CONF_VALUE.TIME_ZONE', `The value '${String(value)}' in the config "${key}" is invalid. Cannot resolve the given timezone.`, { confValue: String(value), confName: key });
    }
    if (key === 'spark.sql.mapKeyDedupPolicy' && !['EXCEPTION', 'LAST_WIN'].includes(String(value).toUpperCase())) {
      throw new IllegalArgumentError('INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS', `The value '${String(value)}' in the config "${key}" is invalid. It should be one of 'EXCEPTION, LAST_WIN'.`, { confValue: String(value), confName: key, confOptions: 'EXCEPTION, LAST_WIN' });
    }
    this.values.set(key, String(value));
  }

  unset(key: string): void {
    this.values.delete(key);
  }

  isModifiable(key: string): boolean {
    return key !== 'spark.master';
  }

  getAll(): Record<string, string> {
    return Object.fromEntries(this.values);
  }

  /** @internal */
  int(key: string, fallback: number): number {
    const raw = this.get(key, '');
    if (raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new IllegalArgumentError('INVALID_CONF_VALUE', `The value '${raw}' of the config "${key}" is invalid: it must be an integer.`, { confName: key });
    return n;
  }

  /** @internal */
  bool(key: string): boolean {
    const raw = this.get(key).toLowerCase();
    if (raw !== 'true' && raw !== 'false') throw new IllegalArgumentError('INVALID_CONF_VALUE', `The value '${raw}' of the config "${key}" is invalid: it must be true or false.`, { confName: key });
    return raw === 'true';
  }
}

/** Task slots of a master URL: `local` = 1, `local[N]`, `local[*]` = cores. */
export function parseMaster(master: string, cores: number): number {
  if (master === 'local') return 1;
  const m = /^local\[(\*|\d+)(?:,\s*\d+)?\]$/.exec(master);
  if (!m) throw new IllegalArgumentError('INVALID_MASTER', `Could not parse master URL ${JSON.stringify(master)}: expected local, local[N] or local[*].`, { master });
  const n = m[1] === '*' ? cores : Number(m[1]);
  if (n < 1) throw new IllegalArgumentError('INVALID_MASTER', `Master ${JSON.stringify(master)} asks for ${n} task slots; at least 1 is needed.`, { master });
  return n;
}
