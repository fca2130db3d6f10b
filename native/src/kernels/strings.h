// String kernels on Arrow's offset layout (row i is bytes[offsets[i] .. offsets[i+1]), UTF-8): SQL LIKE and
// upper/lower case mapping. Nothing here knows about Node.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/bitmap.h"

namespace kindling::kernels {

struct StringColumn {
  const int32_t* offsets;  // n + 1 entries (1 for a scalar)
  const uint8_t* bytes;
  int64_t bytes_length;
  Validity validity;
  bool scalar = false;  // row 0 stands for every row
};

// Returns -1, or the first row whose offsets are decreasing or outside bytes (checked before any work).
int64_t CheckStringOffsets(const StringColumn& c, int64_t n);

struct LikeResult {
  int64_t null_count;
  int64_t bad_pattern_at;  // first row whose pattern is malformed (escape at the end or before another char), or -1
};

// s LIKE p with Spark's rules: '%' any run, '_' one character (code point), '\' escapes '_', '%' and '\'.
// out_bits / out_validity get BitmapBytes(n) bytes; NULL when either side is NULL.
LikeResult Like(const StringColumn& s, const StringColumn& p, int64_t n, uint8_t* out_bits, uint8_t* out_validity);

// Case mapping of the code points above ASCII: keys sorted ascending; key k maps to
// bytes[offsets[k] .. offsets[k+1]) (UTF-8). Code points not listed map to themselves.
struct CaseTable {
  const int32_t* keys = nullptr;
  int64_t size = 0;
  const int32_t* offsets = nullptr;
  const uint8_t* bytes = nullptr;
};

struct CaseMapResult {
  int64_t null_count;
  bool needs_table;                 // a non-ASCII row was met and no table was given: nothing was written
  bool too_large;                   // the output would pass 2^31 - 1 bytes (Int32 offsets): nothing usable
  std::vector<int32_t> sigma_rows;  // lower: rows holding U+03A3, whose final-sigma form depends on context
};

// upper (to_upper) or lower of every row; out_offsets gets n + 1 entries, out_bytes the mapped strings,
// out_validity BitmapBytes(n) bytes. ASCII rows are mapped byte by byte; others code point by code point
// through `table`; bytes that are not valid UTF-8 are copied as they are.
CaseMapResult CaseMap(const StringColumn& s, int64_t n, bool to_upper, const CaseTable& table,
                      int32_t* out_offsets, std::vector<uint8_t>& out_bytes, uint8_t* out_validity);

}  // namespace kindling::kernels
