// Selection masks (one byte per row, nonzero = keep) to row indices.
#pragma once

#include <cstdint>

namespace kindling::kernels {

// Number of nonzero bytes in mask[0, length).
int64_t CountSelected(const uint8_t* mask, int64_t length);

// Writes the indices of the nonzero bytes of mask[0, length) in ascending order to out, which must
// hold exactly `count` = CountSelected(mask, length) elements; never writes past out + count.
void MaskToIndices(const uint8_t* mask, int64_t length, int32_t* out, int64_t count);

}  // namespace kindling::kernels
