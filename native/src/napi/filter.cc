// filterMaskToIndices: mask (one byte per row) → Int32Array of selected row indices.
#include <string>

#include "kernels/filter.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"
#include "napi/validity_out.h"

namespace kindling::napi {

namespace {

Napi::Value FilterMaskToIndices(const Napi::CallbackInfo& info) {
  Args a(info, "filterMaskToIndices");
  const ArrayArg<uint8_t> mask = a.Uint8Array(0, "mask");
  const int64_t length = a.Count(1, "length");
  a.RequireLength(mask, "mask", length);
  if (length > int64_t{INT32_MAX} + 1) a.ThrowRange("length " + std::to_string(length) + " exceeds 2^31 rows");
  const int64_t count = kernels::CountSelected(mask.data, length);
  Napi::Int32Array out = FreshArray<int32_t>(a.Env(), static_cast<size_t>(count));
  kernels::MaskToIndices(mask.data, length, out.Data(), count);
  return out;
}

// (mask, length) → {selection: BigInt64Array of 64-row words, count}
Napi::Value FilterSelection(const Napi::CallbackInfo& info) {
  Args a(info, "filterSelection");
  const ArrayArg<uint8_t> mask = a.Uint8Array(0, "mask");
  const int64_t length = a.Count(1, "length");
  a.RequireLength(mask, "mask", length);
  if (length > int64_t{INT32_MAX} + 1) a.ThrowRange("length " + std::to_string(length) + " exceeds 2^31 rows");
  Napi::Env env = a.Env();
  Napi::BigInt64Array sel = FreshArray<int64_t>(env, static_cast<size_t>(kernels::WordsFor(length)));
  const int64_t count = kernels::MaskToSelection(mask.data, length, reinterpret_cast<uint64_t*>(sel.Data()));
  Napi::Object out = Napi::Object::New(env);
  out.Set("selection", sel);
  out.Set("count", Napi::Number::New(env, static_cast<double>(count)));
  return out;
}

// The selection argument at i, holding the words of `length` rows.
const uint64_t* SelectionArg(const Args& a, size_t i, int64_t length) {
  const ArrayArg<int64_t> sel = a.BigInt64Array(i, "selection");
  a.RequireLength(sel, "selection", kernels::WordsFor(length));
  return reinterpret_cast<const uint64_t*>(sel.data);
}

// Output validity of the kept rows: null when none of them is NULL.
Napi::Value CompactValidity(Napi::Env env, const kernels::Validity& v, const uint64_t* sel, int64_t length,
                            int64_t count, int64_t* nulls) {
  *nulls = 0;
  if (v.AllValid() || count == 0) return env.Null();
  std::vector<uint8_t>& bits = ValidityScratch(count);
  const int64_t ones = kernels::CompactBits(v.bits, v.offset, sel, length, bits.data());
  *nulls = count - ones;
  return ValidityResult(env, bits, count, *nulls);
}

Napi::Object FilterResult(Napi::Env env, Napi::Value validity, int64_t nulls) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("validity", validity);
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(nulls)));
  return result;
}

template <typename T>
Napi::Value FixedOut(Napi::Env env, const void* values, const uint64_t* sel, int64_t length, int64_t count) {
  Napi::TypedArrayOf<T> out = FreshArray<T>(env, static_cast<size_t>(count));
  kernels::CompactFixed<T>(static_cast<const T*>(values), sel, length, count, out.Data());
  return out;
}

// (values: Int32Array | BigInt64Array | Float64Array, validity, validityOffset, selection, length)
//   → {values (same type, count rows), validity, nullCount}
Napi::Value FilterFixed(const Napi::CallbackInfo& info) {
  Args a(info, "filterFixed");
  const NumericArg values = NumericArray(a, 0, "values");
  const int64_t length = a.Count(4, "length");
  if (values.length < length) {
    a.ThrowRange("values has " + std::to_string(values.length) + " elements, fewer than length " + std::to_string(length));
  }
  const kernels::Validity v = a.Validity(1, "validity", 2, "validityOffset", length);
  const uint64_t* sel = SelectionArg(a, 3, length);
  const int64_t count = kernels::CountSelection(sel, length);
  Napi::Env env = a.Env();
  Napi::Value out;
  switch (values.kind) {
    case kernels::ValueKind::kInt32: out = FixedOut<int32_t>(env, values.data, sel, length, count); break;
    case kernels::ValueKind::kInt64: out = FixedOut<int64_t>(env, values.data, sel, length, count); break;
    case kernels::ValueKind::kFloat64: out = FixedOut<double>(env, values.data, sel, length, count); break;
  }
  int64_t nulls;
  Napi::Value validity = CompactValidity(env, v, sel, length, count, &nulls);
  Napi::Object result = FilterResult(env, validity, nulls);
  result.Set("values", out);
  return result;
}

