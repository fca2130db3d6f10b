// 32-bit hashes of Int64 columns (murmur3's 64-bit finalizer), chainable across columns via the seed.
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

// murmur3 fmix64.
inline uint64_t Fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

// hash(v, seed) = low 32 bits of fmix64(uint64(v) + seed * 0x9E3779B97F4A7C15).
inline uint32_t HashInt64Value(int64_t v, uint32_t seed) {
  return static_cast<uint32_t>(Fmix64(static_cast<uint64_t>(v) + uint64_t{seed} * 0x9E3779B97F4A7C15ULL));
}

// out[i] = HashInt64Value(values[i], seed), or `seed` itself for a NULL (as Spark's Murmur3Hash
// returns the seed for null, so hashing a row column by column with seed = previous hash still works).
void HashInt64(const int64_t* values, Validity validity, int64_t length, uint32_t seed, uint32_t* out);

}  // namespace kindling::kernels
