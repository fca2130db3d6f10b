// Boolean kernels over bitmaps, 64 rows per step: Kleene three-valued AND/OR, NOT, IS [NOT] NULL, and the
// TRUE-rows mask a filter keeps. Inputs start at any bit offset; outputs start at bit 0.
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

enum class LogicOp : int { kAnd = 0, kOr = 1, kNot = 2, kIsNull = 3, kIsNotNull = 4 };

// Boolean values: bit (offset + i) is row i.
struct Bits {
  const uint8_t* bits = nullptr;
  int64_t offset = 0;
};

// out_values / out_validity get BitmapBytes(n) bytes (trailing bits 0); returns the NULL count of the result
// (always 0 for IS [NOT] NULL). b is read by AND/OR only; a's values are not read by IS [NOT] NULL.
// AND: FALSE wins, then NULL; OR: TRUE wins, then NULL. NULL rows of the result carry value 0.
int64_t Logic(LogicOp op, Bits a, Validity av, Bits b, Validity bv, int64_t n, uint8_t* out_values,
              uint8_t* out_validity);

// out[i] = 1 when row i is TRUE (not NULL and set), else 0; returns the number of TRUE rows.
int64_t TrueMask(Bits a, Validity av, int64_t n, uint8_t* out);

}  // namespace kindling::kernels
