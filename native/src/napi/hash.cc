// hashInt64: 32-bit murmur3-finalizer hashes of an Int64 column (NULL → seed).
#include "kernels/hash.h"
#include "napi/args.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"

namespace kindling::napi {

namespace {

// (values, validity, validityOffset, length, seed) → Uint32Array(length)
Napi::Value HashInt64(const Napi::CallbackInfo& info) {
  Args a(info, "hashInt64");
  const ArrayArg<int64_t> values = a.BigInt64Array(0, "values");
  const int64_t length = a.Count(3, "length");
  a.RequireLength(values, "values", length);
  const kernels::Validity validity = a.Validity(1, "validity", 2, "validityOffset", length);
  const uint32_t seed = a.Uint32(4, "seed");
  Napi::Uint32Array out = FreshArray<uint32_t>(a.Env(), static_cast<size_t>(length));
  kernels::HashInt64(values.data, validity, length, seed, out.Data());
  return out;
}

}  // namespace

void RegisterHash(Napi::Env env, Napi::Object exports) {
  exports.Set("hashInt64", Napi::Function::New(env, HashInt64, "hashInt64"));
}

}  // namespace kindling::napi
