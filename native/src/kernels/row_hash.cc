// Row-hash column mixers: a dense loop for all-valid 64-row blocks, a per-row select otherwise.
#include "kernels/row_hash.h"

#include <cstring>

namespace kindling::kernels {

namespace {

template <typename MixValue>
void MixColumn(uint32_t* acc, Validity validity, int64_t n, MixValue&& mix) {
  ForEachValidityBlock(validity, n, [&](int64_t start, int m, uint64_t word) {
    if (word == LowBits(m)) {
      for (int k = 0; k < m; ++k) acc[start + k] = mix(acc[start + k], start + k);
    } else {
      for (int k = 0; k < m; ++k) {
        const int64_t i = start + k;
        acc[i] = ((word >> k) & 1) ? mix(acc[i], i) : MurmurMixH(acc[i], kRowHashNullWord);
      }
    }
  });
}

inline uint32_t MixWord64(uint32_t h, uint64_t bits) {
  return MurmurMixH(MurmurMixH(h, static_cast<uint32_t>(bits)), static_cast<uint32_t>(bits >> 32));
}

}  // namespace

void RowHashMixInt32(uint32_t* acc, const int32_t* values, Validity validity, int64_t n) {
  MixColumn(acc, validity, n, [values](uint32_t h, int64_t i) { return MurmurMixH(h, static_cast<uint32_t>(values[i])); });
}

void RowHashMixInt64(uint32_t* acc, const int64_t* values, Validity validity, int64_t n) {
  MixColumn(acc, validity, n, [values](uint32_t h, int64_t i) { return MixWord64(h, static_cast<uint64_t>(values[i])); });
}

void RowHashMixFloat64(uint32_t* acc, const double* values, Validity validity, int64_t n) {
  MixColumn(acc, validity, n, [values](uint32_t h, int64_t i) {
    const double x = values[i];
    uint64_t bits;
    if (x != x) {
      bits = 0x7ff8000000000000ULL;
    } else if (x == 0) {
      bits = 0;
    } else {
      std::memcpy(&bits, &x, 8);
    }
    return MixWord64(h, bits);
  });
}

void RowHashMixBoolean(uint32_t* acc, const uint8_t* bits, int64_t bit_offset, Validity validity, int64_t n) {
  MixColumn(acc, validity, n,
            [bits, bit_offset](uint32_t h, int64_t i) { return MurmurMixH(h, GetBit(bits, bit_offset + i) ? 1u : 0u); });
}

int64_t RowHashMixString(uint32_t* acc, const int32_t* offsets, const uint8_t* bytes, int64_t bytes_length,
                         Validity validity, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (!validity.IsValid(i)) {
      acc[i] = MurmurMixH(acc[i], kRowHashNullWord);
      continue;
    }
    const int64_t a = offsets[i];
    const int64_t b = offsets[i + 1];
    if (a < 0 || b < a || b > bytes_length) return i;
    acc[i] = MurmurMixBytes(acc[i], bytes + a, b - a);
  }
  return -1;
}

void RowHashMixNull(uint32_t* acc, int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] = MurmurMixH(acc[i], kRowHashNullWord);
}

void RowHashFinish(uint32_t* acc, uint32_t num_columns, int64_t n) {
  for (int64_t i = 0; i < n; ++i) acc[i] = MurmurFmix(acc[i] ^ num_columns);
}

}  // namespace kindling::kernels
