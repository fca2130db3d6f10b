// Argument conversion for the N-API layer: every bad argument becomes a TypeError (wrong type) or a
// RangeError (bad length, offset or size) whose message names the function and the argument.
#pragma once

#include <napi.h>

#include <cstdint>
#include <string>

#include "kernels/bitmap.h"

namespace kindling::napi {

template <typename T>
struct ArrayArg {
  T* data;         // first element (typed array byteOffset applied); may be null when length == 0
  int64_t length;  // in elements
  Napi::Object object;
};

class Args {
 public:
  Args(const Napi::CallbackInfo& info, const char* fn) : info_(info), fn_(fn) {}

  Napi::Env Env() const { return info_.Env(); }
  const char* fn() const { return fn_; }
  Napi::Value operator[](size_t i) const { return info_[i]; }

  [[noreturn]] void ThrowType(const char* name, const char* expected, size_t i) const;
  [[noreturn]] void ThrowRange(const std::string& message) const;

  ArrayArg<int64_t> BigInt64Array(size_t i, const char* name) const;
  ArrayArg<double> Float64Array(size_t i, const char* name) const;
  ArrayArg<int32_t> Int32Array(size_t i, const char* name) const;
  ArrayArg<uint8_t> Uint8Array(size_t i, const char* name) const;  // Buffer is accepted
  ArrayArg<uint32_t> Uint32Array(size_t i, const char* name) const;
  // A Uint8Array, or null/undefined (data = nullptr, length 0).
  ArrayArg<uint8_t> OptionalUint8Array(size_t i, const char* name) const;
  bool Boolean(size_t i, const char* name) const;
  // An integer number in [lo, hi].
  int64_t IntIn(size_t i, const char* name, int64_t lo, int64_t hi) const;

  // A non-negative integer number <= 2^53 - 1.
  int64_t Count(size_t i, const char* name) const;
  // An integer number in [0, 2^32 - 1].
  uint32_t Uint32(size_t i, const char* name) const;
  std::string String(size_t i, const char* name) const;

  // Validity bitmap argument at bits_i (null/undefined = all valid) with its bit offset at offset_i;
  // the bitmap must hold offset + length bits.
  kernels::Validity Validity(size_t bits_i, const char* bits_name, size_t offset_i, const char* offset_name,
                             int64_t length) const;

  // RangeError unless an array argument has at least `length` elements.
  template <typename T>
  void RequireLength(const ArrayArg<T>& a, const char* name, int64_t length) const {
    if (a.length < length) {
      ThrowRange(std::string(name) + " has " + std::to_string(a.length) + " elements, fewer than length " +
                 std::to_string(length));
    }
  }

 private:
  template <typename T>
  ArrayArg<T> Typed(size_t i, const char* name, napi_typedarray_type type, const char* expected) const;

  const Napi::CallbackInfo& info_;
  const char* fn_;
};

}  // namespace kindling::napi
