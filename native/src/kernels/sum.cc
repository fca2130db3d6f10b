// Null-aware sums: 64-row validity blocks, with a dense loop for all-valid blocks.
#include "kernels/sum.h"

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
      for (int k = 0; k < n; ++k) acc += static_cast<uint64_t>(v[k]) & (uint64_t{0} - ((word >> k) & 1));
      count += __builtin_popcountll(word);
    }
  });
  return {static_cast<int64_t>(acc), count};
}

SumFloat64Result SumFloat64(const double* values, Validity validity, int64_t length) {
  double lane[4] = {0.0, 0.0, 0.0, 0.0};
  int64_t count = 0;
  // Blocks are 64 rows, a multiple of 4, so (start + k) % 4 == k % 4.
  ForEachValidityBlock(validity, length, [&](int64_t start, int n, uint64_t word) {
    if (word == 0) return;
    const double* v = values + start;
    if (word == LowBits(n)) {
      int k = 0;
      for (; k + 4 <= n; k += 4) {
        lane[0] += v[k];
        lane[1] += v[k + 1];
        lane[2] += v[k + 2];
        lane[3] += v[k + 3];
      }
      for (; k < n; ++k) lane[k & 3] += v[k];
      count += n;
    } else {
      // A select, not a multiply, so a NaN under a null bit is ignored.
      for (int k = 0; k < n; ++k) lane[k & 3] += ((word >> k) & 1) ? v[k] : 0.0;
      count += __builtin_popcountll(word);
    }
  });
  return {(lane[0] + lane[1]) + (lane[2] + lane[3]), count};
}

}  // namespace kindling::kernels
