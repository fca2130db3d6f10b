// Gather kernel: 8 output rows per step so each validity byte is written once.
#include "kernels/take.h"

#include <cstring>

namespace kindling::kernels {

template <typename T>
TakeResult Take(const T* values, Validity validity, int64_t values_length, const int32_t* indices, int64_t n,
                T* out, uint8_t* out_validity) {
  // Gathers from a column beyond the caches (a join's build side) miss on every row: prefetch the rows
  // one block ahead so several misses are in flight.
  constexpr int64_t kAhead = 16;
  int64_t nulls = 0;
  for (int64_t base = 0; base < n; base += 8) {
    const int m = static_cast<int>(n - base < 8 ? n - base : 8);
    for (int64_t p = base + kAhead; p < base + kAhead + 8 && p < n; ++p) {
      const int64_t idx = indices[p];
      if (static_cast<uint64_t>(idx) < static_cast<uint64_t>(values_length)) __builtin_prefetch(values + idx);
    }
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

namespace kindling::kernels {

TakeResult TakeBits(const uint8_t* bits, int64_t bit_offset, Validity validity, int64_t values_length,
                    const int32_t* indices, int64_t n, uint8_t* out, uint8_t* out_validity) {
  int64_t nulls = 0;
  for (int64_t base = 0; base < n; base += 8) {
    const int m = static_cast<int>(n - base < 8 ? n - base : 8);
    unsigned byte = 0;
    unsigned vbyte = 0;
    for (int k = 0; k < m; ++k) {
      const int64_t idx = indices[base + k];
      if (static_cast<uint64_t>(idx) < static_cast<uint64_t>(values_length)) {
        if (validity.IsValid(idx)) {
          vbyte |= 1u << k;
          if (GetBit(bits, bit_offset + idx)) byte |= 1u << k;
        } else {
          ++nulls;
        }
      } else if (idx == -1) {
        ++nulls;
      } else {
        return {nulls, base + k};
      }
    }
    out[base >> 3] = static_cast<uint8_t>(byte);
    out_validity[base >> 3] = static_cast<uint8_t>(vbyte);
  }
  return {nulls, -1};
}

TakeStringsSize TakeStringBytes(const int32_t* offsets, int64_t bytes_length, int64_t values_length,
                                const int32_t* indices, int64_t n) {
  int64_t total = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t idx = indices[i];
    if (idx == -1) continue;
    if (static_cast<uint64_t>(idx) >= static_cast<uint64_t>(values_length)) return {total, i, -1};
    const int64_t a = offsets[idx];
    const int64_t b = offsets[idx + 1];
    if (a < 0 || b < a || b > bytes_length) return {total, -1, idx};
    total += b - a;
  }
  return {total, -1, -1};
}

TakeResult TakeStrings(const int32_t* offsets, const uint8_t* bytes, Validity validity, const int32_t* indices,
                       int64_t n, int32_t* out_offsets, uint8_t* out_bytes, uint8_t* out_validity) {
  int64_t nulls = 0;
  int64_t pos = 0;
  out_offsets[0] = 0;
  for (int64_t base = 0; base < n; base += 8) {
    const int m = static_cast<int>(n - base < 8 ? n - base : 8);
    unsigned vbyte = 0;
    for (int k = 0; k < m; ++k) {
      const int64_t i = base + k;
      const int64_t idx = indices[i];
      // Indices and offsets were checked by TakeStringBytes. A null source row's bytes are copied too
      // (as the engine always did); only its validity bit says NULL.
      if (idx >= 0) {
        const int64_t a = offsets[idx];
        const int64_t len = offsets[idx + 1] - a;
        if (len > 0) std::memcpy(out_bytes + pos, bytes + a, static_cast<size_t>(len));
        pos += len;
        if (validity.IsValid(idx)) vbyte |= 1u << k;
        else ++nulls;
      } else {
        ++nulls;
      }
      out_offsets[i + 1] = static_cast<int32_t>(pos);
    }
    out_validity[base >> 3] = static_cast<uint8_t>(vbyte);
  }
  return {nulls, -1};
}

}  // namespace kindling::kernels
