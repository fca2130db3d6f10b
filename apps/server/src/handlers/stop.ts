// Stop: answers Ack; once the Ack is written the connection ends the session, and the engine exits when it was
// started by this client (KINDLING_OWNER=1).
import { ackOf } from '../wire.js';
import type { RequestContext } from './context.js';

export function stop(ctx: RequestContext): Uint8Array {
  return ackOf(ctx.requestId);
}
