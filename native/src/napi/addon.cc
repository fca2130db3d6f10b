// Module entry point of kindling_native.node (Node-API 8, context-aware: loads in worker threads too).
#include <napi.h>

#include "napi/exports.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  using namespace kindling::napi;
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