// (bits, bitOffset, validity, validityOffset, selection, length) → {values: bits, validity, nullCount}
Napi::Value FilterBoolean(const Napi::CallbackInfo& info) {
  Args a(info, "filterBoolean");
  const ArrayArg<uint8_t> bits = a.Uint8Array(0, "bits");
  const int64_t off = a.Count(1, "bitOffset");
  const int64_t length = a.Count(5, "length");
  if (bits.length * 8 < off + length) {
    a.ThrowRange("bits has " + std::to_string(bits.length) + " bytes, too few for bitOffset " + std::to_string(off) +
                 " + length " + std::to_string(length));
  }
  const kernels::Validity v = a.Validity(2, "validity", 3, "validityOffset", length);
  const uint64_t* sel = SelectionArg(a, 4, length);
  const int64_t count = kernels::CountSelection(sel, length);
  Napi::Env env = a.Env();
  Napi::Uint8Array out = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(count)));
  if (count > 0) kernels::CompactBits(bits.data, off, sel, length, out.Data());
  int64_t nulls;
  Napi::Value validity = CompactValidity(env, v, sel, length, count, &nulls);
  Napi::Object result = FilterResult(env, validity, nulls);
  result.Set("values", out);
  return result;
}

// (offsets, bytes, validity, validityOffset, selection, length) → {offsets, bytes, validity, nullCount}
Napi::Value FilterString(const Napi::CallbackInfo& info) {
  Args a(info, "filterString");
  const ArrayArg<int32_t> offsets = a.Int32Array(0, "offsets");
  const ArrayArg<uint8_t> bytes = a.Uint8Array(1, "bytes");
  const int64_t length = a.Count(5, "length");
  if (length > 0) a.RequireLength(offsets, "offsets", length + 1);
  const kernels::Validity v = a.Validity(2, "validity", 3, "validityOffset", length);
  const uint64_t* sel = SelectionArg(a, 4, length);
  const int64_t count = kernels::CountSelection(sel, length);
  int64_t bad_row;
  const int64_t total = kernels::CompactStringBytes(offsets.data, bytes.length, sel, length, &bad_row);
  if (bad_row >= 0) {
    a.ThrowRange("offsets of row " + std::to_string(bad_row) + " are not within bytes of length " +
                 std::to_string(bytes.length));
  }
  if (total > 2147483647) a.ThrowRange("the kept strings need more than 2^31 - 1 bytes");
  Napi::Env env = a.Env();
  Napi::Int32Array out_offsets = FreshArray<int32_t>(env, static_cast<size_t>(count + 1));
  Napi::Uint8Array out_bytes = FreshArray<uint8_t>(env, static_cast<size_t>(total));
  out_offsets[0] = 0;
  if (length > 0) kernels::CompactStrings(offsets.data, bytes.data, sel, length, out_offsets.Data(), out_bytes.Data());
  int64_t nulls;
  Napi::Value validity = CompactValidity(env, v, sel, length, count, &nulls);
  Napi::Object result = FilterResult(env, validity, nulls);
  result.Set("offsets", out_offsets);
  result.Set("bytes", out_bytes);
  return result;
}

}  // namespace

void RegisterFilter(Napi::Env env, Napi::Object exports) {
  exports.Set("filterMaskToIndices", Napi::Function::New(env, FilterMaskToIndices, "filterMaskToIndices"));
  exports.Set("filterSelection", Napi::Function::New(env, FilterSelection, "filterSelection"));
  exports.Set("filterFixed", Napi::Function::New(env, FilterFixed, "filterFixed"));
  exports.Set("filterBoolean", Napi::Function::New(env, FilterBoolean, "filterBoolean"));
  exports.Set("filterString", Napi::Function::New(env, FilterString, "filterString"));
}

}  // namespace kindling::napi
