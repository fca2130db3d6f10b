// Keys become order-preserving unsigned 64-bit words (descending = complemented), NULLs a rank pass above
// them; an LSD radix sort of 11-bit digits then orders the rows, skipping digits every row shares.
#include "kernels/sort_indices.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <vector>

namespace kindling::kernels {

namespace {

constexpr int kDigitBits = 11;
constexpr int64_t kRadixMinRows = 256;

int KeyBits(KeyKind k) {
  switch (k) {
    case KeyKind::kBoolean: return 1;
    case KeyKind::kInt32: return 32;
    default: return 64;
  }
}

// Ascending-order word of a non-null fixed-width value.
inline uint64_t SortableBits(const KeyColumn& c, int64_t i) {
  switch (c.kind) {
    case KeyKind::kInt32:
      return static_cast<uint32_t>(static_cast<const int32_t*>(c.values)[i]) ^ 0x80000000u;
    case KeyKind::kInt64:
      return static_cast<uint64_t>(static_cast<const int64_t*>(c.values)[i]) ^ (uint64_t{1} << 63);
    case KeyKind::kFloat64: {
      const double x = static_cast<const double*>(c.values)[i];
      uint64_t b;
      if (x != x) b = 0x7ff8000000000000ULL;
      else if (x == 0) b = 0;
      else std::memcpy(&b, &x, 8);
      return (b >> 63) ? ~b : b ^ (uint64_t{1} << 63);
    }
    case KeyKind::kBoolean:
      return GetBit(static_cast<const uint8_t*>(c.values), c.bit_offset + i) ? 1 : 0;
    case KeyKind::kString:
      return 0;
  }
  return 0;
}

// One key's words: value (0 for NULLs, so they tie) and, when the key has NULLs, a rank word above it.
struct KeyWords {
  std::vector<uint64_t> value;
  std::vector<uint64_t> rank;  // empty when no row is NULL
  int bits;
};

KeyWords MakeWords(const SortKey& k, int64_t n) {
  KeyWords w{std::vector<uint64_t>(static_cast<size_t>(n)), {}, KeyBits(k.column.kind)};
  const uint64_t mask = w.bits == 64 ? ~uint64_t{0} : (uint64_t{1} << w.bits) - 1;
  bool any_null = false;
  for (int64_t i = 0; i < n; ++i) {
    if (!k.column.validity.IsValid(i)) {
      any_null = true;
      w.value[i] = 0;
      continue;
    }
    const uint64_t b = SortableBits(k.column, i);
    w.value[i] = k.descending ? (~b & mask) : b;
  }
  if (any_null) {
    w.rank.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      const bool null = !k.column.validity.IsValid(i);
      w.rank[i] = null == k.nulls_first ? 0 : 1;
    }
  }
  return w;
}

// One stable counting pass over digit (word >> shift) & mask; false when every row has the same digit.
bool RadixPass(const std::vector<uint64_t>& word, int shift, uint32_t mask, std::vector<int32_t>& cur,
               std::vector<int32_t>& tmp, std::vector<int64_t>& counts) {
  const int64_t n = static_cast<int64_t>(cur.size());
  std::fill(counts.begin(), counts.begin() + mask + 1, 0);
  for (int64_t r = 0; r < n; ++r) ++counts[(word[r] >> shift) & mask];
  int64_t sum = 0;
  for (uint32_t b = 0; b <= mask; ++b) {
    const int64_t c = counts[b];
    if (c == n) return false;
    counts[b] = sum;
    sum += c;
  }
  for (int64_t q = 0; q < n; ++q) {
    const int32_t r = cur[q];
    tmp[counts[(word[r] >> shift) & mask]++] = r;
  }
  cur.swap(tmp);
  return true;
}

// Byte order of two strings, or 2 when an offset is out of bounds.
inline int CompareStrings(const KeyColumn& c, int64_t i, int64_t j, int64_t* bad) {
  const int64_t a0 = c.offsets[i], a1 = c.offsets[i + 1];
  const int64_t b0 = c.offsets[j], b1 = c.offsets[j + 1];
  if (a0 < 0 || a1 < a0 || a1 > c.bytes_length) {
    *bad = i;
    return 0;
  }
  if (b0 < 0 || b1 < b0 || b1 > c.bytes_length) {
    *bad = j;
    return 0;
  }
  const uint8_t* bytes = static_cast<const uint8_t*>(c.values);
  const int64_t la = a1 - a0, lb = b1 - b0;
  const int64_t m = la < lb ? la : lb;
  const int r = m == 0 ? 0 : std::memcmp(bytes + a0, bytes + b0, static_cast<size_t>(m));
  if (r != 0) return r < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

}  // namespace

int64_t SortIndices(const SortKey* keys, int num_keys, int64_t n, int32_t* out) {
  std::vector<int32_t> cur(static_cast<size_t>(n));
  std::iota(cur.begin(), cur.end(), 0);
  bool any_string = false;
  for (int k = 0; k < num_keys; ++k) any_string = any_string || keys[k].column.kind == KeyKind::kString;
  if (n < 2 || num_keys == 0) {
    std::copy(cur.begin(), cur.end(), out);
    return -1;
  }
  // Fixed-width words of every non-string key (strings compare their bytes in place).
  std::vector<KeyWords> words;
  for (int k = 0; k < num_keys; ++k) {
    words.push_back(keys[k].column.kind == KeyKind::kString ? KeyWords{{}, {}, 0} : MakeWords(keys[k], n));
  }
  if (!any_string && n >= kRadixMinRows) {
    std::vector<int32_t> tmp(static_cast<size_t>(n));
    std::vector<int64_t> counts(size_t{1} << kDigitBits);
    for (int k = num_keys - 1; k >= 0; --k) {
      const KeyWords& w = words[k];
      for (int shift = 0; shift < w.bits; shift += kDigitBits) {
        const int width = std::min(kDigitBits, w.bits - shift);
        RadixPass(w.value, shift, (1u << width) - 1, cur, tmp, counts);
      }
      if (!w.rank.empty()) RadixPass(w.rank, 0, 1, cur, tmp, counts);  // NULL rank outranks the value
    }
    std::copy(cur.begin(), cur.end(), out);
    return -1;
  }
  int64_t bad = -1;
  std::stable_sort(cur.begin(), cur.end(), [&](int32_t i, int32_t j) {
    if (bad >= 0) return false;
    for (int k = 0; k < num_keys; ++k) {
      const SortKey& key = keys[k];
      const KeyColumn& c = key.column;
      const bool ni = !c.validity.IsValid(i);
      const bool nj = !c.validity.IsValid(j);
      if (ni || nj) {
        if (ni && nj) continue;
        return ni == key.nulls_first;
      }
      int r;
      if (c.kind == KeyKind::kString) {
        r = CompareStrings(c, i, j, &bad);
        if (bad >= 0) return false;
        if (key.descending) r = -r;
      } else {
        const uint64_t a = words[k].value[i], b = words[k].value[j];
        r = a < b ? -1 : a > b ? 1 : 0;
      }
      if (r != 0) return r < 0;
    }
    return false;
  });
  if (bad >= 0) return bad;
  std::copy(cur.begin(), cur.end(), out);
  return -1;
}

}  // namespace kindling::kernels
