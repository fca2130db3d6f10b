// Timing helpers: one warm-up run, then N timed runs of an async action; the median is what we report.

export interface Measured<T> {
  timingsMs: number[];
  medianMs: number;
  answer: T;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const gc = (globalThis as { gc?: () => void }).gc;

export async function measure<T>(runs: number, action: () => Promise<T>): Promise<Measured<T>> {
  let answer = await action(); // warm-up: JIT, caches, lazy initialisation
  const timingsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (gc) {
      // Start every run with a clean heap (node --expose-gc). V8 frees array buffers on a background
      // thread after the collection; let that finish so it does not run during the timed run.
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const t0 = performance.now();
    answer = await action();
    timingsMs.push(performance.now() - t0);
  }
  return { timingsMs, medianMs: median(timingsMs), answer };
}
