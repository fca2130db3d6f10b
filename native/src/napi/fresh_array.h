// Output arrays the kernel fills completely. Napi's TypedArray::New zero-fills its memory, which for the
// filter's 256 KiB outputs cost as much as the compaction itself; node::Buffer's backing store is left
// uninitialised (as Buffer.allocUnsafe), so a typed array viewed over one costs only the allocation.
// Use it only where every element is written before JS can see the array: stale heap bytes must never leak.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>

namespace kindling::napi {

template <typename T>
Napi::TypedArrayOf<T> FreshArray(Napi::Env env, size_t n) {
  // A zero-byte Buffer still gets its own backing store, so the view below is always valid.
  Napi::Buffer<uint8_t> buf = Napi::Buffer<uint8_t>::New(env, n * sizeof(T));
  return Napi::TypedArrayOf<T>::New(env, n, buf.ArrayBuffer(), buf.ByteOffset());
}

}  // namespace kindling::napi
