// Int64 group map and the groupBy-sum kernel.
#include "kernels/group_by.h"

#include "kernels/hash.h"

namespace kindling::kernels {

namespace {
constexpr size_t kInitialSlots = 1024;
}

Int64GroupMap::Int64GroupMap() : slots_(kInitialSlots, Slot{0, -1}), mask_(kInitialSlots - 1) {}

uint64_t Int64GroupMap::Hash(int64_t key) { return Fmix64(static_cast<uint64_t>(key)); }

void Int64GroupMap::Grow() {
  std::vector<Slot> bigger(slots_.size() * 2, Slot{0, -1});
  const uint64_t mask = bigger.size() - 1;
  for (const Slot& s : slots_) {
    if (s.group < 0) continue;
    uint64_t pos = Hash(s.key) & mask;
    while (bigger[pos].group >= 0) pos = (pos + 1) & mask;
    bigger[pos] = s;
  }
  slots_.swap(bigger);
  mask_ = mask;
}

GroupByInt64SumResult GroupByInt64Sum(const int64_t* keys, Validity key_validity, const double* vals,
                                      Validity val_validity, int64_t length) {
  GroupByInt64SumResult r;
  Int64GroupMap map;
  auto new_group = [&r](int64_t key) {
    r.keys.push_back(key);
    r.sums.push_back(0.0);
    r.counts.push_back(0);
  };
  for (int64_t i = 0; i < length; ++i) {
    int64_t g;
    if (key_validity.IsValid(i)) {
      bool inserted;
      g = map.FindOrInsert(keys[i], static_cast<int64_t>(r.keys.size()), &inserted);
      if (inserted) new_group(keys[i]);
    } else {
      if (r.null_group < 0) {
        r.null_group = static_cast<int64_t>(r.keys.size());
        new_group(0);
      }
      g = r.null_group;
    }
    if (val_validity.IsValid(i)) {
      r.sums[g] += vals[i];
      r.counts[g] += 1;
    }
  }
  return r;
}

}  // namespace kindling::kernels
