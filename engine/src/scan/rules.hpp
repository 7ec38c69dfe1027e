// Internal: the contract's determinations, one feature at a time. Each function reads the
// county's read-only layers and indexes and is safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "panhuo/index/spatial_index.hpp"
#include "panhuo/scan/scan.hpp"

namespace panhuo::detail {

// Overlay fallbacks, summed by the caller. (A failed overlay is not counted here: it makes its
// determination undetermined, and the scan counts those.)
struct OverlayTally {
  int64_t fallbacks = 0;
  void Add(const CoverageResult& r) { fallbacks += r.fallback; }
};

// Appends to `shapes` (and their dates to `dates`, when given) the features of `col` whose
// envelope meets `box` and whose date passes `keep(date)`, in index order.
template <typename Keep>
void AddCandidates(const SpatialIndex& index, const PolygonColumn& col, const std::vector<Date>& col_dates,
                   const Box& box, Keep keep, std::vector<Shape>& shapes, std::vector<Date>* dates = nullptr) {
  thread_local std::vector<uint32_t> hits;
  index.Query(box, hits);
  for (uint32_t i : hits) {
    if (!keep(col_dates[i])) continue;
    shapes.push_back(County::ShapeOf(col, i));
    if (dates) dates->push_back(col_dates[i]);
  }
}

// True when a feature of `col` (dated by `dates`) whose envelope meets `box` is dated in the
// interval between a and b (after the earlier, on or before the later): the overlay figures of a
// feature at date a then differ from those at b.
bool AnyDatedBetween(const SpatialIndex& index, const std::vector<Date>& dates, const Box& box, Date a, Date b);

// Approved but unsupplied at T, for an approval dated on or before T. `reuse`, when given, is
// the finding for the same approval at another date with the same supplies overlapping it.
ApprovalFinding EvaluateApproval(const County& c, uint32_t a, const ScanParams& p, OverlayTally& t,
                                 const ApprovalFinding* reuse = nullptr);

// Idle-land determination of a supply dated on or before `as_of`. `reuse`, when given, is the
// finding for the same supply at another date with the same construction on it.
SupplyFinding EvaluateSupply(const County& c, uint32_t s, Date as_of, const ScanParams& p,
                             OverlayTally& t, bool with_basis, const SupplyFinding* reuse = nullptr);

// An area determined by an overlay, or the reason it could not be (m2 is then NaN).
struct AreaFigure {
  double m2 = 0.0;
  std::string error;  // empty when determined
  static AreaFigure Failed(const std::string& why) {
    return {std::numeric_limits<double>::quiet_NaN(), why.empty() ? "overlay failed" : why};
  }
};
// Industrial land (land_use 06xx) supplied before legacy_industrial_before: recovered once idle
// and not started, whatever the cause.
bool IsLegacyIndustrial(const InputData& d, uint32_t s, const ScanParams& p);

// Stock part of a supply dated in year Y (盘存配增): on land approved before 1 January of Y or
// built before its supply date. m².
AreaFigure StockArea(const County& c, uint32_t s, int year, OverlayTally& t);

// area(s ∩ U(T0)), U(T0) = approvals dated <= T0 minus S(T0). m².
AreaFigure DigestedArea(const County& c, uint32_t s, Date t0, OverlayTally& t);

// Per-mu efficiency of the enterprise rows of `year` on supplies existing at T.
std::vector<EfficiencyFinding> EvaluateEfficiency(const County& c, const ScanParams& p, int year);

}  // namespace panhuo::detail
