// Row-wise comparison of two columns of one kind: -1, 0 or 1 per row in Spark's order (doubles: NaN
// largest and equal to itself, -0.0 = 0.0; strings by unsigned bytes). NULL rows get an arbitrary result.
#pragma once

#include <cstdint>

#include "kernels/key_dictionary.h"

namespace kindling::kernels {

// Returns -1, or the first row whose string offsets are out of bounds on either side.
int64_t CompareColumns(const KeyColumn& a, const KeyColumn& b, int64_t n, int8_t* out);

enum class CmpOp : int { kEq = 0, kNe = 1, kLt = 2, kLe = 3, kGt = 4, kGe = 5, kNullSafeEq = 6 };

// a op b as a boolean column: out_bits / out_validity get BitmapBytes(n) bytes from bit 0. A scalar side is
// row 0 for every row. NULL on either side gives NULL, except for <=> (NULL <=> NULL is TRUE, never NULL).
// String offsets must have been checked (CheckOffsets). Returns the NULL count.
int64_t CompareToBits(CmpOp op, const KeyColumn& a, bool a_scalar, const KeyColumn& b, bool b_scalar, int64_t n,
                      uint8_t* out_bits, uint8_t* out_validity);

// -1, or the first of `rows` rows whose string offsets are decreasing or outside the bytes.
int64_t CheckOffsets(const KeyColumn& c, int64_t rows);

}  // namespace kindling::kernels
