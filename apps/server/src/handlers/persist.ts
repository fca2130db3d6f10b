// PersistRequest: cache / unpersist a handle's DataFrame (lazy, as in Spark), or clear the session's cache → Ack.
import { fb } from '@kindling/protocol';
import { IllegalArgumentError } from '@kindling/core';
import { ackOf } from '../wire.js';
import type { RequestContext } from './context.js';

export function persist(ctx: RequestContext, req: fb.PersistRequest): Uint8Array {
  if (req.op() === fb.PersistOp.ClearCache) {
    ctx.session.spark.engine.cacheManager.clear();
    return ackOf(ctx.requestId);
  }
  if (req.op() === fb.PersistOp.RefreshByPath) {
    const path = req.path();
    if (!path) throw new IllegalArgumentError('INVALID_PERSIST_OP', 'RefreshByPath needs a path.', { field: 'path' });
    ctx.session.spark.engine.cacheManager.refreshByPath(path);
    return ackOf(ctx.requestId);
  }
  const df = ctx.session.handle(req.df());
  switch (req.op()) {
    case fb.PersistOp.Cache:
      df.cache();
      break;
    case fb.PersistOp.Unpersist:
      df.unpersist();
      break;
    default:
      throw new IllegalArgumentError('INVALID_PERSIST_OP', `Unknown persist op ${String(req.op())}.`);
  }
  return ackOf(ctx.requestId);
}
