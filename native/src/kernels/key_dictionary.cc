// Open addressing with linear probing, tables at most half full; one slot holds key bits and code, so a
// hit costs one cache line.
#include "kernels/key_dictionary.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "kernels/hash.h"

namespace kindling::kernels {

namespace {
constexpr size_t kInitialSlots = 1024;
constexpr int64_t kMaxCodes = 2147483647;
// Widest key range coded directly: 64K int32 codes = 256 KB, within L2.
constexpr uint64_t kDirectMaxRange = uint64_t{1} << 16;
// Tables up to this many slots (16 B each: 256 KB) are probed without the prefetching pre-pass.
constexpr size_t kSmallSlots = size_t{1} << 14;

inline uint64_t DoubleKey(double x) {
  if (x != x) return 0x7ff8000000000000ULL;
  if (x == 0) return 0;
  uint64_t bits;
  std::memcpy(&bits, &x, 8);
  return bits;
}
}  // namespace

KeyDictionary::KeyDictionary(KeyKind kind) : kind_(kind), slots_(kInitialSlots, Slot{0, -1}), mask_(kInitialSlots - 1) {
  if (kind_ == KeyKind::kString) starts_.push_back(0);
  direct_ = kind_ == KeyKind::kInt32 || kind_ == KeyKind::kInt64;
}

int32_t KeyDictionary::NullCode() {
  if (null_code_ < 0) {
    // The NULL group takes the next code; it is in no slot, so lookups never return it.
    null_code_ = AddCode();
    if (kind_ == KeyKind::kString) starts_.push_back(static_cast<int64_t>(arena_.size()));
    else keys_.push_back(0);
  }
  return null_code_;
}

void KeyDictionary::LeaveDirect() {
  // Every code so far (but the NULL one) goes into a hash table at most a quarter full.
  size_t slots = kInitialSlots;
  while (slots < static_cast<size_t>(size_) * 4) slots *= 2;
  slots_.assign(slots, Slot{0, -1});
  mask_ = slots - 1;
  for (int64_t c = 0; c < size_; ++c) {
    if (c == null_code_) continue;
    const uint64_t key = keys_[static_cast<size_t>(c)];
    uint64_t pos = Fmix64(key) & mask_;
    while (slots_[pos].code >= 0) pos = (pos + 1) & mask_;
    slots_[pos] = Slot{key, static_cast<int32_t>(c)};
  }
  direct_ = false;
  direct_codes_.clear();
  direct_codes_.shrink_to_fit();
}

template <typename T>
bool KeyDictionary::EncodeDirect(const T* x, const Validity& v, int64_t n, int32_t* out) {
  // Range of the batch's valid keys (a branch-free min/max pass when there are no NULLs).
  int64_t lo = INT64_MAX;
  int64_t hi = INT64_MIN;
  bool any = false;
  if (v.AllValid()) {
    for (int64_t i = 0; i < n; ++i) {
      const int64_t k = static_cast<int64_t>(x[i]);
      lo = k < lo ? k : lo;
      hi = k > hi ? k : hi;
    }
    any = n > 0;
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (!v.IsValid(i)) continue;
      const int64_t k = static_cast<int64_t>(x[i]);
      lo = k < lo ? k : lo;
      hi = k > hi ? k : hi;
      any = true;
    }
  }
  if (any) {
    const bool empty = direct_codes_.empty();
    const int64_t new_lo = empty || lo < base_ ? lo : base_;
    const int64_t old_hi = empty ? hi : base_ + static_cast<int64_t>(direct_codes_.size()) - 1;
    const int64_t new_hi = hi > old_hi ? hi : old_hi;
    // Unsigned difference: no overflow for any pair of int64 keys.
    const uint64_t span = static_cast<uint64_t>(new_hi) - static_cast<uint64_t>(new_lo);
    if (span >= kDirectMaxRange) return false;
    if (empty) {
      direct_codes_.assign(static_cast<size_t>(span + 1), -1);
    } else if (new_lo < base_ || new_hi > old_hi) {
      std::vector<int32_t> wider(static_cast<size_t>(span + 1), -1);
      std::memcpy(wider.data() + (base_ - new_lo), direct_codes_.data(), direct_codes_.size() * sizeof(int32_t));
      direct_codes_.swap(wider);
    }
    base_ = new_lo;
  }
  int32_t* codes = direct_codes_.data();
  const uint64_t base = static_cast<uint64_t>(base_);
  if (v.AllValid()) {
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t key = static_cast<uint64_t>(static_cast<int64_t>(x[i]));
      int32_t& slot = codes[key - base];
      if (__builtin_expect(slot < 0, 0)) {
        slot = AddCode();
        keys_.push_back(key);
      }
      out[i] = slot;
    }
    return true;
  }
  for (int64_t i = 0; i < n; ++i) {
    if (!v.IsValid(i)) {
      out[i] = NullCode();
      continue;
    }
    const uint64_t key = static_cast<uint64_t>(static_cast<int64_t>(x[i]));
    int32_t& slot = codes[key - base];
    if (slot < 0) {
      slot = AddCode();
      keys_.push_back(key);
    }
    out[i] = slot;
  }
  return true;
}

