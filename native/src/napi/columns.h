// Column arguments shared by the key and aggregate kernels: a values typed array whose element type picks
// the kernel's instantiation, and key columns of every kind with their buffers checked against a length.
#pragma once

#include <napi.h>

#include <cstdint>
#include <vector>

#include "kernels/group_aggregate.h"
#include "kernels/key_dictionary.h"
#include "napi/args.h"

namespace kindling::napi {

struct NumericArg {
  kernels::ValueKind kind;
  void* data;
  int64_t length;
};

// An Int32Array, BigInt64Array or Float64Array.
NumericArg NumericArray(const Args& a, size_t i, const char* name);

// A key column of `kind` with rows [0, n): values (Int32Array / BigInt64Array / Float64Array, boolean bits
// as a Uint8Array from bit `bit_offset`, string bytes as a Uint8Array) and, for strings, Int32Array
// offsets (n + 1 of them). `v` is the value at values_i; offsets_i / bit_offset_i are read as needed.
kernels::KeyColumn KeyColumnArg(const Args& a, kernels::KeyKind kind, size_t values_i, size_t offsets_i,
                                size_t bit_offset_i, int64_t n);

// The same from a JS array [kind, values, offsets | null, bitOffset] (element `index` of argument `name`).
kernels::KeyColumn KeyColumnFromArray(const Args& a, const Napi::Value& tuple, const char* name, uint32_t index,
                                      int64_t n);

// A flat JS array [bits, offset, bits, offset, ...] of validity bitmaps, each holding offset + n bits
// (null/undefined = none).
std::vector<kernels::Validity> ValiditiesArg(const Args& a, size_t i, int64_t n);

kernels::KeyKind KeyKindArg(const Args& a, size_t i, const char* name);

}  // namespace kindling::napi
