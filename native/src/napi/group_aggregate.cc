// groupSum* / groupCount / groupMinMax: fold a batch's rows into caller-owned per-group state arrays.
#include <string>
#include <vector>

#include "kernels/group_aggregate.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"

namespace kindling::napi {

namespace {

const char* KindName(kernels::ValueKind k) {
  switch (k) {
    case kernels::ValueKind::kInt32: return "Int32Array";
    case kernels::ValueKind::kInt64: return "BigInt64Array";
    case kernels::ValueKind::kFloat64: return "Float64Array";
  }
  return "?";
}

// gids (Int32Array of at least n) at argument i.
const int32_t* GidsArg(const Args& a, size_t i, int64_t n) {
  const ArrayArg<int32_t> gids = a.Int32Array(i, "gids");
  a.RequireLength(gids, "gids", n);
  return gids.data;
}

// An optional per-group flag array at argument i: null, or a Uint8Array of at least num_groups bytes.
uint8_t* FlagsArg(const Args& a, size_t i, const char* name, int64_t num_groups, bool optional) {
  const ArrayArg<uint8_t> f = optional ? a.OptionalUint8Array(i, name) : a.Uint8Array(i, name);
  if (f.data == nullptr && optional) return nullptr;
  if (f.length < num_groups) {
    a.ThrowRange(std::string(name) + " has " + std::to_string(f.length) + " bytes, fewer than the " +
                 std::to_string(num_groups) + " groups of the state");
  }
  return f.data;
}

void ThrowBadGid(const Args& a, int64_t row, const int32_t* gids, int64_t num_groups) {
  a.ThrowRange("gids[" + std::to_string(row) + "] = " + std::to_string(gids[row]) +
               " is out of range for a state of " + std::to_string(num_groups) + " groups");
}

// (values, validity, validityOffset, gids, n, sums: Float64Array, has: Uint8Array | null)
Napi::Value GroupSumAsDouble(const Napi::CallbackInfo& info) {
  Args a(info, "groupSumAsDouble");
  const int64_t n = a.Count(4, "n");
  const NumericArg values = NumericArray(a, 0, "values");
  if (values.length < n) a.ThrowRange("values has " + std::to_string(values.length) + " elements, fewer than n");
  const kernels::Validity v = a.Validity(1, "validity", 2, "validityOffset", n);
  const int32_t* gids = GidsArg(a, 3, n);
  const ArrayArg<double> sums = a.Float64Array(5, "sums");
  uint8_t* has = FlagsArg(a, 6, "has", sums.length, true);
  const int64_t bad = kernels::GroupSumAsDouble(values.kind, values.data, v, gids, n, sums.data, has, sums.length);
  if (bad >= 0) ThrowBadGid(a, bad, gids, sums.length);
  return a.Env().Undefined();
}

// (values: Int32Array | BigInt64Array, validity, validityOffset, gids, n, sums: BigInt64Array, has | null)
Napi::Value GroupSumWrapping(const Napi::CallbackInfo& info) {
  Args a(info, "groupSumWrapping");
  const int64_t n = a.Count(4, "n");
  const NumericArg values = NumericArray(a, 0, "values");
  if (values.kind == kernels::ValueKind::kFloat64) a.ThrowType("values", "an Int32Array or BigInt64Array", 0);
  if (values.length < n) a.ThrowRange("values has " + std::to_string(values.length) + " elements, fewer than n");
  const kernels::Validity v = a.Validity(1, "validity", 2, "validityOffset", n);
  const int32_t* gids = GidsArg(a, 3, n);
  const ArrayArg<int64_t> sums = a.BigInt64Array(5, "sums");
  uint8_t* has = FlagsArg(a, 6, "has", sums.length, true);
  const int64_t bad = kernels::GroupSumWrapping(values.kind, values.data, v, gids, n, sums.data, has, sums.length);
  if (bad >= 0) ThrowBadGid(a, bad, gids, sums.length);
  return a.Env().Undefined();
}

// (gids, n, counts: BigInt64Array, validities: [bits, offset, bits, offset, ...]) — a row counts when it is
// valid in every bitmap given.
Napi::Value GroupCount(const Napi::CallbackInfo& info) {
  Args a(info, "groupCount");
  const int64_t n = a.Count(1, "n");
  const int32_t* gids = GidsArg(a, 0, n);
  const ArrayArg<int64_t> counts = a.BigInt64Array(2, "counts");
  const std::vector<kernels::Validity> validities = ValiditiesArg(a, 3, n);
  const int64_t bad = kernels::GroupCount(validities.data(), static_cast<int>(validities.size()), gids, n,
                                          counts.data, counts.length);
  if (bad >= 0) ThrowBadGid(a, bad, gids, counts.length);
  return a.Env().Undefined();
}

// (values, validity, validityOffset, gids, n, state: same type as values, valid: Uint8Array, sign: -1 | 1)
Napi::Value GroupMinMax(const Napi::CallbackInfo& info) {
  Args a(info, "groupMinMax");
  const int64_t n = a.Count(4, "n");
  const NumericArg values = NumericArray(a, 0, "values");
  if (values.length < n) a.ThrowRange("values has " + std::to_string(values.length) + " elements, fewer than n");
  const kernels::Validity v = a.Validity(1, "validity", 2, "validityOffset", n);
  const int32_t* gids = GidsArg(a, 3, n);
  const NumericArg state = NumericArray(a, 5, "state");
  if (state.kind != values.kind) {
    a.ThrowType("state", (std::string("a ") + KindName(values.kind) + " like values").c_str(), 5);
  }
  uint8_t* valid = FlagsArg(a, 6, "valid", state.length, false);
  const int64_t sign = a.IntIn(7, "sign", -1, 1);
  if (sign == 0) a.ThrowRange("sign must be -1 (min) or 1 (max)");
  const int64_t bad = kernels::GroupMinMax(values.kind, values.data, v, gids, n, state.data, valid, state.length,
                                           static_cast<int>(sign));
  if (bad >= 0) ThrowBadGid(a, bad, gids, state.length);
  return a.Env().Undefined();
}

}  // namespace

void RegisterGroupAggregate(Napi::Env env, Napi::Object exports) {
  exports.Set("groupSumAsDouble", Napi::Function::New(env, GroupSumAsDouble, "groupSumAsDouble"));
  exports.Set("groupSumWrapping", Napi::Function::New(env, GroupSumWrapping, "groupSumWrapping"));
  exports.Set("groupCount", Napi::Function::New(env, GroupCount, "groupCount"));
  exports.Set("groupMinMax", Napi::Function::New(env, GroupMinMax, "groupMinMax"));
}

}  // namespace kindling::napi
