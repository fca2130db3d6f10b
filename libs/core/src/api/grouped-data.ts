// GroupedData: the result of groupBy(), rollup() or cube(), turned back into a DataFrame by agg() or a shorthand
// aggregate.
import { IllegalArgumentError } from '../errors.js';
import { type Expression, type PythonUdf, alias, attr } from '../expr/expression.js';
import type { StructType } from '../types/schema.js';
import { Column } from './column.js';
import type { DataFrame } from './dataframe.js';

export class GroupedData {
  /** @internal */
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly Expression[],
    /** rollup/cube: the grouping sets, as positions in `keys`. */
    private readonly groupingSets?: readonly (readonly number[])[],
  ) {}

  /** Computes aggregates per group; the result has the grouping columns first. */
  agg(...exprs: (Column | readonly Column[] | Record<string, string>)[]): DataFrame {
    const list: Expression[] = [];
    for (const e of exprs) {
      if (Column.isColumn(e)) list.push(e.expr);
      else if (Array.isArray(e)) for (const c of e as Column[]) list.push(c.expr);
      else if (typeof e === 'object' && e !== null) {
        // {column: 'aggregate function name'}, as PySpark's agg(dict).
        for (const [colName, fn] of Object.entries(e as Record<string, string>)) {
          list.push({ kind: 'unresolvedFunction', name: fn === 'mean' ? 'avg' : fn, args: colName === '*' ? [] : [{ kind: 'unresolvedColumn', nameParts: [colName] }], isDistinct: false });
        }
      } else throw new IllegalArgumentError('NOT_COLUMN', 'agg() takes Columns or a {column: function} object.');
    }
    if (list.length === 0) throw new IllegalArgumentError('CANNOT_BE_EMPTY', 'agg() needs at least one aggregate expression.');
    const DataFrameCtor = this.df.constructor as typeof DataFrame;
    const aggregateExprs = [...this.keys, ...list];
    const sets = this.groupingSets ? { groupingSets: this.groupingSets } : {};
    return DataFrameCtor.create(
      this.df.engine,
      { kind: 'aggregate', groupingExprs: this.keys, aggregateExprs, ...sets, child: this.df.parsed },
      { kind: 'aggregate', groupingExprs: this.keys, aggregateExprs, ...sets, child: this.df.plan },
    );
  }

  /** @internal `applyInPandas` of the Python client: `func` is called once per group with all of its rows. */
  flatMapGroupsInPython(func: PythonUdf, schema: StructType): DataFrame {
    // Over rollup()/cube() the groups are those of the plain keys, as Spark's flatMapGroupsInPandas does.
    const output = schema.fields.map((f) => attr(f.name, f.dataType, f.nullable));
    const DataFrameCtor = this.df.constructor as typeof DataFrame;
    return DataFrameCtor.create(
      this.df.engine,
      { kind: 'flatMapGroupsInPython', groupingExprs: this.keys, func, output, child: this.df.parsed },
      { kind: 'flatMapGroupsInPython', groupingExprs: this.keys, func, output, child: this.df.plan },
    );
  }

  /** Rows per group, in a column named `count`. */
  count(): DataFrame {
    return this.agg(new Column(alias({ kind: 'unresolvedFunction', name: 'count', args: [], isDistinct: false }, 'count')));
  }

  sum(...cols: string[]): DataFrame { return this.simple('sum', cols); }
  avg(...cols: string[]): DataFrame { return this.simple('avg', cols); }
  mean(...cols: string[]): DataFrame { return this.simple('avg', cols); }
  min(...cols: string[]): DataFrame { return this.simple('min', cols); }
  max(...cols: string[]): DataFrame { return this.simple('max', cols); }

  private simple(fn: string, cols: string[]): DataFrame {
    const targets = cols.length > 0 ? cols : this.df.schema.fields.filter((f) => ['int32', 'int64', 'float64'].includes(f.dataType.kind)).map((f) => f.name);
    return this.agg(...targets.map((c) => new Column({ kind: 'unresolvedFunction', name: fn, args: [{ kind: 'unresolvedColumn', nameParts: [c] }], isDistinct: false })));
  }
}
