// Run by fresh-output.test.ts in a plain node process (a vitest worker's own allocations would take the
// poisoned chunks first). Prints one JSON object: for each check, how many bytes of its output still hold
// whole words of poison; `control` must be large (Buffer.allocUnsafe sees the poison), or the check proves nothing.
import * as k from '../index.js';

const POISON = 0xa5;
// Started with --expose-gc --single-threaded-gc: the collection frees array buffers before it returns
// (V8 otherwise frees them on a background thread, racing the next allocation).
const gc = globalThis.gc;
const fences = [];

// Freed, poisoned chunks of one size, kept apart by live fences so malloc neither merges them nor returns
// them to the system: the next allocation of that size reuses one.
function poisonHeap(bytes) {
  // allocUnsafeSlow: a small allocUnsafe would come from Buffer's shared pool, not from malloc.
  const held = [];
  for (let i = 0; i < 32; i++) {
    held.push(Buffer.allocUnsafeSlow(bytes).fill(POISON));
    fences.push(Buffer.allocUnsafeSlow(bytes));
  }
  held.length = 0;
  gc();
}

// Whole 4-byte words of poison: a written value equal to 0xa5a5a5a5 is vanishingly unlikely here.
function poisoned(view) {
  const b = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let n = 0;
  for (let i = 0; i + 4 <= b.length; i += 4) {
    n += b[i] === POISON && b[i + 1] === POISON && b[i + 2] === POISON && b[i + 3] === POISON ? 1 : 0;
  }
  return n;
}

// Below glibc's mmap threshold (128 KiB), so outputs come from the heap rather than fresh zeroed pages.
const N = 10_000;
const out = {};

poisonHeap(N * 8);
out.control = poisoned(Buffer.allocUnsafeSlow(N * 8));

const values = Float64Array.from({ length: N }, (_, i) => i);
const mask = Uint8Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : 0));
poisonHeap(N * 8);
const { selection } = k.filterSelection(mask, N);
const kept = k.filterFixed(values, null, 0, selection, N);
out.filterFixed = poisoned(kept.values);

poisonHeap(4);
out.filterStringEmpty = poisoned(k.filterString(new Int32Array([0]), new Uint8Array(0), null, 0, new BigInt64Array(0), 0).offsets);

const idx = Int32Array.from({ length: N }, (_, i) => (i % 2 ? -1 : i));
poisonHeap(N * 8);
out.takeInt64 = poisoned(k.takeInt64(new BigInt64Array(N).fill(7n), null, 0, idx).values);
poisonHeap(N * 8);
out.takeFloat64 = poisoned(k.takeFloat64(new Float64Array(N).fill(1.5), null, 0, idx).values);
const bytes = new TextEncoder().encode('ab'.repeat(N));
const offsets = Int32Array.from({ length: N + 1 }, (_, i) => 2 * i);
poisonHeap(N * 4);
const s = k.takeString(offsets, bytes, null, 0, N, idx);
out.takeString = poisoned(s.offsets) + poisoned(s.bytes);

// A zero divisor at row 10 stops the ANSI remainder loop there: the rest must not be heap garbage.
const a = new BigInt64Array(N).fill(5n);
const d = new BigInt64Array(N).fill(3n);
d[10] = 0n;
poisonHeap(N * 8);
const r = k.arithmetic(k.ArithOp.remainder, a, null, 0, false, d, null, 0, false, N, true);
out.arithmeticError = r.errorAt === 10 ? poisoned(r.values) : -1;
poisonHeap(N * 8);
out.arithmetic = poisoned(k.arithmetic(k.ArithOp.multiply, a, null, 0, false, new BigInt64Array([2n]), null, 0, true, N, false).values);

const v = BigInt64Array.from({ length: N }, (_, i) => BigInt(i));
poisonHeap(N * 4);
out.hashInt64 = poisoned(k.hashInt64(v, null, 0, N, 42));
poisonHeap(N * 4);
out.partitionOrder = poisoned(k.partitionOrder(Int32Array.from({ length: N }, (_, i) => i % 4), N, 4).order);
poisonHeap(N * 4);
out.sortIndices = poisoned(k.sortIndices([[k.KeyKind.int64, v, null, 0, null, 0, true, false]], N));
poisonHeap(N);
out.trueMask = poisoned(k.trueMask(new Uint8Array(Math.ceil(N / 8)).fill(0x55), 0, null, 0, N));

process.stdout.write(JSON.stringify(out));
