// The per-feature overlay (overlay/coverage): the checked Boost.Geometry fast path (with its GEOS
// fallback, as the scan runs it) against the GEOS-only baseline (CoverageOptions::force_robust),
// on the scan's two overlays over a generated county:
//   Difference: every approval dated <= T minus the supplies dated <= T (批而未供), with the
//               remainder geometry and the per-candidate areas, as the unsupplied rule asks;
//   Built:      every supply dated <= T within the construction dated <= T (闲置土地), with the
//               per-candidate areas, as the idle-land rule asks.
// Checked once per county and overlay: the fast and GEOS areas (covered and remainder) agree
// within 1e-6 of the target's area for every feature, and neither path failed.
// Single-threaded: these are per-feature costs; the scan spreads them over the TBB pool.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bench_data.hpp"
#include "panhuo/overlay/coverage.hpp"

namespace panhuo::bench {
namespace {

enum class Overlay : uint8_t { kDifference, kBuilt };

struct Job {
  Shape target;
  std::vector<Shape> candidates;
};

// Targets and their R-tree candidates dated on or before T, as the scan forms them.
std::vector<Job> Jobs(const County& c, Overlay which) {
  const InputData& d = c.data();
  const Date T = AsOf();
  std::vector<Job> jobs;
  std::vector<uint32_t> hits;
  if (which == Overlay::kDifference) {
    for (uint32_t a = 0; a < d.approvals.size(); ++a) {
      if (d.approvals.date[a] > T) continue;
      Job j{County::ShapeOf(d.approvals, a), {}};
      c.supplies_index().Query(j.target.box, hits);
      for (uint32_t s : hits)
        if (d.supplies.date[s] <= T) j.candidates.push_back(County::ShapeOf(d.supplies, s));
      jobs.push_back(std::move(j));
    }
  } else {
    for (uint32_t s = 0; s < d.supplies.size(); ++s) {
      if (d.supplies.date[s] > T) continue;
      Job j{County::ShapeOf(d.supplies, s), {}};
      c.construction_index().Query(j.target.box, hits);
      for (uint32_t b : hits)
        if (d.construction.date[b] <= T) j.candidates.push_back(County::ShapeOf(d.construction, b));
      jobs.push_back(std::move(j));
    }
  }
  return jobs;
}

CoverageOptions Options(Overlay which, bool robust) {
  CoverageOptions o;
  o.want_remainder = which == Overlay::kDifference;
  o.want_piece_areas = true;
  o.force_robust = robust;
  return o;
}

struct Prepared {
  std::vector<Job> jobs;
  std::string error;  // non-empty when the check failed
  int64_t candidates = 0;
};

// Jobs of (scale, overlay), built and checked once.
const Prepared* PrepareOrSkip(benchmark::State& state, Overlay which) {
  static std::map<std::pair<int64_t, Overlay>, Prepared> cache;
  const auto key = std::make_pair(state.range(0), which);
  auto it = cache.find(key);
  if (it == cache.end()) {
    Prepared p;
    if (const County* c = LoadedCounty(state.range(0), &p.error)) {
      p.jobs = Jobs(*c, which);
      for (size_t i = 0; i < p.jobs.size() && p.error.empty(); ++i) {
        const Job& j = p.jobs[i];
        p.candidates += static_cast<int64_t>(j.candidates.size());
        const CoverageResult fast = Coverage(j.target, j.candidates, Options(which, false));
        const CoverageResult geos = Coverage(j.target, j.candidates, Options(which, true));
        const double tol = 1e-6 * j.target.area;
        char buf[256];
        if (fast.failed || geos.failed) {
          std::snprintf(buf, sizeof buf, "feature %zu: overlay failed (fast %d, GEOS %d)", i, fast.failed, geos.failed);
          p.error = buf;
        } else if (std::fabs(fast.covered_area - geos.covered_area) > tol ||
                   std::fabs(fast.remainder_area - geos.remainder_area) > tol) {
          std::snprintf(buf, sizeof buf, "feature %zu: fast and GEOS disagree: covered %.9g vs %.9g m2, "
                        "remainder %.9g vs %.9g m2 (tolerance %.3g)", i, fast.covered_area, geos.covered_area,
                        fast.remainder_area, geos.remainder_area, tol);
          p.error = buf;
        }
      }
    }
    it = cache.emplace(key, std::move(p)).first;
  }
  if (!it->second.error.empty()) {
    state.SkipWithError(it->second.error.c_str());
    return nullptr;
  }
  return &it->second;
}

void Run(benchmark::State& state, Overlay which, bool robust) {
  const Prepared* p = PrepareOrSkip(state, which);
  if (!p) return;
  const CoverageOptions o = Options(which, robust);
  int64_t fallbacks = 0;
  for (auto _ : state) {
    fallbacks = 0;
    for (const Job& j : p->jobs) {
      CoverageResult r = Coverage(j.target, j.candidates, o);
      fallbacks += r.fallback;
      benchmark::DoNotOptimize(r.remainder_area);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(p->jobs.size()));
  state.counters["features"] = static_cast<double>(p->jobs.size());
  state.counters["candidates_per_feature"] =
      p->jobs.empty() ? 0.0 : static_cast<double>(p->candidates) / static_cast<double>(p->jobs.size());
  if (!robust) state.counters["fallbacks"] = static_cast<double>(fallbacks);
}

void BM_CoverageDifference_Boost(benchmark::State& state) { Run(state, Overlay::kDifference, false); }
void BM_CoverageDifference_Geos(benchmark::State& state) { Run(state, Overlay::kDifference, true); }
void BM_CoverageBuilt_Boost(benchmark::State& state) { Run(state, Overlay::kBuilt, false); }
void BM_CoverageBuilt_Geos(benchmark::State& state) { Run(state, Overlay::kBuilt, true); }

void Sweep(benchmark::internal::Benchmark* b) {
  for (int64_t m : kScalesMilli) b->Arg(m);
  b->ArgName("scale_milli")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_CoverageDifference_Boost)->Apply(Sweep);
BENCHMARK(BM_CoverageDifference_Geos)->Apply(Sweep);
BENCHMARK(BM_CoverageBuilt_Boost)->Apply(Sweep);
BENCHMARK(BM_CoverageBuilt_Geos)->Apply(Sweep);

}  // namespace
}  // namespace panhuo::bench
