// Year figures of supplies: stock share (盘存配增) and land digested from the approved stock (盘活).
#include "rules.hpp"

namespace panhuo::detail {

AreaFigure StockArea(const County& c, uint32_t s, int year, OverlayTally& t) {
  const InputData& d = c.data();
  const Shape target = County::ShapeOf(d.supplies, s);
  const Date jan1 = Date::FromYmd(year, 1, 1);
  const Date supplied = d.supplies.date[s];
  std::vector<Shape> cands;
  AddCandidates(c.approvals_index(), d.approvals, d.approvals.date, target.box, [&](Date a) { return a < jan1; }, cands);
  AddCandidates(c.construction_index(), d.construction, d.construction.date, target.box,
                [&](Date b) { return b < supplied; }, cands);
  const CoverageResult r = Coverage(target, cands);
  t.Add(r);
  if (r.failed) return AreaFigure::Failed(r.error);
  return {r.covered_area, {}};
}

AreaFigure DigestedArea(const County& c, uint32_t s, Date t0, OverlayTally& t) {
  const InputData& d = c.data();
  const Shape target = County::ShapeOf(d.supplies, s);
  std::vector<Shape> cands;
  AddCandidates(c.approvals_index(), d.approvals, d.approvals.date, target.box, [&](Date a) { return a <= t0; }, cands);
  if (cands.empty()) return {};
  CoverageOptions o;
  o.want_covered = true;
  CoverageResult on_approved = Coverage(target, cands, o);  // s ∩ A(T0)
  t.Add(on_approved);
  if (on_approved.failed) return AreaFigure::Failed(on_approved.error);
  if (on_approved.covered_area <= 0.0 || on_approved.covered.empty()) return {};
  Shape part{&on_approved.covered, Envelope(on_approved.covered), Area(on_approved.covered)};
  cands.clear();
  // s itself is dated after T0, so the date test leaves it out
  AddCandidates(c.supplies_index(), d.supplies, d.supplies.date, part.box, [&](Date o) { return o <= t0; }, cands);
  const CoverageResult r = Coverage(part, cands);  // (s ∩ A(T0)) − S(T0)
  t.Add(r);
  if (r.failed) return AreaFigure::Failed(r.error);
  return {r.remainder_area, {}};
}

}  // namespace panhuo::detail
