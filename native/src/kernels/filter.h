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

namespace kindling::kernels {

// Selection as a bitmap of 64-bit words (bit i set = keep row i; bits past `length` are 0): the form the
// compaction kernels below read, 64 rows per step. Writes WordsFor(length) words, returns the count kept.
inline int64_t WordsFor(int64_t length) { return (length + 63) >> 6; }
int64_t MaskToSelection(const uint8_t* mask, int64_t length, uint64_t* words);
// Number of set bits in words[0, WordsFor(length)), counting only rows below length.
int64_t CountSelection(const uint64_t* words, int64_t length);

// Compaction: the selected rows of a column, written straight to outputs sized for `count` =
// CountSelection(sel, length) rows. All-set words copy 64 rows at once, all-clear words are skipped.
template <typename T>
void CompactFixed(const T* values, const uint64_t* sel, int64_t length, int64_t count, T* out);
// Selected bits of src (from bit src_offset) appended to dst from bit 0 (dst: BitmapBytes(count) bytes,
// fully written). Returns the number of set bits written.
int64_t CompactBits(const uint8_t* src, int64_t src_offset, const uint64_t* sel, int64_t length, uint8_t* dst);
// Strings: CompactStringBytes sums the selected rows' bytes, checking their offsets (-1, or the first
// selected row whose offsets are not within [0, bytes_length], in *bad_row); CompactStrings then writes
// count + 1 offsets and the bytes.
int64_t CompactStringBytes(const int32_t* offsets, int64_t bytes_length, const uint64_t* sel, int64_t length,
                           int64_t* bad_row);
void CompactStrings(const int32_t* offsets, const uint8_t* bytes, const uint64_t* sel, int64_t length,
                    int32_t* out_offsets, uint8_t* out_bytes);

}  // namespace kindling::kernels
