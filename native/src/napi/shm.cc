// Shared-memory segment handles: type-tagged Externals over shm::Mapping, and one external ArrayBuffer
// per mapping whose finalizer drops the mapping's last reference (munmap) when JS collects it.
#include <cstring>
#include <memory>
#include <string>

#include "napi/args.h"
#include "napi/exports.h"
#include "shm/segment.h"

namespace kindling::napi {

namespace {

// Random 128-bit tag: a handle from another addon, or any other External, fails CheckTypeTag.
constexpr napi_type_tag kSegmentTag = {0x6b696e646c696e67ULL, 0x2d73686d2d736567ULL};

// Node 20 cannot make a Buffer/ArrayBuffer larger than this.
constexpr size_t kMaxBufferBytes = size_t{1} << 32;

struct SegmentState {
  std::string name;
  std::shared_ptr<shm::Mapping> mapping;  // reset by close()
  Napi::Reference<Napi::ArrayBuffer> buffer;  // strong: one ArrayBuffer per mapping, ever
  bool closed = false;
};

// The JS Error for a failed system call, shaped like Node's: .code ('ENOENT'...), .errno (< 0), .syscall.
Napi::Error SystemError(Napi::Env env, const char* fn, const shm::ShmError& e) {
  Napi::Error err = Napi::Error::New(env, std::string(fn) + ": " + e.what());
  const char* code = strerrorname_np(e.code);
  err.Set("code", Napi::String::New(env, code != nullptr ? code : "EUNKNOWN"));
  err.Set("errno", Napi::Number::New(env, -e.code));
  err.Set("syscall", Napi::String::New(env, e.syscall));
  return err;
}

std::string NameArg(const Args& a, size_t i, const char* fn, bool prefix) {
  std::string name = a.String(i, prefix ? "prefix" : "name");
  const std::string why = prefix ? shm::ValidatePrefix(name) : shm::ValidateName(name);
  if (!why.empty()) {
    Napi::TypeError err = Napi::TypeError::New(
        a.Env(), std::string(fn) + ": " + (prefix ? "prefix" : "name") + " '" + name + "' " + why);
    err.Set("code", Napi::String::New(a.Env(), "ERR_INVALID_ARG_VALUE"));
    throw err;
  }
  return name;
}

SegmentState* StateArg(const Args& a) {
  Napi::Value v = a[0];
  if (!v.IsExternal() || !v.As<Napi::External<SegmentState>>().CheckTypeTag(&kSegmentTag)) {
    a.ThrowType("handle", "a kindling segment handle", 0);
  }
  return v.As<Napi::External<SegmentState>>().Data();
}

Napi::Value NewHandle(Napi::Env env, std::string name, std::shared_ptr<shm::Mapping> mapping) {
  const double size = static_cast<double>(mapping->size());
  const bool writable = mapping->writable();
  auto* state = new SegmentState{std::move(name), std::move(mapping), {}, false};
  Napi::External<SegmentState> ext =
      Napi::External<SegmentState>::New(env, state, [](Napi::Env, SegmentState* s) { delete s; });
  ext.TypeTag(&kSegmentTag);
  Napi::Object out = Napi::Object::New(env);
  out.Set("handle", ext);
  out.Set("size", Napi::Number::New(env, size));
  out.Set("writable", Napi::Boolean::New(env, writable));
  return out;
}

// shmCreate(name, size) → {handle, size, writable: true}
Napi::Value ShmCreate(const Napi::CallbackInfo& info) {
  Args a(info, "shmCreate");
  std::string name = NameArg(a, 0, "shmCreate", false);
  const int64_t size = a.Count(1, "size");
  if (size < 1) a.ThrowRange("size must be at least 1 byte");
  try {
    return NewHandle(a.Env(), name, shm::Create(name, static_cast<size_t>(size)));
  } catch (const shm::ShmError& e) {
    throw SystemError(a.Env(), "shmCreate", e);
  }
}

// shmOpen(name) → {handle, size, writable: false}
Napi::Value ShmOpen(const Napi::CallbackInfo& info) {
  Args a(info, "shmOpen");
  std::string name = NameArg(a, 0, "shmOpen", false);
  try {
    return NewHandle(a.Env(), name, shm::Open(name));
  } catch (const shm::ShmError& e) {
    throw SystemError(a.Env(), "shmOpen", e);
  }
}

// segmentBuffer(handle) → ArrayBuffer over the mapping (the same object on every call).
Napi::Value SegmentBuffer(const Napi::CallbackInfo& info) {
  Args a(info, "segmentBuffer");
  SegmentState* s = StateArg(a);
  Napi::Env env = a.Env();
  if (s->closed) throw Napi::Error::New(env, "segmentBuffer: segment " + s->name + " is closed");
  if (!s->buffer.IsEmpty()) return s->buffer.Value();
  if (s->mapping->size() > kMaxBufferBytes) {
    a.ThrowRange("segment " + s->name + " has " + std::to_string(s->mapping->size()) +
                 " bytes, more than a Node.js ArrayBuffer can hold");
  }
  // The finalizer owns one reference to the mapping: the memory stays mapped while JS can reach it.
  auto* hint = new std::shared_ptr<shm::Mapping>(s->mapping);
  Napi::ArrayBuffer ab;
  try {
    ab = Napi::ArrayBuffer::New(
        env, s->mapping->addr(), s->mapping->size(),
        [](Napi::Env, void*, std::shared_ptr<shm::Mapping>* h) { delete h; }, hint);
  } catch (...) {
    delete hint;
    throw;
  }
  s->buffer = Napi::Persistent(ab);
  return ab;
}

// segmentClose(handle): detaches the ArrayBuffer (JS views become empty) and drops the segment's pages
// at once; the address range itself is unmapped when the last reference (buffer finalizer, pinned
// async work) goes. Idempotent.
Napi::Value SegmentClose(const Napi::CallbackInfo& info) {
  Args a(info, "segmentClose");
  SegmentState* s = StateArg(a);
  if (s->closed) return a.Env().Undefined();
  s->closed = true;
  if (!s->buffer.IsEmpty()) {
    Napi::ArrayBuffer ab = s->buffer.Value();
    if (!ab.IsDetached()) ab.Detach();
    s->buffer.Reset();
  }
  s->mapping->Retire();
  s->mapping.reset();
  return a.Env().Undefined();
}

// shmUnlink(name)
Napi::Value ShmUnlink(const Napi::CallbackInfo& info) {
  Args a(info, "shmUnlink");
  std::string name = NameArg(a, 0, "shmUnlink", false);
  try {
    shm::Unlink(name);
  } catch (const shm::ShmError& e) {
    throw SystemError(a.Env(), "shmUnlink", e);
  }
  return a.Env().Undefined();
}

// shmList(prefix) → string[]
Napi::Value ShmList(const Napi::CallbackInfo& info) {
  Args a(info, "shmList");
  std::string prefix = NameArg(a, 0, "shmList", true);
  std::vector<std::string> names;
  try {
    names = shm::List(prefix);
  } catch (const shm::ShmError& e) {
    throw SystemError(a.Env(), "shmList", e);
  }
  Napi::Array out = Napi::Array::New(a.Env(), names.size());
  for (size_t i = 0; i < names.size(); ++i) out.Set(static_cast<uint32_t>(i), names[i]);
  return out;
}

}  // namespace

void RegisterShm(Napi::Env env, Napi::Object exports) {
  exports.Set("shmCreate", Napi::Function::New(env, ShmCreate, "shmCreate"));
  exports.Set("shmOpen", Napi::Function::New(env, ShmOpen, "shmOpen"));
  exports.Set("shmUnlink", Napi::Function::New(env, ShmUnlink, "shmUnlink"));
  exports.Set("shmList", Napi::Function::New(env, ShmList, "shmList"));
  exports.Set("segmentBuffer", Napi::Function::New(env, SegmentBuffer, "segmentBuffer"));
  exports.Set("segmentClose", Napi::Function::New(env, SegmentClose, "segmentClose"));
}

}  // namespace kindling::napi
