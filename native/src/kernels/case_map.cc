// upper / lower: rows of ASCII are mapped byte by byte (checked 8 bytes at a time); other rows are decoded
// code point by code point and looked up in the case table the engine builds from JavaScript's own Unicode
// case mapping, so both give the same bytes.
#include <algorithm>
#include <cstring>

#include "kernels/strings.h"

namespace kindling::kernels {

namespace {

bool IsAscii(const uint8_t* s, int64_t len) {
  int64_t i = 0;
  uint64_t acc = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    acc |= w;
  }
  for (; i < len; ++i) acc |= s[i];
  return (acc & 0x8080808080808080ULL) == 0;
}

// The code point at s[i..len) and its byte length, or length 0 when the bytes there are not valid UTF-8.
struct Decoded {
  int32_t cp;
  int len;
};

Decoded Decode(const uint8_t* s, int64_t i, int64_t len) {
  const uint8_t b0 = s[i];
  auto cont = [&](int64_t k) { return k < len && (s[k] & 0xC0) == 0x80; };
  if (b0 < 0x80) return {b0, 1};
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(i + 1)) return {((b0 & 0x1F) << 6) | (s[i + 1] & 0x3F), 2};
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(i + 1) && cont(i + 2)) {
    const int32_t cp = ((b0 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
    return {cp, 3};
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    const int32_t cp = ((b0 & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
    if (cp < 0x10000 || cp > 0x10FFFF) return {0, 0};
    return {cp, 4};
  }
  return {0, 0};
}

struct AsciiTables {
  uint8_t upper[256];
  uint8_t lower[256];
  constexpr AsciiTables() : upper(), lower() {
    for (int b = 0; b < 256; ++b) {
      upper[b] = static_cast<uint8_t>(b >= 'a' && b <= 'z' ? b - 32 : b);
      lower[b] = static_cast<uint8_t>(b >= 'A' && b <= 'Z' ? b + 32 : b);
    }
  }
};
constexpr AsciiTables kAscii{};

}  // namespace

CaseMapResult CaseMap(const StringColumn& s, int64_t n, bool to_upper, const CaseTable& table,
                      int32_t* out_offsets, std::vector<uint8_t>& out_bytes, uint8_t* out_validity) {
  CaseMapResult r{0, false, false, {}};
  const uint8_t* ascii = to_upper ? kAscii.upper : kAscii.lower;
  const int32_t* keys_end = table.keys + table.size;
  out_bytes.clear();
  out_bytes.reserve(static_cast<size_t>(s.bytes_length));
  std::memset(out_validity, 0, static_cast<size_t>(BitmapBytes(n)));
  out_offsets[0] = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (!s.validity.IsValid(i)) {
      ++r.null_count;
      out_offsets[i + 1] = static_cast<int32_t>(out_bytes.size());
      continue;
    }
    out_validity[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
    const int64_t start = s.offsets[i], len = s.offsets[i + 1] - start;
    const uint8_t* row = s.bytes + start;
    const size_t at = out_bytes.size();
    if (IsAscii(row, len)) {
      out_bytes.resize(at + static_cast<size_t>(len));
      uint8_t* o = out_bytes.data() + at;
      for (int64_t k = 0; k < len; ++k) o[k] = ascii[row[k]];
    } else {
      if (table.keys == nullptr) {
        r.needs_table = true;
        return r;
      }
      bool sigma = false;
      for (int64_t k = 0; k < len;) {
        const Decoded d = Decode(row, k, len);
        if (d.len == 0) {
          out_bytes.push_back(row[k++]);
          continue;
        }
        if (d.cp < 0x80) {
          out_bytes.push_back(ascii[d.cp]);
        } else {
          const int32_t* hit = std::lower_bound(table.keys, keys_end, d.cp);
          if (hit != keys_end && *hit == d.cp) {
            const int64_t e = hit - table.keys;
            out_bytes.insert(out_bytes.end(), table.bytes + table.offsets[e], table.bytes + table.offsets[e + 1]);
          } else {
            out_bytes.insert(out_bytes.end(), row + k, row + k + d.len);
          }
          if (!to_upper && d.cp == 0x3A3) sigma = true;
        }
        k += d.len;
      }
      if (sigma) r.sigma_rows.push_back(static_cast<int32_t>(i));
    }
    if (out_bytes.size() > 2147483647u) {
      r.too_large = true;
      return r;
    }
    out_offsets[i + 1] = static_cast<int32_t>(out_bytes.size());
  }
  return r;
}

}  // namespace kindling::kernels
