// compareColumns: -1/0/1 per row of two columns of one kind.
#include <string>

#include "kernels/compare.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"

namespace kindling::napi {

namespace {

// (a: key column, b: key column of the same kind, n, out: Int8Array)
Napi::Value CompareColumns(const Napi::CallbackInfo& info) {
  Args a(info, "compareColumns");
  const int64_t n = a.Count(2, "n");
  const kernels::KeyColumn left = KeyColumnFromArray(a, a[0], "a", 0, n);
  const kernels::KeyColumn right = KeyColumnFromArray(a, a[1], "b", 0, n);
  if (left.kind != right.kind) a.ThrowRange("a and b differ in kind");
  Napi::Value o = a[3];
  if (!o.IsTypedArray() || o.As<Napi::TypedArray>().TypedArrayType() != napi_int8_array) {
    a.ThrowType("out", "an Int8Array", 3);
  }
  Napi::Int8Array out = o.As<Napi::Int8Array>();
  if (static_cast<int64_t>(out.ElementLength()) < n) a.ThrowRange("out has fewer than n elements");
  const int64_t bad = kernels::CompareColumns(left, right, n, out.Data());
  if (bad >= 0) a.ThrowRange("string offsets of row " + std::to_string(bad) + " are out of bounds");
  return a.Env().Undefined();
}

}  // namespace

void RegisterCompare(Napi::Env env, Napi::Object exports) {
  exports.Set("compareColumns", Napi::Function::New(env, CompareColumns, "compareColumns"));
}

}  // namespace kindling::napi
