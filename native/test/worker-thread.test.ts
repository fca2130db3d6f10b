// The addon is context-aware: executor threads load it beside the main thread, each with its own handles.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { binaryPath, keyDictionaryEncode, keyDictionaryNew } from '../index.js';

describe('worker threads', () => {
  it('loads and runs kernels in two workers at once, on shared memory', async () => {
    const sab = new SharedArrayBuffer(8 * 1000);
    const keys = new BigInt64Array(sab);
    for (let i = 0; i < keys.length; i++) keys[i] = BigInt(i % 10);
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const m = require(workerData.path);
      const keys = new BigInt64Array(workerData.sab);
      const d = m.keyDictionaryNew(1);
      const out = new Int32Array(keys.length);
      parentPort.postMessage({ size: m.keyDictionaryEncode(d, keys, null, 0, null, 0, keys.length, out), first: Array.from(out.subarray(0, 12)) });
      m.keyTableRelease(d);`;
    const run = () =>
      new Promise<{ size: number; first: number[] }>((resolve, reject) => {
        const w = new Worker(code, { eval: true, workerData: { path: binaryPath, sab } });
        w.once('message', (m) => {
          resolve(m);
          void w.terminate();
        });
        w.once('error', reject);
      });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toEqual({ size: 10, first: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1] });
    expect(b).toEqual(a);
    // A handle made on this thread still works here after the workers are gone.
    const d = keyDictionaryNew(1);
    expect(keyDictionaryEncode(d, keys, null, 0, null, 0, 3, new Int32Array(3))).toBe(3);
  });
});
