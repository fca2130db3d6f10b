// compareColumns: -1/0/1 per row of two columns of one kind.
#include <string>

#include "kernels/compare.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"
#include "napi/validity_out.h"

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

// (op 0..6 = '=', '!=', '<', '<=', '>', '>=', '<=>', a: key column, aValidity, aValidityOffset, aScalar,
//  b: key column of a's kind, bValidity, bValidityOffset, bScalar, n) → {values, validity, nullCount}
Napi::Value CompareOp(const Napi::CallbackInfo& info) {
  Args a(info, "compareOp");
  const auto op = static_cast<kernels::CmpOp>(a.IntIn(0, "op", 0, 6));
  const int64_t n = a.Count(9, "n");
  const bool as = a.Boolean(4, "aScalar");
  const bool bs = a.Boolean(8, "bScalar");
  const int64_t arows = as ? 1 : n, brows = bs ? 1 : n;
  kernels::KeyColumn left = KeyColumnFromArray(a, a[1], "a", 0, arows);
  kernels::KeyColumn right = KeyColumnFromArray(a, a[5], "b", 0, brows);
  if (left.kind != right.kind) a.ThrowRange("a and b differ in kind");
  left.validity = a.Validity(2, "aValidity", 3, "aValidityOffset", arows);
  right.validity = a.Validity(6, "bValidity", 7, "bValidityOffset", brows);
  int64_t bad = kernels::CheckOffsets(left, arows);
  if (bad >= 0) a.ThrowRange("string offsets of row " + std::to_string(bad) + " of a are decreasing or out of bounds");
  bad = kernels::CheckOffsets(right, brows);
  if (bad >= 0) a.ThrowRange("string offsets of row " + std::to_string(bad) + " of b are decreasing or out of bounds");
  Napi::Env env = a.Env();
  Napi::Uint8Array values = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const int64_t nulls = kernels::CompareToBits(op, left, as, right, bs, n, values.Data(), bits.data());
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", values);
  result.Set("validity", ValidityResult(env, bits, n, nulls));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(nulls)));
  return result;
}

}  // namespace

void RegisterCompare(Napi::Env env, Napi::Object exports) {
  exports.Set("compareColumns", Napi::Function::New(env, CompareColumns, "compareColumns"));
  exports.Set("compareOp", Napi::Function::New(env, CompareOp, "compareOp"));
}

}  // namespace kindling::napi
