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
    gc?.(); // start every run with a clean heap when node runs with --expose-gc
    const t0 = performance.now();
    answer = await action();
    timingsMs.push(performance.now() - t0);
  }
  return { timingsMs, medianMs: median(timingsMs), answer };
}
