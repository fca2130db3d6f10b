// Release: frees handles the client no longer references → Ack. Unknown ids are ignored (double releases from
// finalizers are normal).
import type { fb } from '@kindling/protocol';
import { ackOf } from '../wire.js';
import type { RequestContext } from './context.js';

export function release(ctx: RequestContext, req: fb.Release): Uint8Array {
  const n = req.idsLength();
  for (let i = 0; i < n; i++) ctx.session.release(req.ids(i) ?? 0n);
  return ackOf(ctx.requestId);
}
