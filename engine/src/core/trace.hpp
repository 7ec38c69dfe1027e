// Internal: with PANHUO_TRACE set, TraceMark("what") prints the time since the previous mark and
// the resident memory on stderr: where a run spends its time and memory, phase by phase.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace panhuo::detail {

inline void TraceMark(const char* what) {
  static const bool on = std::getenv("PANHUO_TRACE") != nullptr;
  if (!on) return;
  using Clock = std::chrono::steady_clock;
  static Clock::time_point start = Clock::now(), last = start;
  const auto now = Clock::now();
  long pages = 0, rss = 0;
  std::ifstream("/proc/self/statm") >> pages >> rss;
  std::fprintf(stderr, "[trace] %8.1f ms %+8.1f ms  rss %7.1f MB  %s\n",
               std::chrono::duration<double, std::milli>(now - start).count(),
               std::chrono::duration<double, std::milli>(now - last).count(), rss * 4096.0 / 1e6, what);
  last = now;
}

}  // namespace panhuo::detail
