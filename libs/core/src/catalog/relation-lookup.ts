// Resolves a table name (`v`, `global_temp.v`) to the plan of a registered view, as Spark's ResolveRelations does.
import { AnalysisError } from '../errors.js';
import type { LogicalPlan } from '../plan/logical-plan.js';
import { GLOBAL_TEMP_DATABASE, type ViewRegistry, globalTempViews } from './temp-views.js';

function quoted(parts: readonly string[]): string {
  return parts.map((p) => '`' + p.replace(/`/g, '``') + '`').join('.');
}

/** The view's plan under a SubqueryAlias named after it; TABLE_OR_VIEW_NOT_FOUND when there is none. */
export function lookupRelation(nameParts: readonly string[], views: ViewRegistry): LogicalPlan {
  let view;
  if (nameParts.length === 1) view = views.get(nameParts[0]!);
  else if (nameParts.length === 2 && nameParts[0]!.toLowerCase() === GLOBAL_TEMP_DATABASE) view = globalTempViews.get(nameParts[1]!);
  if (!view) {
    throw new AnalysisError(
      'TABLE_OR_VIEW_NOT_FOUND',
      `The table or view ${quoted(nameParts)} cannot be found. Verify the spelling and correctness of the schema and catalog. To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.`,
      { relationName: quoted(nameParts) },
    );
  }
  return { kind: 'subqueryAlias', alias: nameParts[nameParts.length - 1]!, child: view.replan ? replanned(nameParts, view.replan) : view.plan };
}

/** Views being re-analysed right now, innermost last: a name seen twice is a cycle. */
const resolving: string[] = [];

function replanned(nameParts: readonly string[], replan: () => LogicalPlan): LogicalPlan {
  const key = nameParts.join('.').toLowerCase();
  if (resolving.includes(key)) {
    const cycle = [...resolving.slice(resolving.indexOf(key)), key].map((n) => `\`${n}\``).join(' -> ');
    throw new AnalysisError('RECURSIVE_VIEW', `Recursive view ${quoted(nameParts)} detected (cycle: ${cycle}).`, { viewIdent: quoted(nameParts), newPath: cycle });
  }
  resolving.push(key);
  try {
    return replan();
  } finally {
    resolving.pop();
  }
}
