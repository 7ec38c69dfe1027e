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
namespace {

std::string InDays(int32_t n) { return "in " + std::to_string(n) + (n == 1 ? " day" : " days"); }

std::string Pct(double ratio) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", ratio * 100.0);
  return buf;
}

std::string LapseBasis(const InputData& d, const ApprovalFinding& f, const WarningFinding& w) {
  char area[64];
  std::snprintf(area, sizeof area, "%.4f", f.unsupplied_ha);
  return "approved " + d.approvals.date[f.approval].ToString() + " (batch " + d.approvals.batch_no[f.approval] +
         "), " + area + " ha, nothing supplied on it; lapses " + w.event_date.ToString() + " (" +
         InDays(w.days_left) + ") unless land is supplied";
}

std::string IdleBasis(const InputData& d, const ScanParams& p, const SupplyFinding& f, const WarningFinding& w) {
  const uint32_t s = f.supply;
  const std::string head = "supplied " + d.supplies.date[s].ToString() + ", agreed start " +
                           d.supplies.agreed_start[s].ToString() + "; ";
  if (w.kind == WarningKind::kIdleUnstarted)
    return head + "not started (built " + Pct(f.built_ratio) + " of the parcel); idle (not started) from " +
           w.event_date.ToString() + " (" + InDays(w.days_left) + ") unless construction starts";
  return head + "built " + Pct(f.built_ratio) + " (below " + Pct(p.stalled_ratio) + "), last built " +
         f.last_built->ToString() + "; idle (stalled) from " + w.event_date.ToString() + " (" +
         InDays(w.days_left) + ") unless more is built";
}

std::string RecoverBasis(const InputData& d, const ScanParams& p, const SupplyFinding& f, const WarningFinding& w) {
  const uint32_t s = f.supply;
  const IdleCause cause = d.supplies.idle_cause[s];
  const std::string cause_text = cause == IdleCause::kNone ? std::string("none recorded") : ToString(cause);
  // the pre-2009 rule applies to a parcel not started; it then falls due on the day it is idle
  const bool legacy = IsLegacyIndustrial(d, s, p) && f.built_ratio < p.start_ratio;
  if (legacy)
    return "industrial land (" + d.supplies.land_use[s] + ") supplied " + d.supplies.date[s].ToString() +
           ", before " + p.legacy_industrial_before.ToString() + ", not started; idle from " +
           w.event_date.ToString() + " and then recovered whatever the cause (cause " + cause_text + "), " +
           InDays(w.days_left) + " unless construction starts";
  const Date due = AddYears(d.supplies.agreed_start[s], p.recover_years);
  const std::string idle = f.idle_from && *f.idle_from <= p.as_of
                               ? "idle since " + f.idle_from->ToString()
                               : "idle from " + f.idle_from->ToString() + " unless built on";
  return "cause " + cause_text + ", agreed start " + d.supplies.agreed_start[s].ToString() + "; " + idle + "; " +
         std::to_string(p.recover_years) + " years past agreed start on " + due.ToString() +
         ": recovered without compensation from " + w.event_date.ToString() + " (" + InDays(w.days_left) + ")";
}

}  // namespace

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
  for (WarningFinding& w : out) {
    switch (w.kind) {
      case WarningKind::kLapse: w.basis = LapseBasis(d, res.approvals[w.finding], w); break;
      case WarningKind::kIdleUnstarted:
      case WarningKind::kIdleStalled: w.basis = IdleBasis(d, p, res.supplies[w.finding], w); break;
      case WarningKind::kRecover: w.basis = RecoverBasis(d, p, res.supplies[w.finding], w); break;
    }
  }
  res.counts.warnings = static_cast<int64_t>(out.size());
}

}  // namespace detail
}  // namespace panhuo