int32_t KeyDictionary::AddCode() {
  if (size_ >= kMaxCodes) throw std::length_error("more than 2^31 - 1 distinct keys");
  return static_cast<int32_t>(size_++);
}

uint64_t KeyDictionary::HashBytes(const uint8_t* p, int64_t len) {
  // FNV-1a over 8-byte words, finished by fmix64: fast on short keys, well spread.
  uint64_t h = 0xcbf29ce484222325ULL ^ static_cast<uint64_t>(len);
  int64_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x100000001b3ULL;
  }
  uint64_t tail = 0;
  for (int64_t k = 0; i + k < len; ++k) tail |= static_cast<uint64_t>(p[i + k]) << (8 * k);
  h = (h ^ tail) * 0x100000001b3ULL;
  return Fmix64(h);
}

void KeyDictionary::Grow() {
  // Rehashing writes every entry to a random slot of a table beyond the caches: hash a run of entries
  // first and prefetch their new slots, then place them.
  std::vector<Slot> bigger(slots_.size() * 2, Slot{0, -1});
  const uint64_t mask = bigger.size() - 1;
  const bool strings = kind_ == KeyKind::kString;
  constexpr size_t kRun = 32;
  uint64_t pos[kRun];
  for (size_t base = 0; base < slots_.size(); base += kRun) {
    const size_t m = std::min(kRun, slots_.size() - base);
    for (size_t k = 0; k < m; ++k) {
      const Slot& s = slots_[base + k];
      pos[k] = (strings ? s.key : Fmix64(s.key)) & mask;
      if (s.code >= 0) __builtin_prefetch(&bigger[pos[k]], 1);
    }
    for (size_t k = 0; k < m; ++k) {
      const Slot& s = slots_[base + k];
      if (s.code < 0) continue;
      uint64_t p = pos[k];
      while (bigger[p].code >= 0) p = (p + 1) & mask;
      bigger[p] = s;
    }
  }
  slots_.swap(bigger);
  mask_ = mask;
}

int32_t KeyDictionary::FindOrAddFixed(uint64_t key, uint64_t hash) {
  uint64_t pos = hash & mask_;
  for (;;) {
    Slot& s = slots_[pos];
    if (s.code < 0) {
      const int32_t code = AddCode();
      keys_.push_back(key);
      s = Slot{key, code};
      if (static_cast<size_t>(size_) * 2 > slots_.size()) Grow();
      return code;
    }
    if (s.key == key) return s.code;
    pos = (pos + 1) & mask_;
  }
}

int32_t KeyDictionary::FindOrAddString(const uint8_t* p, int64_t len) {
  const uint64_t h = HashBytes(p, len);
  uint64_t pos = h & mask_;
  for (;;) {
    Slot& s = slots_[pos];
    if (s.code < 0) {
      const int32_t code = AddCode();
      arena_.insert(arena_.end(), p, p + len);
      starts_.push_back(static_cast<int64_t>(arena_.size()));
      s = Slot{h, code};
      if (static_cast<size_t>(size_) * 2 > slots_.size()) Grow();
      return code;
    }
    if (s.key == h) {
      const int64_t a = starts_[s.code];
      if (starts_[s.code + 1] - a == len && (len == 0 || std::memcmp(arena_.data() + a, p, len) == 0)) return s.code;
    }
    pos = (pos + 1) & mask_;
  }
}

