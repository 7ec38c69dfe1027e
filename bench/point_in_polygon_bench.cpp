// Point in polygon as the overlay's pre-screens and checks meet it (overlay/coverage's
// StrictlyInside, AnyVertex and witness tests): every vertex of every construction footprint
// whose envelope meets a supply parcel's, tested against that parcel. The previous path asks
// Boost (bg::within, bg::covered_by); the current one asks PointWithin / PointCoveredBy
// (overlay/point_in_polygon.hpp), which answers by crossing number where that is certain and by
// Boost elsewhere. Checked once per county: every answer of both equals Boost's.
// Single-threaded: per-point costs.
#include <benchmark/benchmark.h>

#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/within.hpp>
#include <map>
#include <string>
#include <vector>

#include "bench_data.hpp"
#include "panhuo/overlay/point_in_polygon.hpp"

namespace panhuo::bench {
namespace {

namespace bg = boost::geometry;

struct Probe {
  Point p;
  const MultiPolygon* in;
};

struct Prepared {
  std::vector<Probe> probes;
  int64_t doubtful = 0;
  std::string error;
};

std::vector<Probe> Probes(const County& c) {
  const auto& s = c.data().supplies;
  const auto& k = c.data().construction;
  std::vector<Probe> out;
  std::vector<uint32_t> hits;
  for (uint32_t i = 0; i < s.size(); ++i) {
    c.construction_index().Query(s.box[i], hits);
    for (uint32_t j : hits)
      for (const auto& poly : k.geom[j])
        for (const auto& v : poly.outer()) out.push_back({v, &s.geom[i]});
  }
  return out;
}

// The probes of the county, each answer checked against Boost's.
void Prepare(const County& c, Prepared& p) {
  p.probes = Probes(c);
  for (size_t i = 0; i < p.probes.size() && p.error.empty(); ++i) {
    const Probe& q = p.probes[i];
    p.doubtful += detail::PlacePoint(q.p, *q.in) == detail::PointPlace::kDoubtful;
    if (PointWithin(q.p, *q.in) != bg::within(q.p, *q.in) || PointCoveredBy(q.p, *q.in) != bg::covered_by(q.p, *q.in))
      p.error = "probe " + std::to_string(i) + ": the answer differs from Boost's";
  }
}

void Run(benchmark::State& state, bool fast) {
  const Prepared* p = PreparedOrSkip<Prepared>(state, Prepare);
  if (!p) return;
  for (auto _ : state) {
    int64_t inside = 0;
    for (const Probe& q : p->probes) inside += fast ? PointWithin(q.p, *q.in) : bg::within(q.p, *q.in);
    benchmark::DoNotOptimize(inside);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(p->probes.size()));
  state.counters["points"] = static_cast<double>(p->probes.size());
  state.counters["doubtful_share"] =
      p->probes.empty() ? 0.0 : static_cast<double>(p->doubtful) / static_cast<double>(p->probes.size());
}

void BM_PointWithin_Boost(benchmark::State& state) { Run(state, false); }
void BM_PointWithin_CrossingNumber(benchmark::State& state) { Run(state, true); }

void Sweep(benchmark::internal::Benchmark* b) {
  for (int64_t m : kScalesMilli) b->Arg(m);
  b->ArgName("scale_milli")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_PointWithin_Boost)->Apply(Sweep);
BENCHMARK(BM_PointWithin_CrossingNumber)->Apply(Sweep);

}  // namespace
}  // namespace panhuo::bench
