// Int64 hash kernel: dense loop per all-valid 64-row block, select per row otherwise.
#include "kernels/hash.h"

namespace kindling::kernels {

void HashInt64(const int64_t* values, Validity validity, int64_t length, uint32_t seed, uint32_t* out) {
  ForEachValidityBlock(validity, length, [&](int64_t start, int n, uint64_t word) {
    const int64_t* v = values + start;
    uint32_t* o = out + start;
    if (word == LowBits(n)) {
      for (int k = 0; k < n; ++k) o[k] = HashInt64Value(v[k], seed);
    } else {
      for (int k = 0; k < n; ++k) o[k] = ((word >> k) & 1) ? HashInt64Value(v[k], seed) : seed;
    }
  });
}

}  // namespace kindling::kernels
