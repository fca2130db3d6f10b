// Mask → indices: counts first (so the output is allocated once, exactly), then a branch-free
// fill of 8 rows at a time while at least 8 slots remain, and a bit-scan fill near the end.
#include "kernels/filter.h"

#include <cstdlib>
#include <cstring>

#include "kernels/bitmap.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace kindling::kernels {

namespace {

// Bit k of the result is set when byte k of w is nonzero.
inline unsigned NonzeroByteBits(uint64_t w) {
  uint64_t t = w | (w >> 4);
  t |= t >> 2;
  t |= t >> 1;
  t &= 0x0101010101010101ULL;
  return static_cast<unsigned>((t * 0x0102040810204080ULL) >> 56);
}

}  // namespace

int64_t CountSelected(const uint8_t* mask, int64_t length) {
  int64_t count = 0;
  for (int64_t i = 0; i < length; ++i) count += mask[i] != 0;
  return count;
}

void MaskToIndices(const uint8_t* mask, int64_t length, int32_t* out, int64_t count) {
  int64_t j = 0;
  int64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t w;
    std::memcpy(&w, mask + i, 8);
    if (w == 0) continue;
    const int32_t base = static_cast<int32_t>(i);
    if (j + 8 <= count) {
      // Unconditional stores, conditional advance: no branch mispredictions on random masks.
      for (int k = 0; k < 8; ++k) {
        out[j] = base + k;
        j += mask[i + k] != 0;
      }
    } else {
      for (unsigned bits = NonzeroByteBits(w); bits != 0; bits &= bits - 1) {
        out[j++] = base + __builtin_ctz(bits);
      }
    }
  }
  for (; i < length; ++i) {
    if (mask[i] != 0) out[j++] = static_cast<int32_t>(i);
  }
}

}  // namespace kindling::kernels

namespace kindling::kernels {

namespace {
inline uint64_t WordAt(const uint64_t* sel, int64_t w) { return sel[w]; }
inline int RowsIn(int64_t length, int64_t w) {
  const int64_t rest = length - (w << 6);
  return static_cast<int>(rest < 64 ? rest : 64);
}
}  // namespace

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// 32 mask bytes per compare: the scalar word assembly below ran at 4 GB/s, an eighth of memory bandwidth.
__attribute__((target("avx2"))) int64_t FullWordsAvx2(const uint8_t* mask, int64_t full, uint64_t* words) {
  int64_t count = 0;
  const __m256i zero = _mm256_setzero_si256();
  for (int64_t w = 0; w < full; ++w) {
    const uint8_t* p = mask + (w << 6);
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32));
    const uint32_t zl = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, zero)));
    const uint32_t zh = static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, zero)));
    const uint64_t word = ~(static_cast<uint64_t>(zh) << 32 | zl);
    words[w] = word;
    count += __builtin_popcountll(word);
  }
  return count;
}
const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#endif

int64_t MaskToSelection(const uint8_t* mask, int64_t length, uint64_t* words) {
  int64_t count = 0;
  const int64_t nw = WordsFor(length);
  int64_t w = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (kHasAvx2) {
    w = length >> 6;  // the whole 64-row words; the short last one goes through the loop below
    count = FullWordsAvx2(mask, w, words);
  }
#endif
  for (; w < nw; ++w) {
    const int64_t base = w << 6;
    const int m = RowsIn(length, w);
    uint64_t word = 0;
    int k = 0;
    for (; k + 8 <= m; k += 8) {
      uint64_t b;
      std::memcpy(&b, mask + base + k, 8);
      word |= static_cast<uint64_t>(NonzeroByteBits(b)) << k;
    }
    for (; k < m; ++k) word |= static_cast<uint64_t>(mask[base + k] != 0) << k;
    words[w] = word;
    count += __builtin_popcountll(word);
  }
  return count;
}

int64_t CountSelection(const uint64_t* words, int64_t length) {
  int64_t count = 0;
  const int64_t nw = WordsFor(length);
  for (int64_t w = 0; w < nw; ++w) {
    const int m = RowsIn(length, w);
    count += __builtin_popcountll(words[w] & LowBits(m));
  }
  return count;
}

