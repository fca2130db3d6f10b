// Exhaustiveness helper for closed unions: a new variant fails to compile wherever it is not handled.
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
