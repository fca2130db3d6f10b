// Arithmetic over primitive columns and scalars with Spark's non-ANSI semantics: integers wrap on overflow,
// division or remainder by zero gives NULL. Under ANSI the kernel stops at the first row that would raise.
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

enum class ArithOp : int { kAdd = 0, kSubtract = 1, kMultiply = 2, kDivide = 3, kRemainder = 4 };

// One operand: n values, or one value broadcast to every row (scalar).
template <typename T>
struct Operand {
  const T* values;
  Validity validity;
  bool scalar;
  T At(int64_t i) const { return values[scalar ? 0 : i]; }
};

struct ArithResult {
  int64_t null_count;  // NULL rows of the output
  int64_t error_at;    // ANSI only: first valid row that overflows or divides by zero, else -1
};

// out gets n values (0 on rows divided by zero); out_validity gets BitmapBytes(n) bytes: the AND of both
// operands' validity with division-by-zero rows cleared (trailing bits 0). Integer division (kDivide on
// int32/int64) is not defined: the analyzer casts `/` operands to double.
template <typename T>
ArithResult Arithmetic(ArithOp op, Operand<T> a, Operand<T> b, int64_t n, bool ansi, T* out, uint8_t* out_validity);

// Unary minus: -MIN wraps to MIN (ANSI: error_at). out_validity is a copy of the input's, from bit 0.
template <typename T>
ArithResult Negate(const T* values, Validity validity, int64_t n, bool ansi, T* out, uint8_t* out_validity);

// Writes validity bits [0, n) of `v` into out (BitmapBytes(n) bytes, trailing bits 0); returns the NULL count.
int64_t CopyValidity(Validity v, int64_t n, uint8_t* out);
// out = a AND b (each possibly all valid); returns the NULL count.
int64_t AndValidity(Validity a, Validity b, int64_t n, uint8_t* out);

extern template ArithResult Arithmetic<int32_t>(ArithOp, Operand<int32_t>, Operand<int32_t>, int64_t, bool,
                                                int32_t*, uint8_t*);
extern template ArithResult Arithmetic<int64_t>(ArithOp, Operand<int64_t>, Operand<int64_t>, int64_t, bool,
                                                int64_t*, uint8_t*);
extern template ArithResult Arithmetic<double>(ArithOp, Operand<double>, Operand<double>, int64_t, bool, double*,
                                               uint8_t*);
extern template ArithResult Negate<int32_t>(const int32_t*, Validity, int64_t, bool, int32_t*, uint8_t*);
extern template ArithResult Negate<int64_t>(const int64_t*, Validity, int64_t, bool, int64_t*, uint8_t*);
extern template ArithResult Negate<double>(const double*, Validity, int64_t, bool, double*, uint8_t*);

}  // namespace kindling::kernels
