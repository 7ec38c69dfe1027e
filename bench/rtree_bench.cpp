// The packed R-tree (index/spatial_index) against the baseline it replaces, a brute-force scan of
// every envelope. Index: the construction footprints of a generated county; windows: the supplied
// parcels' envelopes — the scan's own query (parcel within construction). Checked: for every
// window the R-tree returns exactly the brute-force candidates, in the same (ascending) order.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_data.hpp"
#include "panhuo/index/spatial_index.hpp"

namespace panhuo::bench {
namespace {

void BruteForce(const std::vector<Box>& boxes, const Box& window, std::vector<uint32_t>& out) {
  out.clear();
  for (uint32_t i = 0; i < boxes.size(); ++i)
    if (BoxesIntersect(boxes[i], window)) out.push_back(i);
}

// Null (and the benchmark skipped with the reason) when the county cannot be had.
const InputData* DataOrSkip(benchmark::State& state) {
  std::string error;
  const County* c = LoadedCounty(state.range(0), &error);
  if (!c) {
    state.SkipWithError(error.c_str());
    return nullptr;
  }
  return &c->data();
}

// Compares the R-tree's candidates with brute force for every window; false (and the benchmark
// skipped) on the first difference.
bool CheckSameCandidates(benchmark::State& state, const SpatialIndex& idx, const std::vector<Box>& boxes,
                         const std::vector<Box>& windows) {
  std::vector<uint32_t> a, b;
  for (size_t w = 0; w < windows.size(); ++w) {
    idx.Query(windows[w], a);
    BruteForce(boxes, windows[w], b);
    if (a != b) {
      const std::string msg = "R-tree and brute force disagree on window " + std::to_string(w) + ": " +
                              std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " candidates";
      state.SkipWithError(msg.c_str());
      return false;
    }
  }
  return true;
}

void BM_RTreeBuild_Packed(benchmark::State& state) {
  const InputData* d = DataOrSkip(state);
  if (!d) return;
  const auto& boxes = d->construction.box;
  for (auto _ : state) {
    SpatialIndex idx(boxes);
    benchmark::DoNotOptimize(idx);
    if (idx.size() != boxes.size()) {
      state.SkipWithError("R-tree holds fewer entries than it was given");
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(boxes.size()));
  state.counters["boxes"] = static_cast<double>(boxes.size());
}

template <bool kPacked>
void QueryAll(benchmark::State& state) {
  const InputData* d = DataOrSkip(state);
  if (!d) return;
  const auto& boxes = d->construction.box;
  const auto& windows = d->supplies.box;
  const SpatialIndex idx(boxes);
  if (!CheckSameCandidates(state, idx, boxes, windows)) return;
  std::vector<uint32_t> hits;
  size_t total = 0;
  for (auto _ : state) {
    total = 0;
    for (const Box& w : windows) {
      if constexpr (kPacked) idx.Query(w, hits);
      else BruteForce(boxes, w, hits);
      total += hits.size();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(windows.size()));
  state.counters["boxes"] = static_cast<double>(boxes.size());
  state.counters["candidates_per_query"] = static_cast<double>(total) / static_cast<double>(windows.size());
}

void BM_RTreeQuery_Packed(benchmark::State& state) { QueryAll<true>(state); }
void BM_RTreeQuery_BruteForce(benchmark::State& state) { QueryAll<false>(state); }

void Sweep(benchmark::internal::Benchmark* b) {
  for (int64_t m : kScalesMilli) b->Arg(m);
  b->ArgName("scale_milli")->Unit(benchmark::kMicrosecond);
}

BENCHMARK(BM_RTreeBuild_Packed)->Apply(Sweep);
BENCHMARK(BM_RTreeQuery_Packed)->Apply(Sweep);
BENCHMARK(BM_RTreeQuery_BruteForce)->Apply(Sweep);

}  // namespace
}  // namespace panhuo::bench
