// The area of the union of two overlay pieces whose envelopes overlap (overlay/coverage's
// clusters): the previous path builds their Boost union and takes its area; the current one
// first asks CertainlyApart (overlay/separation.hpp) and, when the pieces are certainly apart,
// adds their areas, building the union only for the pairs it cannot clear.
// Pairs: every two construction footprints of a generated county whose envelopes overlap with
// positive area, as the built-area overlay meets them. Checked once per county: for every pair
// the two areas agree within 1e-9 relative, and every pair cleared as apart has a union whose
// area is the sum of the two. Single-threaded: per-pair costs.
#include <benchmark/benchmark.h>

#include <boost/geometry/algorithms/union.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "bench_data.hpp"
#include "panhuo/overlay/separation.hpp"

namespace panhuo::bench {
namespace {

struct Pair {
  const MultiPolygon* a;
  const MultiPolygon* b;
  Box a_box, b_box;
  double a_area, b_area;
};

bool OverlapWithArea(const Box& a, const Box& b) {
  return a.min_corner().x() < b.max_corner().x() && b.min_corner().x() < a.max_corner().x() &&
         a.min_corner().y() < b.max_corner().y() && b.min_corner().y() < a.max_corner().y();
}

std::vector<Pair> Pairs(const County& c) {
  const auto& k = c.data().construction;
  std::vector<Pair> pairs;
  std::vector<uint32_t> hits;
  for (uint32_t i = 0; i < k.size(); ++i) {
    const Shape si = County::ShapeOf(k, i);
    c.construction_index().Query(si.box, hits);
    for (uint32_t j : hits) {
      if (j <= i) continue;
      const Shape sj = County::ShapeOf(k, j);
      if (OverlapWithArea(si.box, sj.box)) pairs.push_back({si.geom, sj.geom, si.box, sj.box, si.area, sj.area});
    }
  }
  return pairs;
}

double UnionArea(const Pair& p) {
  MultiPolygon u;
  boost::geometry::union_(*p.a, *p.b, u);
  return Area(u);
}

double ScreenedArea(const Pair& p, bool* apart = nullptr) {
  const bool ok = CertainlyApart(*p.a, p.a_box, *p.b, p.b_box);
  if (apart) *apart = ok;
  return ok ? p.a_area + p.b_area : UnionArea(p);
}

struct Prepared {
  std::vector<Pair> pairs;
  int64_t apart = 0;
  std::string error;
};

// The pairs of the county, each screened area checked against the union's.
void Prepare(const County& c, Prepared& p) {
  p.pairs = Pairs(c);
  for (size_t i = 0; i < p.pairs.size() && p.error.empty(); ++i) {
    bool apart = false;
    const double fast = ScreenedArea(p.pairs[i], &apart), slow = UnionArea(p.pairs[i]);
    p.apart += apart;
    if (std::fabs(fast - slow) > 1e-9 * std::max(fast, slow) + 1e-9) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "pair %zu: union area %.12g, screened %.12g (apart %d)", i, slow, fast, apart);
      p.error = buf;
    }
  }
}

void Run(benchmark::State& state, bool screened) {
  const Prepared* p = PreparedOrSkip<Prepared>(state, Prepare);
  if (!p) return;
  for (auto _ : state) {
    double sum = 0.0;
    for (const Pair& pair : p->pairs) sum += screened ? ScreenedArea(pair) : UnionArea(pair);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(p->pairs.size()));
  state.counters["pairs"] = static_cast<double>(p->pairs.size());
  state.counters["apart_share"] = p->pairs.empty() ? 0.0 : static_cast<double>(p->apart) / static_cast<double>(p->pairs.size());
}

void BM_PieceUnionArea_BoostUnion(benchmark::State& state) { Run(state, false); }
void BM_PieceUnionArea_ApartScreen(benchmark::State& state) { Run(state, true); }

void Sweep(benchmark::internal::Benchmark* b) {
  for (int64_t m : kScalesMilli) b->Arg(m);
  b->ArgName("scale_milli")->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_PieceUnionArea_BoostUnion)->Apply(Sweep);
BENCHMARK(BM_PieceUnionArea_ApartScreen)->Apply(Sweep);

}  // namespace
}  // namespace panhuo::bench
