// Internal: with PANHUO_TRACE set, TraceMark("what") prints the time since the start and since
// the previous mark (of any thread) and the resident memory on stderr: where a run spends its
// time and memory, step by step. Without it, a mark costs one test of a static flag.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace panhuo::detail {

inline void TraceMark(const char* what) {
  static const bool on = std::getenv("PANHUO_TRACE") != nullptr;
  if (!on) return;
  using Clock = std::chrono::steady_clock;
  static const Clock::time_point start = Clock::now();
  static std::atomic<int64_t> last_ns{0};
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
  const int64_t previous_ns = last_ns.exchange(now_ns);
  long pages = 0, rss = 0;
  std::ifstream("/proc/self/statm") >> pages >> rss;
  std::fprintf(stderr, "[trace] %8.1f ms %+8.1f ms  rss %7.1f MB  %s\n", now_ns / 1e6, (now_ns - previous_ns) / 1e6,
               static_cast<double>(rss) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6, what);
}

}  // namespace panhuo::detail
