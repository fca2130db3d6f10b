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
