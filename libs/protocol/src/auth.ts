// The handshake's shared-secret proof: HMAC-SHA256(secret, nonce), compared in constant time.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit session secret. */
export function newSecret(): Buffer {
  return randomBytes(32);
}

/** The proof a client sends for a Hello nonce. */
export function proofFor(secret: Buffer, nonce: Uint8Array): Buffer {
  return createHmac('sha256', secret).update(nonce).digest();
}

/** True when `proof` is the right proof for `nonce`; false (not an exception) on a length mismatch. */
export function checkProof(secret: Buffer, nonce: Uint8Array, proof: Uint8Array): boolean {
  const expected = proofFor(secret, nonce);
  if (proof.length !== expected.length) return false;
  return timingSafeEqual(expected, proof);
}
