// Argument checks of the string functions: Spark's implicit casts to string, int, bigint and binary parameters
// (ImplicitTypeCasts, non-ANSI), and the error wording of the parameter at fault.
import { BinaryT, type DataType, IntegerT, isNumeric, LongT, StringT } from '../../types/data-type.js';
import { castableToString, isError, type ResolveResult, unexpectedType, wrongArgCount } from './function-def.js';

/** What a parameter accepts: `str` any atomic type as string, `int`/`long` numbers and strings, `bin` binary (strings cast). */
export type ParamKind = 'str' | 'int' | 'long' | 'bin';

/** The type an argument of `kind` is cast to, or the error naming parameter `i` of `fn`. */
export function paramType(fn: string, i: number, kind: ParamKind, t: DataType): DataType | { error: string } {
  switch (kind) {
    case 'str':
      return castableToString(t) ? StringT : unexpectedType(fn, i, '"STRING"', t);
    case 'int':
      return isNumeric(t) || t.kind === 'string' || t.kind === 'null' ? IntegerT : unexpectedType(fn, i, '"INT"', t);
    case 'long':
      return isNumeric(t) || t.kind === 'string' || t.kind === 'null' ? LongT : unexpectedType(fn, i, '"BIGINT"', t);
    case 'bin':
      return t.kind === 'binary' || t.kind === 'string' || t.kind === 'null' ? BinaryT : unexpectedType(fn, i, '"BINARY"', t);
  }
}

/**
 * Resolves a call whose parameters have the given kinds; the first `required` are needed, the rest optional
 * (`arity` is how Spark words the count: '3', '[2, 3]').
 */
export function signature(fn: string, argTypes: readonly DataType[], kinds: readonly ParamKind[], required: number, dataType: DataType, arity: string): ResolveResult {
  if (argTypes.length < required || argTypes.length > kinds.length) return wrongArgCount(fn, arity, argTypes.length);
  const out: DataType[] = [];
  for (let i = 0; i < argTypes.length; i++) {
    const t = paramType(fn, i, kinds[i]!, argTypes[i]!);
    if (isError(t)) return t;
    out.push(t);
  }
  return { argTypes: out, dataType };
}

/** True when a string-or-binary parameter keeps bytes: Spark's functions over TypeCollection(StringType, BinaryType). */
export function isBinary(t: DataType | undefined): boolean {
  return t?.kind === 'binary';
}
