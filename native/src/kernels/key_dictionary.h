// Dense codes for the distinct values of one key column (NULL included), in first-seen order: the
// engine's group-by keys. Doubles are normalised (-0.0 = 0.0, all NaNs one key); strings live in an arena.
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/bitmap.h"

namespace kindling::kernels {

enum class KeyKind : int { kInt32 = 0, kInt64 = 1, kFloat64 = 2, kBoolean = 3, kString = 4 };

// One input column: `values` (int32/int64/double elements, or bits for booleans, from bit `bit_offset`),
// `offsets` + `bytes_length` for strings.
struct KeyColumn {
  KeyKind kind;
  const void* values;
  const int32_t* offsets;
  int64_t bytes_length;
  int64_t bit_offset;
  Validity validity;
};

class KeyDictionary {
 public:
  explicit KeyDictionary(KeyKind kind);

  KeyKind kind() const { return kind_; }
  int64_t size() const { return size_; }
  int32_t null_code() const { return null_code_; }

  // out[i] = code of row i, for i < n. Returns -1, or the first row with bad string offsets (rows before
  // it are encoded). Throws std::length_error past 2^31 - 1 codes, std::bad_alloc when out of memory.
  int64_t Encode(const KeyColumn& col, int64_t n, int32_t* out);

  // Fixed-width values of codes[0, n) (int32 → int32_t, int64 → int64_t, float64 → double, boolean → bits
  // from bit 0): writes n elements (or BitmapBytes(n) bytes) to `out`. Codes must be < size().
  void GatherFixed(const int32_t* codes, int64_t n, void* out) const;
  // String values of codes: total bytes first (call with out_bytes null), then offsets (n + 1) and bytes.
  int64_t GatheredBytes(const int32_t* codes, int64_t n) const;
  void GatherStrings(const int32_t* codes, int64_t n, int32_t* out_offsets, uint8_t* out_bytes) const;

 private:
  struct Slot {
    uint64_t key;  // value bits, or the string's hash
    int32_t code;  // -1 = empty
  };
  int32_t AddCode();
  void Grow();
  int32_t FindOrAddFixed(uint64_t key, uint64_t hash);
  // Encodes fixed-width keys key_of(i) for valid rows, prefetching slots a few rows ahead.
  template <typename KeyOf>
  void EncodeFixed(const Validity& v, int64_t n, int32_t* out, KeyOf&& key_of);
  template <typename KeyOf>
  void EncodeFixedLarge(const Validity& v, int64_t n, int32_t* out, KeyOf&& key_of);
  // Small-table variant: one pass, no scratch, no prefetch (the table is in L1/L2).
  template <typename KeyOf>
  void EncodeFixedSmall(const Validity& v, int64_t n, int32_t* out, KeyOf&& key_of);
  int32_t FindOrAddString(const uint8_t* p, int64_t len);
  static uint64_t HashBytes(const uint8_t* p, int64_t len);
  // Integer keys within a small range [base_, base_ + direct_.size()) are coded through a dense array
  // indexed by key - base_ (no hashing); a batch that would stretch the range past kDirectMaxRange
  // moves the dictionary to the hash table for good. Returns false when the batch cannot be done directly.
  template <typename T>
  bool EncodeDirect(const T* x, const Validity& v, int64_t n, int32_t* out);
  void LeaveDirect();
  int32_t NullCode();

  bool direct_ = true;               // integer kinds start direct; other kinds never are
  int64_t base_ = 0;
  std::vector<int32_t> direct_codes_;  // code of key base_ + j, or -1

  KeyKind kind_;
  int64_t size_ = 0;
  int32_t null_code_ = -1;
  std::vector<Slot> slots_;
  uint64_t mask_;
  std::vector<uint64_t> keys_;     // fixed kinds: value bits per code
  std::vector<uint8_t> arena_;     // strings: bytes of every distinct value, back to back
  std::vector<int64_t> starts_;    // strings: starts_[c] .. starts_[c + 1] in arena_
  std::vector<uint64_t> scratch_;  // per-batch keys and hashes
};

// Dense ids for pairs of codes (a, b), in first-seen order: combines per-column codes into tuple ids.
class PairTable {
 public:
  PairTable();
  int64_t size() const { return static_cast<int64_t>(lefts_.size()); }
  // out[i] = id of (as[i], bs[i]); `out` may be `as`. Throws std::length_error past 2^31 - 1 ids.
  void Encode(const int32_t* as, const int32_t* bs, int64_t n, int32_t* out);
  const std::vector<int32_t>& lefts() const { return lefts_; }
  const std::vector<int32_t>& rights() const { return rights_; }

 private:
  struct Slot {
    uint64_t key;
    int32_t id;  // -1 = empty
  };
  void Grow();
  std::vector<Slot> slots_;
  uint64_t mask_;
  std::vector<int32_t> lefts_;
  std::vector<int32_t> rights_;
};

}  // namespace kindling::kernels
