// Null-aware sums: 64-row validity blocks, with a dense loop for all-valid blocks.
#include "kernels/sum.h"

#include <cstring>

namespace kindling::kernels {

SumInt64Result SumInt64(const int64_t* values, Validity validity, int64_t length) {
  // Unsigned arithmetic: wrapping on overflow is defined behaviour.
  uint64_t acc = 0;
  int64_t count = 0;
  ForEachValidityBlock(validity, length, [&](int64_t start, int n, uint64_t word) {
    if (word == 0) return;
    const int64_t* v = values + start;
    if (word == LowBits(n)) {
      for (int k = 0; k < n; ++k) acc += static_cast<uint64_t>(v[k]);
      count += n;
    } else {
      int k = 0;
      uint64_t w = word;
      for (; k + 4 <= n; k += 4, w >>= 4) {
        const uint64_t* m = kNibbleMasks.m[w & 15];
        acc += (static_cast<uint64_t>(v[k]) & m[0]) + (static_cast<uint64_t>(v[k + 1]) & m[1]) +
               (static_cast<uint64_t>(v[k + 2]) & m[2]) + (static_cast<uint64_t>(v[k + 3]) & m[3]);
      }
      for (; k < n; ++k, w >>= 1) acc += static_cast<uint64_t>(v[k]) & (uint64_t{0} - (w & 1));
      count += __builtin_popcountll(word);
    }
  });
  return {static_cast<int64_t>(acc), count};
}

SumFloat64Result SumFloat64(const double* values, Validity validity, int64_t length) {
  // Four named accumulators (not an array indexed by k & 3) so they stay in registers.
  double l0 = 0.0, l1 = 0.0, l2 = 0.0, l3 = 0.0;
  int64_t count = 0;
  // Blocks are 64 rows, a multiple of 4, so (start + k) % 4 == k % 4.
  ForEachValidityBlock(validity, length, [&](int64_t start, int n, uint64_t word) {
    if (word == 0) return;
    const double* v = values + start;
    // A select, not a multiply, so a NaN under a null bit is ignored; +0.0 leaves a lane unchanged.
    auto at = [&](int k) { return ((word >> k) & 1) ? v[k] : 0.0; };
    int k = 0;
    if (word == LowBits(n)) {
      for (; k + 4 <= n; k += 4) {
        l0 += v[k];
        l1 += v[k + 1];
        l2 += v[k + 2];
        l3 += v[k + 3];
      }
      count += n;
    } else {
      // Masking the bits of a null row's double gives +0.0, exactly what the select in at() gives.
      uint64_t w = word;
      for (; k + 4 <= n; k += 4, w >>= 4) {
        const uint64_t* m = kNibbleMasks.m[w & 15];
        uint64_t b[4];
        std::memcpy(b, v + k, sizeof b);
        double d[4];
        for (int j = 0; j < 4; ++j) b[j] &= m[j];
        std::memcpy(d, b, sizeof d);
        l0 += d[0];
        l1 += d[1];
        l2 += d[2];
        l3 += d[3];
      }
      count += __builtin_popcountll(word);
    }
    // Tail of the last block (n % 4 rows).
    for (; k < n; ++k) {
      const double x = at(k);
      switch (k & 3) {
        case 0: l0 += x; break;
        case 1: l1 += x; break;
        case 2: l2 += x; break;
        default: l3 += x; break;
      }
    }
  });
  return {(l0 + l1) + (l2 + l3), count};
}

}  // namespace kindling::kernels
