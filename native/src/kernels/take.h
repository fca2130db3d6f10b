// Gather (take) of fixed-width values by Int32 indices; index -1 yields a null.
#pragma once

#include <cstdint>

#include "kernels/bitmap.h"

namespace kindling::kernels {

struct TakeResult {
  int64_t null_count;     // nulls in the output
  int64_t bad_index_at;   // position in `indices` of the first out-of-range index, or -1
};

// out gets n values (0 where null); out_validity gets BitmapBytes(n) bytes, fully written
// (trailing bits of the last byte are 0). Stops at the first index < -1 or >= values_length.
template <typename T>
TakeResult Take(const T* values, Validity validity, int64_t values_length, const int32_t* indices, int64_t n,
                T* out, uint8_t* out_validity);

extern template TakeResult Take<int64_t>(const int64_t*, Validity, int64_t, const int32_t*, int64_t, int64_t*,
                                         uint8_t*);
extern template TakeResult Take<double>(const double*, Validity, int64_t, const int32_t*, int64_t, double*,
                                        uint8_t*);
extern template TakeResult Take<int32_t>(const int32_t*, Validity, int64_t, const int32_t*, int64_t, int32_t*,
                                         uint8_t*);

}  // namespace kindling::kernels

namespace kindling::kernels {

// Gather of boolean bits [bit_offset, bit_offset + values_length): out gets BitmapBytes(n) bytes.
TakeResult TakeBits(const uint8_t* bits, int64_t bit_offset, Validity validity, int64_t values_length,
                    const int32_t* indices, int64_t n, uint8_t* out, uint8_t* out_validity);

// Gather of strings (Arrow offsets into bytes[0, bytes_length)), in two passes: TakeStringBytes checks
// every index and the offsets it reads and sums the bytes; TakeStrings then fills out_offsets (n + 1)
// and out_bytes. A bad index sets bad_index_at; bad offsets of source row r set bad_offsets_at = r.
struct TakeStringsSize {
  int64_t bytes;
  int64_t bad_index_at;
  int64_t bad_offsets_at;
};
TakeStringsSize TakeStringBytes(const int32_t* offsets, int64_t bytes_length, int64_t values_length,
                                const int32_t* indices, int64_t n);
TakeResult TakeStrings(const int32_t* offsets, const uint8_t* bytes, Validity validity, const int32_t* indices,
                       int64_t n, int32_t* out_offsets, uint8_t* out_bytes, uint8_t* out_validity);

}  // namespace kindling::kernels
