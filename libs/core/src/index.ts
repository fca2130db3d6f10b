// @kindling/core: the Kindling engine and its TypeScript SDK.
export * from './types/data-type.js';
export * from './types/schema.js';
export * from './errors.js';
