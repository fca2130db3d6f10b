// takeInt64 / takeFloat64 / takeInt32: gather by Int32 indices (-1 → null) into fresh arrays.
#include <cstring>
#include <vector>

#include "kernels/take.h"
#include "napi/args.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"
#include "napi/validity_out.h"

namespace kindling::napi {

namespace {

// (values, validity, validityOffset, indices) → {values, validity: Uint8Array | null, nullCount}.
// The logical length of the input is values.length, so pass values.subarray(0, data.length) for a Data
// whose buffer is longer than its rows.
template <typename T, ArrayArg<T> (Args::*Get)(size_t, const char*) const>
Napi::Value TakeImpl(const Napi::CallbackInfo& info, const char* fn) {
  Args a(info, fn);
  const ArrayArg<T> values = (a.*Get)(0, "values");
  const kernels::Validity validity = a.Validity(1, "validity", 2, "validityOffset", values.length);
  const ArrayArg<int32_t> indices = a.Int32Array(3, "indices");
  const int64_t n = indices.length;
  Napi::Env env = a.Env();
  Napi::TypedArrayOf<T> out = FreshArray<T>(env, static_cast<size_t>(n));
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const kernels::TakeResult r =
      kernels::Take<T>(values.data, validity, values.length, indices.data, n, out.Data(), bits.data());
  if (r.bad_index_at >= 0) {
    a.ThrowRange("indices[" + std::to_string(r.bad_index_at) + "] = " +
                 std::to_string(indices.data[r.bad_index_at]) + " is out of range for values of length " +
                 std::to_string(values.length) + " (-1 is the only index meaning null)");
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", out);
  result.Set("validity", ValidityResult(env, bits, n, r.null_count));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(r.null_count)));
  return result;
}

Napi::Value TakeInt64(const Napi::CallbackInfo& info) {
  return TakeImpl<int64_t, &Args::BigInt64Array>(info, "takeInt64");
}
Napi::Value TakeFloat64(const Napi::CallbackInfo& info) {
  return TakeImpl<double, &Args::Float64Array>(info, "takeFloat64");
}
Napi::Value TakeInt32(const Napi::CallbackInfo& info) {
  return TakeImpl<int32_t, &Args::Int32Array>(info, "takeInt32");
}

void ThrowBadIndex(const Args& a, const ArrayArg<int32_t>& indices, int64_t at, int64_t length) {
  a.ThrowRange("indices[" + std::to_string(at) + "] = " + std::to_string(indices.data[at]) +
               " is out of range for values of length " + std::to_string(length) +
               " (-1 is the only index meaning null)");
}

// (bits, bitOffset, validity, validityOffset, length, indices) → {values: bits, validity, nullCount}
Napi::Value TakeBoolean(const Napi::CallbackInfo& info) {
  Args a(info, "takeBoolean");
  const ArrayArg<uint8_t> bits = a.Uint8Array(0, "bits");
  const int64_t off = a.Count(1, "bitOffset");
  const int64_t length = a.Count(4, "length");
  if (bits.length * 8 < off + length) {
    a.ThrowRange("bits has " + std::to_string(bits.length) + " bytes, too few for bitOffset " + std::to_string(off) +
                 " + length " + std::to_string(length));
  }
  const kernels::Validity validity = a.Validity(2, "validity", 3, "validityOffset", length);
  const ArrayArg<int32_t> indices = a.Int32Array(5, "indices");
  const int64_t n = indices.length;
  Napi::Env env = a.Env();
  Napi::Uint8Array out = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
  std::vector<uint8_t>& out_validity = ValidityScratch(n);
  const kernels::TakeResult r =
      kernels::TakeBits(bits.data, off, validity, length, indices.data, n, out.Data(), out_validity.data());
  if (r.bad_index_at >= 0) ThrowBadIndex(a, indices, r.bad_index_at, length);
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", out);
  result.Set("validity", ValidityResult(env, out_validity, n, r.null_count));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(r.null_count)));
  return result;
}

// (offsets, bytes, validity, validityOffset, length, indices) → {offsets, bytes, validity, nullCount}
Napi::Value TakeString(const Napi::CallbackInfo& info) {
  Args a(info, "takeString");
  const ArrayArg<int32_t> offsets = a.Int32Array(0, "offsets");
  const ArrayArg<uint8_t> bytes = a.Uint8Array(1, "bytes");
  const int64_t length = a.Count(4, "length");
  if (length > 0) a.RequireLength(offsets, "offsets", length + 1);
  const kernels::Validity validity = a.Validity(2, "validity", 3, "validityOffset", length);
  const ArrayArg<int32_t> indices = a.Int32Array(5, "indices");
  const int64_t n = indices.length;
  const kernels::TakeStringsSize size = kernels::TakeStringBytes(offsets.data, bytes.length, length, indices.data, n);
  if (size.bad_index_at >= 0) ThrowBadIndex(a, indices, size.bad_index_at, length);
  if (size.bad_offsets_at >= 0) {
    a.ThrowRange("offsets of row " + std::to_string(size.bad_offsets_at) + " are not within bytes of length " +
                 std::to_string(bytes.length));
  }
  if (size.bytes > 2147483647) a.ThrowRange("the gathered strings need more than 2^31 - 1 bytes");
  Napi::Env env = a.Env();
  Napi::Int32Array out_offsets = FreshArray<int32_t>(env, static_cast<size_t>(n + 1));
  Napi::Uint8Array out_bytes = FreshArray<uint8_t>(env, static_cast<size_t>(size.bytes));
  std::vector<uint8_t>& out_validity = ValidityScratch(n);
  const kernels::TakeResult r = kernels::TakeStrings(offsets.data, bytes.data, validity, indices.data, n,
                                                     out_offsets.Data(), out_bytes.Data(), out_validity.data());
  Napi::Object result = Napi::Object::New(env);
  result.Set("offsets", out_offsets);
  result.Set("bytes", out_bytes);
  result.Set("validity", ValidityResult(env, out_validity, n, r.null_count));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(r.null_count)));
  return result;
}

}  // namespace

void RegisterTake(Napi::Env env, Napi::Object exports) {
  exports.Set("takeInt64", Napi::Function::New(env, TakeInt64, "takeInt64"));
  exports.Set("takeFloat64", Napi::Function::New(env, TakeFloat64, "takeFloat64"));
  exports.Set("takeInt32", Napi::Function::New(env, TakeInt32, "takeInt32"));
  exports.Set("takeBoolean", Napi::Function::New(env, TakeBoolean, "takeBoolean"));
  exports.Set("takeString", Napi::Function::New(env, TakeString, "takeString"));
}

}  // namespace kindling::napi
