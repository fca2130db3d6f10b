// Module entry point of kindling_native.node (Node-API 8, context-aware: loads in worker threads too).
#include <napi.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cstdlib>
#include <mutex>

#include "napi/exports.h"

namespace {

// Kernel outputs are column buffers of up to a few MiB, allocated and freed at a high rate. glibc's
// defaults mmap each one over 128 KiB and give freed memory back to the system almost at once, so every
// batch faulted its pages in again: that doubled the filter benchmark's time. Keep blocks up to 4 MiB in
// the heap and up to 64 MiB of free memory per arena before trimming. Set once per process, and not at all
// when the user tunes glibc through its own environment variables.
void TuneAllocator() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr || std::getenv("MALLOC_TRIM_THRESHOLD_") != nullptr ||
        std::getenv("KINDLING_MALLOC_DEFAULTS") != nullptr) {
      return;
    }
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
  });
#endif
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace kindling::napi;
  TuneAllocator();
  RegisterSum(env, exports);
  RegisterFilter(env, exports);
  RegisterTake(env, exports);
  RegisterHash(env, exports);
  RegisterGroupBy(env, exports);
  RegisterRowHash(env, exports);
  RegisterKeyDictionary(env, exports);
  RegisterGroupAggregate(env, exports);
  RegisterJoin(env, exports);
  RegisterPartition(env, exports);
  RegisterSortIndices(env, exports);
  RegisterCompare(env, exports);
  RegisterArithmetic(env, exports);
  RegisterLogic(env, exports);
  RegisterStrings(env, exports);
  RegisterShm(env, exports);
  exports.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  return exports;
}

}  // namespace

NODE_API_MODULE(kindling_native, Init)
