#include "panhuo/sinks/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

namespace panhuo {
namespace {

struct Held {
  std::mutex mutex;
  std::map<std::string, int> fds;  // absolute lock path -> its open, locked descriptor
};

Held& Locks() {
  static Held* held = [] {
    auto* h = new Held;  // never destroyed: ReleaseOutputLocks may run at exit after static destructors
    std::atexit(ReleaseOutputLocks);
    return h;
  }();
  return *held;
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  const auto abs = std::filesystem::absolute(path, ec);
  return ec ? path : abs.lexically_normal().string();
}

// The process id written in a lock file, "" when it cannot be read.
std::string HolderOf(int fd) {
  char buf[32] = {};
  const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return "";
  std::string s(buf, static_cast<size_t>(n));
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

std::string OutputLockPath(const std::string& output) { return output + ".lock"; }

bool HoldsOutputLock(const std::string& output) {
  Held& h = Locks();
  std::lock_guard<std::mutex> guard(h.mutex);
  return h.fds.count(Absolute(OutputLockPath(output))) > 0;
}

Status LockOutput(const std::string& output) {
  const std::string path = Absolute(OutputLockPath(output));
  Held& h = Locks();
  std::lock_guard<std::mutex> guard(h.mutex);
  if (h.fds.count(path)) return {};
  // A lock file removed by the run that held it between our open and our flock is no lock: the
  // descriptor must still be the file under the name once locked (else open it again).
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
      return Status::Error("cannot create the lock file '" + OutputLockPath(output) + "' of '" + output +
                           "': " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const std::string holder = HolderOf(fd);
      ::close(fd);
      if (err == EWOULDBLOCK)
        return Status::Error("'" + output + "' is being written by another run" +
                             (holder.empty() ? std::string() : " (process " + holder + ")") +
                             "; wait for it to finish, or choose another output");
      return Status::Error("cannot lock '" + OutputLockPath(output) + "': " + std::strerror(err));
    }
    struct stat by_fd, by_name;
    if (::fstat(fd, &by_fd) != 0 || ::stat(path.c_str(), &by_name) != 0 || by_fd.st_ino != by_name.st_ino ||
        by_fd.st_dev != by_name.st_dev) {
      ::close(fd);
      continue;
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
      // the lock holds without the note of who holds it
    }
    h.fds[path] = fd;
    return {};
  }
  return Status::Error("cannot lock '" + OutputLockPath(output) + "': it keeps being replaced");
}

void ReleaseOutputLocks() {
  Held& h = Locks();
  std::unique_lock<std::mutex> guard(h.mutex, std::try_to_lock);  // never wait at exit
  for (auto& [path, fd] : h.fds) {
    ::unlink(path.c_str());  // before the unlock: a waiting run then finds a new file
    ::close(fd);
  }
  h.fds.clear();
}

}  // namespace panhuo