// Tables beyond the caches make every lookup a memory miss; hashing the batch first and prefetching the
// slot of the row kPrefetch ahead keeps several misses in flight.
template <typename KeyOf>
void KeyDictionary::EncodeFixed(const Validity& v, int64_t n, int32_t* out, KeyOf&& key_of) {
  if (slots_.size() <= kSmallSlots) {
    // Until the table outgrows the caches, the plain loop wins; rows beyond the growth point take the
    // prefetching pass.
    int64_t i = 0;
    for (; i < n && slots_.size() <= kSmallSlots; i += 4096) {
      const int64_t m = n - i < 4096 ? n - i : 4096;
      const int64_t start = i;
      EncodeFixedSmall(Validity{v.bits, v.offset + start}, m, out + start, [&key_of, start](int64_t j) { return key_of(start + j); });
    }
    if (i >= n) return;
    const int64_t start = i;
    EncodeFixedLarge(Validity{v.bits, v.offset + start}, n - start, out + start, [&key_of, start](int64_t j) { return key_of(start + j); });
    return;
  }
  EncodeFixedLarge(v, n, out, key_of);
}

template <typename KeyOf>
void KeyDictionary::EncodeFixedLarge(const Validity& v, int64_t n, int32_t* out, KeyOf&& key_of) {
  constexpr int64_t kPrefetch = 16;
  scratch_.resize(static_cast<size_t>(2 * n));
  uint64_t* keys = scratch_.data();
  uint64_t* hashes = keys + n;
  for (int64_t i = 0; i < n; ++i) {
    keys[i] = key_of(i);
    hashes[i] = Fmix64(keys[i]);
  }
  for (int64_t i = 0; i < n; ++i) {
    if (i + kPrefetch < n) __builtin_prefetch(&slots_[hashes[i + kPrefetch] & mask_]);
    if (!v.IsValid(i)) {
      if (null_code_ < 0) {
        null_code_ = AddCode();
        keys_.push_back(0);
      }
      out[i] = null_code_;
      continue;
    }
    out[i] = FindOrAddFixed(keys[i], hashes[i]);
  }
}

template <typename KeyOf>
void KeyDictionary::EncodeFixedSmall(const Validity& v, int64_t n, int32_t* out, KeyOf&& key_of) {
  for (int64_t i = 0; i < n; ++i) {
    if (!v.IsValid(i)) {
      out[i] = NullCode();
      continue;
    }
    const uint64_t key = key_of(i);
    out[i] = FindOrAddFixed(key, Fmix64(key));
  }
}

int64_t KeyDictionary::Encode(const KeyColumn& col, int64_t n, int32_t* out) {
  const Validity& v = col.validity;
  auto null_code = [this]() { return NullCode(); };
  switch (kind_) {
    case KeyKind::kInt32: {
      const int32_t* x = static_cast<const int32_t*>(col.values);
      if (direct_) {
        if (EncodeDirect(x, v, n, out)) return -1;
        LeaveDirect();
      }
      EncodeFixed(v, n, out, [x](int64_t i) { return static_cast<uint64_t>(static_cast<int64_t>(x[i])); });
      return -1;
    }
    case KeyKind::kInt64: {
      const int64_t* x = static_cast<const int64_t*>(col.values);
      if (direct_) {
        if (EncodeDirect(x, v, n, out)) return -1;
        LeaveDirect();
      }
      EncodeFixed(v, n, out, [x](int64_t i) { return static_cast<uint64_t>(x[i]); });
      return -1;
    }
    case KeyKind::kFloat64: {
      const double* x = static_cast<const double*>(col.values);
      EncodeFixed(v, n, out, [x](int64_t i) { return DoubleKey(x[i]); });
      return -1;
    }
    case KeyKind::kBoolean: {
      const uint8_t* bits = static_cast<const uint8_t*>(col.values);
      const int64_t off = col.bit_offset;
      EncodeFixed(v, n, out, [bits, off](int64_t i) { return static_cast<uint64_t>(GetBit(bits, off + i) ? 1 : 0); });
      return -1;
    }
    case KeyKind::kString: {
      const uint8_t* bytes = static_cast<const uint8_t*>(col.values);
      for (int64_t i = 0; i < n; ++i) {
        if (!v.IsValid(i)) {
          out[i] = null_code();
          continue;
        }
        const int64_t a = col.offsets[i];
        const int64_t b = col.offsets[i + 1];
        if (a < 0 || b < a || b > col.bytes_length) return i;
        out[i] = FindOrAddString(bytes + a, b - a);
      }
      return -1;
    }
  }
  return -1;
}

