// Type-tagged Externals owning a kernel object (dictionary, pair table, join table). `release` frees the
// object at once (engines call it when an operator finishes); GC frees what was never released. Using a
// released handle, or passing any other value as a handle, throws instead of touching memory.
#pragma once

#include <napi.h>

#include <memory>
#include <string>

#include "napi/args.h"

namespace kindling::napi {

template <typename T>
struct Owned {
  std::unique_ptr<T> object;
  int64_t bytes_reported = 0;  // external memory told to V8, so GC sees what a handle holds
};

template <typename T>
Napi::External<Owned<T>> NewHandle(Napi::Env env, std::unique_ptr<T> object, const napi_type_tag* tag) {
  auto* owned = new Owned<T>{std::move(object), 0};
  auto ext = Napi::External<Owned<T>>::New(env, owned, [](Napi::Env env, Owned<T>* o) {
    // The raw call: a finalizer running while the environment shuts down must not throw.
    int64_t ignored;
    if (o->bytes_reported != 0) napi_adjust_external_memory(env, -o->bytes_reported, &ignored);
    delete o;
  });
  ext.TypeTag(tag);
  return ext;
}

// The owned object of handle argument i, or TypeError (not such a handle) / Error (released).
template <typename T>
Owned<T>* HandleArg(const Args& a, size_t i, const char* name, const napi_type_tag* tag, const char* what) {
  Napi::Value v = a[i];
  if (!v.IsExternal() || !v.As<Napi::External<Owned<T>>>().CheckTypeTag(tag)) a.ThrowType(name, what, i);
  Owned<T>* o = v.As<Napi::External<Owned<T>>>().Data();
  if (!o->object) {
    throw Napi::Error::New(a.Env(), std::string(a.fn()) + ": argument '" + name + "' was released");
  }
  return o;
}

// Keeps V8's view of the handle's native memory current (call after the object grew).
template <typename T>
void ReportBytes(Napi::Env env, Owned<T>* o, int64_t bytes) {
  const int64_t delta = bytes - o->bytes_reported;
  // Report in steps of 1 MB or more: each call has a cost, and small drifts do not matter to GC.
  if (delta > (int64_t{1} << 20) || delta < -(int64_t{1} << 20) || (bytes == 0 && delta != 0)) {
    int64_t ignored;
    if (napi_adjust_external_memory(env, delta, &ignored) == napi_ok) o->bytes_reported = bytes;
  }
}

template <typename T>
void Release(Napi::Env env, Owned<T>* o) {
  o->object.reset();
  ReportBytes(env, o, 0);
}

}  // namespace kindling::napi
