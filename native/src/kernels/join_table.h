// Hash-join build and probe: a chained table over the build side's row hashes, probed a buffer of
// (stream row, build row) pairs at a time, comparing the key columns themselves (SQL join equality:
// NaN = NaN, -0.0 = 0.0; rows with a NULL key are never inserted nor probed).
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/bitmap.h"
#include "kernels/key_dictionary.h"

namespace kindling::kernels {

class JoinTable {
 public:
  // skip (one byte per row, may be null): rows with a nonzero byte are left out (NULL keys).
  JoinTable(const uint32_t* hashes, const uint8_t* skip, int64_t n);

  int64_t num_rows() const { return static_cast<int64_t>(hashes_.size()); }

  struct Cursor {
    int64_t row = 0;     // next stream row
    int64_t chain = -1;  // next build row of its chain, -1 when the row's chain is not started
  };

  // Fills si/bi with up to `cap` key-equal pairs, resuming at *cursor; returns the count (0 = done).
  // `build`/`stream` are the key columns compared here (same kinds, in the same order).
  // With first_match_only, a stream row stops at its first match. *bad_row gets the first stream row
  // (or -2 - build row) whose string offsets are out of bounds, and the probe stops there.
  int64_t Probe(const uint32_t* stream_hashes, const uint8_t* stream_skip, int64_t m, const KeyColumn* build,
                const KeyColumn* stream, int num_keys, bool first_match_only, Cursor* cursor, int32_t* si,
                int32_t* bi, int64_t cap, int64_t* bad_row) const;

 private:
  std::vector<uint32_t> hashes_;
  std::vector<int32_t> head_;
  std::vector<int32_t> next_;
  uint64_t mask_;
};

}  // namespace kindling::kernels
