// @kindling/core: the Kindling engine and its TypeScript SDK.
export * from './types/data-type.js';
export * from './types/schema.js';
export * from './errors.js';
export { SparkSession, Builder } from './api/session.js';
export { DataFrame, type ActionOptions } from './api/dataframe.js';
export { DataFrameReader } from './api/reader.js';
export { DataFrameWriter } from './api/writer.js';
export type { OptionValue } from './datasource/options.js';
export { GroupedData } from './api/grouped-data.js';
export { Column, type ColumnOrValue } from './api/column.js';
export { Row } from './api/row.js';
export { Catalog, type Table } from './api/catalog.js';
export { Window, WindowSpec } from './api/window.js';
export { RuntimeConfig } from './session/conf.js';
export type { SchedulerEvent, SchedulerListener } from './scheduler/events.js';
export type { TaskMetrics } from './execution/task-context.js';
export * as functions from './api/functions.js';
export { col, lit, when } from './api/functions.js';
// Python UDF support, for hosts that run Python workers (the engine server): expression shape, runner contract.
export type { PythonUdf, PythonEvalType } from './expr/expression.js';
export type { PythonFunction } from './physical/physical-plan.js';
export type { PythonRunner, PythonSupport, PythonTask, CreatePythonRunner } from './execution/python-runner.js';
export type { PythonBroadcastValue, PythonTaskMetrics, TaskContext } from './execution/task-context.js';
export { PythonBroadcasts } from './session/python-broadcasts.js';
export { newPythonTaskMetrics, summarizeTaskMetrics } from './execution/task-context.js';
export { makeBatch, dataFromValues } from './execution/vectors.js';
export { plainValueAt, dataFromPlainValues } from './execution/plain-values.js';
export { nodeCallsPython } from './plan/logical-plan.js';
