// logic / trueMask: boolean bitmaps → boolean bitmaps (three-valued AND/OR, NOT, IS [NOT] NULL) or a byte mask.
#include <string>

#include "kernels/logic.h"
#include "napi/args.h"
#include "napi/exports.h"
#include "napi/fresh_array.h"
#include "napi/validity_out.h"

namespace kindling::napi {

namespace {

// Boolean values at bits_i with their bit offset at offset_i; must hold offset + n bits.
kernels::Bits BitsArg(const Args& a, size_t bits_i, const char* name, size_t offset_i, const char* offset_name,
                      int64_t n) {
  const ArrayArg<uint8_t> bits = a.Uint8Array(bits_i, name);
  const int64_t offset = a.Count(offset_i, offset_name);
  if (bits.length * 8 < offset + n) {
    a.ThrowRange(std::string(name) + " has " + std::to_string(bits.length) + " bytes, too few for " + offset_name +
                 " " + std::to_string(offset) + " + n " + std::to_string(n));
  }
  return kernels::Bits{bits.data, offset};
}

// (op 0..4 = and, or, not, isNull, isNotNull, n, aBits, aBitOffset, aValidity, aValidityOffset,
//  bBits, bBitOffset, bValidity, bValidityOffset) → {values, validity: Uint8Array | null, nullCount}.
// aBits may be null for isNull/isNotNull; the b arguments are read by and/or only.
Napi::Value Logic(const Napi::CallbackInfo& info) {
  Args a(info, "logic");
  const auto op = static_cast<kernels::LogicOp>(a.IntIn(0, "op", 0, 4));
  const int64_t n = a.Count(1, "n");
  const bool null_test = op == kernels::LogicOp::kIsNull || op == kernels::LogicOp::kIsNotNull;
  const bool binary = op == kernels::LogicOp::kAnd || op == kernels::LogicOp::kOr;
  kernels::Bits x, y;
  kernels::Validity xv, yv;
  if (!null_test) x = BitsArg(a, 2, "aBits", 3, "aBitOffset", n);
  xv = a.Validity(4, "aValidity", 5, "aValidityOffset", n);
  if (binary) {
    y = BitsArg(a, 6, "bBits", 7, "bBitOffset", n);
    yv = a.Validity(8, "bValidity", 9, "bValidityOffset", n);
  }
  Napi::Env env = a.Env();
  Napi::Uint8Array values = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const int64_t nulls = kernels::Logic(op, x, xv, y, yv, n, values.Data(), bits.data());
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", values);
  result.Set("validity", ValidityResult(env, bits, n, nulls));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(nulls)));
  return result;
}

// (bits, bitOffset, validity, validityOffset, n) → Uint8Array of n bytes, 1 where the row is TRUE.
Napi::Value TrueMask(const Napi::CallbackInfo& info) {
  Args a(info, "trueMask");
  const int64_t n = a.Count(4, "n");
  const kernels::Bits x = BitsArg(a, 0, "bits", 1, "bitOffset", n);
  const kernels::Validity v = a.Validity(2, "validity", 3, "validityOffset", n);
  Napi::Uint8Array out = FreshArray<uint8_t>(a.Env(), static_cast<size_t>(n));
  kernels::TrueMask(x, v, n, out.Data());
  return out;
}

}  // namespace

void RegisterLogic(Napi::Env env, Napi::Object exports) {
  exports.Set("logic", Napi::Function::New(env, Logic, "logic"));
  exports.Set("trueMask", Napi::Function::New(env, TrueMask, "trueMask"));
}

}  // namespace kindling::napi
