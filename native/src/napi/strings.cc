// like / caseMap / caseTableNew: string kernels over (offsets, bytes) columns. A case table is a type-tagged
// External holding its own copy of the mapping, built once per thread by the engine.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kernels/strings.h"
#include "napi/args.h"
#include "napi/exports.h"
#include "napi/handles.h"
#include "napi/validity_out.h"

namespace kindling::napi {

namespace {

// "kindling" "-casetab"
constexpr napi_type_tag kCaseTableTag = {0x6b696e646c696e67ULL, 0x2d63617365746162ULL};
const uint8_t kNoBytes[1] = {0};

struct OwnedCaseTable {
  std::vector<int32_t> keys, offsets;
  std::vector<uint8_t> bytes;
  kernels::CaseTable View() const {
    return kernels::CaseTable{keys.data(), static_cast<int64_t>(keys.size()), offsets.data(), bytes.data()};
  }
};

// A string column from (offsets, bytes, validity, validityOffset[, scalar]) at argument `first`, checked for
// `rows` rows (1 when scalar): offsets must be non-decreasing and within bytes.
kernels::StringColumn StringArg(const Args& a, size_t first, const char* name, int64_t n, bool scalar) {
  const std::string offsets_name = std::string(name) + "Offsets";
  const std::string bytes_name = std::string(name) + "Bytes";
  const std::string validity_name = std::string(name) + "Validity";
  const std::string voff_name = std::string(name) + "ValidityOffset";
  const ArrayArg<int32_t> offsets = a.Int32Array(first, offsets_name.c_str());
  const ArrayArg<uint8_t> bytes = a.Uint8Array(first + 1, bytes_name.c_str());
  const int64_t rows = scalar ? 1 : n;
  if (rows > 0) a.RequireLength(offsets, offsets_name.c_str(), rows + 1);
  kernels::StringColumn c{offsets.data, bytes.data != nullptr ? bytes.data : kNoBytes, bytes.length,
                          a.Validity(first + 2, validity_name.c_str(), first + 3, voff_name.c_str(), rows), scalar};
  const int64_t bad = kernels::CheckStringOffsets(c, n);
  if (bad >= 0) {
    a.ThrowRange(offsets_name + " of row " + std::to_string(bad) + " are decreasing or outside " + bytes_name +
                 " of length " + std::to_string(bytes.length));
  }
  return c;
}

// (sOffsets, sBytes, sValidity, sValidityOffset, sScalar, pOffsets, pBytes, pValidity, pValidityOffset,
//  pScalar, n) → {values, validity: Uint8Array | null, nullCount, badPatternAt}
Napi::Value Like(const Napi::CallbackInfo& info) {
  Args a(info, "like");
  const int64_t n = a.Count(10, "n");
  const kernels::StringColumn s = StringArg(a, 0, "s", n, a.Boolean(4, "sScalar"));
  const kernels::StringColumn p = StringArg(a, 5, "p", n, a.Boolean(9, "pScalar"));
  Napi::Env env = a.Env();
  Napi::Uint8Array values = Napi::Uint8Array::New(env, static_cast<size_t>(kernels::BitmapBytes(n)));
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const kernels::LikeResult r = kernels::Like(s, p, n, values.Data(), bits.data());
  Napi::Object result = Napi::Object::New(env);
  result.Set("values", values);
  result.Set("validity", ValidityResult(env, bits, n, r.null_count));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(r.null_count)));
  result.Set("badPatternAt", Napi::Number::New(env, static_cast<double>(r.bad_pattern_at)));
  return result;
}

