// The memory-bandwidth bound of the benchmark: memcpy speed measured on this machine, in bytes touched
// (read + written) per second, and the time a case would take if it only moved its bytes at that speed.

/** Best of `runs` memcpy's (Buffer.copy) of `mb` megabytes, as bytes touched per second. */
export function memcpyBandwidth(mb = 256, runs = 5): number {
  const size = mb << 20;
  const src = Buffer.alloc(size, 1);
  const dst = Buffer.alloc(size);
  src.copy(dst); // fault every page in before timing
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    src.copy(dst);
    best = Math.min(best, performance.now() - t0);
  }
  return (2 * size) / (best / 1000);
}

/** Milliseconds needed to touch `bytes` at `bandwidth` bytes/s. */
export function boundMs(bytes: number, bandwidth: number): number {
  return (bytes / bandwidth) * 1000;
}
