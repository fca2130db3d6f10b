// Functions registered by name on one session (Python UDFs through `spark.udf.register`), consulted by the SQL
// front end before the built-in registry, so `SELECT my_udf(x)` and `df.selectExpr("my_udf(x)")` resolve to the
// registered function.
import { type Expression, transformUp } from '../expr/expression.js';

/** Builds the expression of one call of a registered function from its (unresolved) arguments. */
export type FunctionBuilder = (args: readonly Expression[]) => Expression;

/** Named functions of one session, case-insensitive; a registered name shadows a built-in one. */
export class SessionFunctionRegistry {
  private readonly fns = new Map<string, { name: string; build: FunctionBuilder }>();

  register(name: string, build: FunctionBuilder): void {
    this.fns.set(name.toLowerCase(), { name, build });
  }

  lookup(name: string): FunctionBuilder | undefined {
    return this.fns.get(name.toLowerCase())?.build;
  }

  drop(name: string): boolean {
    return this.fns.delete(name.toLowerCase());
  }

  /**
   * `e` (unresolved SQL text) with each call of a registered function replaced by the expression its builder
   * makes; other calls are left for the built-in registry. Column-API calls (`F.upper(c)`) never come here, so a
   * registered name shadows a built-in one only where SQL text names it, as in Spark.
   */
  expand(e: Expression): Expression {
    if (this.fns.size === 0) return e;
    return transformUp(e, (x) => {
      if (x.kind !== 'unresolvedFunction') return x;
      const build = this.lookup(x.name);
      return build ? build(x.args) : x;
    });
  }

  names(): string[] {
    return [...this.fns.values()].map((f) => f.name).sort();
  }
}
