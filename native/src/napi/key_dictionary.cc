// keyDictionary* and pairTable*: the group-by key encoder's native state, as type-tagged handles.
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/key_dictionary.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"
#include "napi/handles.h"

namespace kindling::napi {

namespace {

constexpr napi_type_tag kDictionaryTag = {0x6b696e646c696e67ULL, 0x2d6b65792d646963ULL};
constexpr napi_type_tag kPairTableTag = {0x6b696e646c696e67ULL, 0x2d70616972746162ULL};

using Dict = Owned<kernels::KeyDictionary>;
using Pairs = Owned<kernels::PairTable>;

Dict* DictArg(const Args& a) {
  return HandleArg<kernels::KeyDictionary>(a, 0, "dictionary", &kDictionaryTag, "a kindling key dictionary");
}
Pairs* PairsArg(const Args& a) {
  return HandleArg<kernels::PairTable>(a, 0, "table", &kPairTableTag, "a kindling pair table");
}

int64_t DictBytes(const kernels::KeyDictionary& d) { return d.size() * 40 + 16384; }

// (kind)
Napi::Value KeyDictionaryNew(const Napi::CallbackInfo& info) {
  Args a(info, "keyDictionaryNew");
  return NewHandle(a.Env(), std::make_unique<kernels::KeyDictionary>(KeyKindArg(a, 0, "kind")), &kDictionaryTag);
}

// (dictionary, values, offsets, bitOffset, validity, validityOffset, n, out) → size
Napi::Value KeyDictionaryEncode(const Napi::CallbackInfo& info) {
  Args a(info, "keyDictionaryEncode");
  Dict* d = DictArg(a);
  const int64_t n = a.Count(6, "n");
  kernels::KeyColumn col = KeyColumnArg(a, d->object->kind(), 1, 2, 3, n);
  col.validity = a.Validity(4, "validity", 5, "validityOffset", n);
  const ArrayArg<int32_t> out = a.Int32Array(7, "out");
  a.RequireLength(out, "out", n);
  int64_t bad;
  try {
    bad = d->object->Encode(col, n, out.data);
  } catch (const std::bad_alloc&) {
    a.ThrowRange("out of memory building the key dictionary");
  } catch (const std::length_error& e) {
    a.ThrowRange(e.what());
  }
  ReportBytes(a.Env(), d, DictBytes(*d->object));
  if (bad >= 0) {
    a.ThrowRange("offsets of row " + std::to_string(bad) + " are not within the string bytes");
  }
  return Napi::Number::New(a.Env(), static_cast<double>(d->object->size()));
}

// Checks codes against the dictionary's size.
void CheckCodes(const Args& a, const ArrayArg<int32_t>& codes, int64_t size, const char* name) {
  for (int64_t j = 0; j < codes.length; ++j) {
    if (codes.data[j] < 0 || codes.data[j] >= size) {
      a.ThrowRange(std::string(name) + "[" + std::to_string(j) + "] = " + std::to_string(codes.data[j]) +
                   " is not below the size " + std::to_string(size));
    }
  }
}

// (dictionary, codes) → {values, offsets (strings, else null), validity (null when no code is the NULL one)}
Napi::Value KeyDictionaryValues(const Napi::CallbackInfo& info) {
  Args a(info, "keyDictionaryValues");
  Dict* d = DictArg(a);
  const kernels::KeyDictionary& dict = *d->object;
  const ArrayArg<int32_t> codes = a.Int32Array(1, "codes");
  CheckCodes(a, codes, dict.size(), "codes");
  Napi::Env env = a.Env();
  const int64_t n = codes.length;
  const size_t un = static_cast<size_t>(n);
  Napi::Object out = Napi::Object::New(env);
  out.Set("offsets", env.Null());
  switch (dict.kind()) {
    case kernels::KeyKind::kInt32: {
      auto v = Napi::Int32Array::New(env, un);
      dict.GatherFixed(codes.data, n, v.Data());
      out.Set("values", v);
      break;
    }
    case kernels::KeyKind::kInt64: {
      auto v = Napi::BigInt64Array::New(env, un);
      dict.GatherFixed(codes.data, n, v.Data());
      out.Set("values", v);
      break;
    }
    case kernels::KeyKind::kFloat64: {
      auto v = Napi::Float64Array::New(env, un);
      dict.GatherFixed(codes.data, n, v.Data());
      out.Set("values", v);
      break;
    }
    case kernels::KeyKind::kBoolean: {
      auto v = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
      dict.GatherFixed(codes.data, n, v.Data());
      out.Set("values", v);
      break;
    }
    case kernels::KeyKind::kString: {
      const int64_t total = dict.GatheredBytes(codes.data, n);
      if (total > 2147483647) a.ThrowRange("the strings need more than 2^31 - 1 bytes");
      auto offsets = Napi::Int32Array::New(env, un + 1);
      auto bytes = Napi::Uint8Array::New(env, static_cast<size_t>(total));
      dict.GatherStrings(codes.data, n, offsets.Data(), bytes.Data());
      out.Set("values", bytes);
      out.Set("offsets", offsets);
      break;
    }
  }
  const int32_t null_code = dict.null_code();
  bool any_null = false;
  for (int64_t j = 0; j < n && !any_null; ++j) any_null = codes.data[j] == null_code;
  if (any_null) {
    auto validity = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
    std::memset(validity.Data(), 0, validity.ByteLength());
    for (int64_t j = 0; j < n; ++j) {
      if (codes.data[j] != null_code) validity.Data()[j >> 3] |= static_cast<uint8_t>(1u << (j & 7));
    }
    out.Set("validity", validity);
  } else {
    out.Set("validity", env.Null());
  }
  return out;
}

// (dictionary) → size
Napi::Value KeyDictionarySize(const Napi::CallbackInfo& info) {
  Args a(info, "keyDictionarySize");
  return Napi::Number::New(a.Env(), static_cast<double>(DictArg(a)->object->size()));
}

Napi::Value PairTableNew(const Napi::CallbackInfo& info) {
  Args a(info, "pairTableNew");
  return NewHandle(a.Env(), std::make_unique<kernels::PairTable>(), &kPairTableTag);
}

// (table, as, bs, n, out) → size; codes must be non-negative, out may be as.
Napi::Value PairTableEncode(const Napi::CallbackInfo& info) {
  Args a(info, "pairTableEncode");
  Pairs* p = PairsArg(a);
  const int64_t n = a.Count(3, "n");
  const ArrayArg<int32_t> as = a.Int32Array(1, "as");
  const ArrayArg<int32_t> bs = a.Int32Array(2, "bs");
  const ArrayArg<int32_t> out = a.Int32Array(4, "out");
  a.RequireLength(as, "as", n);
  a.RequireLength(bs, "bs", n);
  a.RequireLength(out, "out", n);
  try {
    p->object->Encode(as.data, bs.data, n, out.data);
  } catch (const std::bad_alloc&) {
    a.ThrowRange("out of memory building the pair table");
  } catch (const std::length_error& e) {
    a.ThrowRange(e.what());
  }
  ReportBytes(a.Env(), p, p->object->size() * 40 + 16384);
  return Napi::Number::New(a.Env(), static_cast<double>(p->object->size()));
}

// (table, ids) → {lefts, rights}
Napi::Value PairTableDecode(const Napi::CallbackInfo& info) {
  Args a(info, "pairTableDecode");
  Pairs* p = PairsArg(a);
  const ArrayArg<int32_t> ids = a.Int32Array(1, "ids");
  CheckCodes(a, ids, p->object->size(), "ids");
  Napi::Env env = a.Env();
  auto lefts = Napi::Int32Array::New(env, static_cast<size_t>(ids.length));
  auto rights = Napi::Int32Array::New(env, static_cast<size_t>(ids.length));
  const auto& l = p->object->lefts();
  const auto& r = p->object->rights();
  for (int64_t j = 0; j < ids.length; ++j) {
    lefts.Data()[j] = l[ids.data[j]];
    rights.Data()[j] = r[ids.data[j]];
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("lefts", lefts);
  out.Set("rights", rights);
  return out;
}

// (table, as, bs, n, validities: [bits, offset, ...]) → size. Adds the pairs of rows whose as[i] >= 0 and that are
// valid in every bitmap (DISTINCT aggregates: (group, tuple) pairs of the rows without a NULL argument).
Napi::Value PairTableInsert(const Napi::CallbackInfo& info) {
  Args a(info, "pairTableInsert");
  Pairs* p = PairsArg(a);
  const int64_t n = a.Count(3, "n");
  const ArrayArg<int32_t> as = a.Int32Array(1, "as");
  const ArrayArg<int32_t> bs = a.Int32Array(2, "bs");
  a.RequireLength(as, "as", n);
  a.RequireLength(bs, "bs", n);
  const std::vector<kernels::Validity> validities = ValiditiesArg(a, 4, n);
  for (int64_t i = 0; i < n; ++i) {
    if (bs.data[i] < 0) a.ThrowRange("bs[" + std::to_string(i) + "] = " + std::to_string(bs.data[i]) + " is negative");
  }
  thread_local std::vector<int32_t> left, right;
  left.clear();
  right.clear();
  for (int64_t i = 0; i < n; ++i) {
    if (as.data[i] < 0) continue;
    bool valid = true;
    for (const kernels::Validity& v : validities) valid &= v.IsValid(i);
    if (!valid) continue;
    left.push_back(as.data[i]);
    right.push_back(bs.data[i]);
  }
  try {
    p->object->Encode(left.data(), right.data(), static_cast<int64_t>(left.size()), left.data());
  } catch (const std::bad_alloc&) {
    a.ThrowRange("out of memory building the pair table");
  } catch (const std::length_error& e) {
    a.ThrowRange(e.what());
  }
  ReportBytes(a.Env(), p, p->object->size() * 40 + 16384);
  return Napi::Number::New(a.Env(), static_cast<double>(p->object->size()));
}

// (table, counts: BigInt64Array) → adds, per left code g, the number of pairs (g, ·) to counts[g]: COUNT(DISTINCT)
// per group straight from the table. RangeError (nothing added) when a left code is not below counts.length.
Napi::Value PairTableCountLefts(const Napi::CallbackInfo& info) {
  Args a(info, "pairTableCountLefts");
  Pairs* p = PairsArg(a);
  const ArrayArg<int64_t> counts = a.BigInt64Array(1, "counts");
  const auto& l = p->object->lefts();
  for (size_t j = 0; j < l.size(); ++j) {
    if (l[j] >= counts.length) {
      a.ThrowRange("pair " + std::to_string(j) + " has left code " + std::to_string(l[j]) +
                   ", not below counts.length " + std::to_string(counts.length));
    }
  }
  for (int32_t g : l) ++counts.data[g];
  return a.Env().Undefined();
}

// (offsets: Int32Array of n + 1, validity, validityOffset, gids: Int32Array, n) → Int32Array of
// offsets[n] - offsets[0] entries: element e of row r gets gids[r], or -1 when row r is NULL.
Napi::Value ListElementGroups(const Napi::CallbackInfo& info) {
  Args a(info, "listElementGroups");
  const int64_t n = a.Count(4, "n");
  const ArrayArg<int32_t> offsets = a.Int32Array(0, "offsets");
  if (offsets.length < n + 1) a.ThrowRange("offsets has " + std::to_string(offsets.length) + " elements, fewer than n + 1");
  const kernels::Validity v = a.Validity(1, "validity", 2, "validityOffset", n);
  const ArrayArg<int32_t> gids = a.Int32Array(3, "gids");
  a.RequireLength(gids, "gids", n);
  for (int64_t r = 0; r < n; ++r) {
    if (offsets.data[r + 1] < offsets.data[r]) a.ThrowRange("offsets of row " + std::to_string(r) + " decrease");
  }
  const int64_t from = n == 0 ? 0 : offsets.data[0];
  const int64_t total = n == 0 ? 0 : offsets.data[n] - from;
  Napi::Int32Array out = Napi::Int32Array::New(a.Env(), static_cast<size_t>(total));
  int32_t* o = out.Data();
  for (int64_t r = 0; r < n; ++r) {
    const int32_t g = v.IsValid(r) ? gids.data[r] : -1;
    for (int64_t e = offsets.data[r]; e < offsets.data[r + 1]; ++e) o[e - from] = g;
  }
  return out;
}

// (handle): frees a dictionary or pair table now; idempotent.
Napi::Value KeyTableRelease(const Napi::CallbackInfo& info) {
  Args a(info, "keyTableRelease");
  Napi::Value v = a[0];
  if (v.IsExternal()) {
    if (v.As<Napi::External<Dict>>().CheckTypeTag(&kDictionaryTag)) {
      Release(a.Env(), v.As<Napi::External<Dict>>().Data());
      return a.Env().Undefined();
    }
    if (v.As<Napi::External<Pairs>>().CheckTypeTag(&kPairTableTag)) {
      Release(a.Env(), v.As<Napi::External<Pairs>>().Data());
      return a.Env().Undefined();
    }
  }
  a.ThrowType("handle", "a kindling key dictionary or pair table", 0);
}

}  // namespace

void RegisterKeyDictionary(Napi::Env env, Napi::Object exports) {
  exports.Set("keyDictionaryNew", Napi::Function::New(env, KeyDictionaryNew, "keyDictionaryNew"));
  exports.Set("keyDictionaryEncode", Napi::Function::New(env, KeyDictionaryEncode, "keyDictionaryEncode"));
  exports.Set("keyDictionaryValues", Napi::Function::New(env, KeyDictionaryValues, "keyDictionaryValues"));
  exports.Set("keyDictionarySize", Napi::Function::New(env, KeyDictionarySize, "keyDictionarySize"));
  exports.Set("pairTableNew", Napi::Function::New(env, PairTableNew, "pairTableNew"));
  exports.Set("pairTableEncode", Napi::Function::New(env, PairTableEncode, "pairTableEncode"));
  exports.Set("pairTableDecode", Napi::Function::New(env, PairTableDecode, "pairTableDecode"));
  exports.Set("pairTableInsert", Napi::Function::New(env, PairTableInsert, "pairTableInsert"));
  exports.Set("pairTableCountLefts", Napi::Function::New(env, PairTableCountLefts, "pairTableCountLefts"));
  exports.Set("listElementGroups", Napi::Function::New(env, ListElementGroups, "listElementGroups"));
  exports.Set("keyTableRelease", Napi::Function::New(env, KeyTableRelease, "keyTableRelease"));
}

}  // namespace kindling::napi
