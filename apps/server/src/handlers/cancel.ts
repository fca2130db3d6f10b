// Cancel: aborts a running request of this session, whose own response becomes Error kind Cancelled → Ack.
// Unknown or already finished request ids are not an error (the race with completion is normal).
import type { fb } from '@kindling/protocol';
import { cancelledError } from '../errors.js';
import { ackOf } from '../wire.js';
import type { RequestContext } from './context.js';

export function cancel(ctx: RequestContext, req: fb.Cancel): Uint8Array {
  const target = req.requestId();
  const running = ctx.session.running.get(target);
  if (running && target !== ctx.requestId) running.abort(cancelledError(target));
  return ackOf(ctx.requestId);
}
