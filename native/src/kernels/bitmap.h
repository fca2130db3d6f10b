// Arrow validity-bitmap helpers shared by the kernels (LSB-first bit order, bit set = value present).
// Plain C++17 over raw pointers: nothing here knows about Node.
#pragma once

#include <cstdint>
#include <cstring>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "kindling kernels assume a little-endian host (as Arrow's buffers are little-endian)"
#endif

namespace kindling::kernels {

// Row i is valid when bit (offset + i) of `bits` is set; bits == nullptr means every row is valid.
struct Validity {
  const uint8_t* bits = nullptr;
  int64_t offset = 0;

  bool AllValid() const { return bits == nullptr; }
  bool IsValid(int64_t i) const {
    if (bits == nullptr) return true;
    const int64_t b = offset + i;
    return (bits[b >> 3] >> (b & 7)) & 1;
  }
};

inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }

// Bytes needed for a bitmap of `bits` bits.
inline int64_t BitmapBytes(int64_t bits) { return (bits + 7) >> 3; }

// Loads `count` (1..64) bits starting at bit `pos`, reading only the bytes that hold them
// (so a bitmap exactly ceil((pos + count) / 8) bytes long is never over-read).
inline uint64_t LoadBits(const uint8_t* bits, int64_t pos, int count) {
  const uint8_t* p = bits + (pos >> 3);
  const int shift = static_cast<int>(pos & 7);
  const int nbytes = (shift + count + 7) >> 3;  // 1..9
  uint64_t word = 0;
  if (nbytes >= 8) {
    std::memcpy(&word, p, 8);
  } else {
    for (int k = 0; k < nbytes; ++k) word |= static_cast<uint64_t>(p[k]) << (8 * k);
  }
  word >>= shift;
  if (nbytes > 8) word |= static_cast<uint64_t>(p[8]) << (64 - shift);  // shift > 0 here
  if (count < 64) word &= (uint64_t{1} << count) - 1;
  return word;
}

// kNibbleMasks[b][k] is all ones when bit k of nibble b is set: turns 4 validity bits into 4 lane masks
// for branch-free masked loops.
struct NibbleMaskTable {
  uint64_t m[16][4];
  constexpr NibbleMaskTable() : m() {
    for (int b = 0; b < 16; ++b)
      for (int k = 0; k < 4; ++k) m[b][k] = ((b >> k) & 1) ? ~uint64_t{0} : 0;
  }
};
inline constexpr NibbleMaskTable kNibbleMasks{};

inline uint64_t LowBits(int count) { return count >= 64 ? ~uint64_t{0} : (uint64_t{1} << count) - 1; }

// Calls fn(start, n, word) for consecutive blocks of up to 64 rows; bit k of `word` is set when
// row start + k is valid. Lets kernels take a dense path for all-valid blocks and skip all-null ones.
template <typename Fn>
inline void ForEachValidityBlock(const Validity& v, int64_t length, Fn&& fn) {
  for (int64_t start = 0; start < length; start += 64) {
    const int n = static_cast<int>(length - start < 64 ? length - start : 64);
    const uint64_t word = v.bits == nullptr ? LowBits(n) : LoadBits(v.bits, v.offset + start, n);
    fn(start, n, word);
  }
}

}  // namespace kindling::kernels
