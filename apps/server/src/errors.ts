// Failures → Error envelopes: the core's error classes map onto ErrorKind; anything else is Internal and logged.
import { fb, ProtocolError } from '@kindling/protocol';
import { AnalysisError, ExecutionError, IllegalArgumentError, KindlingError, PythonError } from '@kindling/core';
import { logError } from './log.js';
import { errorEnvelopeOf } from './wire.js';

/** The abort reason of a cancelled request. */
export function cancelledError(requestId: bigint): ExecutionError {
  return new ExecutionError('JOB_CANCELLED', `The request ${requestId} was cancelled by the client.`, { requestId: String(requestId) });
}

/** The message without the leading "[ERROR_CLASS] " the core adds (the client re-adds it, as PySpark does). */
export function bareMessage(err: KindlingError): string {
  const prefix = `[${err.errorClass}] `;
  return err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
}

export interface ErrorParts {
  kind: fb.ErrorKind;
  errorClass: string;
  message: string;
  parameters: Readonly<Record<string, string>>;
}

/** Classifies a failure of the request named `requestName`; `cancelled` = its signal was aborted. */
export function errorParts(err: unknown, requestName: string, cancelled: boolean): ErrorParts {
  if (cancelled) {
    const msg = err instanceof KindlingError && err.errorClass === 'JOB_CANCELLED' ? bareMessage(err) : `The ${requestName} request was cancelled.`;
    return { kind: fb.ErrorKind.Cancelled, errorClass: 'JOB_CANCELLED', message: msg, parameters: err instanceof KindlingError ? err.messageParameters : {} };
  }
  // A job failed by a Python UDF raises the UDF's error itself (PySpark's PythonException), traceback included.
  if (err instanceof ExecutionError && err.errorClass === 'TASK_FAILED' && err.cause instanceof PythonError) {
    const py = err.cause;
    return { kind: fb.ErrorKind.Python, errorClass: py.errorClass, message: bareMessage(py), parameters: py.messageParameters };
  }
  if (err instanceof PythonError) return { kind: fb.ErrorKind.Python, errorClass: err.errorClass, message: bareMessage(err), parameters: err.messageParameters };
  if (err instanceof ProtocolError) return { kind: fb.ErrorKind.Protocol, errorClass: err.errorClass, message: err.message, parameters: {} };
  if (err instanceof KindlingError) {
    const kind = err instanceof AnalysisError
      ? fb.ErrorKind.Analysis
      : err instanceof IllegalArgumentError
        ? fb.ErrorKind.IllegalArgument
        : err instanceof ExecutionError
          ? err.errorClass === 'JOB_CANCELLED' ? fb.ErrorKind.Cancelled : fb.ErrorKind.Execution
          : fb.ErrorKind.Internal;
    return { kind, errorClass: err.errorClass, message: bareMessage(err), parameters: err.messageParameters };
  }
  // Not raised on purpose: a bug or an unexpected runtime failure. Keep it visible.
  logError(`internal error serving ${requestName}`, err);
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { kind: fb.ErrorKind.Internal, errorClass: 'INTERNAL_ERROR', message: `Internal error while serving ${requestName}: ${text}`, parameters: { request: requestName } };
}

export function failureEnvelope(requestId: bigint, err: unknown, requestName: string, cancelled = false): Uint8Array {
  const p = errorParts(err, requestName, cancelled);
  return errorEnvelopeOf(requestId, p.kind, p.errorClass, p.message, p.parameters);
}
