// POSIX shared-memory segments (shm_open + mmap) through which Arrow data crosses between processes.
// Plain C++: the Node layer (napi/shm.cc) owns lifetimes and turns ShmError into JS errors.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace kindling::shm {

// A failed system call; `code` is the errno value and `syscall` its name.
class ShmError : public std::runtime_error {
 public:
  ShmError(int code, const char* syscall, const std::string& name);
  int code;
  const char* syscall;
};

// Names must start with "/kindling-", have at least one more character, contain no further '/'
// and no NUL, and be at most 250 bytes. Returns an empty string when valid, else why not.
std::string ValidateName(const std::string& name);
// shmList prefixes follow the same rules, except that "/kindling-" alone is allowed.
std::string ValidatePrefix(const std::string& prefix);

// One mmap of a segment. Unmapped by the destructor, i.e. when the last owner lets go.
class Mapping {
 public:
  Mapping(void* addr, size_t size, bool writable) : addr_(addr), size_(size), writable_(writable) {}
  ~Mapping();
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;

  void* addr() const { return addr_; }
  size_t size() const { return size_; }
  bool writable() const { return writable_; }
  bool retired() const;

  // Drops the segment's pages now but keeps the address range mapped (to private zero pages) until
  // the destructor runs, so a pointer still held by native code reads zeros instead of faulting.
  void Retire();

 private:
  void* addr_;
  size_t size_;
  bool writable_;
  mutable std::mutex mu_;
  bool retired_ = false;
};

// shm_open(O_CREAT|O_EXCL|O_RDWR, 0600), size reserved with ftruncate + posix_fallocate (so a full
// /dev/shm fails here with ENOSPC instead of SIGBUS on a later write), mmap shared read-write.
// size must be >= 1. Throws ShmError.
std::shared_ptr<Mapping> Create(const std::string& name, size_t size);

// Maps an existing segment for reading: O_RDONLY, size from fstat, MAP_PRIVATE (copy-on-write, so a
// stray write from JS touches a private copy instead of crashing or altering the segment).
// Throws ShmError (ENOENT when absent, EINVAL when the segment is empty).
std::shared_ptr<Mapping> Open(const std::string& name);

// shm_unlink. Throws ShmError.
void Unlink(const std::string& name);

// Names ("/kindling-...") of the segments in /dev/shm starting with prefix, sorted.
std::vector<std::string> List(const std::string& prefix);

// The live mapping that contains [p, p + n), if any: lets async work pin memory it reads.
std::shared_ptr<Mapping> FindMapping(const void* p, size_t n);

}  // namespace kindling::shm
