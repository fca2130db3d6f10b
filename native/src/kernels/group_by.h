// Hash grouping of Int64 keys: an open-addressing key → group-id map, and the groupBy-sum kernel on it.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/bitmap.h"

namespace kindling::kernels {

// Open addressing with linear probing over a power-of-two table kept at most half full.
// Group ids are dense, assigned in order of first appearance by the caller.
class Int64GroupMap {
 public:
  Int64GroupMap();

  // Returns the group id of `key`; when the key is new, records it with id `next_id` and sets *inserted.
  int64_t FindOrInsert(int64_t key, int64_t next_id, bool* inserted) {
    uint64_t pos = Hash(key) & mask_;
    for (;;) {
      Slot& s = slots_[pos];
      if (s.group < 0) {
        s.key = key;
        s.group = next_id;
        *inserted = true;
        if (++size_ * 2 > static_cast<int64_t>(slots_.size())) Grow();
        return next_id;
      }
      if (s.key == key) {
        *inserted = false;
        return s.group;
      }
      pos = (pos + 1) & mask_;
    }
  }

  int64_t size() const { return size_; }

 private:
  struct Slot {
    int64_t key;
    int64_t group;  // -1 = empty
  };
  static uint64_t Hash(int64_t key);
  void Grow();

  std::vector<Slot> slots_;
  uint64_t mask_;
  int64_t size_ = 0;
};

struct GroupByInt64SumResult {
  std::vector<int64_t> keys;    // one per group, in order of first appearance (0 for the NULL group)
  std::vector<double> sums;     // sum of the group's non-null values (rows in input order)
  std::vector<int64_t> counts;  // number of non-null values in the group
  int64_t null_group = -1;      // id of the group of NULL keys, or -1 when there is none
};

// GROUP BY key, SUM(val), COUNT(val). NULL keys form one group; NULL values are skipped.
// Throws std::bad_alloc when the groups do not fit in memory.
GroupByInt64SumResult GroupByInt64Sum(const int64_t* keys, Validity key_validity, const double* vals,
                                      Validity val_validity, int64_t length);

}  // namespace kindling::kernels
