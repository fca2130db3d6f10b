// @kindling/conformance: load Spark-behaviour cases written as JSON and run them against the TypeScript SDK.
export type * from './case-types.js';
export { CaseFormatError } from './case-error.js';
export { type SqlType, type Field, parseSchema, parseType, typeString } from './ddl.js';
export { loadCases, loadCaseFile, validateCase } from './load.js';
export { type BuildContext, buildPipeline, toColumn } from './build.js';
export { compareRows, type RowsDiff } from './compare.js';
export { type CaseResult, type Mismatch, type MismatchKind, runCase, formatResult } from './run.js';
