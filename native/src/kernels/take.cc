// Gather kernel: 8 output rows per step so each validity byte is written once.
#include "kernels/take.h"

namespace kindling::kernels {

template <typename T>
TakeResult Take(const T* values, Validity validity, int64_t values_length, const int32_t* indices, int64_t n,
                T* out, uint8_t* out_validity) {
  int64_t nulls = 0;
  for (int64_t base = 0; base < n; base += 8) {
    const int m = static_cast<int>(n - base < 8 ? n - base : 8);
    unsigned byte = 0;
    for (int k = 0; k < m; ++k) {
      const int64_t i = base + k;
      const int64_t idx = indices[i];
      // One unsigned compare covers idx < 0 and idx >= length; -1 is then the only legal negative.
      if (static_cast<uint64_t>(idx) < static_cast<uint64_t>(values_length)) {
        if (validity.IsValid(idx)) {
          out[i] = values[idx];
          byte |= 1u << k;
        } else {
          out[i] = T{};
          ++nulls;
        }
      } else if (idx == -1) {
        out[i] = T{};
        ++nulls;
      } else {
        return {nulls, i};
      }
    }
    out_validity[base >> 3] = static_cast<uint8_t>(byte);
  }
  return {nulls, -1};
}

template TakeResult Take<int64_t>(const int64_t*, Validity, int64_t, const int32_t*, int64_t, int64_t*,
                                  uint8_t*);
template TakeResult Take<double>(const double*, Validity, int64_t, const int32_t*, int64_t, double*, uint8_t*);
template TakeResult Take<int32_t>(const int32_t*, Validity, int64_t, const int32_t*, int64_t, int32_t*,
                                  uint8_t*);

}  // namespace kindling::kernels
