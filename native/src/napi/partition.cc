// partitionIdsFromHashes / partitionOrder: the shuffle-map split's loops.
#include <string>

#include "kernels/partition.h"
#include "napi/args.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"

namespace kindling::napi {

namespace {

// (hashes: Uint32Array, n, numPartitions) → Int32Array of hashes[i] % numPartitions
Napi::Value PartitionIdsFromHashes(const Napi::CallbackInfo& info) {
  Args a(info, "partitionIdsFromHashes");
  const int64_t n = a.Count(1, "n");
  const ArrayArg<uint32_t> hashes = a.Uint32Array(0, "hashes");
  a.RequireLength(hashes, "hashes", n);
  const int64_t p = a.IntIn(2, "numPartitions", 1, 2147483647);
  Napi::Int32Array out = FreshArray<int32_t>(a.Env(), static_cast<size_t>(n));
  kernels::PartitionIdsFromHashes(hashes.data, n, static_cast<uint32_t>(p), out.Data());
  return out;
}

// (pids: Int32Array, n, numPartitions) → {starts: Int32Array(numPartitions + 1), order: Int32Array(n)}
Napi::Value PartitionOrder(const Napi::CallbackInfo& info) {
  Args a(info, "partitionOrder");
  const int64_t n = a.Count(1, "n");
  if (n > 2147483647) a.ThrowRange("n must be below 2^31");
  const ArrayArg<int32_t> pids = a.Int32Array(0, "pids");
  a.RequireLength(pids, "pids", n);
  const int64_t p = a.IntIn(2, "numPartitions", 1, 1 << 24);
  Napi::Env env = a.Env();
  Napi::Int32Array starts = Napi::Int32Array::New(env, static_cast<size_t>(p + 1));
  Napi::Int32Array order = FreshArray<int32_t>(env, static_cast<size_t>(n));
  const int64_t bad = kernels::PartitionOrder(pids.data, n, static_cast<int32_t>(p), starts.Data(), order.Data());
  if (bad >= 0) {
    a.ThrowRange("pids[" + std::to_string(bad) + "] = " + std::to_string(pids.data[bad]) + " is not in [0, " +
                 std::to_string(p) + ")");
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("starts", starts);
  out.Set("order", order);
  return out;
}

}  // namespace

void RegisterPartition(Napi::Env env, Napi::Object exports) {
  exports.Set("partitionIdsFromHashes", Napi::Function::New(env, PartitionIdsFromHashes, "partitionIdsFromHashes"));
  exports.Set("partitionOrder", Napi::Function::New(env, PartitionOrder, "partitionOrder"));
}

}  // namespace kindling::napi
