// filterMaskToIndices: mask (one byte per row) → Int32Array of selected row indices.
#include "kernels/filter.h"
#include "napi/args.h"
#include "napi/exports.h"

namespace kindling::napi {

namespace {

Napi::Value FilterMaskToIndices(const Napi::CallbackInfo& info) {
  Args a(info, "filterMaskToIndices");
  const ArrayArg<uint8_t> mask = a.Uint8Array(0, "mask");
  const int64_t length = a.Count(1, "length");
  a.RequireLength(mask, "mask", length);
  if (length > int64_t{INT32_MAX} + 1) a.ThrowRange("length " + std::to_string(length) + " exceeds 2^31 rows");
  const int64_t count = kernels::CountSelected(mask.data, length);
  Napi::Int32Array out = Napi::Int32Array::New(a.Env(), static_cast<size_t>(count));
  kernels::MaskToIndices(mask.data, length, out.Data(), count);
  return out;
}

}  // namespace

void RegisterFilter(Napi::Env env, Napi::Object exports) {
  exports.Set("filterMaskToIndices", Napi::Function::New(env, FilterMaskToIndices, "filterMaskToIndices"));
}

}  // namespace kindling::napi
