// Segment creation, mapping, unlinking and listing, plus a registry of live mappings.
#include "shm/segment.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

namespace kindling::shm {

namespace {

constexpr char kPrefix[] = "/kindling-";
constexpr size_t kPrefixLen = sizeof(kPrefix) - 1;
constexpr size_t kMaxName = 250;

// Live mappings by start address, weakly held: FindMapping must not extend lifetimes by itself.
// Never destroyed, so mappings released during process exit still find it.
struct RegistryState {
  std::mutex mu;
  std::map<uintptr_t, std::weak_ptr<Mapping>> by_addr;
};
RegistryState& State() {
  static auto* state = new RegistryState();
  return *state;
}

std::shared_ptr<Mapping> Register(void* addr, size_t size, bool writable) {
  std::shared_ptr<Mapping> m;
  try {
    m = std::make_shared<Mapping>(addr, size, writable);
  } catch (...) {
    munmap(addr, size);
    throw;
  }
  std::lock_guard<std::mutex> lock(State().mu);
  State().by_addr[reinterpret_cast<uintptr_t>(addr)] = m;
  return m;
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

ShmError::ShmError(int code_, const char* syscall_, const std::string& name)
    : std::runtime_error(std::string(syscall_) + " " + name + ": " + std::strerror(code_)),
      code(code_),
      syscall(syscall_) {}

std::string ValidatePrefix(const std::string& name) {
  if (name.size() > kMaxName) return "must be at most 250 bytes long";
  if (name.compare(0, kPrefixLen, kPrefix) != 0) return "must start with \"/kindling-\"";
  if (name.find('/', 1) != std::string::npos) return "must not contain '/' after the leading one";
  if (name.find('\0') != std::string::npos) return "must not contain NUL characters";
  return "";
}

std::string ValidateName(const std::string& name) {
  std::string why = ValidatePrefix(name);
  if (why.empty() && name.size() == kPrefixLen) return "must have characters after \"/kindling-\"";
  return why;
}

Mapping::~Mapping() {
  {
    std::lock_guard<std::mutex> lock(State().mu);
    auto& reg = State().by_addr;
    auto it = reg.find(reinterpret_cast<uintptr_t>(addr_));
    if (it != reg.end() && it->second.expired()) reg.erase(it);
  }
  munmap(addr_, size_);
}

bool Mapping::retired() const {
  std::lock_guard<std::mutex> lock(mu_);
  return retired_;
}

void Mapping::Retire() {
  std::lock_guard<std::mutex> lock(mu_);
  if (retired_) return;
  // MAP_FIXED atomically replaces the shared pages with fresh private zero pages.
  void* p = mmap(addr_, size_, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                 -1, 0);
  // On failure the segment stays mapped until the destructor: still safe, only later.
  retired_ = p != MAP_FAILED;
}

std::shared_ptr<Mapping> Create(const std::string& name, size_t size) {
  Fd f;
  f.fd = shm_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
  if (f.fd < 0) throw ShmError(errno, "shm_open", name);
  auto fail = [&](const char* syscall) {
    const int err = errno;
    shm_unlink(name.c_str());
    throw ShmError(err, syscall, name);
  };
  if (ftruncate(f.fd, static_cast<off_t>(size)) != 0) fail("ftruncate");
  const int err = posix_fallocate(f.fd, 0, static_cast<off_t>(size));
  if (err != 0 && err != EOPNOTSUPP && err != EINVAL) {
    errno = err;
    fail("posix_fallocate");
  }
  void* addr = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, f.fd, 0);
  if (addr == MAP_FAILED) fail("mmap");
  return Register(addr, size, true);
}

std::shared_ptr<Mapping> Open(const std::string& name) {
  Fd f;
  f.fd = shm_open(name.c_str(), O_RDONLY | O_CLOEXEC, 0);
  if (f.fd < 0) throw ShmError(errno, "shm_open", name);
  struct stat st;
  if (fstat(f.fd, &st) != 0) throw ShmError(errno, "fstat", name);
  if (st.st_size <= 0) throw ShmError(EINVAL, "mmap (segment is empty)", name);
  const size_t size = static_cast<size_t>(st.st_size);
  void* addr = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, f.fd, 0);
  if (addr == MAP_FAILED) throw ShmError(errno, "mmap", name);
  return Register(addr, size, false);
}

void Unlink(const std::string& name) {
  if (shm_unlink(name.c_str()) != 0) throw ShmError(errno, "shm_unlink", name);
}

std::vector<std::string> List(const std::string& prefix) {
  std::vector<std::string> out;
  DIR* dir = opendir("/dev/shm");
  if (dir == nullptr) throw ShmError(errno, "opendir", "/dev/shm");
  const std::string file_prefix = prefix.substr(1);  // entries lack the leading '/'
  while (struct dirent* e = readdir(dir)) {
    if (e->d_type != DT_REG && e->d_type != DT_UNKNOWN) continue;
    if (std::strncmp(e->d_name, file_prefix.c_str(), file_prefix.size()) != 0) continue;
    out.push_back("/" + std::string(e->d_name));
  }
  closedir(dir);
  std::sort(out.begin(), out.end());
  return out;
}

std::shared_ptr<Mapping> FindMapping(const void* p, size_t n) {
  const uintptr_t a = reinterpret_cast<uintptr_t>(p);
  std::lock_guard<std::mutex> lock(State().mu);
  auto& reg = State().by_addr;
  auto it = reg.upper_bound(a);
  if (it == reg.begin()) return nullptr;
  --it;
  std::shared_ptr<Mapping> m = it->second.lock();
  if (m && a >= it->first && a + n <= it->first + m->size()) return m;
  return nullptr;
}

}  // namespace kindling::shm
