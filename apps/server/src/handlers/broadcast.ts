// BroadcastRequest: `sc.broadcast(value)` registers a pickled value (inline or in a client segment) under the
// client's id; unpersist makes workers fetch it again; destroy forgets it → Ack. Only Python reads the bytes.
import { fb } from '@kindling/protocol';
import { IllegalArgumentError } from '@kindling/core';
import { readClientSegment } from '../shm.js';
import { ackOf } from '../wire.js';
import type { RequestContext } from './context.js';

export function broadcast(ctx: RequestContext, req: fb.BroadcastRequest): Uint8Array {
  const id = req.id();
  if (id < 0n || id > BigInt(Number.MAX_SAFE_INTEGER)) throw new IllegalArgumentError('INVALID_BROADCAST_ID', `Broadcast id ${id} is out of range.`);
  const store = ctx.session.spark.engine.pythonBroadcasts;
  switch (req.op()) {
    case fb.BroadcastOp.Register: {
      const shm = req.shm();
      const data = shm ? readClientSegment(shm.name() ?? '', shm.size()) : req.dataArray();
      if (!data || data.length === 0) throw new IllegalArgumentError('INVALID_BROADCAST', `Broadcast ${id} carries neither a value nor a shared-memory segment.`);
      store.register(Number(id), data);
      break;
    }
    case fb.BroadcastOp.Unpersist:
      store.unpersist(Number(id));
      break;
    case fb.BroadcastOp.Destroy:
      store.destroy(Number(id));
      break;
    default:
      throw new IllegalArgumentError('INVALID_BROADCAST_OP', `Unknown broadcast op ${String(req.op())}.`);
  }
  return ackOf(ctx.requestId);
}
