// Word-at-a-time: each step loads 64 bits of each input (re-aligned to bit 0) and stores 8 bytes of output.
#include "kernels/logic.h"

namespace kindling::kernels {

namespace {

uint64_t Load(Bits b, int64_t start, int m) { return LoadBits(b.bits, b.offset + start, m); }
uint64_t LoadValid(Validity v, int64_t start, int m) {
  return v.bits == nullptr ? LowBits(m) : LoadBits(v.bits, v.offset + start, m);
}

void Store(uint8_t* out, int64_t start, int m, uint64_t w) {
  const int bytes = (m + 7) >> 3;
  for (int k = 0; k < bytes; ++k) out[(start >> 3) + k] = static_cast<uint8_t>(w >> (8 * k));
}

}  // namespace

int64_t Logic(LogicOp op, Bits a, Validity av, Bits b, Validity bv, int64_t n, uint8_t* out_values,
              uint8_t* out_validity) {
  int64_t valid = 0;
  for (int64_t start = 0; start < n; start += 64) {
    const int m = static_cast<int>(n - start < 64 ? n - start : 64);
    const uint64_t ma = LoadValid(av, start, m);
    uint64_t v = 0, mask = 0;
    switch (op) {
      case LogicOp::kAnd:
      case LogicOp::kOr: {
        const uint64_t xa = Load(a, start, m), xb = Load(b, start, m);
        const uint64_t mb = LoadValid(bv, start, m);
        const uint64_t at = ma & xa, bt = mb & xb;
        const uint64_t af = ma & ~xa, bf = mb & ~xb;
        if (op == LogicOp::kAnd) {
          v = at & bt;
          mask = af | bf | v;
        } else {
          v = at | bt;
          mask = v | (af & bf);
        }
        mask &= LowBits(m);
        break;
      }
      case LogicOp::kNot:
        mask = ma;
        v = ~Load(a, start, m) & ma;
        break;
      case LogicOp::kIsNull:
        mask = LowBits(m);
        v = ~ma & mask;
        break;
      case LogicOp::kIsNotNull:
        mask = LowBits(m);
        v = ma;
        break;
    }
    valid += __builtin_popcountll(mask);
    Store(out_values, start, m, v);
    Store(out_validity, start, m, mask);
  }
  return n - valid;
}

int64_t TrueMask(Bits a, Validity av, int64_t n, uint8_t* out) {
  int64_t count = 0;
  for (int64_t start = 0; start < n; start += 64) {
    const int m = static_cast<int>(n - start < 64 ? n - start : 64);
    const uint64_t w = Load(a, start, m) & LoadValid(av, start, m);
    count += __builtin_popcountll(w);
    for (int k = 0; k < m; ++k) out[start + k] = static_cast<uint8_t>((w >> k) & 1);
  }
  return count;
}

}  // namespace kindling::kernels
