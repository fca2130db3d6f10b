// Worker thread that parses untrusted Arrow IPC bytes and checks their structure, so a reader that loops or
// allocates without bound on corrupt input (apache-arrow can) takes down only this worker, never the engine.
import { parentPort } from 'node:worker_threads';
import * as arrow from 'apache-arrow';
import { checkTable } from './arrow-check.js';

export interface CheckRequest { readonly id: number; readonly bytes: Uint8Array }
export interface CheckReply { readonly id: number; readonly error: string | null }

parentPort?.on('message', (m: CheckRequest) => {
  let error: string | null;
  try {
    error = checkTable(arrow.tableFromIPC(m.bytes));
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  parentPort!.postMessage({ id: m.id, error } satisfies CheckReply);
});
