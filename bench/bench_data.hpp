// The data the benchmarks share: small generated counties (a size sweep), made once into a temp
// folder by panhuo::gen::Generate and then read and indexed once per process.
//
// Benchmarks take the scale as their argument, in thousandths (20 = scale 0.02), so that the
// sweep reads in the benchmark names: BM_RTreeQuery_Packed/100 ran on the scale-0.1 county.
// Folder: $PANHUO_BENCH_DATA, else /tmp/panhuo-bench; a county already there is reused (the
// generator's output is a function of seed and scale only). Every county uses seed kSeed.
//
// Not thread-safe: call from the benchmark's main thread (Google Benchmark runs benchmark
// functions on it unless ->Threads() is asked for, which these benchmarks do not).
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "panhuo/core/date.hpp"
#include "panhuo/scan/county.hpp"

namespace panhuo::bench {

// The size sweep, in thousandths of a county (benchmark arguments).
inline const std::vector<int64_t> kScalesMilli = {20, 50, 100};
constexpr uint64_t kSeed = 7;
// The as-of date of every benchmark that needs one.
inline Date AsOf() { return Date::FromYmd(2021, 12, 31); }

inline double ScaleOf(int64_t milli) { return static_cast<double>(milli) / 1000.0; }

// Folder of the generated counties (created when missing).
std::string DataDir();

// Path of the generated county at `milli`, generating it when missing. Empty on failure, with
// the reason in *error.
std::string CountyPath(int64_t milli, std::string* error);

// The county at `milli`, read and indexed once; nullptr on failure, with the reason in *error.
const County* LoadedCounty(int64_t milli, std::string* error);

// What a benchmark prepares and checks once per county (the argument state.range(0)), kept for
// its other runs: make(county, prepared) fills it, or sets prepared.error, after which every run
// on that county is skipped with the error. Prepared has a std::string `error`; one cache per
// call site (make's type).
template <typename Prepared, typename Make>
const Prepared* PreparedOrSkip(benchmark::State& state, Make make) {
  static std::map<int64_t, Prepared> cache;
  auto it = cache.find(state.range(0));
  if (it == cache.end()) {
    Prepared p;
    if (const County* c = LoadedCounty(state.range(0), &p.error)) make(*c, p);
    it = cache.emplace(state.range(0), std::move(p)).first;
  }
  if (!it->second.error.empty()) {
    state.SkipWithError(it->second.error.c_str());
    return nullptr;
  }
  return &it->second;
}

// Generates and loads every county of the sweep, and records the datasets and the machine in
// the benchmark context (printed before the figures). False, with a message, on failure.
bool PrepareAndDescribe(std::string* error);

}  // namespace panhuo::bench
