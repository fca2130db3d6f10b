// Argument checks of column buffers: every buffer must hold the rows the kernel will read.
#include "napi/columns.h"

#include <string>

namespace kindling::napi {

NumericArg NumericArray(const Args& a, size_t i, const char* name) {
  Napi::Value v = a[i];
  if (v.IsTypedArray()) {
    switch (v.As<Napi::TypedArray>().TypedArrayType()) {
      case napi_int32_array: {
        auto x = a.Int32Array(i, name);
        return {kernels::ValueKind::kInt32, x.data, x.length};
      }
      case napi_bigint64_array: {
        auto x = a.BigInt64Array(i, name);
        return {kernels::ValueKind::kInt64, x.data, x.length};
      }
      case napi_float64_array: {
        auto x = a.Float64Array(i, name);
        return {kernels::ValueKind::kFloat64, x.data, x.length};
      }
      default:
        break;
    }
  }
  a.ThrowType(name, "an Int32Array, BigInt64Array or Float64Array", i);
}

std::vector<kernels::Validity> ValiditiesArg(const Args& a, size_t i, int64_t n) {
  Napi::Value list = a[i];
  std::vector<kernels::Validity> validities;
  if (list.IsUndefined() || list.IsNull()) return validities;
  if (!list.IsArray()) a.ThrowType("validities", "an array [bits, offset, ...]", i);
  Napi::Array arr = list.As<Napi::Array>();
  if (arr.Length() % 2 != 0) a.ThrowRange("validities must hold (bits, offset) pairs");
  for (uint32_t k = 0; k < arr.Length(); k += 2) {
    Napi::Value bits = arr.Get(k);
    Napi::Value off = arr.Get(k + 1);
    if (!bits.IsTypedArray() || bits.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
      a.ThrowType("validities", "an array of (Uint8Array, offset) pairs", i);
    }
    if (!off.IsNumber()) a.ThrowType("validities", "an array of (Uint8Array, offset) pairs", i);
    const double d = off.As<Napi::Number>().DoubleValue();
    if (!(d >= 0 && d <= 9007199254740991.0) || static_cast<double>(static_cast<int64_t>(d)) != d) {
      a.ThrowRange("validities[" + std::to_string(k + 1) + "] must be a non-negative safe integer");
    }
    Napi::Uint8Array b = bits.As<Napi::Uint8Array>();
    const int64_t offset = static_cast<int64_t>(d);
    if (static_cast<int64_t>(b.ByteLength()) * 8 < offset + n) {
      a.ThrowRange("validities[" + std::to_string(k) + "] has " + std::to_string(b.ByteLength()) +
                   " bytes, too few for offset " + std::to_string(offset) + " + n " + std::to_string(n));
    }
    validities.push_back(kernels::Validity{b.Data(), offset});
  }
  return validities;
}

kernels::KeyKind KeyKindArg(const Args& a, size_t i, const char* name) {
  return static_cast<kernels::KeyKind>(a.IntIn(i, name, 0, 4));
}

namespace {

void Require(const Args& a, bool ok, const std::string& what) {
  if (!ok) a.ThrowRange(what);
}

// Checks one column's buffers (already type-checked) against n rows.
void CheckKeyColumn(const Args& a, const kernels::KeyColumn& c, int64_t values_length, int64_t offsets_length,
                    const std::string& name, int64_t n) {
  switch (c.kind) {
    case kernels::KeyKind::kInt32:
    case kernels::KeyKind::kInt64:
    case kernels::KeyKind::kFloat64:
      Require(a, values_length >= n,
              name + " values have " + std::to_string(values_length) + " elements, fewer than length " +
                  std::to_string(n));
      return;
    case kernels::KeyKind::kBoolean:
      Require(a, values_length * 8 >= c.bit_offset + n,
              name + " bits have " + std::to_string(values_length) + " bytes, too few for bit offset " +
                  std::to_string(c.bit_offset) + " + length " + std::to_string(n));
      return;
    case kernels::KeyKind::kString:
      Require(a, n == 0 || offsets_length >= n + 1,
              name + " offsets have " + std::to_string(offsets_length) + " elements, fewer than length + 1 = " +
                  std::to_string(n + 1));
      return;
  }
}

}  // namespace

kernels::KeyColumn KeyColumnArg(const Args& a, kernels::KeyKind kind, size_t values_i, size_t offsets_i,
                                size_t bit_offset_i, int64_t n) {
  kernels::KeyColumn c{kind, nullptr, nullptr, 0, 0, {}};
  int64_t values_length = 0;
  int64_t offsets_length = 0;
  switch (kind) {
    case kernels::KeyKind::kInt32: {
      auto x = a.Int32Array(values_i, "values");
      c.values = x.data;
      values_length = x.length;
      break;
    }
    case kernels::KeyKind::kInt64: {
      auto x = a.BigInt64Array(values_i, "values");
      c.values = x.data;
      values_length = x.length;
      break;
    }
    case kernels::KeyKind::kFloat64: {
      auto x = a.Float64Array(values_i, "values");
      c.values = x.data;
      values_length = x.length;
      break;
    }
    case kernels::KeyKind::kBoolean: {
      auto x = a.Uint8Array(values_i, "values");
      c.values = x.data;
      values_length = x.length;
      c.bit_offset = a.Count(bit_offset_i, "bitOffset");
      break;
    }
    case kernels::KeyKind::kString: {
      auto x = a.Uint8Array(values_i, "values");
      auto o = a.Int32Array(offsets_i, "offsets");
      c.values = x.data;
      c.bytes_length = x.length;
      c.offsets = o.data;
      offsets_length = o.length;
      break;
    }
  }
  CheckKeyColumn(a, c, values_length, offsets_length, "key column", n);
  return c;
}

kernels::KeyColumn KeyColumnFromArray(const Args& a, const Napi::Value& tuple, const char* name, uint32_t index,
                                      int64_t n) {
  const std::string where = std::string(name) + "[" + std::to_string(index) + "]";
  auto type_error = [&](const std::string& what) {
    throw Napi::TypeError::New(a.Env(), std::string(a.fn()) + ": " + where + " " + what);
  };
  if (!tuple.IsArray()) type_error("must be an array [kind, values, offsets, bitOffset]");
  Napi::Array t = tuple.As<Napi::Array>();
  const Napi::Value kind_v = t.Get(0u);
  if (!kind_v.IsNumber()) type_error("kind must be a number");
  const double kd = kind_v.As<Napi::Number>().DoubleValue();
  if (!(kd == 0 || kd == 1 || kd == 2 || kd == 3 || kd == 4)) {
    a.ThrowRange(where + " kind must be an integer in [0, 4], got " + kind_v.ToString().Utf8Value());
  }
  kernels::KeyColumn c{static_cast<kernels::KeyKind>(static_cast<int>(kd)), nullptr, nullptr, 0, 0, {}};
  const Napi::Value values = t.Get(1u);
  auto typed = [&](const Napi::Value& v, napi_typedarray_type want, const char* expected, int64_t* length) -> void* {
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != want) {
      type_error(std::string("values/offsets must be ") + expected);
    }
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    *length = static_cast<int64_t>(ta.ElementLength());
    void* data = nullptr;
    napi_typedarray_type actual;
    size_t len = 0;
    napi_status status = napi_get_typedarray_info(a.Env(), v, &actual, &len, &data, nullptr, nullptr);
    if (status != napi_ok) type_error("is not a readable typed array");
    return data;
  };
  int64_t values_length = 0;
  int64_t offsets_length = 0;
  switch (c.kind) {
    case kernels::KeyKind::kInt32:
      c.values = typed(values, napi_int32_array, "an Int32Array", &values_length);
      break;
    case kernels::KeyKind::kInt64:
      c.values = typed(values, napi_bigint64_array, "a BigInt64Array", &values_length);
      break;
    case kernels::KeyKind::kFloat64:
      c.values = typed(values, napi_float64_array, "a Float64Array", &values_length);
      break;
    case kernels::KeyKind::kBoolean: {
      c.values = typed(values, napi_uint8_array, "a Uint8Array", &values_length);
      const Napi::Value off = t.Get(3u);
      if (!off.IsNumber()) type_error("bitOffset must be a number");
      const double d = off.As<Napi::Number>().DoubleValue();
      if (!(d >= 0 && d <= 9007199254740991.0) || static_cast<double>(static_cast<int64_t>(d)) != d) {
        a.ThrowRange(where + " bitOffset must be a non-negative safe integer");
      }
      c.bit_offset = static_cast<int64_t>(d);
      break;
    }
    case kernels::KeyKind::kString:
      c.values = typed(values, napi_uint8_array, "a Uint8Array", &c.bytes_length);
      c.offsets = static_cast<const int32_t*>(typed(t.Get(2u), napi_int32_array, "an Int32Array", &offsets_length));
      values_length = c.bytes_length;
      break;
  }
  CheckKeyColumn(a, c, values_length, offsets_length, where, n);
  return c;
}

}  // namespace kindling::napi
