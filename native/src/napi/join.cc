// joinTableBuild / joinTableProbe / joinTableRelease: the hash join's build side as a type-tagged handle.
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "kernels/join_table.h"
#include "napi/args.h"
#include "napi/columns.h"
#include "napi/exports.h"
#include "napi/handles.h"

namespace kindling::napi {

namespace {

constexpr napi_type_tag kJoinTableTag = {0x6b696e646c696e67ULL, 0x2d6a6f696e746162ULL};
using Table = Owned<kernels::JoinTable>;

Table* TableArg(const Args& a) {
  return HandleArg<kernels::JoinTable>(a, 0, "table", &kJoinTableTag, "a kindling join table");
}

std::vector<kernels::KeyColumn> KeyColumnsArg(const Args& a, size_t i, const char* name, int64_t n) {
  Napi::Value v = a[i];
  if (!v.IsArray()) a.ThrowType(name, "an array of key columns", i);
  Napi::Array arr = v.As<Napi::Array>();
  std::vector<kernels::KeyColumn> out;
  for (uint32_t k = 0; k < arr.Length(); ++k) out.push_back(KeyColumnFromArray(a, arr.Get(k), name, k, n));
  return out;
}

// (hashes: Uint32Array, skip: Uint8Array | null, n, buildKeys)
Napi::Value JoinTableBuild(const Napi::CallbackInfo& info) {
  Args a(info, "joinTableBuild");
  const int64_t n = a.Count(2, "n");
  if (n > 1073741823) a.ThrowRange("a join build side holds at most 2^30 - 1 rows");
  const ArrayArg<uint32_t> hashes = a.Uint32Array(0, "hashes");
  a.RequireLength(hashes, "hashes", n);
  const ArrayArg<uint8_t> skip = a.OptionalUint8Array(1, "skip");
  if (skip.data != nullptr) a.RequireLength(skip, "skip", n);
  const std::vector<kernels::KeyColumn> keys = KeyColumnsArg(a, 3, "buildKeys", n);
  std::unique_ptr<kernels::JoinTable> table;
  try {
    table = std::make_unique<kernels::JoinTable>(hashes.data, skip.data, n, keys.data(), static_cast<int>(keys.size()));
  } catch (const std::bad_alloc&) {
    a.ThrowRange("out of memory building the join table");
  }
  const int64_t bytes = table->bytes();
  auto ext = NewHandle(a.Env(), std::move(table), &kJoinTableTag);
  ReportBytes(a.Env(), ext.Data(), bytes);
  return ext;
}

// (table, streamHashes, streamSkip | null, m, buildKeys, streamKeys, firstMatchOnly, cursor: Float64Array(2),
//  si: Int32Array, bi: Int32Array) → pairs written (0 once every stream row is done). cursor = [row, position]
// starts at [0, -1] for a new stream batch and is advanced in place.
Napi::Value JoinTableProbe(const Napi::CallbackInfo& info) {
  Args a(info, "joinTableProbe");
  Table* t = TableArg(a);
  const kernels::JoinTable& table = *t->object;
  const int64_t m = a.Count(3, "m");
  if (m > 2147483647) a.ThrowRange("m must be below 2^31");
  const ArrayArg<uint32_t> hashes = a.Uint32Array(1, "streamHashes");
  a.RequireLength(hashes, "streamHashes", m);
  const ArrayArg<uint8_t> skip = a.OptionalUint8Array(2, "streamSkip");
  if (skip.data != nullptr) a.RequireLength(skip, "streamSkip", m);
  const std::vector<kernels::KeyColumn> build = KeyColumnsArg(a, 4, "buildKeys", table.num_rows());
  const std::vector<kernels::KeyColumn> stream = KeyColumnsArg(a, 5, "streamKeys", m);
  const std::vector<kernels::KeyKind>& kinds = table.key_kinds();
  if (build.size() != kinds.size() || stream.size() != kinds.size()) {
    a.ThrowRange("buildKeys and streamKeys must hold the " + std::to_string(kinds.size()) +
                 " key columns the table was built with");
  }
  for (size_t k = 0; k < kinds.size(); ++k) {
    if (build[k].kind != kinds[k] || stream[k].kind != kinds[k]) {
      a.ThrowRange("key column " + std::to_string(k) + " differs in kind from the table's");
    }
  }
  const bool first_only = a.Boolean(6, "firstMatchOnly");
  const ArrayArg<double> cursor = a.Float64Array(7, "cursor");
  a.RequireLength(cursor, "cursor", 2);
  const double row = cursor.data[0];
  const double pos = cursor.data[1];
  if (!(row >= 0 && row <= static_cast<double>(m)) || static_cast<double>(static_cast<int64_t>(row)) != row ||
      !(pos >= -1 && pos < static_cast<double>(table.num_entries())) ||
      static_cast<double>(static_cast<int64_t>(pos)) != pos) {
    a.ThrowRange("cursor must be [row in 0..m, position in -1..entries-1] as a previous probe left it");
  }
  const ArrayArg<int32_t> si = a.Int32Array(8, "si");
  const ArrayArg<int32_t> bi = a.Int32Array(9, "bi");
  if (si.length != bi.length || si.length == 0) a.ThrowRange("si and bi must be non-empty and of one length");
  kernels::JoinTable::Cursor c{static_cast<int64_t>(row), static_cast<int64_t>(pos)};
  int64_t bad = -1;
  const int64_t count = table.Probe(hashes.data, skip.data, m, build.data(), stream.data(),
                                    static_cast<int>(build.size()), first_only, &c, si.data, bi.data, si.length, &bad);
  if (bad != -1) {
    a.ThrowRange(bad >= 0 ? "string offsets of stream row " + std::to_string(bad) + " are out of bounds"
                          : "string offsets of build row " + std::to_string(-2 - bad) + " are out of bounds");
  }
  cursor.data[0] = static_cast<double>(c.row);
  cursor.data[1] = static_cast<double>(c.pos);
  return Napi::Number::New(a.Env(), static_cast<double>(count));
}

Napi::Value JoinTableRelease(const Napi::CallbackInfo& info) {
  Args a(info, "joinTableRelease");
  Napi::Value v = a[0];
  if (!v.IsExternal() || !v.As<Napi::External<Table>>().CheckTypeTag(&kJoinTableTag)) {
    a.ThrowType("table", "a kindling join table", 0);
  }
  Release(a.Env(), v.As<Napi::External<Table>>().Data());
  return a.Env().Undefined();
}

}  // namespace

void RegisterJoin(Napi::Env env, Napi::Object exports) {
  exports.Set("joinTableBuild", Napi::Function::New(env, JoinTableBuild, "joinTableBuild"));
  exports.Set("joinTableProbe", Napi::Function::New(env, JoinTableProbe, "joinTableProbe"));
  exports.Set("joinTableRelease", Napi::Function::New(env, JoinTableRelease, "joinTableRelease"));
}

}  // namespace kindling::napi
