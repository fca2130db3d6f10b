// arithmetic / negate: + - * / % over Int32Array, BigInt64Array or Float64Array columns and scalars.
#include <cstring>
#include <string>

#include "kernels/arithmetic.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"
#include "napi/validity_out.h"

namespace kindling::napi {

namespace {

template <typename T>
Napi::Object Result(Napi::Env env, Napi::TypedArrayOf<T> values, const std::vector<uint8_t>& bits, int64_t n,
                    const kernels::ArithResult& r) {
  // An ANSI error stops the kernel part-way; the rest of the fresh output must not show old heap bytes.
  if (r.error_at >= 0) std::memset(values.Data(), 0, static_cast<size_t>(n) * sizeof(T));
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", values);
  result.Set("validity", ValidityResult(env, bits, n, r.null_count));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(r.null_count)));
  result.Set("errorAt", Napi::Number::New(env, static_cast<double>(r.error_at)));
  return result;
}

template <typename T>
Napi::Value Run(const Args& a, kernels::ArithOp op, const NumericArg& x, kernels::Validity xv, bool xs,
                const NumericArg& y, kernels::Validity yv, bool ys, int64_t n, bool ansi) {
  Napi::Env env = a.Env();
  Napi::TypedArrayOf<T> out = FreshArray<T>(env, static_cast<size_t>(n));
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const kernels::Operand<T> left{static_cast<const T*>(x.data), xv, xs};
  const kernels::Operand<T> right{static_cast<const T*>(y.data), yv, ys};
  const kernels::ArithResult r = kernels::Arithmetic<T>(op, left, right, n, ansi, out.Data(), bits.data());
  return Result(env, out, bits, n, r);
}

// An operand's values: one element when scalar, else at least n; its validity is ignored when scalar.
void CheckOperand(const Args& a, const NumericArg& v, bool scalar, const char* name, int64_t n) {
  if (scalar ? v.length < 1 : v.length < n) {
    a.ThrowRange(std::string(name) + " has " + std::to_string(v.length) + " elements, fewer than " +
                 (scalar ? std::string("the 1 of a scalar") : "length " + std::to_string(n)));
  }
}

// (op 0..4 = + - * / %, a, aValidity, aValidityOffset, aScalar, b, bValidity, bValidityOffset, bScalar, n, ansi)
// → {values, validity: Uint8Array | null, nullCount, errorAt}
Napi::Value Arithmetic(const Napi::CallbackInfo& info) {
  Args a(info, "arithmetic");
  const auto op = static_cast<kernels::ArithOp>(a.IntIn(0, "op", 0, 4));
  const NumericArg x = NumericArray(a, 1, "a");
  const bool xs = a.Boolean(4, "aScalar");
  const NumericArg y = NumericArray(a, 5, "b");
  const bool ys = a.Boolean(8, "bScalar");
  const int64_t n = a.Count(9, "n");
  const bool ansi = a.Boolean(10, "ansi");
  if (x.kind != y.kind) a.ThrowType("b", "a typed array of the same type as a", 5);
  CheckOperand(a, x, xs, "a", n);
  CheckOperand(a, y, ys, "b", n);
  const kernels::Validity xv = a.Validity(2, "aValidity", 3, "aValidityOffset", xs ? 0 : n);
  const kernels::Validity yv = a.Validity(6, "bValidity", 7, "bValidityOffset", ys ? 0 : n);
  switch (x.kind) {
    case kernels::ValueKind::kInt32:
      if (op == kernels::ArithOp::kDivide) a.ThrowRange("op / is defined on Float64Array operands only");
      return Run<int32_t>(a, op, x, xv, xs, y, yv, ys, n, ansi);
    case kernels::ValueKind::kInt64:
      if (op == kernels::ArithOp::kDivide) a.ThrowRange("op / is defined on Float64Array operands only");
      return Run<int64_t>(a, op, x, xv, xs, y, yv, ys, n, ansi);
    case kernels::ValueKind::kFloat64:
      return Run<double>(a, op, x, xv, xs, y, yv, ys, n, ansi);
  }
  return a.Env().Undefined();
}

template <typename T>
Napi::Value RunNegate(const Args& a, const NumericArg& x, kernels::Validity v, int64_t n, bool ansi) {
  Napi::Env env = a.Env();
  Napi::TypedArrayOf<T> out = FreshArray<T>(env, static_cast<size_t>(n));
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const kernels::ArithResult r =
      kernels::Negate<T>(static_cast<const T*>(x.data), v, n, ansi, out.Data(), bits.data());
  return Result(env, out, bits, n, r);
}

// (values, validity, validityOffset, n, ansi) → {values, validity, nullCount, errorAt}
Napi::Value Negate(const Napi::CallbackInfo& info) {
  Args a(info, "negate");
  const NumericArg x = NumericArray(a, 0, "values");
  const int64_t n = a.Count(3, "n");
  const bool ansi = a.Boolean(4, "ansi");
  CheckOperand(a, x, false, "values", n);
  const kernels::Validity v = a.Validity(1, "validity", 2, "validityOffset", n);
  switch (x.kind) {
    case kernels::ValueKind::kInt32: return RunNegate<int32_t>(a, x, v, n, ansi);
    case kernels::ValueKind::kInt64: return RunNegate<int64_t>(a, x, v, n, ansi);
    case kernels::ValueKind::kFloat64: return RunNegate<double>(a, x, v, n, ansi);
  }
  return a.Env().Undefined();
}

}  // namespace

void RegisterArithmetic(Napi::Env env, Napi::Object exports) {
  exports.Set("arithmetic", Napi::Function::New(env, Arithmetic, "arithmetic"));
  exports.Set("negate", Napi::Function::New(env, Negate, "negate"));
}

}  // namespace kindling::napi
