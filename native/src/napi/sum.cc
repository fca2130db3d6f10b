// sumInt64 / sumFloat64: argument checks, then the kernels in kernels/sum.h.
#include "kernels/sum.h"
#include "napi/args.h"
#include "napi/exports.h"

namespace kindling::napi {

namespace {

// (values, validity, validityOffset, length)
template <typename Get>
auto Prepare(const Args& a, Get get) {
  auto values = get(a);
  const int64_t length = a.Count(3, "length");
  a.RequireLength(values, "values", length);
  const kernels::Validity validity = a.Validity(1, "validity", 2, "validityOffset", length);
  return std::make_tuple(values, validity, length);
}

Napi::Value SumInt64(const Napi::CallbackInfo& info) {
  Args a(info, "sumInt64");
  auto [values, validity, length] = Prepare(a, [](const Args& x) { return x.BigInt64Array(0, "values"); });
  const kernels::SumInt64Result r = kernels::SumInt64(values.data, validity, length);
  Napi::Object out = Napi::Object::New(a.Env());
  out.Set("sum", Napi::BigInt::New(a.Env(), r.sum));
  out.Set("count", Napi::Number::New(a.Env(), static_cast<double>(r.count)));
  return out;
}

Napi::Value SumFloat64(const Napi::CallbackInfo& info) {
  Args a(info, "sumFloat64");
  auto [values, validity, length] = Prepare(a, [](const Args& x) { return x.Float64Array(0, "values"); });
  const kernels::SumFloat64Result r = kernels::SumFloat64(values.data, validity, length);
  Napi::Object out = Napi::Object::New(a.Env());
  out.Set("sum", Napi::Number::New(a.Env(), r.sum));
  out.Set("count", Napi::Number::New(a.Env(), static_cast<double>(r.count)));
  return out;
}

}  // namespace

void RegisterSum(Napi::Env env, Napi::Object exports) {
  exports.Set("sumInt64", Napi::Function::New(env, SumInt64, "sumInt64"));
  exports.Set("sumFloat64", Napi::Function::New(env, SumFloat64, "sumFloat64"));
}

}  // namespace kindling::napi
