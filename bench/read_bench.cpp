// The read phase (input/reader): ReadInput with each GeoPackage layer's raw-value query and each
// file's integrity check running on a second handle and thread while the layers are read
// (ReadOptions::concurrent_raw_checks, the default) against the previous path: the integrity
// check when the file is opened, each query after its layer's read, on the reading thread.
// Checked once per county: both give the same layers (read, used, rejected and repaired counts),
// the same rejects and the same ids, dates and areas of every approval, supply and footprint.
// Real time: the gain is the second core's.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "bench_data.hpp"
#include "panhuo/input/reader.hpp"

namespace panhuo::bench {
namespace {

Result<InputData> Read(const std::string& path, bool concurrent) {
  ReadOptions ro;
  ro.source = path;
  ro.concurrent_raw_checks = concurrent;
  return ReadInput(ro);
}

template <typename L>
bool SameLayer(const L& a, const L& b) {
  if (a.size() != b.size() || a.fid != b.fid || a.date != b.date) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (County::ShapeOf(a, static_cast<uint32_t>(i)).area != County::ShapeOf(b, static_cast<uint32_t>(i)).area) return false;
  return true;
}

// Empty when both paths read the same; else what differs.
std::string Compare(const InputData& a, const InputData& b) {
  if (a.reports.size() != b.reports.size()) return "layer count";
  for (size_t i = 0; i < a.reports.size(); ++i) {
    const LayerReport &x = a.reports[i], &y = b.reports[i];
    if (x.read != y.read || x.used != y.used || x.rejected != y.rejected || x.repaired != y.repaired)
      return "counts of layer " + x.name;
  }
  if (a.rejects.size() != b.rejects.size()) return "rejects";
  for (size_t i = 0; i < a.rejects.size(); ++i)
    if (a.rejects[i].reason != b.rejects[i].reason) return "reject " + std::to_string(i);
  if (!SameLayer(a.approvals, b.approvals)) return "approvals";
  if (!SameLayer(a.supplies, b.supplies)) return "supplies";
  if (!SameLayer(a.construction, b.construction)) return "construction";
  return {};
}

std::string CheckedPathOrSkip(benchmark::State& state) {
  static std::map<int64_t, std::string> checked;  // scale -> error, empty when the paths agree
  std::string error;
  const std::string path = CountyPath(state.range(0), &error);
  if (path.empty()) {
    state.SkipWithError(error.c_str());
    return {};
  }
  auto it = checked.find(state.range(0));
  if (it == checked.end()) {
    auto now = Read(path, true), before = Read(path, false);
    std::string why = !now.ok() ? now.status().message() : !before.ok() ? before.status().message() : Compare(*now, *before);
    it = checked.emplace(state.range(0), why.empty() ? why : "the two paths differ: " + why).first;
  }
  if (!it->second.empty()) {
    state.SkipWithError(it->second.c_str());
    return {};
  }
  return path;
}

void Run(benchmark::State& state, bool concurrent) {
  const std::string path = CheckedPathOrSkip(state);
  if (path.empty()) return;
  int64_t features = 0;
  for (auto _ : state) {
    auto data = Read(path, concurrent);
    if (!data.ok()) {
      state.SkipWithError(data.status().message().c_str());
      return;
    }
    features = 0;
    for (const LayerReport& r : data->reports) features += r.read;
  }
  state.counters["features"] = static_cast<double>(features);
}

void BM_Read_ChecksBeforeAndAfterEachLayer(benchmark::State& state) { Run(state, false); }
void BM_Read_ChecksConcurrent(benchmark::State& state) { Run(state, true); }

void Sweep(benchmark::internal::Benchmark* b) {
  for (int64_t m : kScalesMilli) b->Arg(m);
  b->ArgName("scale_milli")->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Read_ChecksBeforeAndAfterEachLayer)->Apply(Sweep);
BENCHMARK(BM_Read_ChecksConcurrent)->Apply(Sweep);

}  // namespace
}  // namespace panhuo::bench