// The rows of one 64-row word whose bits are set, written from out[j]; may write up to out[j + 63].
template <typename T>
inline int64_t CompactWordScalar(const T* x, uint64_t bits, T* out, int64_t j) {
  T* o = out + j;
  for (int k = 0; k < 64; k += 8) {
    const unsigned b = static_cast<unsigned>(bits >> k) & 0xff;
    // Eight stores with precomputed advances: the positions do not wait on each other's adds.
    const T* xs = x + k;
    o[0] = xs[0];
    o += b & 1;
    o[0] = xs[1];
    o += (b >> 1) & 1;
    o[0] = xs[2];
    o += (b >> 2) & 1;
    o[0] = xs[3];
    o += (b >> 3) & 1;
    o[0] = xs[4];
    o += (b >> 4) & 1;
    o[0] = xs[5];
    o += (b >> 5) & 1;
    o[0] = xs[6];
    o += (b >> 6) & 1;
    o[0] = xs[7];
    o += (b >> 7) & 1;
  }
  return o - out;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define KINDLING_HAVE_AVX512_COMPRESS 1
// AVX-512 compress: 8 (64-bit) or 16 (32-bit) rows per instruction, chosen at run time by CPU support.
__attribute__((target("avx512f"))) int64_t CompactWordAvx512(const int64_t* x, uint64_t bits, int64_t* out, int64_t j) {
  for (int k = 0; k < 64; k += 8) {
    const __mmask8 m = static_cast<__mmask8>(bits >> k);
    const __m512i v = _mm512_loadu_si512(static_cast<const void*>(x + k));
    _mm512_storeu_si512(static_cast<void*>(out + j), _mm512_maskz_compress_epi64(m, v));
    j += __builtin_popcount(static_cast<unsigned>(m));
  }
  return j;
}
__attribute__((target("avx512f"))) int64_t CompactWordAvx512(const int32_t* x, uint64_t bits, int32_t* out, int64_t j) {
  for (int k = 0; k < 64; k += 16) {
    const __mmask16 m = static_cast<__mmask16>(bits >> k);
    const __m512i v = _mm512_loadu_si512(static_cast<const void*>(x + k));
    _mm512_storeu_si512(static_cast<void*>(out + j), _mm512_maskz_compress_epi32(m, v));
    j += __builtin_popcount(static_cast<unsigned>(m));
  }
  return j;
}
const bool kHasAvx512 = __builtin_cpu_supports("avx512f") && std::getenv("KINDLING_NO_AVX512") == nullptr;
#endif

template <typename T>
inline int64_t CompactWord(const T* x, uint64_t bits, T* out, int64_t j) {
#ifdef KINDLING_HAVE_AVX512_COMPRESS
  if (kHasAvx512) {
    if constexpr (sizeof(T) == 8) {
      int64_t* o = reinterpret_cast<int64_t*>(out);
      return CompactWordAvx512(reinterpret_cast<const int64_t*>(x), bits, o, j);
    } else {
      return CompactWordAvx512(reinterpret_cast<const int32_t*>(x), bits, reinterpret_cast<int32_t*>(out), j);
    }
  }
#endif
  return CompactWordScalar(x, bits, out, j);
}

template <typename T>
void CompactFixed(const T* values, const uint64_t* sel, int64_t length, int64_t count, T* out) {
  int64_t j = 0;
  const int64_t nw = WordsFor(length);
  for (int64_t w = 0; w < nw; ++w) {
    const int m = RowsIn(length, w);
    const uint64_t bits = WordAt(sel, w) & LowBits(m);
    if (bits == 0) continue;
    const T* x = values + (w << 6);
    if (bits == LowBits(m)) {
      std::memcpy(out + j, x, static_cast<size_t>(m) * sizeof(T));
      j += m;
    } else if (m == 64 && j + 64 <= count && __builtin_popcountll(bits) > 16) {
      // Dense random selection: unconditional stores, conditional advance (no mispredictions). It reads
      // all 64 rows of the word (so not the short last word) and the j + 64 <= count guard keeps the
      // stores inside the output.
      j = CompactWord(x, bits, out, j);
    } else {
      for (uint64_t b = bits; b != 0; b &= b - 1) out[j++] = x[__builtin_ctzll(b)];
    }
  }
}

template void CompactFixed<int32_t>(const int32_t*, const uint64_t*, int64_t, int64_t, int32_t*);
template void CompactFixed<int64_t>(const int64_t*, const uint64_t*, int64_t, int64_t, int64_t*);
template void CompactFixed<double>(const double*, const uint64_t*, int64_t, int64_t, double*);

int64_t CompactBits(const uint8_t* src, int64_t src_offset, const uint64_t* sel, int64_t length, uint8_t* dst) {
  // Bits accumulate in a 64-bit word and are flushed a byte at a time.
  uint64_t acc = 0;
  int fill = 0;
  int64_t out_byte = 0;
  int64_t ones = 0;
  const int64_t nw = WordsFor(length);
  for (int64_t w = 0; w < nw; ++w) {
    const int m = RowsIn(length, w);
    uint64_t bits = WordAt(sel, w) & LowBits(m);
    if (bits == 0) continue;
    const uint64_t s = LoadBits(src, src_offset + (w << 6), m);
    if (bits == LowBits(m)) {
      // Whole word kept: append m bits at once.
      ones += __builtin_popcountll(s);
      acc |= fill < 64 ? s << fill : 0;
      const int room = 64 - fill;
      if (m >= room) {
        // acc is full: flush 8 bytes, keep the bits that did not fit.
        std::memcpy(dst + out_byte, &acc, 8);
        out_byte += 8;
        acc = room < 64 ? s >> room : 0;
        fill = m - room;
      } else {
        fill += m;
      }
    } else {
      for (; bits != 0; bits &= bits - 1) {
        const uint64_t bit = (s >> __builtin_ctzll(bits)) & 1;
        ones += static_cast<int64_t>(bit);
        acc |= bit << fill;
        if (++fill == 64) {
          std::memcpy(dst + out_byte, &acc, 8);
          out_byte += 8;
          acc = 0;
          fill = 0;
        }
      }
    }
  }
  for (int b = 0; b < fill; b += 8) dst[out_byte++] = static_cast<uint8_t>(acc >> b);
  return ones;
}

int64_t CompactStringBytes(const int32_t* offsets, int64_t bytes_length, const uint64_t* sel, int64_t length,
                           int64_t* bad_row) {
  int64_t total = 0;
  *bad_row = -1;
  const int64_t nw = WordsFor(length);
  for (int64_t w = 0; w < nw; ++w) {
    const int m = RowsIn(length, w);
    for (uint64_t b = WordAt(sel, w) & LowBits(m); b != 0; b &= b - 1) {
      const int64_t i = (w << 6) + __builtin_ctzll(b);
      const int64_t a = offsets[i];
      const int64_t e = offsets[i + 1];
      if (a < 0 || e < a || e > bytes_length) {
        *bad_row = i;
        return total;
      }
      total += e - a;
    }
  }
  return total;
}

void CompactStrings(const int32_t* offsets, const uint8_t* bytes, const uint64_t* sel, int64_t length,
                    int32_t* out_offsets, uint8_t* out_bytes) {
  // Offsets were checked by CompactStringBytes. Runs of kept rows are copied with one memcpy each.
  int64_t pos = 0;
  int64_t j = 0;
  out_offsets[0] = 0;
  const int64_t nw = WordsFor(length);
  for (int64_t w = 0; w < nw; ++w) {
    const int m = RowsIn(length, w);
    uint64_t b = WordAt(sel, w) & LowBits(m);
    while (b != 0) {
      const int start = __builtin_ctzll(b);
      const uint64_t from_start = b >> start;
      const int run = from_start == ~uint64_t{0} ? 64 - start : __builtin_ctzll(~from_start);
      const int64_t i = (w << 6) + start;
      const int64_t a = offsets[i];
      const int64_t e = offsets[i + run];
      if (e > a) std::memcpy(out_bytes + pos, bytes + a, static_cast<size_t>(e - a));
      for (int r = 0; r < run; ++r) out_offsets[++j] = static_cast<int32_t>(pos + (offsets[i + r + 1] - a));
      pos += e - a;
      b = (start + run >= 64) ? 0 : b & ~((uint64_t{1} << (start + run)) - 1);
    }
  }
}

}  // namespace kindling::kernels