void KeyDictionary::GatherFixed(const int32_t* codes, int64_t n, void* out) const {
  switch (kind_) {
    case KeyKind::kInt32: {
      int32_t* o = static_cast<int32_t*>(out);
      for (int64_t j = 0; j < n; ++j) o[j] = static_cast<int32_t>(keys_[codes[j]]);
      return;
    }
    case KeyKind::kInt64:
    case KeyKind::kFloat64: {
      uint64_t* o = static_cast<uint64_t*>(out);
      for (int64_t j = 0; j < n; ++j) o[j] = keys_[codes[j]];
      return;
    }
    case KeyKind::kBoolean: {
      uint8_t* o = static_cast<uint8_t*>(out);
      if (n == 0) return;  // `out` may be null then
      std::memset(o, 0, static_cast<size_t>(BitmapBytes(n)));
      for (int64_t j = 0; j < n; ++j) {
        if (keys_[codes[j]] != 0) o[j >> 3] |= static_cast<uint8_t>(1u << (j & 7));
      }
      return;
    }
    case KeyKind::kString:
      return;
  }
}

int64_t KeyDictionary::GatheredBytes(const int32_t* codes, int64_t n) const {
  int64_t total = 0;
  for (int64_t j = 0; j < n; ++j) total += starts_[codes[j] + 1] - starts_[codes[j]];
  return total;
}

void KeyDictionary::GatherStrings(const int32_t* codes, int64_t n, int32_t* out_offsets, uint8_t* out_bytes) const {
  int64_t pos = 0;
  out_offsets[0] = 0;
  for (int64_t j = 0; j < n; ++j) {
    const int64_t a = starts_[codes[j]];
    const int64_t len = starts_[codes[j] + 1] - a;
    if (len > 0) std::memcpy(out_bytes + pos, arena_.data() + a, static_cast<size_t>(len));
    pos += len;
    out_offsets[j + 1] = static_cast<int32_t>(pos);
  }
}

PairTable::PairTable() : slots_(kInitialSlots, Slot{0, -1}), mask_(kInitialSlots - 1) {}

void PairTable::Grow() {
  std::vector<Slot> bigger(slots_.size() * 2, Slot{0, -1});
  const uint64_t mask = bigger.size() - 1;
  for (const Slot& s : slots_) {
    if (s.id < 0) continue;
    uint64_t pos = Fmix64(s.key) & mask;
    while (bigger[pos].id >= 0) pos = (pos + 1) & mask;
    bigger[pos] = s;
  }
  slots_.swap(bigger);
  mask_ = mask;
}

void PairTable::Encode(const int32_t* as, const int32_t* bs, int64_t n, int32_t* out) {
  for (int64_t i = 0; i < n; ++i) {
    const int32_t a = as[i];
    const int32_t b = bs[i];
    const uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(a)) << 32) | static_cast<uint32_t>(b);
    uint64_t pos = Fmix64(key) & mask_;
    for (;;) {
      Slot& s = slots_[pos];
      if (s.id < 0) {
        if (static_cast<int64_t>(lefts_.size()) >= kMaxCodes) throw std::length_error("more than 2^31 - 1 distinct keys");
        const int32_t id = static_cast<int32_t>(lefts_.size());
        lefts_.push_back(a);
        rights_.push_back(b);
        s = Slot{key, id};
        if (lefts_.size() * 2 > slots_.size()) Grow();
        out[i] = id;
        break;
      }
      if (s.key == key) {
        out[i] = s.id;
        break;
      }
      pos = (pos + 1) & mask_;
    }
  }
}

}  // namespace kindling::kernels
