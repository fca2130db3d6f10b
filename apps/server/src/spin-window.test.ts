import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { SpinWindow } from './spin-window.js';
import { OptionsError, readOptions } from './options.js';

const SECRET = 'ab'.repeat(32);

const spinning = (w: SpinWindow) => (w as unknown as { spinning: boolean }).spinning;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SpinWindow', () => {
  it.runIf(os.availableParallelism() > 1)('keeps the loop turning for its window after touch(), then lets it sleep', async () => {
    const long = new SpinWindow(300_000);
    expect(long.enabled).toBe(true);
    expect(spinning(long)).toBe(false);
    long.touch();
    expect(spinning(long)).toBe(true);
    await sleep(50);
    expect(spinning(long)).toBe(true);
    // A window far shorter than the sleep has closed by the time it ends; a fresh touch opens one again.
    const short = new SpinWindow(5_000);
    short.touch();
    await sleep(200);
    expect(spinning(short)).toBe(false);
    short.touch();
    expect(spinning(short)).toBe(true);
    await sleep(400);
    expect(spinning(short)).toBe(false);
    expect(spinning(long)).toBe(false);
  }, 10_000);

  it('is off at 0 µs', () => {
    const w = new SpinWindow(0);
    expect(w.enabled).toBe(false);
    w.touch();
    expect(spinning(w)).toBe(false);
  });

  it('reads KINDLING_ENGINE_SPIN_US: default 200, 0 allowed, bad values refused by name', () => {
    expect(readOptions({ KINDLING_SECRET: SECRET }).spinMicros).toBe(200);
    expect(readOptions({ KINDLING_SECRET: SECRET, KINDLING_ENGINE_SPIN_US: '0' }).spinMicros).toBe(0);
    for (const bad of ['-1', 'x', '1.5', '20000']) {
      expect(() => readOptions({ KINDLING_SECRET: SECRET, KINDLING_ENGINE_SPIN_US: bad })).toThrow(OptionsError);
      expect(() => readOptions({ KINDLING_SECRET: SECRET, KINDLING_ENGINE_SPIN_US: bad })).toThrow(/KINDLING_ENGINE_SPIN_US/);
    }
  });
});
