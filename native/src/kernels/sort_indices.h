// Stable multi-key sort-to-indices with Spark's order (NaN largest, -0.0 = 0.0, strings by UTF-8 bytes,
// NULLs first or last per key, ascending or descending per key).
#pragma once

#include <cstdint>

#include "kernels/key_dictionary.h"

namespace kindling::kernels {

struct SortKey {
  KeyColumn column;  // its validity says which rows are NULL
  bool descending;
  bool nulls_first;
};

// out[0, n) = the permutation of rows 0..n-1 in key order (ties keep input order). Fixed-width keys only
// take an LSD radix sort; any string key makes it a comparison sort. Returns -1, or a row whose string
// offsets are out of bounds (out is then unspecified).
int64_t SortIndices(const SortKey* keys, int num_keys, int64_t n, int32_t* out);

}  // namespace kindling::kernels
