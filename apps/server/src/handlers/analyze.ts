// AnalyzeRequest: a handle's schema, its explain text, whether it is cached, and other questions about its plan.
import { fb } from '@kindling/protocol';
import { IllegalArgumentError, summarizeTaskMetrics } from '@kindling/core';
import { inputFiles, isLocal, semanticString } from '@kindling/core/internal';
import { analyzeResponseOf } from '../wire.js';
import type { RequestContext } from './context.js';

/** PySpark's explain modes; formatted/cost/codegen print the simple (physical) plan for now. */
const EXPLAIN_MODES: Record<string, 'simple' | 'extended'> = {
  '': 'simple', simple: 'simple', false: 'simple', formatted: 'simple', cost: 'simple', codegen: 'simple',
  extended: 'extended', true: 'extended',
};

export function analyze(ctx: RequestContext, req: fb.AnalyzeRequest): Uint8Array {
  const df = ctx.session.handle(req.df());
  switch (req.kind()) {
    case fb.AnalyzeKind.Schema:
      return analyzeResponseOf(ctx.requestId, { schema: df.schema });
    case fb.AnalyzeKind.Explain: {
      const raw = (req.explainMode() ?? '').toLowerCase();
      const mode = Object.prototype.hasOwnProperty.call(EXPLAIN_MODES, raw) ? EXPLAIN_MODES[raw] : undefined;
      if (!mode) {
        throw new IllegalArgumentError('UNKNOWN_EXPLAIN_MODE', `Unknown explain mode: '${raw}'. Accepted explain modes are 'simple', 'extended', 'codegen', 'cost', 'formatted'.`, { explainMode: raw });
      }
      return analyzeResponseOf(ctx.requestId, { text: df.explainString(mode) });
    }
    case fb.AnalyzeKind.IsCached:
      return analyzeResponseOf(ctx.requestId, { flag: df.isCached });
    case fb.AnalyzeKind.NumPartitions:
      return analyzeResponseOf(ctx.requestId, { numPartitions: df.numPartitions });
    case fb.AnalyzeKind.JobMetrics:
      return analyzeResponseOf(ctx.requestId, { text: JSON.stringify(summarizeTaskMetrics(ctx.session.jobMetrics.get(req.df()) ?? [])) });
    case fb.AnalyzeKind.SemanticHash:
      return analyzeResponseOf(ctx.requestId, { text: semanticString(df) });
    case fb.AnalyzeKind.InputFiles:
      return analyzeResponseOf(ctx.requestId, { text: JSON.stringify(inputFiles(df)) });
    case fb.AnalyzeKind.IsLocal:
      return analyzeResponseOf(ctx.requestId, { flag: isLocal(df) });
    default:
      throw new IllegalArgumentError('INVALID_ANALYZE_KIND', `Unknown analyze kind ${String(req.kind())}.`);
  }
}
