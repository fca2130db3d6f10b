// Dispatch of a verified request envelope to its handler; every handler answers one response envelope.
import { fb } from '@kindling/protocol';
import { analyze } from './analyze.js';
import { broadcast } from './broadcast.js';
import { catalog } from './catalog.js';
import { cancel } from './cancel.js';
import { config } from './config.js';
import type { RequestContext } from './context.js';
import { execute } from './execute.js';
import { persist } from './persist.js';
import { release } from './release.js';
import { stop } from './stop.js';
import { transform } from './transform.js';
import { write } from './write.js';

/** Request bodies a client may send after the handshake, by name (for error messages). */
export const REQUEST_NAMES: ReadonlyMap<fb.Body, string> = new Map([
  [fb.Body.ConfigRequest, 'ConfigRequest'],
  [fb.Body.Transform, 'Transform'],
  [fb.Body.AnalyzeRequest, 'AnalyzeRequest'],
  [fb.Body.ExecuteRequest, 'ExecuteRequest'],
  [fb.Body.PersistRequest, 'PersistRequest'],
  [fb.Body.Release, 'Release'],
  [fb.Body.Cancel, 'Cancel'],
  [fb.Body.Stop, 'Stop'],
  [fb.Body.CatalogRequest, 'CatalogRequest'],
  [fb.Body.BroadcastRequest, 'BroadcastRequest'],
  [fb.Body.WriteRequest, 'WriteRequest'],
]);

/** Serves one request (the envelope's body type must be one of REQUEST_NAMES). */
export async function handleRequest(ctx: RequestContext, env: fb.Envelope): Promise<Uint8Array> {
  switch (env.bodyType()) {
    case fb.Body.ConfigRequest: return config(ctx, env.body(new fb.ConfigRequest()) as fb.ConfigRequest);
    case fb.Body.Transform: return transform(ctx, env.body(new fb.Transform()) as fb.Transform);
    case fb.Body.AnalyzeRequest: return analyze(ctx, env.body(new fb.AnalyzeRequest()) as fb.AnalyzeRequest);
    case fb.Body.ExecuteRequest: return execute(ctx, env.body(new fb.ExecuteRequest()) as fb.ExecuteRequest);
    case fb.Body.PersistRequest: return persist(ctx, env.body(new fb.PersistRequest()) as fb.PersistRequest);
    case fb.Body.Release: return release(ctx, env.body(new fb.Release()) as fb.Release);
    case fb.Body.Cancel: return cancel(ctx, env.body(new fb.Cancel()) as fb.Cancel);
    case fb.Body.Stop: return stop(ctx);
    case fb.Body.CatalogRequest: return catalog(ctx, env.body(new fb.CatalogRequest()) as fb.CatalogRequest);
    case fb.Body.BroadcastRequest: return broadcast(ctx, env.body(new fb.BroadcastRequest()) as fb.BroadcastRequest);
    case fb.Body.WriteRequest: return write(ctx, env.body(new fb.WriteRequest()) as fb.WriteRequest);
    default:
      throw new Error(`handleRequest called with body type ${String(env.bodyType())}`);
  }
}
