// Structured errors with a stable class and parameters, as Spark's error framework has them.

/** Base class of every error Kindling raises on purpose. */
export class KindlingError extends Error {
  readonly errorClass: string;
  readonly messageParameters: Readonly<Record<string, string>>;

  constructor(errorClass: string, message: string, messageParameters: Record<string, string> = {}) {
    super(`[${errorClass}] ${message}`);
    this.name = new.target.name;
    this.errorClass = errorClass;
    this.messageParameters = messageParameters;
  }
}

/** A query cannot be analysed: unknown or ambiguous column, type mismatch. Raised at the call that builds the plan. */
export class AnalysisError extends KindlingError {}

/** A job failed while running (a task failed more than `spark.task.maxFailures` times, a bad cast under ANSI mode…). */
export class ExecutionError extends KindlingError {}

/**
 * A Python UDF raised, or returned what its declared type cannot hold (Spark's `PythonException`). The message
 * carries the Python traceback. Not retried: the same input fails the same way.
 */
export class PythonError extends KindlingError {}

/** A caller passed an argument of the wrong type or value. */
export class IllegalArgumentError extends KindlingError {}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Candidates ordered by closeness to `name`, as Spark lists them in UNRESOLVED_COLUMN.WITH_SUGGESTION. */
export function suggestions(name: string, candidates: readonly string[], max = 5): string[] {
  const lower = name.toLowerCase();
  return [...candidates]
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
