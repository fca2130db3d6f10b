// Hash-join build and probe: the build side's rows grouped by hash bucket (a counting sort, so each
// bucket's rows sit together in input order), probed a buffer of (stream row, build row) pairs at a time,
// comparing the key columns themselves (SQL join equality: NaN = NaN, -0.0 = 0.0; rows with a NULL key
// are never inserted nor probed).
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/bitmap.h"
#include "kernels/key_dictionary.h"

namespace kindling::kernels {

class JoinTable {
 public:
  // skip (one byte per row, may be null): rows with a nonzero byte are left out (NULL keys). With one
  // int32/int64/float64 key column, its normalised values are copied beside the hashes, so a probe
  // compares keys without a random access into the build column.
  JoinTable(const uint32_t* hashes, const uint8_t* skip, int64_t n, const KeyColumn* keys, int num_keys);

  int64_t num_rows() const { return num_rows_; }
  // Kinds of the key columns the table was built with; probes must pass columns of the same kinds.
  const std::vector<KeyKind>& key_kinds() const { return key_kinds_; }
  int64_t num_entries() const { return static_cast<int64_t>(entries_.size()); }
  int64_t bytes() const;

  struct Cursor {
    int64_t row = 0;    // next stream row
    int64_t pos = -1;   // next entry of that row's bucket, -1 when the row is not started
  };

  // Fills si/bi with up to `cap` key-equal pairs, resuming at *cursor; returns the count (0 = done).
  // `build`/`stream` are the key columns compared here (same kinds, in the same order). With
  // first_match_only, a stream row stops at its first match. *bad_row gets the first stream row (or
  // -2 - build row) whose string offsets are out of bounds, and the probe stops there.
  int64_t Probe(const uint32_t* stream_hashes, const uint8_t* stream_skip, int64_t m, const KeyColumn* build,
                const KeyColumn* stream, int num_keys, bool first_match_only, Cursor* cursor, int32_t* si,
                int32_t* bi, int64_t cap, int64_t* bad_row) const;

 private:
  int64_t num_rows_;
  std::vector<KeyKind> key_kinds_;
  uint64_t mask_;
  // One entry per inserted build row, 16 bytes: a probe's hash check, key check and row id share a
  // cache line.
  struct Entry {
    uint32_t hash;
    int32_t row;
    uint64_t key;  // normalised key (single fixed-width key only, else 0)
  };
  std::vector<int32_t> starts_;  // bucket b's entries are [starts_[b], starts_[b + 1])
  std::vector<Entry> entries_;
  bool inline_keys_ = false;
};

}  // namespace kindling::kernels
