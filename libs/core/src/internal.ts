// @kindling/core/internal: the plan-building pieces other Kindling packages (the SQL front end, the server)
// build on. Not a stable user API: plans, expressions and the analyzer change with the engine.
export * from './plan/logical-plan.js';
export * from './expr/expression.js';
export { analyze, analyzeNode, havingBelowWindows, resolveProjectList, type AnalyzerOptions } from './analyzer/analyzer.js';
export { maxRows } from './optimizer/plan-util.js';
export { withFreshExprIds } from './analyzer/fresh-ids.js';
export { type PlanPair, type SetOperationKind, setOperation } from './analyzer/set-operations.js';
export { type GroupingElement, GROUPING_ID_NAME, cubeSets, groupingSetsOf, rollupSets } from './analyzer/resolve-grouping.js';
export { type ResolutionScope, resolveColumn, resolveExpression, resolveFunction, toNamed } from './analyzer/resolve-expression.js';
export { lookupScalarFunction, listScalarFunctions } from './expr/functions/registry.js';
export { lookupAggregateFunction, listAggregateFunctions, aggregateFunctionNames } from './expr/aggregates/registry.js';
export { inputFiles, isLocal, semanticString } from './api/dataframe-inspect.js';
export { parseDate, parseTimestamp } from './expr/eval/datetime.js';
export { type TimeZone, UTC, findTimeZone, timeZoneOf } from './expr/eval/time-zone.js';
export { lookupRelation } from './catalog/relation-lookup.js';
export { GLOBAL_TEMP_DATABASE, globalTempViews, ViewRegistry, type TempView } from './catalog/temp-views.js';
export { SessionFunctionRegistry, type FunctionBuilder } from './catalog/session-functions.js';
export { registerSqlFrontEnd, type SqlFrontEnd, type SqlParameters } from './catalog/sql-front-end.js';
export { suggestions } from './errors.js';
export { windowNotAllowed } from './analyzer/resolve-window.js';
export { lateralView } from './analyzer/resolve-generator.js';
export { decimalLiteralOf, formatDecimal, MAX_PRECISION } from './types/decimal.js';
export { decimalWords, readDecimal } from './execution/decimal-data.js';
export { commonType } from './expr/functions/coercion.js';
