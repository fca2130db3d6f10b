// sortIndices: the permutation that orders rows by several keys.
#include <string>
#include <vector>

#include "kernels/sort_indices.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"

namespace kindling::napi {

namespace {

// (keys: [kind, values, offsets, bitOffset, validity | null, validityOffset, descending, nullsFirst][], n)
Napi::Value SortIndices(const Napi::CallbackInfo& info) {
  Args a(info, "sortIndices");
  const int64_t n = a.Count(1, "n");
  if (n > 2147483647) a.ThrowRange("n must be below 2^31");
  Napi::Value v = a[0];
  if (!v.IsArray()) a.ThrowType("keys", "an array of sort keys", 0);
  Napi::Array arr = v.As<Napi::Array>();
  std::vector<kernels::SortKey> keys;
  for (uint32_t k = 0; k < arr.Length(); ++k) {
    Napi::Value t = arr.Get(k);
    const std::string where = "keys[" + std::to_string(k) + "]";
    if (!t.IsArray() || t.As<Napi::Array>().Length() != 8) {
      throw Napi::TypeError::New(a.Env(), "sortIndices: " + where +
                                              " must be [kind, values, offsets, bitOffset, validity, validityOffset, "
                                              "descending, nullsFirst]");
    }
    Napi::Array key = t.As<Napi::Array>();
    kernels::SortKey sk{KeyColumnFromArray(a, key, "keys", k, n), false, false};
    const Napi::Value validity = key.Get(4u);
    const Napi::Value voff = key.Get(5u);
    const Napi::Value desc = key.Get(6u);
    const Napi::Value nf = key.Get(7u);
    if (!desc.IsBoolean() || !nf.IsBoolean() || !voff.IsNumber()) {
      throw Napi::TypeError::New(a.Env(), "sortIndices: " + where + " needs a numeric validityOffset and boolean flags");
    }
    sk.descending = desc.As<Napi::Boolean>().Value();
    sk.nulls_first = nf.As<Napi::Boolean>().Value();
    if (!validity.IsNull() && !validity.IsUndefined()) {
      if (!validity.IsTypedArray() || validity.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
        throw Napi::TypeError::New(a.Env(), "sortIndices: " + where + " validity must be a Uint8Array or null");
      }
      const double off = voff.As<Napi::Number>().DoubleValue();
      if (!(off >= 0 && off <= 9007199254740991.0) || static_cast<double>(static_cast<int64_t>(off)) != off) {
        a.ThrowRange(where + " validityOffset must be a non-negative safe integer");
      }
      Napi::Uint8Array bits = validity.As<Napi::Uint8Array>();
      const int64_t o = static_cast<int64_t>(off);
      if (static_cast<int64_t>(bits.ByteLength()) * 8 < o + n) a.ThrowRange(where + " validity is too short for n rows");
      sk.column.validity = kernels::Validity{bits.Data(), o};
    }
    keys.push_back(sk);
  }
  Napi::Int32Array out = FreshArray<int32_t>(a.Env(), static_cast<size_t>(n));
  int64_t bad;
  try {
    bad = kernels::SortIndices(keys.data(), static_cast<int>(keys.size()), n, out.Data());
  } catch (const std::bad_alloc&) {
    a.ThrowRange("out of memory sorting");
  }
  if (bad >= 0) a.ThrowRange("string offsets of row " + std::to_string(bad) + " are out of bounds");
  return out;
}

}  // namespace

void RegisterSortIndices(Napi::Env env, Napi::Object exports) {
  exports.Set("sortIndices", Napi::Function::New(env, SortIndices, "sortIndices"));
}

}  // namespace kindling::napi
