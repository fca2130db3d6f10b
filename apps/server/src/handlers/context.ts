// What every request handler gets: its session, request id, cancellation signal and engine limits.
import { IllegalArgumentError } from '@kindling/core';
import type { Session } from '../session.js';

export interface RequestContext {
  readonly session: Session;
  readonly requestId: bigint;
  /** Aborted by Cancel{request_id} or when the session closes. */
  readonly signal: AbortSignal;
  readonly maxFrameBytes: number;
  /** Ends the session (and the engine when it is the owner); called after the Stop Ack is written. */
  readonly stop: () => void;
}

/** `n` strings of a vector accessor. */
export function strings(n: number, at: (i: number) => string | null): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(at(i) ?? '');
  return out;
}

/** A wire long as a JS integer argument, or IllegalArgumentError naming it. */
export function intArg(v: bigint, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v < BigInt(min) || v > BigInt(max)) {
    throw new IllegalArgumentError('VALUE_OUT_OF_RANGE', `Argument \`${name}\` must be between ${min} and ${max}, got ${v}.`, { argName: name, value: String(v) });
  }
  return Number(v);
}

/** Resolves when `promise` does, rejects with the abort reason as soon as `signal` aborts (the work may go on). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The losing promise must not turn into an unhandled rejection.
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
