// Functions registered by name on one session (Python UDFs through `spark.udf.register`, later), consulted by
// the SQL front end before the built-in registry, so `SELECT my_udf(x)` resolves to the registered function.
import type { Expression } from '../expr/expression.js';

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

  names(): string[] {
    return [...this.fns.values()].map((f) => f.name).sort();
  }
}
