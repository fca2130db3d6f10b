// WriteRequest: `df.write…save(path)` → runs the write job (cancellable) and answers Ack once the files are committed.
import { fb } from '@kindling/protocol';
import { IllegalArgumentError } from '@kindling/core';
import { ackOf } from '../wire.js';
import type { RequestContext } from './context.js';

/** Options as a record; a key that is empty or repeated is refused, naming the message and the entry. */
export function keyValues(what: string, n: number, at: (i: number) => fb.KeyValue | null): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < n; i++) {
    const kv = at(i);
    const k = kv?.key() ?? '';
    if (k === '') throw new IllegalArgumentError('INVALID_OPTION', `${what}: options[${i}] has an empty key.`, { field: `options[${i}]` });
    if (Object.prototype.hasOwnProperty.call(out, k.toLowerCase())) {
      throw new IllegalArgumentError('INVALID_OPTION', `${what}: option '${k}' is given twice.`, { field: `options[${i}]` });
    }
    out[k.toLowerCase()] = kv?.value() ?? '';
  }
  return out;
}

export async function write(ctx: RequestContext, req: fb.WriteRequest): Promise<Uint8Array> {
  const df = ctx.session.handle(req.df());
  const path = req.path();
  if (path === null || path === '') throw new IllegalArgumentError('INVALID_WRITE', 'WriteRequest: the field `path` is empty.', { field: 'path' });
  const writer = df.write.format(req.format() || 'parquet').mode(req.mode() || 'errorifexists');
  writer.options(keyValues('WriteRequest', req.optionsLength(), (i) => req.options(i)));
  const cols: string[] = [];
  for (let i = 0; i < req.partitionByLength(); i++) {
    const c = req.partitionBy(i);
    if (c === null || c === '') throw new IllegalArgumentError('INVALID_WRITE', `WriteRequest: partition_by[${i}] is empty.`, { field: `partition_by[${i}]` });
    cols.push(c);
  }
  if (cols.length > 0) writer.partitionBy(cols);
  await writer.save(path, { signal: ctx.signal });
  return ackOf(ctx.requestId);
}
