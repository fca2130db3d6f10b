// hashMix* / hashFinish: the engine's row hash over key columns, one column per call into a Uint32Array.
#include "kernels/row_hash.h"
#include "napi/args.h"
#include "napi/exports.h"

namespace kindling::napi {

namespace {

// acc (a Uint32Array of at least n elements) is argument 0; n is the last argument.
uint32_t* AccArg(const Args& a, int64_t n) {
  const ArrayArg<uint32_t> acc = a.Uint32Array(0, "acc");
  a.RequireLength(acc, "acc", n);
  return acc.data;
}

// (acc, values, validity, validityOffset, n)
template <typename T, ArrayArg<T> (Args::*Get)(size_t, const char*) const,
          void (*Mix)(uint32_t*, const T*, kernels::Validity, int64_t)>
Napi::Value MixFixed(const Napi::CallbackInfo& info, const char* fn) {
  Args a(info, fn);
  const int64_t n = a.Count(4, "n");
  uint32_t* acc = AccArg(a, n);
  const ArrayArg<T> values = (a.*Get)(1, "values");
  a.RequireLength(values, "values", n);
  Mix(acc, values.data, a.Validity(2, "validity", 3, "validityOffset", n), n);
  return a.Env().Undefined();
}

Napi::Value HashMixInt32(const Napi::CallbackInfo& info) {
  return MixFixed<int32_t, &Args::Int32Array, kernels::RowHashMixInt32>(info, "hashMixInt32");
}
Napi::Value HashMixInt64(const Napi::CallbackInfo& info) {
  return MixFixed<int64_t, &Args::BigInt64Array, kernels::RowHashMixInt64>(info, "hashMixInt64");
}
Napi::Value HashMixFloat64(const Napi::CallbackInfo& info) {
  return MixFixed<double, &Args::Float64Array, kernels::RowHashMixFloat64>(info, "hashMixFloat64");
}

// (acc, bits, bitOffset, validity, validityOffset, n)
Napi::Value HashMixBoolean(const Napi::CallbackInfo& info) {
  Args a(info, "hashMixBoolean");
  const int64_t n = a.Count(5, "n");
  uint32_t* acc = AccArg(a, n);
  const ArrayArg<uint8_t> bits = a.Uint8Array(1, "bits");
  const int64_t off = a.Count(2, "bitOffset");
  if (bits.length * 8 < off + n) {
    a.ThrowRange("bits has " + std::to_string(bits.length) + " bytes, too few for bitOffset " + std::to_string(off) +
                 " + n " + std::to_string(n));
  }
  kernels::RowHashMixBoolean(acc, bits.data, off, a.Validity(3, "validity", 4, "validityOffset", n), n);
  return a.Env().Undefined();
}

// (acc, offsets, bytes, validity, validityOffset, n)
Napi::Value HashMixString(const Napi::CallbackInfo& info) {
  Args a(info, "hashMixString");
  const int64_t n = a.Count(5, "n");
  uint32_t* acc = AccArg(a, n);
  const ArrayArg<int32_t> offsets = a.Int32Array(1, "offsets");
  const ArrayArg<uint8_t> bytes = a.Uint8Array(2, "bytes");
  if (n > 0) a.RequireLength(offsets, "offsets", n + 1);
  const int64_t bad = kernels::RowHashMixString(acc, offsets.data, bytes.data, bytes.length,
                                                a.Validity(3, "validity", 4, "validityOffset", n), n);
  if (bad >= 0) {
    a.ThrowRange("offsets of row " + std::to_string(bad) + " (" + std::to_string(offsets.data[bad]) + ", " +
                 std::to_string(offsets.data[bad + 1]) + ") are not within bytes of length " +
                 std::to_string(bytes.length));
  }
  return a.Env().Undefined();
}

// (acc, n)
Napi::Value HashMixNull(const Napi::CallbackInfo& info) {
  Args a(info, "hashMixNull");
  const int64_t n = a.Count(1, "n");
  kernels::RowHashMixNull(AccArg(a, n), n);
  return a.Env().Undefined();
}

// (acc, numColumns, n)
Napi::Value HashFinish(const Napi::CallbackInfo& info) {
  Args a(info, "hashFinish");
  const int64_t n = a.Count(2, "n");
  kernels::RowHashFinish(AccArg(a, n), a.Uint32(1, "numColumns"), n);
  return a.Env().Undefined();
}

}  // namespace

void RegisterRowHash(Napi::Env env, Napi::Object exports) {
  exports.Set("hashMixInt32", Napi::Function::New(env, HashMixInt32, "hashMixInt32"));
  exports.Set("hashMixInt64", Napi::Function::New(env, HashMixInt64, "hashMixInt64"));
  exports.Set("hashMixFloat64", Napi::Function::New(env, HashMixFloat64, "hashMixFloat64"));
  exports.Set("hashMixBoolean", Napi::Function::New(env, HashMixBoolean, "hashMixBoolean"));
  exports.Set("hashMixString", Napi::Function::New(env, HashMixString, "hashMixString"));
  exports.Set("hashMixNull", Napi::Function::New(env, HashMixNull, "hashMixNull"));
  exports.Set("hashFinish", Napi::Function::New(env, HashFinish, "hashFinish"));
}

}  // namespace kindling::napi