// (keys: Int32Array sorted ascending, offsets: Int32Array of keys.length + 1, bytes: Uint8Array) → CaseTable
Napi::Value CaseTableNew(const Napi::CallbackInfo& info) {
  Args a(info, "caseTableNew");
  const ArrayArg<int32_t> keys = a.Int32Array(0, "keys");
  const ArrayArg<int32_t> offsets = a.Int32Array(1, "offsets");
  const ArrayArg<uint8_t> bytes = a.Uint8Array(2, "bytes");
  if (offsets.length != keys.length + 1) a.ThrowRange("offsets must have keys.length + 1 elements");
  for (int64_t k = 0; k < keys.length; ++k) {
    if (k > 0 && keys.data[k] <= keys.data[k - 1]) a.ThrowRange("keys must be strictly ascending");
  }
  for (int64_t k = 0; k < keys.length; ++k) {
    if (offsets.data[0] != 0 || offsets.data[k + 1] < offsets.data[k] || offsets.data[k + 1] > bytes.length) {
      a.ThrowRange("offsets of key " + std::to_string(k) + " are decreasing or outside bytes");
    }
  }
  auto t = std::make_unique<OwnedCaseTable>();
  t->keys.assign(keys.data, keys.data + keys.length);
  t->offsets.assign(offsets.data, offsets.data + offsets.length);
  t->bytes.assign(bytes.data, bytes.data + bytes.length);
  t->bytes.push_back(0);  // data() is never null
  return NewHandle(a.Env(), std::move(t), &kCaseTableTag);
}

// (toUpper, offsets, bytes, validity, validityOffset, n, table: CaseTable | null)
// → {offsets, bytes, validity, nullCount, sigmaRows: Int32Array}, or null when a row is not ASCII and no
// table was given (build one and call again).
Napi::Value CaseMap(const Napi::CallbackInfo& info) {
  Args a(info, "caseMap");
  const bool to_upper = a.Boolean(0, "toUpper");
  const int64_t n = a.Count(5, "n");
  const kernels::StringColumn s = StringArg(a, 1, "s", n, false);
  kernels::CaseTable table;
  if (!a[6].IsNull() && !a[6].IsUndefined()) {
    table = HandleArg<OwnedCaseTable>(a, 6, "table", &kCaseTableTag, "a CaseTable from caseTableNew")->object->View();
  }
  Napi::Env env = a.Env();
  Napi::Int32Array offsets = Napi::Int32Array::New(env, static_cast<size_t>(n + 1));
  thread_local std::vector<uint8_t> out_bytes;
  std::vector<uint8_t>& bits = ValidityScratch(n);
  const kernels::CaseMapResult r = kernels::CaseMap(s, n, to_upper, table, offsets.Data(), out_bytes, bits.data());
  if (r.needs_table) return env.Null();
  if (r.too_large) a.ThrowRange("the mapped strings need more than 2^31 - 1 bytes");
  Napi::Uint8Array bytes = Napi::Uint8Array::New(env, out_bytes.size());
  if (!out_bytes.empty()) std::memcpy(bytes.Data(), out_bytes.data(), out_bytes.size());
  if (out_bytes.capacity() > (size_t{64} << 20)) std::vector<uint8_t>().swap(out_bytes);  // keep no huge scratch
  Napi::Int32Array sigma = Napi::Int32Array::New(env, r.sigma_rows.size());
  for (size_t k = 0; k < r.sigma_rows.size(); ++k) sigma[k] = r.sigma_rows[k];
  Napi::Object result = Napi::Object::New(env);
  result.Set("offsets", offsets);
  result.Set("bytes", bytes);
  result.Set("validity", ValidityResult(env, bits, n, r.null_count));
  result.Set("nullCount", Napi::Number::New(env, static_cast<double>(r.null_count)));
  result.Set("sigmaRows", sigma);
  return result;
}

}  // namespace

void RegisterStrings(Napi::Env env, Napi::Object exports) {
  exports.Set("like", Napi::Function::New(env, Like, "like"));
  exports.Set("caseTableNew", Napi::Function::New(env, CaseTableNew, "caseTableNew"));
  exports.Set("caseMap", Napi::Function::New(env, CaseMap, "caseMap"));
}

}  // namespace kindling::napi
