// Parameter markers (`:name`, `?`) bound to the arguments of `spark.sql(text, args)` while the statement is parsed,
// as Spark's BindParameters substitutes NamedParameter / PosParameter: each marker becomes its argument's
// expression (a literal, or a collection constructor of literals).
import { AnalysisError } from '@kindling/core';
import { type Expression, type SqlParameters, children, lit } from '@kindling/core/internal';

/** What may stand for a parameter: a literal, or array()/struct()/map()… over such arguments (Spark's rule). */
const CONSTRUCTORS = new Set(['array', 'struct', 'named_struct', 'map', 'map_from_arrays', 'map_from_entries']);

function isBindable(e: Expression): boolean {
  if (e.kind === 'literal') return true;
  if (e.kind === 'alias') return isBindable(e.child);
  if (e.kind === 'cast') return isBindable(e.child);
  if ((e.kind === 'unresolvedFunction' || e.kind === 'fn') && CONSTRUCTORS.has(e.name.toLowerCase())) return children(e).every(isBindable);
  return false;
}

function invalidArg(name: string): AnalysisError {
  return new AnalysisError(
    'INVALID_SQL_ARG',
    `The argument ${name} of \`sql()\` is invalid. Consider to replace it either by a SQL literal or by collection constructor functions such as \`map()\`, \`array()\`, \`struct()\`.`,
    { name },
  );
}

export class ParameterBinder {
  private usedNamed = false;
  private usedPositional = false;
  private position = 0;
  private unbound: string | null = null;

  constructor(private readonly params?: SqlParameters) {
    if (!params) return;
    if ('named' in params) {
      for (const [name, e] of params.named) if (!isBindable(e)) throw invalidArg(name);
    } else {
      params.positional.forEach((e, i) => {
        if (!isBindable(e)) throw invalidArg(String(i));
      });
    }
  }

  /** `:name`: its argument, or a NULL placeholder (the statement then fails in `finish`). */
  named(name: string): Expression {
    this.usedNamed = true;
    const e = this.params && 'named' in this.params ? this.params.named.get(name) : undefined;
    if (e) return e;
    this.unbound ??= name;
    return lit(null);
  }

  /** The next `?`, at `offset` in the text (Spark names an unbound one `_offset`). */
  positional(offset: number): Expression {
    this.usedPositional = true;
    const k = this.position++;
    const e = this.params && 'positional' in this.params ? this.params.positional[k] : undefined;
    if (e) return e;
    this.unbound ??= `_${offset}`;
    return lit(null);
  }

  /** After parsing: markers of both kinds, then the first unbound marker, are errors. */
  finish(): void {
    if (this.usedNamed && this.usedPositional) {
      throw new AnalysisError('INVALID_QUERY_MIXED_QUERY_PARAMETERS', 'Parameterized query must either use positional, or named parameters, but not both.');
    }
    if (this.unbound !== null) {
      throw new AnalysisError(
        'UNBOUND_SQL_PARAMETER',
        `Found the unbound parameter: ${this.unbound}. Please, fix \`args\` and provide a mapping of the parameter to either a SQL literal or collection constructor functions such as \`map()\`, \`array()\`, \`struct()\`.`,
        { name: this.unbound },
      );
    }
  }
}
