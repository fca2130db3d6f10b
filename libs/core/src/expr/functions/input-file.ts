// input_file_name(), input_file_block_start(), input_file_block_length(): the split the task's file scan is
// reading (Spark's InputFileBlockHolder); '' and -1 outside a file scan.
import type * as arrow from 'apache-arrow';
import { pathToFileURL } from 'node:url';
import { LongT, StringT } from '../../types/data-type.js';
import type { EvalContext } from '../eval/evaluate.js';
import { buildColumn } from '../eval/values.js';
import { type ScalarFunctionDef, wrongArgCount } from './function-def.js';

function inputFileFunction(name: string, type: typeof StringT | typeof LongT, value: (ctx: EvalContext) => string | bigint, description: string): ScalarFunctionDef {
  return {
    name,
    resolve: (argTypes) => (argTypes.length === 0 ? { argTypes: [], dataType: type, nullable: () => false } : wrongArgCount(name, '0', argTypes.length)),
    eval: (_args: readonly arrow.Data[], n: number, ctx: EvalContext) => buildColumn(type, new Array<unknown>(n).fill(value(ctx))),
    doc: { description, example: `df.select(${name}())` },
  };
}

export const inputFileName = inputFileFunction('input_file_name', StringT, (ctx) => {
  const f = ctx.inputFile?.();
  return f ? pathToFileURL(f.path).href : '';
}, "The URI (file:///…) of the file the row is read from; '' outside a file scan.");
export const inputFileBlockStart = inputFileFunction('input_file_block_start', LongT, (ctx) => BigInt(ctx.inputFile?.()?.start ?? -1), 'The start offset of the file split the row is read from; -1 outside a file scan.');
export const inputFileBlockLength = inputFileFunction('input_file_block_length', LongT, (ctx) => BigInt(ctx.inputFile?.()?.length ?? -1), 'The length of the file split the row is read from; -1 outside a file scan.');

export const INPUT_FILE_FUNCTIONS: readonly ScalarFunctionDef[] = [inputFileName, inputFileBlockStart, inputFileBlockLength];
