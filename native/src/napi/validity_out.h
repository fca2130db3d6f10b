// Output validity bitmaps: built in per-thread scratch and copied into a JS Uint8Array only when the result
// has NULLs. Most results have none, and an allocation saved per call is GC work saved.
#pragma once

#include <napi.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "kernels/bitmap.h"

namespace kindling::napi {

inline std::vector<uint8_t>& ValidityScratch(int64_t n) {
  thread_local std::vector<uint8_t> scratch;
  scratch.resize(static_cast<size_t>(kernels::BitmapBytes(n)) + 1);  // + 1: data() is never null
  return scratch;
}

// null when no row is NULL, else a fresh Uint8Array of BitmapBytes(n) bytes.
inline Napi::Value ValidityResult(Napi::Env env, const std::vector<uint8_t>& bits, int64_t n, int64_t null_count) {
  if (null_count == 0) return env.Null();
  const size_t bytes = static_cast<size_t>(kernels::BitmapBytes(n));
  Napi::Uint8Array v = Napi::Uint8Array::New(env, bytes);
  std::memcpy(v.Data(), bits.data(), bytes);
  return v;
}

}  // namespace kindling::napi
