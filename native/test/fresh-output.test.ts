// Kernels that fill their outputs completely allocate them uninitialised (napi/fresh_array.h). The child
// script leaves the heap full of freed poison bytes of the sizes each kernel asks for, calls it, and counts
// poison bytes in the output: a slot the kernel forgot to write would still hold them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('no fresh output shows stale heap bytes', () => {
  const child = fileURLToPath(new URL('./fresh-output.child.mjs', import.meta.url));
  // Under test-native-asan, ASan's allocator never hands back a freed chunk soon; it fills fresh ones
  // with a byte of our choosing instead, which poisons every allocation just as well.
  const asan = (process.env.LD_PRELOAD ?? '').includes('libasan');
  const env = asan
    ? { ...process.env, ASAN_OPTIONS: `${process.env.ASAN_OPTIONS ?? ''}:malloc_fill_byte=165:max_malloc_fill_size=1073741824` }
    : process.env;
  const counts = JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--single-threaded-gc', child], { encoding: 'utf8', env })) as Record<
    string,
    number
  >;
  const { control, ...checks } = counts;
  // The poison must reach a fresh allocation, or the zeros below would prove nothing.
  expect(control).toBeGreaterThan(15_000);
  expect(checks).toEqual(Object.fromEntries(Object.keys(checks).map((name) => [name, 0])));
  expect(Object.keys(checks).length).toBe(11);
});
