// The county's figures of a scan (see county_figures.hpp).
#include "panhuo/tables/county_figures.hpp"

namespace panhuo {
namespace {

void AddOpt(std::optional<double>& sum, const std::optional<double>& v) {
  if (v) sum = sum.value_or(0.0) + *v;
}

}  // namespace

CountyFigures FiguresOf(const ScanResult& r) {
  CountyFigures c;
  for (const auto& t : r.towns) {
    c.unsupplied_ha += t.unsupplied_ha;
    c.idle_ha += t.idle_ha;
    c.revitalized_ha += t.revitalized_ha;
    c.lapsed_n += t.lapsed;
    if (t.target_ha) {
      c.target_ha += *t.target_ha;
      c.targeted_revitalized_ha += t.revitalized_ha;
      ++c.towns_with_target;
      c.towns_behind += t.pace && *t.pace < 1.0;
    }
    AddOpt(c.reserve_ha, t.reserve_ha);
    AddOpt(c.low_efficiency_ha, t.low_efficiency_ha);
    if (t.plans_overdue_n) c.plans_overdue_n = c.plans_overdue_n.value_or(0) + *t.plans_overdue_n;
    c.elapsed_share = t.elapsed_share;
  }
  c.listed_n = r.counts.approvals_listed;
  c.idle_n = r.counts.idle;
  return c;
}

}  // namespace panhuo
