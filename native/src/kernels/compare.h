// Row-wise comparison of two columns of one kind: -1, 0 or 1 per row in Spark's order (doubles: NaN
// largest and equal to itself, -0.0 = 0.0; strings by unsigned bytes). NULL rows get an arbitrary result.
#pragma once

#include <cstdint>

#include "kernels/key_dictionary.h"

namespace kindling::kernels {

// Returns -1, or the first row whose string offsets are out of bounds on either side.
int64_t CompareColumns(const KeyColumn& a, const KeyColumn& b, int64_t n, int8_t* out);

}  // namespace kindling::kernels
