#include "panhuo/scan/county.hpp"

#include <tbb/combinable.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace panhuo {

County::County(InputData data) : data_(std::move(data)) {
  const auto t0 = std::chrono::steady_clock::now();
  tbb::parallel_invoke([&] { towns_idx_ = SpatialIndex(data_.towns.box); },
                       [&] { approvals_idx_ = SpatialIndex(data_.approvals.box); },
                       [&] { supplies_idx_ = SpatialIndex(data_.supplies.box); },
                       [&] { construction_idx_ = SpatialIndex(data_.construction.box); },
                       [&] { constraints_idx_ = SpatialIndex(data_.constraints.box); });
  tbb::combinable<int64_t> fallbacks([] { return int64_t{0}; });
  auto attribute = [&](const PolygonColumn& col, std::vector<int32_t>& out, bool supply) {
    out.assign(col.size(), -1);
    std::vector<std::string> errors(col.size());
    tbb::parallel_for(size_t{0}, col.size(), [&](size_t i) {
      int64_t fb = 0;
      out[i] = TownOf(ShapeOf(col, i), &fb, &errors[i]);
      fallbacks.local() += fb;
    });
    for (size_t i = 0; i < col.size(); ++i)
      if (!errors[i].empty()) attribution_failures_.push_back({supply, static_cast<uint32_t>(i), std::move(errors[i])});
  };
  attribute(data_.approvals, approval_town_, false);
  attribute(data_.supplies, supply_town_, true);
  reserve_town_.assign(data_.reserves.size(), -1);
  tbb::parallel_for(size_t{0}, data_.reserves.size(), [&](size_t i) {
    int64_t fb = 0;
    reserve_town_[i] = TownOf(ShapeOf(data_.reserves, i), &fb);
    fallbacks.local() += fb;
  });
  attribution_fallbacks_ = fallbacks.combine(std::plus<int64_t>());
  index_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int32_t County::TownOf(const Shape& s, int64_t* fallbacks, std::string* error) const {
  thread_local std::vector<uint32_t> hits;
  towns_idx_.Query(s.box, hits);
  if (hits.empty()) return -1;
  std::vector<Shape> cands;
  cands.reserve(hits.size());
  for (uint32_t t : hits) cands.push_back(ShapeOf(data_.towns, t));
  CoverageOptions o;
  o.want_piece_areas = true;
  const CoverageResult r = Coverage(s, cands, o);
  if (fallbacks && r.fallback) ++*fallbacks;
  if (r.failed) {
    if (error) *error = r.error.empty() ? "overlay failed" : r.error;
    return -1;
  }
  int32_t best = -1;
  double best_area = 0.0;
  for (size_t k = 0; k < hits.size(); ++k) {
    const double a = r.piece_area[k];
    if (a <= kPositiveAreaM2) continue;
    const auto t = static_cast<int32_t>(hits[k]);
    if (best < 0 || a > best_area ||
        (a == best_area && data_.towns.code[static_cast<size_t>(t)] < data_.towns.code[static_cast<size_t>(best)])) {
      best = t;
      best_area = a;
    }
  }
  return best;
}

Status County::SourcesIntact() const {
  std::call_once(verdict_once_, [this] {
    if (data_.source_verdict) verdict_ = data_.source_verdict();
  });
  return verdict_;
}

Status County::CheckTownsDisjoint() const {
  const TownsLayer& towns = data_.towns;
  std::vector<uint32_t> hits;
  for (size_t i = 0; i < towns.size(); ++i) {
    towns_idx_.Query(towns.box[i], hits);
    std::sort(hits.begin(), hits.end());
    for (uint32_t j : hits) {
      if (j <= i) continue;
      CoverageOptions o;
      o.want_piece_areas = true;
      const Shape other[] = {ShapeOf(towns, j)};
      const CoverageResult r = Coverage(ShapeOf(towns, i), other, o);
      if (r.piece_area.empty() || r.piece_area[0] <= kPositiveAreaM2) continue;
      const LayerReport* report = data_.Report("towns");
      char area[64];
      std::snprintf(area, sizeof area, "%.6g", r.piece_area[0]);
      return Status::Error("'" + (report ? report->source : std::string()) + "' layer '" +
                           (report ? report->source_layer : std::string("towns")) + "': towns " + towns.code[i] +
                           " (" + towns.name[i] + ") and " + towns.code[j] + " (" + towns.name[j] +
                           ") overlap by " + area + " m²; towns must tile the county without overlap");
    }
  }
  return {};
}

}  // namespace panhuo
