// LIKE: the pattern compiles to tokens (literal byte, one code point, any run) once per distinct pattern;
// patterns that are one literal with '%' only at its ends become equality, prefix, suffix or substring
// tests, the rest run the greedy wildcard matcher that backtracks to the last '%' (linear in practice).
#include <cstring>
#include <string>

#include "kernels/strings.h"

namespace kindling::kernels {

namespace {

enum class Tok : uint8_t { kByte, kOne, kRun };
struct Token {
  Tok kind;
  uint8_t byte;
};

enum class Shape { kGeneral, kEquals, kPrefix, kSuffix, kContains };

struct Compiled {
  std::vector<Token> tokens;
  Shape shape = Shape::kGeneral;
  std::string literal;  // for the simple shapes
};

// False when the pattern is malformed (Spark's INVALID_FORMAT.ESC_AT_THE_END / ESC_IN_THE_MIDDLE).
bool Compile(const uint8_t* p, int64_t len, Compiled& c) {
  c.tokens.clear();
  c.literal.clear();
  c.shape = Shape::kGeneral;
  for (int64_t i = 0; i < len; ++i) {
    const uint8_t ch = p[i];
    if (ch == '\\') {
      if (i + 1 >= len) return false;
      const uint8_t next = p[++i];
      if (next != '_' && next != '%' && next != '\\') return false;
      c.tokens.push_back({Tok::kByte, next});
    } else if (ch == '%') {
      if (c.tokens.empty() || c.tokens.back().kind != Tok::kRun) c.tokens.push_back({Tok::kRun, 0});
    } else if (ch == '_') {
      c.tokens.push_back({Tok::kOne, 0});
    } else {
      c.tokens.push_back({Tok::kByte, ch});
    }
  }
  const size_t t = c.tokens.size();
  size_t first = 0, last = t;
  const bool lead = t > 0 && c.tokens[0].kind == Tok::kRun;
  const bool trail = t > (lead ? 1u : 0u) && c.tokens[t - 1].kind == Tok::kRun;
  if (lead) first = 1;
  if (trail) last = t - 1;
  for (size_t k = first; k < last; ++k) {
    if (c.tokens[k].kind != Tok::kByte) return true;  // general
    c.literal.push_back(static_cast<char>(c.tokens[k].byte));
  }
  c.shape = lead && trail ? Shape::kContains : lead ? Shape::kSuffix : trail ? Shape::kPrefix : Shape::kEquals;
  return true;
}

inline int64_t NextCodePoint(const uint8_t* s, int64_t i, int64_t len) {
  ++i;
  while (i < len && (s[i] & 0xC0) == 0x80) ++i;
  return i;
}

bool MatchGeneral(const std::vector<Token>& t, const uint8_t* s, int64_t len) {
  const int64_t pn = static_cast<int64_t>(t.size());
  int64_t si = 0, pi = 0, star = -1, mark = 0;
  while (si < len) {
    if (pi < pn && t[pi].kind == Tok::kOne) {
      si = NextCodePoint(s, si, len);
      ++pi;
    } else if (pi < pn && t[pi].kind == Tok::kByte && t[pi].byte == s[si]) {
      ++si;
      ++pi;
    } else if (pi < pn && t[pi].kind == Tok::kRun) {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      // The last '%' takes one more code point; everything after it is matched again from there.
      pi = star + 1;
      mark = NextCodePoint(s, mark, len);
      si = mark;
    } else {
      return false;
    }
  }
  while (pi < pn && t[pi].kind == Tok::kRun) ++pi;
  return pi == pn;
}

bool Match(const Compiled& c, const uint8_t* s, int64_t len) {
  const int64_t m = static_cast<int64_t>(c.literal.size());
  const uint8_t* lit = reinterpret_cast<const uint8_t*>(c.literal.data());
  switch (c.shape) {
    case Shape::kEquals: return len == m && (m == 0 || std::memcmp(s, lit, m) == 0);
    case Shape::kPrefix: return len >= m && (m == 0 || std::memcmp(s, lit, m) == 0);
    case Shape::kSuffix: return len >= m && (m == 0 || std::memcmp(s + len - m, lit, m) == 0);
    case Shape::kContains:
      if (m == 0) return true;
      if (len < m) return false;
      return memmem(s, static_cast<size_t>(len), lit, static_cast<size_t>(m)) != nullptr;
    case Shape::kGeneral: return MatchGeneral(c.tokens, s, len);
  }
  return false;
}

}  // namespace

int64_t CheckStringOffsets(const StringColumn& c, int64_t n) {
  const int64_t rows = c.scalar ? 1 : n;
  if (rows == 0) return -1;
  if (c.offsets[0] < 0) return 0;
  for (int64_t i = 0; i < rows; ++i) {
    if (c.offsets[i + 1] < c.offsets[i] || c.offsets[i + 1] > c.bytes_length) return i;
  }
  return -1;
}

LikeResult Like(const StringColumn& s, const StringColumn& p, int64_t n, uint8_t* out_bits, uint8_t* out_validity) {
  std::memset(out_bits, 0, static_cast<size_t>(BitmapBytes(n)));
  std::memset(out_validity, 0, static_cast<size_t>(BitmapBytes(n)));
  Compiled c;
  int64_t last_start = -1, last_len = -1;
  const uint8_t* last_bytes = nullptr;
  int64_t nulls = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t si = s.scalar ? 0 : i, pi = p.scalar ? 0 : i;
    if (!s.validity.IsValid(si) || !p.validity.IsValid(pi)) {
      ++nulls;
      continue;
    }
    const int64_t ps = p.offsets[pi], pl = p.offsets[pi + 1] - ps;
    // The pattern is nearly always the same for every row: compile again only when its bytes change.
    if (last_bytes == nullptr || pl != last_len ||
        (pl > 0 && std::memcmp(p.bytes + ps, last_bytes + last_start, static_cast<size_t>(pl)) != 0)) {
      if (!Compile(p.bytes + ps, pl, c)) return {nulls, i};
      last_bytes = p.bytes;
      last_start = ps;
      last_len = pl;
    }
    out_validity[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
    const int64_t ss = s.offsets[si];
    if (Match(c, s.bytes + ss, s.offsets[si + 1] - ss)) out_bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
  }
  return {nulls, -1};
}

}  // namespace kindling::kernels
