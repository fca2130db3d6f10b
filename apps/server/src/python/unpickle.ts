// Pickled UDF results (the classic row path): `[tuple, …]` of values the worker already checked against the
// declared types, read by the engine's one strict unpickler (../unpickle.ts). A malformed result is the worker's
// fault, not the client's, so it fails the task as a protocol error of the worker.
import { ExecutionError } from '@kindling/core';
import { type PickleValue, unpickle } from '../unpickle.js';

function bad(why: string): ExecutionError {
  return new ExecutionError('PYTHON_WORKER_PROTOCOL', `Malformed pickled result from a Python worker: ${why}.`);
}

/** Decodes `[tuple, …]` with `width` items per tuple; str values stay UTF-8 bytes (`Utf8Bytes`). */
export function unpickleRows(bytes: Uint8Array, width: number): PickleValue[][] {
  let value: PickleValue;
  try {
    value = unpickle(bytes, { utf8Bytes: true });
  } catch (err) {
    throw bad((err as Error).message.replace(/^\[[A-Z_]+\] /, ''));
  }
  if (!Array.isArray(value)) throw bad('the result is not a list');
  return value.map((row, i) => {
    if (!Array.isArray(row) || row.length !== width) throw bad(`row ${i} is not a ${width}-tuple`);
    return row;
  });
}
