// Deadlines ahead, early warning (预警): every change of a determination in (T, T + H] that
// would happen if nothing new were supplied or built.
//
// With the features dated <= T frozen, every determination changes at most once and one way:
// an approval lapses on approval_date + lapse_years unless a supply overlaps it, a parcel
// becomes idle on its idle_from and its action becomes `recover` on its recover_from. The
// findings at T already hold these dates (ApprovalFinding::lapse_date, SupplyFinding::idle_from
// and recover_from), so the warnings need no overlay: one pass over the findings.
#include <algorithm>
#include <cstdio>

#include "basis.hpp"
#include "phases.hpp"

namespace panhuo {

const char* ToString(WarningKind k) {
  switch (k) {
    case WarningKind::kLapse: return "lapse";
    case WarningKind::kIdleUnstarted: return "idle_unstarted";
    case WarningKind::kIdleStalled: return "idle_stalled";
    case WarningKind::kRecover: return "recover";
  }
  return "";
}

namespace detail {

void WarningsPhase(const ScanState& st, ScanResult& res) {
  const InputData& d = st.county.data();
  const ScanParams& p = st.params;
  const Date T = st.T;
  const Date horizon{T.days + p.warn_days};
  auto within = [&](const std::optional<Date>& e) { return e && *e > T && *e <= horizon; };
  std::vector<WarningFinding>& out = res.warnings;
  out.clear();
  auto add = [&](WarningKind kind, uint32_t finding, int32_t town, Date when, double area_ha) {
    WarningFinding w;
    w.kind = kind;
    w.finding = finding;
    w.town = town;
    w.event_date = when;
    w.days_left = DaysBetween(T, when);
    w.area_ha = area_ha;
    out.push_back(std::move(w));
  };
  for (uint32_t i = 0; i < res.approvals.size(); ++i) {
    const ApprovalFinding& f = res.approvals[i];
    if (within(f.lapse_date)) add(WarningKind::kLapse, i, f.town, *f.lapse_date, f.unsupplied_ha);
  }
  for (uint32_t i = 0; i < res.supplies.size(); ++i) {
    const SupplyFinding& f = res.supplies[i];
    if (within(f.idle_from)) {
      const bool started = f.built_ratio >= p.start_ratio;
      add(started ? WarningKind::kIdleStalled : WarningKind::kIdleUnstarted, i, f.town, *f.idle_from, f.parcel_ha);
    }
    if (within(f.recover_from)) add(WarningKind::kRecover, i, f.town, *f.recover_from, f.parcel_ha);
  }
  auto id = [&](const WarningFinding& w) -> const std::string& {
    return w.kind == WarningKind::kLapse ? d.approvals.id[res.approvals[w.finding].approval]
                                         : d.supplies.id[res.supplies[w.finding].supply];
  };
  std::sort(out.begin(), out.end(), [&](const WarningFinding& a, const WarningFinding& b) {
    if (a.event_date != b.event_date) return a.event_date < b.event_date;
    if (a.kind != b.kind) return a.kind < b.kind;
    return id(a) < id(b);
  });
  for (WarningFinding& w : out) w.basis = WarningBasis(d, p, res, w);
  res.counts.warnings = static_cast<int64_t>(out.size());
}

}  // namespace detail
}  // namespace panhuo
