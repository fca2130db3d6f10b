// Row hashes over key columns, bit-for-bit the engine's murmur3-style scheme (libs/core execution/hashing.ts):
// acc = seed; per column acc = mix(acc, value) (NULL mixes a fixed word); out = fmix(acc ^ numColumns).
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

constexpr uint32_t kRowHashNullWord = 0x5bd1e995u;

inline uint32_t Rotl32(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

inline uint32_t MurmurMixK(uint32_t k) {
  k *= 0xcc9e2d51u;
  k = Rotl32(k, 15);
  return k * 0x1b873593u;
}

inline uint32_t MurmurMixH(uint32_t h, uint32_t k) {
  h ^= MurmurMixK(k);
  h = Rotl32(h, 13);
  return h * 5u + 0xe6546b64u;
}

inline uint32_t MurmurFmix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

// Mixes bytes [0, len) and then len into h (4-byte little-endian words, a 1-3 byte tail without rotation).
inline uint32_t MurmurMixBytes(uint32_t h, const uint8_t* p, int64_t len) {
  int64_t i = 0;
  for (; i + 4 <= len; i += 4) {
    h = MurmurMixH(h, uint32_t{p[i]} | (uint32_t{p[i + 1]} << 8) | (uint32_t{p[i + 2]} << 16) |
                          (uint32_t{p[i + 3]} << 24));
  }
  const int64_t rem = len - i;
  if (rem > 0) {
    uint32_t k = p[i];
    if (rem > 1) k |= uint32_t{p[i + 1]} << 8;
    if (rem > 2) k |= uint32_t{p[i + 2]} << 16;
    h ^= MurmurMixK(k);
  }
  return MurmurMixH(h, static_cast<uint32_t>(len));
}

// Each Mix* folds one column's rows [0, n) into acc[0, n).
void RowHashMixInt32(uint32_t* acc, const int32_t* values, Validity validity, int64_t n);
void RowHashMixInt64(uint32_t* acc, const int64_t* values, Validity validity, int64_t n);
// -0.0 mixes as 0.0 and every NaN as the canonical NaN, so SQL-equal doubles hash equally.
void RowHashMixFloat64(uint32_t* acc, const double* values, Validity validity, int64_t n);
// Boolean values are bits [bit_offset, bit_offset + n) of `bits`.
void RowHashMixBoolean(uint32_t* acc, const uint8_t* bits, int64_t bit_offset, Validity validity, int64_t n);
// Strings as Arrow's offsets (n + 1 of them) into bytes[0, bytes_length). Returns the first row whose
// offsets are decreasing or reach past bytes_length (acc is then partly mixed), or -1.
int64_t RowHashMixString(uint32_t* acc, const int32_t* offsets, const uint8_t* bytes, int64_t bytes_length,
                         Validity validity, int64_t n);
void RowHashMixNull(uint32_t* acc, int64_t n);
void RowHashFinish(uint32_t* acc, uint32_t num_columns, int64_t n);

}  // namespace kindling::kernels
