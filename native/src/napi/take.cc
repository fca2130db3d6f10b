// takeInt64 / takeFloat64 / takeInt32: gather by Int32 indices (-1 → null) into fresh arrays.
#include "kernels/take.h"
#include "napi/args.h"
#include "napi/exports.h"

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
  Napi::TypedArrayOf<T> out = Napi::TypedArrayOf<T>::New(env, static_cast<size_t>(n));
  Napi::Uint8Array out_validity = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
  const kernels::TakeResult r =
      kernels::Take<T>(values.data, validity, values.length, indices.data, n, out.Data(), out_validity.Data());
  if (r.bad_index_at >= 0) {
    a.ThrowRange("indices[" + std::to_string(r.bad_index_at) + "] = " +
                 std::to_string(indices.data[r.bad_index_at]) + " is out of range for values of length " +
                 std::to_string(values.length) + " (-1 is the only index meaning null)");
  }
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", out);
  result.Set("validity", r.null_count > 0 ? Napi::Value(out_validity) : env.Null());
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

}  // namespace

void RegisterTake(Napi::Env env, Napi::Object exports) {
  exports.Set("takeInt64", Napi::Function::New(env, TakeInt64, "takeInt64"));
  exports.Set("takeFloat64", Napi::Function::New(env, TakeFloat64, "takeFloat64"));
  exports.Set("takeInt32", Napi::Function::New(env, TakeInt32, "takeInt32"));
}

}  // namespace kindling::napi
