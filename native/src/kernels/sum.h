// Null-aware sums over Arrow primitive buffers.
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

struct SumInt64Result {
  int64_t sum;    // two's-complement wrapping sum of the valid values
  int64_t count;  // number of valid values
};

struct SumFloat64Result {
  double sum;
  int64_t count;
};

SumInt64Result SumInt64(const int64_t* values, Validity validity, int64_t length);

// Summation order is fixed so results are reproducible: row i goes to lane i % 4, each lane adds
// sequentially from +0.0, and the result is (lane0 + lane1) + (lane2 + lane3). Null rows add nothing.
SumFloat64Result SumFloat64(const double* values, Validity validity, int64_t length);

}  // namespace kindling::kernels
