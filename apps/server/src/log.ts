// Engine logging: stderr only (stdout carries the ready line and nothing else).

export function log(message: string): void {
  process.stderr.write(`[kindling-server ${process.pid}] ${message}\n`);
}

/** Logs an unexpected failure with its stack, so bugs stay visible while the engine keeps serving. */
export function logError(context: string, err: unknown): void {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  log(`${context}: ${text}`);
}
