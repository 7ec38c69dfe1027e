// The scan's phases over the size sweep, as `panhuo scan` runs them:
//   read → index (County: R-trees + town attribution) → overlay and rules (Scan) → write.
// Baselines: the plain GDAL read of every feature and geometry (read_floor.hpp, the I/O floor)
// for the read; the scan on one thread for the parallel scan. Checked: read = used + rejected for
// every layer and panhuo read as many features as GDAL did; every R-tree holds its whole layer;
// the scan considered every approval and supply dated <= T, no overlay failed, and one thread
// and all threads give the same areas; the write succeeded and left the GeoPackage.
// Wall time (UseRealTime): the phases run on the TBB pool.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bench_data.hpp"
#include "panhuo/input/reader.hpp"
#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/writer.hpp"
#include "read_floor.hpp"

namespace panhuo::bench {
namespace {

const County* CountyOrSkip(benchmark::State& state) {
  std::string error;
  const County* c = LoadedCounty(state.range(0), &error);
  if (!c) state.SkipWithError(error.c_str());
  return c;
}

std::string PathOrSkip(benchmark::State& state) {
  std::string error;
  std::string path = CountyPath(state.range(0), &error);
  if (path.empty()) state.SkipWithError(error.c_str());
  return path;
}

void FeatureCounters(benchmark::State& state, int64_t features) {
  state.counters["features"] = static_cast<double>(features);
  state.counters["features_per_second"] =
      benchmark::Counter(static_cast<double>(features), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ScanRead_Panhuo(benchmark::State& state) {
  const std::string path = PathOrSkip(state);
  if (path.empty()) return;
  auto floor = ReadAll(path, ReadApi::kArrow);
  if (!floor.ok()) {
    state.SkipWithError(floor.status().message().c_str());
    return;
  }
  int64_t read = 0;
  for (auto _ : state) {
    ReadOptions ro;
    ro.source = path;
    auto data = ReadInput(ro);
    if (!data.ok()) {
      state.SkipWithError(data.status().message().c_str());
      return;
    }
    read = 0;
    for (const LayerReport& r : data->reports) {
      if (r.read != r.used + r.rejected) {
        state.SkipWithError(("layer " + r.name + ": read != used + rejected").c_str());
        return;
      }
      read += r.read;
    }
  }
  if (read != floor->features) {
    state.SkipWithError(("panhuo read " + std::to_string(read) + " features, GDAL " +
                         std::to_string(floor->features)).c_str());
    return;
  }
  FeatureCounters(state, read);
}

void BM_ScanRead_GdalFloor(benchmark::State& state) {
  const std::string path = PathOrSkip(state);
  if (path.empty()) return;
  int64_t features = 0;
  for (auto _ : state) {
    auto floor = ReadAll(path, ReadApi::kArrow);
    if (!floor.ok()) {
      state.SkipWithError(floor.status().message().c_str());
      return;
    }
    features = floor->features;
    for (const LayerFloor& l : floor->layers)
      if (l.name != "enterprises" && l.name != "targets" && l.geometries != l.features) {
        state.SkipWithError(("layer " + l.name + ": fewer geometries than features").c_str());
        return;
      }
  }
  FeatureCounters(state, features);
}

void BM_ScanIndex_County(benchmark::State& state) {
  const County* base = CountyOrSkip(state);
  if (!base) return;
  for (auto _ : state) {
    state.PauseTiming();
    InputData copy = base->data();
    state.ResumeTiming();
    County c(std::move(copy));
    const InputData& d = c.data();
    if (c.approvals_index().size() != d.approvals.size() || c.supplies_index().size() != d.supplies.size() ||
        c.construction_index().size() != d.construction.size() || c.towns_index().size() != d.towns.size()) {
      state.SkipWithError("an R-tree does not hold its whole layer");
      return;
    }
    benchmark::DoNotOptimize(c.approval_town(0));
  }
  const InputData& d = base->data();
  FeatureCounters(state, static_cast<int64_t>(d.approvals.size() + d.supplies.size() + d.construction.size()));
}

struct Totals {
  double unsupplied_ha = 0, built_ha = 0;
};

Totals Sum(const ScanResult& r) {
  Totals t;
  for (const auto& f : r.approvals) t.unsupplied_ha += f.unsupplied_ha;
  for (const auto& f : r.supplies) t.built_ha += f.built_ha;
  return t;
}

// The scan's result per scale (from the first scan run), for the write benchmark and the
// one-thread/all-threads check.
std::map<int64_t, ScanResult>& Results() {
  static std::map<int64_t, ScanResult> results;
  return results;
}

void RunScan(benchmark::State& state, int threads) {
  const County* c = CountyOrSkip(state);
  if (!c) return;
  std::unique_ptr<tbb::global_control> limit;
  if (threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                  static_cast<size_t>(threads));
  ScanParams params;
  params.as_of = AsOf();
  const InputData& d = c->data();
  int64_t approvals = 0, supplies = 0;
  for (const Date& a : d.approvals.date) approvals += a <= params.as_of;
  for (const Date& s : d.supplies.date) supplies += s <= params.as_of;
  std::optional<ScanResult> last;
  for (auto _ : state) {
    auto r = Scan(*c, params);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    last = std::move(*r);
  }
  if (last->counts.approvals_considered != approvals || last->counts.supplies_considered != supplies) {
    state.SkipWithError("the scan did not consider every approval and supply dated <= T");
    return;
  }
  if (last->counts.overlay_failures != 0) {
    state.SkipWithError((std::to_string(last->counts.overlay_failures) + " overlays failed").c_str());
    return;
  }
  auto& results = Results();
  if (auto it = results.find(state.range(0)); it != results.end()) {
    const Totals a = Sum(it->second), b = Sum(*last);
    if (std::fabs(a.unsupplied_ha - b.unsupplied_ha) > 1e-9 * std::fabs(a.unsupplied_ha) ||
        std::fabs(a.built_ha - b.built_ha) > 1e-9 * std::fabs(a.built_ha)) {
      state.SkipWithError("one thread and all threads give different areas");
      return;
    }
  } else {
    results.emplace(state.range(0), *last);
  }
  FeatureCounters(state, approvals + supplies);
  state.counters["overlay_fallbacks"] = static_cast<double>(last->counts.overlay_fallbacks);
}

void BM_ScanOverlayRules_AllThreads(benchmark::State& state) { RunScan(state, 0); }
void BM_ScanOverlayRules_OneThread(benchmark::State& state) { RunScan(state, 1); }

void BM_ScanWrite_Gpkg(benchmark::State& state) {
  const County* c = CountyOrSkip(state);
  if (!c) return;
  auto& results = Results();
  auto it = results.find(state.range(0));
  if (it == results.end()) {
    ScanParams params;
    params.as_of = AsOf();
    auto r = Scan(*c, params);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      return;
    }
    it = results.emplace(state.range(0), std::move(*r)).first;
  }
  WriteOptions wo;
  wo.output = DataDir() + "/scan_out_" + std::to_string(state.range(0)) + ".gpkg";
  wo.overwrite = true;
  wo.input = "benchmark";
  for (auto _ : state) {
    if (Status s = WriteScan(*c, it->second, wo); !s.ok()) {
      state.SkipWithError(s.message().c_str());
      return;
    }
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(wo.output, ec);
  if (ec) {
    state.SkipWithError(("no output at " + wo.output).c_str());
    return;
  }
  state.counters["output_bytes"] = static_cast<double>(bytes);
  FeatureCounters(state, static_cast<int64_t>(it->second.approvals.size() + it->second.supplies.size()));
}

void Sweep(benchmark::internal::Benchmark* b) {
  for (int64_t m : kScalesMilli) b->Arg(m);
  b->ArgName("scale_milli")->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_ScanRead_Panhuo)->Apply(Sweep);
BENCHMARK(BM_ScanRead_GdalFloor)->Apply(Sweep);
BENCHMARK(BM_ScanIndex_County)->Apply(Sweep);
BENCHMARK(BM_ScanOverlayRules_OneThread)->Apply(Sweep);
BENCHMARK(BM_ScanOverlayRules_AllThreads)->Apply(Sweep);
BENCHMARK(BM_ScanWrite_Gpkg)->Apply(Sweep);

}  // namespace
}  // namespace panhuo::bench
