// Spark's cast aliases: `int(x)`, `bigint(x)`, `double(x)`, `string(x)`, … are `CAST(x AS type)` for the types Kindling
// has. Like Spark's castAlias they are casts the user did not spell out, so a generated name is the argument's.
import { AnalysisError } from '../errors.js';
import type { Cast, Expression } from '../expr/expression.js';
import { type DataType, BinaryT, BooleanT, DateT, DecimalT, DoubleT, IntegerT, LongT, parseTypeName, StringT, TimestampT } from '../types/data-type.js';

const CAST_ALIASES: ReadonlyMap<string, DataType> = new Map<string, DataType>([
  ['boolean', BooleanT], ['int', IntegerT], ['bigint', LongT], ['double', DoubleT], ['string', StringT], ['date', DateT],
  ['timestamp', TimestampT], ['decimal', DecimalT(10, 0)], ['binary', BinaryT],
]);

/**
 * The cast a call of a cast alias stands for; undefined when `name` is not one. `try_cast(x, 'type')` is the form
 * the Python client sends for `Column.try_cast`: a cast with Spark's TRY mode.
 */
export function castAliasCall(name: string, args: readonly Expression[]): Cast | undefined {
  if (name.toLowerCase() === 'try_cast' && args.length === 2 && args[1]!.kind === 'literal' && typeof args[1]!.value === 'string') {
    const t = parseTypeName(args[1]!.value);
    if (!t) throw new AnalysisError('UNSUPPORTED_DATATYPE', `Unsupported data type "${args[1]!.value}".`, { typeName: args[1]!.value });
    return { kind: 'cast', child: args[0]!, to: t, try: true };
  }
  const to = CAST_ALIASES.get(name.toLowerCase());
  if (!to) return undefined;
  if (args.length !== 1) {
    const fn = name.toLowerCase();
    throw new AnalysisError('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', `The \`${fn}\` requires 1 parameters but the actual number is ${args.length}.`, { functionName: `\`${fn}\``, expectedNum: '1', actualNum: String(args.length) });
  }
  return { kind: 'cast', child: args[0]!, to, implicit: true };
}
