// Mask → indices: counts first (so the output is allocated once, exactly), then a branch-free
// fill of 8 rows at a time while at least 8 slots remain, and a bit-scan fill near the end.
#include "kernels/filter.h"

#include <cstring>

namespace kindling::kernels {

namespace {

// Bit k of the result is set when byte k of w is nonzero.
inline unsigned NonzeroByteBits(uint64_t w) {
  uint64_t t = w | (w >> 4);
  t |= t >> 2;
  t |= t >> 1;
  t &= 0x0101010101010101ULL;
  return static_cast<unsigned>((t * 0x0102040810204080ULL) >> 56);
}

}  // namespace

int64_t CountSelected(const uint8_t* mask, int64_t length) {
  int64_t count = 0;
  for (int64_t i = 0; i < length; ++i) count += mask[i] != 0;
  return count;
}

void MaskToIndices(const uint8_t* mask, int64_t length, int32_t* out, int64_t count) {
  int64_t j = 0;
  int64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t w;
    std::memcpy(&w, mask + i, 8);
    if (w == 0) continue;
    const int32_t base = static_cast<int32_t>(i);
    if (j + 8 <= count) {
      // Unconditional stores, conditional advance: no branch mispredictions on random masks.
      for (int k = 0; k < 8; ++k) {
        out[j] = base + k;
        j += mask[i + k] != 0;
      }
    } else {
      for (unsigned bits = NonzeroByteBits(w); bits != 0; bits &= bits - 1) {
        out[j++] = base + __builtin_ctz(bits);
      }
    }
  }
  for (; i < length; ++i) {
    if (mask[i] != 0) out[j++] = static_cast<int32_t>(i);
  }
}

}  // namespace kindling::kernels
