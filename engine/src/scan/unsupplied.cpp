// Approved but unsupplied (批而未供): a − S(T) for every approval a dated on or before T.
#include <cstdio>
#include <limits>

#include "basis.hpp"
#include "rules.hpp"

namespace panhuo::detail {

bool AnyDatedBetween(const SpatialIndex& index, const std::vector<Date>& dates, const Box& box, Date a, Date b) {
  if (b < a) std::swap(a, b);
  thread_local std::vector<uint32_t> hits;
  index.Query(box, hits);
  for (uint32_t i : hits)
    if (dates[i] > a && dates[i] <= b) return true;
  return false;
}

namespace {

ApprovalFinding Undetermined(ApprovalFinding f, const std::string& error, const ScanParams& p) {
  f.supplied_ha = f.unsupplied_ha = std::numeric_limits<double>::quiet_NaN();
  f.undetermined = error.empty() ? "overlay failed" : error;
  f.basis = UndeterminedBasis(true, p);
  return f;
}

}  // namespace

ApprovalFinding EvaluateApproval(const County& c, uint32_t a, const ScanParams& p, OverlayTally& t,
                                 const ApprovalFinding* reuse) {
  const InputData& d = c.data();
  const Date T = p.as_of;
  ApprovalFinding f;
  f.approval = a;
  f.town = c.approval_town(a);
  const Shape target = County::ShapeOf(d.approvals, a);
  const Date approved = d.approvals.date[a];
  f.approved_ha = target.area / kSquareMetresPerHectare;
  f.age_days = DaysBetween(approved, T);
  MultiPolygon remainder;
  if (reuse && !reuse->undetermined.empty()) return Undetermined(std::move(f), reuse->undetermined, p);
  if (reuse) {
    f.supplied_ha = reuse->supplied_ha;
    f.unsupplied_ha = reuse->unsupplied_ha;
    f.first_supplied = reuse->first_supplied;
    remainder = reuse->remainder;
  } else {
    std::vector<Shape> cands;
    std::vector<Date> cand_dates;
    AddCandidates(c.supplies_index(), d.supplies, d.supplies.date, target.box,
                  [&](Date s) { return s <= T; }, cands, &cand_dates);  // supplied by T
    CoverageOptions o;
    o.want_remainder = true;
    o.want_piece_areas = true;
    CoverageResult r = Coverage(target, cands, o);
    t.Add(r);
    if (r.failed) return Undetermined(std::move(f), r.error, p);
    f.supplied_ha = r.covered_area / kSquareMetresPerHectare;
    f.unsupplied_ha = r.remainder_area / kSquareMetresPerHectare;
    for (size_t k = 0; k < cands.size(); ++k)
      if (r.piece_area[k] > kPositiveAreaM2 && (!f.first_supplied || cand_dates[k] < *f.first_supplied))
        f.first_supplied = cand_dates[k];
    remainder = std::move(r.remainder);
  }
  // Lapses by law when no supply dated within lapse_years of approval overlaps it.
  const Date lapse_date = AddYears(approved, p.lapse_years);
  const bool supplied_in_time = f.first_supplied && *f.first_supplied <= lapse_date;
  f.lapsed = T >= lapse_date && !supplied_in_time;
  // the deadline ahead: only while nothing is supplied on it and it has not lapsed yet
  if (!f.first_supplied && !f.lapsed) f.lapse_date = lapse_date;
  f.listed = f.unsupplied_ha >= p.min_unsupplied_ha;
  // the remainder is the geometry of the listing and of a lapse warning; keeping it whenever no
  // supply overlaps (whatever the date) keeps it available to a later scan that reuses this one
  if (f.listed || !f.first_supplied) f.remainder = std::move(remainder);
  if (f.listed) f.basis = ApprovalBasis(d, f, T, lapse_date, p);
  return f;
}

}  // namespace panhuo::detail
