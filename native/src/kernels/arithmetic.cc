// Values and validity are separate passes: the value loops have no branches (wrapping integer math through
// unsigned types), so the compiler vectorises them; only / and % look at each divisor.
#include "kernels/arithmetic.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace kindling::kernels {

namespace {

// out[i] = f(a[i], b[i]) with one loop per scalar/column combination, so each is a plain vectorisable loop.
template <typename T, typename F>
void Binary(const Operand<T>& a, const Operand<T>& b, int64_t n, T* out, F f) {
  const T* x = a.values;
  const T* y = b.values;
  if (a.scalar && b.scalar) {
    const T r = f(x[0], y[0]);
    for (int64_t i = 0; i < n; ++i) out[i] = r;
  } else if (a.scalar) {
    const T s = x[0];
    for (int64_t i = 0; i < n; ++i) out[i] = f(s, y[i]);
  } else if (b.scalar) {
    const T s = y[0];
    for (int64_t i = 0; i < n; ++i) out[i] = f(x[i], s);
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = f(x[i], y[i]);
  }
}

template <typename T>
T WrapAdd(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) + static_cast<U>(y));
}
template <typename T>
T WrapSub(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) - static_cast<U>(y));
}
template <typename T>
T WrapMul(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) * static_cast<U>(y));
}

bool ValidAt(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
void ClearAt(uint8_t* bits, int64_t i) { bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7))); }

// ANSI + - * on integers: the first valid row whose exact result does not fit, or -1.
template <typename T>
int64_t FirstOverflow(ArithOp op, const Operand<T>& a, const Operand<T>& b, int64_t n, const uint8_t* valid) {
  for (int64_t i = 0; i < n; ++i) {
    T r;
    const T x = a.At(i), y = b.At(i);
    const bool over = op == ArithOp::kAdd        ? __builtin_add_overflow(x, y, &r)
                      : op == ArithOp::kSubtract ? __builtin_sub_overflow(x, y, &r)
                                                 : __builtin_mul_overflow(x, y, &r);
    if (over && ValidAt(valid, i)) return i;
  }
  return -1;
}

// / and %: rows with a zero divisor become NULL (0 in out); under ANSI a valid one stops the kernel.
template <typename T, typename F>
ArithResult Dividing(const Operand<T>& a, const Operand<T>& b, int64_t n, bool ansi, T* out, uint8_t* valid,
                     int64_t nulls, F f) {
  for (int64_t i = 0; i < n; ++i) {
    const T y = b.At(i);
    if (y == 0) {
      out[i] = 0;
      if (ValidAt(valid, i)) {
        if (ansi) return {nulls, i};
        ClearAt(valid, i);
        ++nulls;
      }
    } else {
      out[i] = f(a.At(i), y);
    }
  }
  return {nulls, -1};
}

}  // namespace

int64_t CopyValidity(Validity v, int64_t n, uint8_t* out) {
  return AndValidity(v, Validity{}, n, out);
}

int64_t AndValidity(Validity a, Validity b, int64_t n, uint8_t* out) {
  int64_t valid = 0;
  for (int64_t start = 0; start < n; start += 64) {
    const int m = static_cast<int>(n - start < 64 ? n - start : 64);
    uint64_t w = LowBits(m);
    if (a.bits != nullptr) w &= LoadBits(a.bits, a.offset + start, m);
    if (b.bits != nullptr) w &= LoadBits(b.bits, b.offset + start, m);
    valid += __builtin_popcountll(w);
    const int bytes = (m + 7) >> 3;
    for (int k = 0; k < bytes; ++k) out[(start >> 3) + k] = static_cast<uint8_t>(w >> (8 * k));
  }
  return n - valid;
}

template <typename T>
ArithResult Arithmetic(ArithOp op, Operand<T> a, Operand<T> b, int64_t n, bool ansi, T* out, uint8_t* out_validity) {
  const int64_t nulls = AndValidity(a.scalar ? Validity{} : a.validity, b.scalar ? Validity{} : b.validity, n,
                                    out_validity);
  if constexpr (std::is_floating_point_v<T>) {
    switch (op) {
      case ArithOp::kAdd: Binary(a, b, n, out, [](T x, T y) { return x + y; }); break;
      case ArithOp::kSubtract: Binary(a, b, n, out, [](T x, T y) { return x - y; }); break;
      case ArithOp::kMultiply: Binary(a, b, n, out, [](T x, T y) { return x * y; }); break;
      case ArithOp::kDivide:
        return Dividing(a, b, n, ansi, out, out_validity, nulls, [](T x, T y) { return x / y; });
      case ArithOp::kRemainder:
        // fmod has JavaScript's and Java's % semantics: truncated quotient, the sign of the dividend.
        return Dividing(a, b, n, ansi, out, out_validity, nulls, [](T x, T y) { return std::fmod(x, y); });
    }
  } else {
    switch (op) {
      case ArithOp::kAdd: Binary(a, b, n, out, WrapAdd<T>); break;
      case ArithOp::kSubtract: Binary(a, b, n, out, WrapSub<T>); break;
      case ArithOp::kMultiply: Binary(a, b, n, out, WrapMul<T>); break;
      case ArithOp::kDivide: return {nulls, -1};  // rejected by the N-API layer
      case ArithOp::kRemainder:
        // MIN % -1 is 0 in Java; in C++ it is undefined (the quotient overflows).
        return Dividing(a, b, n, ansi, out, out_validity, nulls, [](T x, T y) { return y == -1 ? T{0} : x % y; });
    }
    if (ansi) return {nulls, FirstOverflow(op, a, b, n, out_validity)};
  }
  return {nulls, -1};
}

template <typename T>
ArithResult Negate(const T* values, Validity validity, int64_t n, bool ansi, T* out, uint8_t* out_validity) {
  const int64_t nulls = CopyValidity(validity, n, out_validity);
  if constexpr (std::is_floating_point_v<T>) {
    for (int64_t i = 0; i < n; ++i) out[i] = -values[i];
  } else {
    using U = std::make_unsigned_t<T>;
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(U{0} - static_cast<U>(values[i]));
    if (ansi) {
      for (int64_t i = 0; i < n; ++i) {
        if (values[i] == std::numeric_limits<T>::min() && ValidAt(out_validity, i)) return {nulls, i};
      }
    }
  }
  return {nulls, -1};
}

template ArithResult Arithmetic<int32_t>(ArithOp, Operand<int32_t>, Operand<int32_t>, int64_t, bool, int32_t*,
                                         uint8_t*);
template ArithResult Arithmetic<int64_t>(ArithOp, Operand<int64_t>, Operand<int64_t>, int64_t, bool, int64_t*,
                                         uint8_t*);
template ArithResult Arithmetic<double>(ArithOp, Operand<double>, Operand<double>, int64_t, bool, double*, uint8_t*);
template ArithResult Negate<int32_t>(const int32_t*, Validity, int64_t, bool, int32_t*, uint8_t*);
template ArithResult Negate<int64_t>(const int64_t*, Validity, int64_t, bool, int64_t*, uint8_t*);
template ArithResult Negate<double>(const double*, Validity, int64_t, bool, double*, uint8_t*);

}  // namespace kindling::kernels
