// One loop per kind, so the compiler can vectorise the fixed-width ones.
#include "kernels/compare.h"

#include <cstring>

namespace kindling::kernels {

namespace {

template <typename T>
void CompareFixed(const T* x, const T* y, int64_t n, int8_t* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<int8_t>((x[i] > y[i]) - (x[i] < y[i]));
}

}  // namespace

int64_t CompareColumns(const KeyColumn& a, const KeyColumn& b, int64_t n, int8_t* out) {
  switch (a.kind) {
    case KeyKind::kInt32:
      CompareFixed(static_cast<const int32_t*>(a.values), static_cast<const int32_t*>(b.values), n, out);
      return -1;
    case KeyKind::kInt64:
      CompareFixed(static_cast<const int64_t*>(a.values), static_cast<const int64_t*>(b.values), n, out);
      return -1;
    case KeyKind::kFloat64: {
      const double* x = static_cast<const double*>(a.values);
      const double* y = static_cast<const double*>(b.values);
      for (int64_t i = 0; i < n; ++i) {
        const double u = x[i], v = y[i];
        const int ordered = (u > v) - (u < v);
        // Unordered only when a NaN is involved: NaN = NaN, NaN above everything.
        const bool un = u != u, vn = v != v;
        out[i] = static_cast<int8_t>(un || vn ? (un == vn ? 0 : un ? 1 : -1) : ordered);
      }
      return -1;
    }
    case KeyKind::kBoolean: {
      const uint8_t* x = static_cast<const uint8_t*>(a.values);
      const uint8_t* y = static_cast<const uint8_t*>(b.values);
      for (int64_t i = 0; i < n; ++i) {
        out[i] = static_cast<int8_t>(static_cast<int>(GetBit(x, a.bit_offset + i)) -
                                     static_cast<int>(GetBit(y, b.bit_offset + i)));
      }
      return -1;
    }
    case KeyKind::kString: {
      const uint8_t* xb = static_cast<const uint8_t*>(a.values);
      const uint8_t* yb = static_cast<const uint8_t*>(b.values);
      for (int64_t i = 0; i < n; ++i) {
        const int64_t a0 = a.offsets[i], a1 = a.offsets[i + 1];
        const int64_t b0 = b.offsets[i], b1 = b.offsets[i + 1];
        if (a0 < 0 || a1 < a0 || a1 > a.bytes_length || b0 < 0 || b1 < b0 || b1 > b.bytes_length) return i;
        const int64_t la = a1 - a0, lb = b1 - b0;
        const int64_t m = la < lb ? la : lb;
        const int r = m == 0 ? 0 : std::memcmp(xb + a0, yb + b0, static_cast<size_t>(m));
        out[i] = static_cast<int8_t>(r != 0 ? (r < 0 ? -1 : 1) : (la > lb) - (la < lb));
      }
      return -1;
    }
  }
  return -1;
}

}  // namespace kindling::kernels

