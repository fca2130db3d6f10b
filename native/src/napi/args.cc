// Argument checks shared by every exported function.
#include "napi/args.h"

#include <cmath>

namespace kindling::napi {

namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;

const char* TypedArrayName(napi_typedarray_type t) {
  switch (t) {
    case napi_int8_array: return "Int8Array";
    case napi_uint8_array: return "Uint8Array";
    case napi_uint8_clamped_array: return "Uint8ClampedArray";
    case napi_int16_array: return "Int16Array";
    case napi_uint16_array: return "Uint16Array";
    case napi_int32_array: return "Int32Array";
    case napi_uint32_array: return "Uint32Array";
    case napi_float32_array: return "Float32Array";
    case napi_float64_array: return "Float64Array";
    case napi_bigint64_array: return "BigInt64Array";
    case napi_biguint64_array: return "BigUint64Array";
    default: break;
  }
  return "TypedArray";
}

std::string Describe(const Napi::Value& v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsTypedArray()) return TypedArrayName(v.As<Napi::TypedArray>().TypedArrayType());
  if (v.IsArrayBuffer()) return "ArrayBuffer";
  if (v.IsArray()) return "Array";
  if (v.IsBigInt()) return "bigint";
  if (v.IsNumber()) return "number";
  if (v.IsString()) return "string";
  if (v.IsBoolean()) return "boolean";
  if (v.IsFunction()) return "function";
  if (v.IsExternal()) return "external";
  return "object";
}

}  // namespace

void Args::ThrowType(const char* name, const char* expected, size_t i) const {
  throw Napi::TypeError::New(Env(), std::string(fn_) + ": argument '" + name + "' must be " + expected + ", got " +
                                        Describe(info_[i]));
}

void Args::ThrowRange(const std::string& message) const {
  throw Napi::RangeError::New(Env(), std::string(fn_) + ": " + message);
}

template <typename T>
ArrayArg<T> Args::Typed(size_t i, const char* name, napi_typedarray_type type, const char* expected) const {
  Napi::Value v = info_[i];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) ThrowType(name, expected, i);
  napi_typedarray_type actual;
  size_t length = 0;
  void* data = nullptr;
  napi_status status = napi_get_typedarray_info(Env(), v, &actual, &length, &data, nullptr, nullptr);
  NAPI_THROW_IF_FAILED(Env(), status, ArrayArg<T>{});
  return ArrayArg<T>{static_cast<T*>(data), static_cast<int64_t>(length), v.As<Napi::Object>()};
}

ArrayArg<int64_t> Args::BigInt64Array(size_t i, const char* name) const {
  return Typed<int64_t>(i, name, napi_bigint64_array, "a BigInt64Array");
}
ArrayArg<double> Args::Float64Array(size_t i, const char* name) const {
  return Typed<double>(i, name, napi_float64_array, "a Float64Array");
}
ArrayArg<int32_t> Args::Int32Array(size_t i, const char* name) const {
  return Typed<int32_t>(i, name, napi_int32_array, "an Int32Array");
}
ArrayArg<uint8_t> Args::Uint8Array(size_t i, const char* name) const {
  return Typed<uint8_t>(i, name, napi_uint8_array, "a Uint8Array");
}

ArrayArg<uint32_t> Args::Uint32Array(size_t i, const char* name) const {
  return Typed<uint32_t>(i, name, napi_uint32_array, "a Uint32Array");
}

ArrayArg<uint8_t> Args::OptionalUint8Array(size_t i, const char* name) const {
  Napi::Value v = info_[i];
  if (v.IsNull() || v.IsUndefined()) return ArrayArg<uint8_t>{nullptr, 0, Napi::Object()};
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    ThrowType(name, "a Uint8Array or null", i);
  }
  return Uint8Array(i, name);
}

bool Args::Boolean(size_t i, const char* name) const {
  Napi::Value v = info_[i];
  if (!v.IsBoolean()) ThrowType(name, "a boolean", i);
  return v.As<Napi::Boolean>().Value();
}

int64_t Args::IntIn(size_t i, const char* name, int64_t lo, int64_t hi) const {
  Napi::Value v = info_[i];
  if (!v.IsNumber()) ThrowType(name, "a number", i);
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) || std::floor(d) != d) {
    ThrowRange(std::string(name) + " must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
               "], got " + v.ToString().Utf8Value());
  }
  return static_cast<int64_t>(d);
}

int64_t Args::Count(size_t i, const char* name) const {
  Napi::Value v = info_[i];
  if (!v.IsNumber()) ThrowType(name, "a number", i);
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d > kMaxSafeInteger || std::floor(d) != d) {
    ThrowRange(std::string(name) + " must be a non-negative safe integer, got " + v.ToString().Utf8Value());
  }
  return static_cast<int64_t>(d);
}

uint32_t Args::Uint32(size_t i, const char* name) const {
  Napi::Value v = info_[i];
  if (!v.IsNumber()) ThrowType(name, "a number", i);
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0) || d > 4294967295.0 || std::floor(d) != d) {
    ThrowRange(std::string(name) + " must be an integer in [0, 2^32 - 1], got " + v.ToString().Utf8Value());
  }
  return static_cast<uint32_t>(d);
}

std::string Args::String(size_t i, const char* name) const {
  Napi::Value v = info_[i];
  if (!v.IsString()) ThrowType(name, "a string", i);
  return v.As<Napi::String>().Utf8Value();
}

kernels::Validity Args::Validity(size_t bits_i, const char* bits_name, size_t offset_i, const char* offset_name,
                                 int64_t length) const {
  Napi::Value v = info_[bits_i];
  if (v.IsNull() || v.IsUndefined()) {
    // The offset is still checked, so a caller's mistake does not hide until a bitmap shows up.
    if (!info_[offset_i].IsUndefined()) Count(offset_i, offset_name);
    return kernels::Validity{};
  }
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    ThrowType(bits_name, "a Uint8Array or null", bits_i);
  }
  const ArrayArg<uint8_t> bits = Uint8Array(bits_i, bits_name);
  const int64_t offset = Count(offset_i, offset_name);
  // offset and length are both <= 2^53 - 1, so the sum cannot overflow int64.
  const int64_t needed_bits = offset + length;
  if (bits.length * 8 < needed_bits) {
    ThrowRange(std::string(bits_name) + " has " + std::to_string(bits.length) + " bytes, fewer than the " +
               std::to_string(kernels::BitmapBytes(needed_bits)) + " needed for " + offset_name + " " +
               std::to_string(offset) + " + length " + std::to_string(length));
  }
  return kernels::Validity{bits.data, offset};
}

}  // namespace kindling::napi
