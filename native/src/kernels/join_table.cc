// Bucket-sorted join table: a probe reads starts_[bucket] and then that bucket's contiguous entries, so a
// stream row costs about two cache misses, and the probe prefetches them for the rows a little ahead.
#include "kernels/join_table.h"

#include <cstring>

namespace kindling::kernels {

namespace {

// 1 equal, 0 different, -1 bad offsets on the stream side, -2 on the build side.
inline int KeyEquals(const KeyColumn& b, int64_t bi, const KeyColumn& s, int64_t si) {
  switch (b.kind) {
    case KeyKind::kInt32:
      return static_cast<const int32_t*>(b.values)[bi] == static_cast<const int32_t*>(s.values)[si];
    case KeyKind::kInt64:
      return static_cast<const int64_t*>(b.values)[bi] == static_cast<const int64_t*>(s.values)[si];
    case KeyKind::kFloat64: {
      const double x = static_cast<const double*>(b.values)[bi];
      const double y = static_cast<const double*>(s.values)[si];
      return x == y || (x != x && y != y);
    }
    case KeyKind::kBoolean:
      return GetBit(static_cast<const uint8_t*>(b.values), b.bit_offset + bi) ==
             GetBit(static_cast<const uint8_t*>(s.values), s.bit_offset + si);
    case KeyKind::kString: {
      const int64_t ba = b.offsets[bi], bb = b.offsets[bi + 1];
      const int64_t sa = s.offsets[si], sb = s.offsets[si + 1];
      if (ba < 0 || bb < ba || bb > b.bytes_length) return -2;
      if (sa < 0 || sb < sa || sb > s.bytes_length) return -1;
      if (bb - ba != sb - sa) return 0;
      return bb == ba || std::memcmp(static_cast<const uint8_t*>(b.values) + ba,
                                     static_cast<const uint8_t*>(s.values) + sa, static_cast<size_t>(bb - ba)) == 0;
    }
  }
  return 0;
}

inline bool IsFixed(KeyKind k) { return k == KeyKind::kInt32 || k == KeyKind::kInt64 || k == KeyKind::kFloat64; }

// Key bits under which join-equal values are equal: -0.0 → 0.0, every NaN → the canonical NaN.
inline uint64_t FixedKeyBits(const KeyColumn& c, int64_t i) {
  switch (c.kind) {
    case KeyKind::kInt32:
      return static_cast<uint64_t>(static_cast<int64_t>(static_cast<const int32_t*>(c.values)[i]));
    case KeyKind::kInt64:
      return static_cast<uint64_t>(static_cast<const int64_t*>(c.values)[i]);
    case KeyKind::kFloat64: {
      const double x = static_cast<const double*>(c.values)[i];
      if (x != x) return 0x7ff8000000000000ULL;
      if (x == 0) return 0;
      uint64_t bits;
      std::memcpy(&bits, &x, 8);
      return bits;
    }
    default:
      return 0;
  }
}

constexpr int64_t kPrefetch = 16;

}  // namespace

JoinTable::JoinTable(const uint32_t* hashes, const uint8_t* skip, int64_t n, const KeyColumn* keys, int num_keys)
    : num_rows_(n) {
  for (int k = 0; k < num_keys; ++k) key_kinds_.push_back(keys[k].kind);
  uint64_t size = 16;
  while (size < 2 * static_cast<uint64_t>(n)) size *= 2;
  mask_ = size - 1;
  starts_.assign(size + 1, 0);
  int64_t total = 0;
  for (int64_t r = 0; r < n; ++r) {
    if (skip != nullptr && skip[r] != 0) continue;
    ++starts_[(hashes[r] & mask_) + 1];
    ++total;
  }
  for (uint64_t b = 0; b < size; ++b) starts_[b + 1] += starts_[b];
  entries_.resize(static_cast<size_t>(total));
  inline_keys_ = num_keys == 1 && IsFixed(keys[0].kind);
  std::vector<int32_t> fill(starts_.begin(), starts_.end() - 1);
  for (int64_t r = 0; r < n; ++r) {
    if (skip != nullptr && skip[r] != 0) continue;
    const int32_t e = fill[hashes[r] & mask_]++;
    entries_[e] = Entry{hashes[r], static_cast<int32_t>(r), inline_keys_ ? FixedKeyBits(keys[0], r) : 0};
  }
}

int64_t JoinTable::bytes() const {
  return static_cast<int64_t>(starts_.size() * sizeof(int32_t) + entries_.size() * sizeof(Entry));
}

int64_t JoinTable::Probe(const uint32_t* stream_hashes, const uint8_t* stream_skip, int64_t m, const KeyColumn* build,
                         const KeyColumn* stream, int num_keys, bool first_match_only, Cursor* cursor, int32_t* si,
                         int32_t* bi, int64_t cap, int64_t* bad_row) const {
  *bad_row = -1;
  int64_t count = 0;
  int64_t s = cursor->row;
  int64_t pos = cursor->pos;
  const int32_t* starts = starts_.data();
  const Entry* entries = entries_.data();
  const int32_t num_entries = static_cast<int32_t>(entries_.size());
  const bool inline_keys = inline_keys_;
  for (; s < m; ++s, pos = -1) {
    if (pos == -1) {
      if (s + kPrefetch < m) __builtin_prefetch(starts + (stream_hashes[s + kPrefetch] & mask_));
      if (s + kPrefetch / 2 < m) {
        // The bucket bounds of this row were prefetched a few rows ago; now fetch its first entry.
        const int32_t e = starts[stream_hashes[s + kPrefetch / 2] & mask_];
        if (e < num_entries) __builtin_prefetch(entries + e);
      }
      if (stream_skip != nullptr && stream_skip[s] != 0) continue;
      pos = starts[stream_hashes[s] & mask_];
    }
    const uint32_t h = stream_hashes[s];
    const int64_t end = starts[(h & mask_) + 1];
    const uint64_t key = inline_keys ? FixedKeyBits(stream[0], s) : 0;
    for (; pos < end; ++pos) {
      const Entry& en = entries[pos];
      if (en.hash != h) continue;
      int eq;
      if (inline_keys) {
        eq = en.key == key;
      } else {
        eq = 1;
        for (int k = 0; k < num_keys && eq == 1; ++k) eq = KeyEquals(build[k], en.row, stream[k], s);
        if (eq < 0) {
          *bad_row = eq == -1 ? s : -2 - en.row;
          cursor->row = m;
          cursor->pos = -1;
          return count;
        }
      }
      if (eq == 0) continue;
      if (count == cap) {
        cursor->row = s;
        cursor->pos = pos;
        return count;
      }
      si[count] = static_cast<int32_t>(s);
      bi[count] = en.row;
      ++count;
      if (first_match_only) break;
    }
  }
  cursor->row = m;
  cursor->pos = -1;
  return count;
}

}  // namespace kindling::kernels
