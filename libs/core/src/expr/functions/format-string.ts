// format_string(format, args…) / printf: Java's Formatter over Spark's internal argument values (java-format.ts).
import type * as arrow from 'apache-arrow';
import { type DataType, fromArrowType, StringT } from '../../types/data-type.js';
import { valueReader } from '../eval/values.js';
import { StringBuilder } from '../eval/strings.js';
import { castableToString, type ScalarFunctionDef, unexpectedType, wrongArgCount } from './function-def.js';
import { type JavaArg, javaClassOf, javaDecimalText, javaFormat, parseFormat } from './java-format.js';

function argReader(d: arrow.Data): (i: number) => JavaArg {
  const t: DataType = fromArrowType(d.type);
  const cls = javaClassOf(t)!;
  const read = valueReader(d, t);
  return (i) => {
    const v = read(i);
    if (v === null || cls === 'Null') return { cls, v: null } as JavaArg;
    switch (cls) {
      case 'Integer':
      case 'Long':
        return { cls, v: BigInt(v as number | bigint) };
      case 'Decimal':
        return { cls, v: javaDecimalText(v as bigint, (t as { scale: number }).scale) };
      default:
        return { cls, v } as JavaArg;
    }
  };
}

function formatFunction(name: 'format_string' | 'printf'): ScalarFunctionDef {
  return {
    name,
    resolve(argTypes) {
      if (argTypes.length < 1) return wrongArgCount(name, '> 0', 0);
      if (!castableToString(argTypes[0]!)) return unexpectedType(name, 0, '"STRING"', argTypes[0]!);
      for (let i = 1; i < argTypes.length; i++) {
        // Spark hands arrays, maps, structs and binaries to Java as its internal objects, whose toString Kindling does not imitate.
        if (!javaClassOf(argTypes[i]!)) return unexpectedType(name, i, 'atomic (not BINARY, ARRAY, MAP or STRUCT) in Kindling', argTypes[i]!);
      }
      return { argTypes: [StringT, ...argTypes.slice(1)], dataType: StringT, nullable: (nullable) => nullable[0]! };
    },
    eval(args: readonly arrow.Data[], n: number) {
      const fmt = valueReader(args[0]!, StringT) as (i: number) => string | null;
      const readers = args.slice(1).map(argReader);
      const parsed = new Map<string, ReturnType<typeof parseFormat>>();
      const out = new StringBuilder(n);
      for (let i = 0; i < n; i++) {
        const f = fmt(i);
        if (f === null) {
          out.appendNull();
          continue;
        }
        let pieces = parsed.get(f);
        if (!pieces) parsed.set(f, (pieces = parseFormat(f)));
        out.appendString(javaFormat(pieces, readers.map((r) => r(i))));
      }
      return out.finish();
    },
    doc: {
      description: "Formats the arguments with a printf-style format string (Java's Formatter: %s %d %f %e %g %x %o %c %b %%, width, precision, flags - 0 + space , ( #, argument index %1$s).",
      example: `df.select(${name}(lit('%s-%05d'), col('name'), col('id')))`,
    },
  };
}

export const formatString = formatFunction('format_string');
export const printf = formatFunction('printf');
