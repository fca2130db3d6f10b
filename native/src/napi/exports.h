// Registration hooks: each napi/*.cc file adds its functions to the module's exports.
#pragma once

#include <napi.h>

namespace kindling::napi {

void RegisterSum(Napi::Env env, Napi::Object exports);
void RegisterFilter(Napi::Env env, Napi::Object exports);
void RegisterTake(Napi::Env env, Napi::Object exports);
void RegisterHash(Napi::Env env, Napi::Object exports);
void RegisterGroupBy(Napi::Env env, Napi::Object exports);
void RegisterRowHash(Napi::Env env, Napi::Object exports);
void RegisterKeyDictionary(Napi::Env env, Napi::Object exports);
void RegisterGroupAggregate(Napi::Env env, Napi::Object exports);
void RegisterJoin(Napi::Env env, Napi::Object exports);
void RegisterPartition(Napi::Env env, Napi::Object exports);
void RegisterSortIndices(Napi::Env env, Napi::Object exports);
void RegisterCompare(Napi::Env env, Napi::Object exports);
void RegisterArithmetic(Napi::Env env, Napi::Object exports);
void RegisterLogic(Napi::Env env, Napi::Object exports);
void RegisterStrings(Napi::Env env, Napi::Object exports);
void RegisterShm(Napi::Env env, Napi::Object exports);

}  // namespace kindling::napi
