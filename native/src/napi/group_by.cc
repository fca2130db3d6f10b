// groupByInt64Sum (synchronous) and groupByInt64SumAsync (AsyncWorker on the libuv pool → Promise).
#include <cstring>
#include <memory>
#include <new>
#include <vector>

#include "kernels/group_by.h"
#include "napi/args.h"
#include "napi/exports.h"
#include "shm/segment.h"

namespace kindling::napi {

namespace {

struct GroupByInputs {
  const int64_t* keys;
  kernels::Validity key_validity;
  const double* vals;
  kernels::Validity val_validity;
  int64_t length;
  std::vector<Napi::Object> objects;  // the typed arrays read, for the async worker to keep alive
};

// (keys, keyValidity, keyValidityOffset, vals, valValidity, valValidityOffset, length)
GroupByInputs ReadInputs(const Args& a) {
  const ArrayArg<int64_t> keys = a.BigInt64Array(0, "keys");
  const ArrayArg<double> vals = a.Float64Array(3, "vals");
  const int64_t length = a.Count(6, "length");
  a.RequireLength(keys, "keys", length);
  a.RequireLength(vals, "vals", length);
  GroupByInputs in{keys.data,
                   a.Validity(1, "keyValidity", 2, "keyValidityOffset", length),
                   vals.data,
                   a.Validity(4, "valValidity", 5, "valValidityOffset", length),
                   length,
                   {keys.object, vals.object}};
  if (!in.key_validity.AllValid()) in.objects.push_back(a[1].As<Napi::Object>());
  if (!in.val_validity.AllValid()) in.objects.push_back(a[4].As<Napi::Object>());
  return in;
}

template <typename T>
Napi::TypedArrayOf<T> ToTypedArray(Napi::Env env, const std::vector<T>& v) {
  Napi::TypedArrayOf<T> out = Napi::TypedArrayOf<T>::New(env, v.size());
  if (!v.empty()) std::memcpy(out.Data(), v.data(), v.size() * sizeof(T));
  return out;
}

Napi::Object ToResult(Napi::Env env, const kernels::GroupByInt64SumResult& r) {
  const size_t n = r.keys.size();
  Napi::Object out = Napi::Object::New(env);
  out.Set("keys", ToTypedArray(env, r.keys));
  if (r.null_group >= 0) {
    Napi::Uint8Array validity = Napi::Uint8Array::New(env, (n + 7) / 8);
    std::memset(validity.Data(), 0xff, n / 8);
    if (n % 8 != 0) validity.Data()[n / 8] = static_cast<uint8_t>((1u << (n % 8)) - 1);
    validity.Data()[r.null_group >> 3] &= static_cast<uint8_t>(~(1u << (r.null_group & 7)));
    out.Set("keyValidity", validity);
  } else {
    out.Set("keyValidity", env.Null());
  }
  out.Set("sums", ToTypedArray(env, r.sums));
  out.Set("counts", ToTypedArray(env, r.counts));
  out.Set("numGroups", Napi::Number::New(env, static_cast<double>(n)));
  return out;
}

Napi::Value GroupByInt64Sum(const Napi::CallbackInfo& info) {
  Args a(info, "groupByInt64Sum");
  const GroupByInputs in = ReadInputs(a);
  try {
    return ToResult(a.Env(),
                    kernels::GroupByInt64Sum(in.keys, in.key_validity, in.vals, in.val_validity, in.length));
  } catch (const std::bad_alloc&) {
    a.ThrowRange("out of memory building the groups");
  }
}

// Runs the kernel on a libuv pool thread. The input typed arrays are referenced so GC cannot free them,
// and any shm mapping they live in is pinned, so closing that segment meanwhile cannot unmap them.
// Callers must not detach (transfer) the inputs or write to them until the promise settles.
class GroupByWorker : public Napi::AsyncWorker {
 public:
  GroupByWorker(Napi::Env env, GroupByInputs in)
      : Napi::AsyncWorker(env, "kindling:groupByInt64SumAsync"), deferred_(Napi::Promise::Deferred::New(env)),
        in_(std::move(in)) {
    for (const Napi::Object& o : in_.objects) {
      keep_.push_back(Napi::Persistent(o));
      const Napi::TypedArray ta = o.As<Napi::TypedArray>();
      void* data = nullptr;
      size_t len = 0;
      napi_typedarray_type type;
      if (napi_get_typedarray_info(env, o, &type, &len, &data, nullptr, nullptr) == napi_ok && data != nullptr) {
        if (auto m = shm::FindMapping(data, ta.ByteLength())) pins_.push_back(std::move(m));
      }
    }
    in_.objects.clear();
  }

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override {
    try {
      result_ = kernels::GroupByInt64Sum(in_.keys, in_.key_validity, in_.vals, in_.val_validity, in_.length);
    } catch (const std::bad_alloc&) {
      SetError("groupByInt64SumAsync: out of memory building the groups");
      return;
    }
    for (const auto& m : pins_) {
      if (m->retired()) {
        SetError("groupByInt64SumAsync: an input's shared-memory segment was closed while the kernel ran");
        return;
      }
    }
  }
  void OnOK() override { deferred_.Resolve(ToResult(Env(), result_)); }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  GroupByInputs in_;
  std::vector<Napi::ObjectReference> keep_;
  std::vector<std::shared_ptr<shm::Mapping>> pins_;
  kernels::GroupByInt64SumResult result_;
};

Napi::Value GroupByInt64SumAsync(const Napi::CallbackInfo& info) {
  Args a(info, "groupByInt64SumAsync");
  // Argument errors throw synchronously, as for the sync variant; only the work itself is deferred.
  auto* worker = new GroupByWorker(a.Env(), ReadInputs(a));
  Napi::Promise promise = worker->Promise();
  worker->Queue();  // the worker deletes itself after OnOK / OnError
  return promise;
}

}  // namespace

void RegisterGroupBy(Napi::Env env, Napi::Object exports) {
  exports.Set("groupByInt64Sum", Napi::Function::New(env, GroupByInt64Sum, "groupByInt64Sum"));
  exports.Set("groupByInt64SumAsync", Napi::Function::New(env, GroupByInt64SumAsync, "groupByInt64SumAsync"));
}

}  // namespace kindling::napi
