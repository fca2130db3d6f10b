// Chained hash table: head[bucket] → first build row, next[row] → the next one; rows are inserted
// backwards so each chain lists rows in input order (the output order the engine has always had).
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

}  // namespace

JoinTable::JoinTable(const uint32_t* hashes, const uint8_t* skip, int64_t n) : hashes_(hashes, hashes + n) {
  uint64_t size = 16;
  while (size < 2 * static_cast<uint64_t>(n)) size *= 2;
  mask_ = size - 1;
  head_.assign(size, -1);
  next_.assign(static_cast<size_t>(n), -1);
  for (int64_t r = n - 1; r >= 0; --r) {
    if (skip != nullptr && skip[r] != 0) continue;
    const uint64_t b = hashes[r] & mask_;
    next_[r] = head_[b];
    head_[b] = static_cast<int32_t>(r);
  }
}

int64_t JoinTable::Probe(const uint32_t* stream_hashes, const uint8_t* stream_skip, int64_t m, const KeyColumn* build,
                         const KeyColumn* stream, int num_keys, bool first_match_only, Cursor* cursor, int32_t* si,
                         int32_t* bi, int64_t cap, int64_t* bad_row) const {
  *bad_row = -1;
  int64_t count = 0;
  int64_t s = cursor->row;
  int64_t c = cursor->chain;
  const int32_t* head = head_.data();
  const int32_t* next = next_.data();
  const uint32_t* hashes = hashes_.data();
  while (s < m) {
    if (c == -1) {
      if (stream_skip != nullptr && stream_skip[s] != 0) {
        ++s;
        continue;
      }
      c = head[stream_hashes[s] & mask_];
      if (c == -1) {
        ++s;
        continue;
      }
    }
    const uint32_t h = stream_hashes[s];
    while (c != -1) {
      if (count == cap) {
        cursor->row = s;
        cursor->chain = c;
        return count;
      }
      if (hashes[c] == h) {
        int eq = 1;
        for (int k = 0; k < num_keys && eq == 1; ++k) eq = KeyEquals(build[k], c, stream[k], s);
        if (eq < 0) {
          *bad_row = eq == -1 ? s : -2 - c;
          cursor->row = m;
          cursor->chain = -1;
          return count;
        }
        if (eq == 1) {
          si[count] = static_cast<int32_t>(s);
          bi[count] = static_cast<int32_t>(c);
          ++count;
          if (first_match_only) break;
        }
      }
      c = next[c];
    }
    c = -1;
    ++s;
  }
  cursor->row = s;
  cursor->chain = -1;
  return count;
}

}  // namespace kindling::kernels
