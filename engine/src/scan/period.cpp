// Year figures of supplies: stock share (盘存配增) and land digested from the approved stock (盘活).
#include "rules.hpp"

namespace panhuo::detail {

double StockArea(const County& c, uint32_t s, int year, OverlayTally& t) {
  const InputData& d = c.data();
  const Shape target = County::ShapeOf(d.supplies, s);
  const Date jan1 = Date::FromYmd(year, 1, 1);
  const Date supplied = d.supplies.date[s];
  std::vector<Shape> cands;
  thread_local std::vector<uint32_t> hits;
  c.approvals_index().Query(target.box, hits);
  for (uint32_t a : hits)
    if (d.approvals.date[a] < jan1) cands.push_back(County::ShapeOf(d.approvals, a));
  c.construction_index().Query(target.box, hits);
  for (uint32_t b : hits)
    if (d.construction.date[b] < supplied) cands.push_back(County::ShapeOf(d.construction, b));
  const CoverageResult r = Coverage(target, cands);
  t.Add(r);
  return r.covered_area;
}

double DigestedArea(const County& c, uint32_t s, Date t0, OverlayTally& t) {
  const InputData& d = c.data();
  const Shape target = County::ShapeOf(d.supplies, s);
  std::vector<Shape> cands;
  thread_local std::vector<uint32_t> hits;
  c.approvals_index().Query(target.box, hits);
  for (uint32_t a : hits)
    if (d.approvals.date[a] <= t0) cands.push_back(County::ShapeOf(d.approvals, a));
  if (cands.empty()) return 0.0;
  CoverageOptions o;
  o.want_covered = true;
  CoverageResult on_approved = Coverage(target, cands, o);  // s ∩ A(T0)
  t.Add(on_approved);
  if (on_approved.covered_area <= 0.0 || on_approved.covered.empty()) return 0.0;
  Shape part{&on_approved.covered, Envelope(on_approved.covered), Area(on_approved.covered)};
  cands.clear();
  c.supplies_index().Query(part.box, hits);
  for (uint32_t o2 : hits)
    if (o2 != s && d.supplies.date[o2] <= t0) cands.push_back(County::ShapeOf(d.supplies, o2));
  const CoverageResult r = Coverage(part, cands);  // (s ∩ A(T0)) − S(T0)
  t.Add(r);
  return r.remainder_area;
}

}  // namespace panhuo::detail
