// ConfigRequest: Get / Set / Unset / GetAll on the session's runtime config (spark.conf).
import { fb } from '@kindling/protocol';
import { AnalysisError, IllegalArgumentError } from '@kindling/core';
import { configResponseOf } from '../wire.js';
import type { RequestContext } from './context.js';

function keyOf(req: fb.ConfigRequest, op: string): string {
  const key = req.key();
  if (!key) throw new IllegalArgumentError('INVALID_CONF_KEY', `Config ${op} needs a key.`);
  return key;
}

export function config(ctx: RequestContext, req: fb.ConfigRequest): Uint8Array {
  const conf = ctx.session.spark.conf;
  switch (req.op()) {
    case fb.ConfigOp.Get: {
      const key = keyOf(req, 'get');
      const dflt = req.defaultValue();
      return configResponseOf(ctx.requestId, [[key, conf.get(key, dflt ?? undefined)]]);
    }
    case fb.ConfigOp.Set: {
      const key = keyOf(req, 'set');
      if (!conf.isModifiable(key)) {
        throw new AnalysisError('CANNOT_MODIFY_CONFIG', `Cannot modify the value of the Spark config: "${key}".`, { key });
      }
      conf.set(key, req.value() ?? '');
      return configResponseOf(ctx.requestId, []);
    }
    case fb.ConfigOp.Unset: {
      const key = keyOf(req, 'unset');
      if (!conf.isModifiable(key)) {
        throw new AnalysisError('CANNOT_MODIFY_CONFIG', `Cannot modify the value of the Spark config: "${key}".`, { key });
      }
      conf.unset(key);
      return configResponseOf(ctx.requestId, []);
    }
    case fb.ConfigOp.GetAll:
      return configResponseOf(ctx.requestId, Object.entries(conf.getAll()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    default:
      throw new IllegalArgumentError('INVALID_CONFIG_OP', `Unknown config op ${String(req.op())}.`);
  }
}
