// Fuzzes the verifier with ≥ 100,000 random and mutated frames: each must be accepted or rejected without
// throwing, and every accepted frame must read completely (unpack()) without throwing.
import { expect, it } from 'vitest';
import { bodyOf, fb, readEnvelope, verifyEnvelope } from '../src/index.js';
import { CheckedByteBuffer } from './checked-byte-buffer.js';
import { Mutator, prng } from './fuzz.js';
import { validSamples } from './samples.js';

const FRAMES = 200_000;
const TIME_BUDGET_MS = 30_000;

it(`verifies ${FRAMES} random and mutated frames without throwing; accepted ones read completely`, () => {
  const corpus = validSamples().map((s) => s.bytes);
  const mut = new Mutator(prng(0x6b646c31), corpus);
  let accepted = 0;
  let rejected = 0;
  let slowest = 0;
  let unsafeRejected = 0;
  const byStrategy = new Map<string, number>();
  const t0 = performance.now();
  for (let i = 0; i < FRAMES; i++) {
    const { bytes, strategy } = mut.next();
    const s0 = performance.now();
    let err: string | null;
    try {
      err = verifyEnvelope(bytes);
    } catch (e) {
      throw new Error(`verifyEnvelope threw on frame #${i} (${strategy}): ${String(e)}`, { cause: e });
    }
    slowest = Math.max(slowest, performance.now() - s0);
    if (err === null) {
      accepted++;
      byStrategy.set(strategy, (byStrategy.get(strategy) ?? 0) + 1);
      try {
        // Read every field through a buffer that throws on any out-of-bounds read or invalid UTF-8.
        const env = fb.Envelope.getRootAsEnvelope(new CheckedByteBuffer(bytes));
        env.unpack();
        bodyOf(env);
        readEnvelope(bytes);
      } catch (e) {
        throw new Error(`reading verified frame #${i} (${strategy}) threw: ${String(e)}\n${Buffer.from(bytes).toString('hex')}`, { cause: e });
      }
    } else {
      expect(err).not.toMatch(/^internal verifier error/);
      rejected++;
      // Shows the check has teeth: many rejected frames would read out of bounds (or bad UTF-8) if trusted.
      if (rejected % 10 === 0) {
        try {
          fb.Envelope.getRootAsEnvelope(new CheckedByteBuffer(bytes)).unpack();
        } catch {
          unsafeRejected++;
        }
      }
    }
    if (performance.now() - t0 > TIME_BUDGET_MS) throw new Error(`fuzzing exceeded ${TIME_BUDGET_MS} ms after ${i} frames`);
  }
  const ms = performance.now() - t0;
  console.log(
    `verifier fuzz: ${FRAMES} frames in ${ms.toFixed(0)} ms (${Math.round((FRAMES / ms) * 1000)} frames/s), ` +
      `${accepted} accepted, ${rejected} rejected (of a tenth sampled, ${unsafeRejected} would read out of bounds), ` +
      `slowest ${slowest.toFixed(2)} ms`,
  );
  expect(accepted + rejected).toBe(FRAMES);
  // Mutations must mostly be caught, but some (a flipped scalar) leave a valid frame.
  expect(rejected).toBeGreaterThan(FRAMES / 2);
  expect(accepted).toBeGreaterThan(0);
  expect(unsafeRejected).toBeGreaterThan(rejected / 100);
});