// CompareToBits: one three-way comparison per row, packed 64 rows per word by the op's predicate. The scalar
// sides are template parameters, so each loop reads plain arrays.
namespace kindling::kernels {

namespace {

template <typename Pred>
void Pack(int64_t n, uint8_t* out, Pred pred) {
  for (int64_t start = 0; start < n; start += 64) {
    const int m = static_cast<int>(n - start < 64 ? n - start : 64);
    uint64_t w = 0;
    for (int k = 0; k < m; ++k) w |= static_cast<uint64_t>(pred(start + k)) << k;
    const int bytes = (m + 7) >> 3;
    for (int k = 0; k < bytes; ++k) out[(start >> 3) + k] = static_cast<uint8_t>(w >> (8 * k));
  }
}

// Packs op(c3(i)) where c3 is a three-way comparison (-1, 0, 1).
template <typename C3>
void PackOp(CmpOp op, int64_t n, uint8_t* out, C3 c3) {
  switch (op) {
    case CmpOp::kEq:
    case CmpOp::kNullSafeEq: Pack(n, out, [&](int64_t i) { return c3(i) == 0; }); return;
    case CmpOp::kNe: Pack(n, out, [&](int64_t i) { return c3(i) != 0; }); return;
    case CmpOp::kLt: Pack(n, out, [&](int64_t i) { return c3(i) < 0; }); return;
    case CmpOp::kLe: Pack(n, out, [&](int64_t i) { return c3(i) <= 0; }); return;
    case CmpOp::kGt: Pack(n, out, [&](int64_t i) { return c3(i) > 0; }); return;
    case CmpOp::kGe: Pack(n, out, [&](int64_t i) { return c3(i) >= 0; }); return;
  }
}

inline int CmpDouble(double u, double v) {
  const bool un = u != u, vn = v != v;
  if (un || vn) return un == vn ? 0 : un ? 1 : -1;
  return (u > v) - (u < v);
}

template <bool AS, bool BS>
void Dispatch(CmpOp op, const KeyColumn& a, const KeyColumn& b, int64_t n, uint8_t* out) {
  auto ia = [](int64_t i) { return AS ? int64_t{0} : i; };
  auto ib = [](int64_t i) { return BS ? int64_t{0} : i; };
  switch (a.kind) {
    case KeyKind::kInt32: {
      const int32_t* x = static_cast<const int32_t*>(a.values);
      const int32_t* y = static_cast<const int32_t*>(b.values);
      PackOp(op, n, out, [&](int64_t i) { return (x[ia(i)] > y[ib(i)]) - (x[ia(i)] < y[ib(i)]); });
      return;
    }
    case KeyKind::kInt64: {
      const int64_t* x = static_cast<const int64_t*>(a.values);
      const int64_t* y = static_cast<const int64_t*>(b.values);
      PackOp(op, n, out, [&](int64_t i) { return (x[ia(i)] > y[ib(i)]) - (x[ia(i)] < y[ib(i)]); });
      return;
    }
    case KeyKind::kFloat64: {
      const double* x = static_cast<const double*>(a.values);
      const double* y = static_cast<const double*>(b.values);
      PackOp(op, n, out, [&](int64_t i) { return CmpDouble(x[ia(i)], y[ib(i)]); });
      return;
    }
    case KeyKind::kBoolean: {
      const uint8_t* x = static_cast<const uint8_t*>(a.values);
      const uint8_t* y = static_cast<const uint8_t*>(b.values);
      PackOp(op, n, out, [&](int64_t i) {
        return static_cast<int>(GetBit(x, a.bit_offset + ia(i))) - static_cast<int>(GetBit(y, b.bit_offset + ib(i)));
      });
      return;
    }
    case KeyKind::kString: {
      const uint8_t* xb = static_cast<const uint8_t*>(a.values);
      const uint8_t* yb = static_cast<const uint8_t*>(b.values);
      PackOp(op, n, out, [&](int64_t i) {
        const int64_t a0 = a.offsets[ia(i)], la = a.offsets[ia(i) + 1] - a0;
        const int64_t b0 = b.offsets[ib(i)], lb = b.offsets[ib(i) + 1] - b0;
        const int64_t m = la < lb ? la : lb;
        const int r = m == 0 ? 0 : std::memcmp(xb + a0, yb + b0, static_cast<size_t>(m));
        return r != 0 ? (r < 0 ? -1 : 1) : static_cast<int>((la > lb) - (la < lb));
      });
      return;
    }
  }
}

uint64_t ValidWord(const Validity& v, bool scalar, int64_t start, int m) {
  if (v.bits == nullptr) return LowBits(m);
  if (scalar) return v.IsValid(0) ? LowBits(m) : 0;
  return LoadBits(v.bits, v.offset + start, m);
}

}  // namespace

int64_t CheckOffsets(const KeyColumn& c, int64_t rows) {
  if (c.kind != KeyKind::kString || rows == 0) return -1;
  if (c.offsets[0] < 0) return 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (c.offsets[i + 1] < c.offsets[i] || c.offsets[i + 1] > c.bytes_length) return i;
  }
  return -1;
}

int64_t CompareToBits(CmpOp op, const KeyColumn& a, bool a_scalar, const KeyColumn& b, bool b_scalar, int64_t n,
                      uint8_t* out_bits, uint8_t* out_validity) {
  if (a_scalar && b_scalar) {
    Dispatch<true, true>(op, a, b, n, out_bits);
  } else if (a_scalar) {
    Dispatch<true, false>(op, a, b, n, out_bits);
  } else if (b_scalar) {
    Dispatch<false, true>(op, a, b, n, out_bits);
  } else {
    Dispatch<false, false>(op, a, b, n, out_bits);
  }
  int64_t valid = 0;
  for (int64_t start = 0; start < n; start += 64) {
    const int m = static_cast<int>(n - start < 64 ? n - start : 64);
    const uint64_t va = ValidWord(a.validity, a_scalar, start, m);
    const uint64_t vb = ValidWord(b.validity, b_scalar, start, m);
    const int bytes = (m + 7) >> 3;
    uint64_t mask, v;
    v = 0;
    for (int k = 0; k < bytes; ++k) v |= static_cast<uint64_t>(out_bits[(start >> 3) + k]) << (8 * k);
    if (op == CmpOp::kNullSafeEq) {
      v = ((v & va & vb) | (~va & ~vb)) & LowBits(m);
      mask = LowBits(m);
    } else {
      mask = va & vb;
      v &= mask;
    }
    valid += __builtin_popcountll(mask);
    for (int k = 0; k < bytes; ++k) {
      out_bits[(start >> 3) + k] = static_cast<uint8_t>(v >> (8 * k));
      out_validity[(start >> 3) + k] = static_cast<uint8_t>(mask >> (8 * k));
    }
  }
  return n - valid;
}

}  // namespace kindling::kernels
