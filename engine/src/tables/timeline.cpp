#include "panhuo/tables/timeline.hpp"
#include "panhuo/tables/output_schema.hpp"

#include <map>

#include "compare_stock.hpp"

namespace panhuo {

Table TimelineTable(const County& county, const std::vector<TimelineRow>& rows) {
  Table t = NewTable("timeline");
  const auto& d = county.data();
  auto opt = [](const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; };
  for (const auto& r : rows)
    t.rows.push_back({r.as_of, d.towns.code[r.town], d.towns.name[r.town], r.unsupplied_ha, r.idle_ha,
                      r.revitalized_ha, opt(r.target_ha), opt(r.completion), int64_t{r.warn_lapse_n},
                      r.warn_lapse_ha, int64_t{r.warn_idle_n}, r.warn_idle_ha, int64_t{r.warn_recover_n},
                      r.warn_recover_ha, int64_t{r.undetermined}, opt(r.reserve_ha), opt(r.low_efficiency_ha)});
  return t;
}

Result<std::vector<Table>> Compare(const County& county, const ScanParams& base, Date from, Date to) {
  auto scans = ScanBoth(county, base, from, to);
  if (!scans.ok()) return scans.status();
  const ScanResult* r0 = &scans->from;
  const ScanResult* r1 = &scans->to;
  const InputData& d = county.data();
  auto town = [&](int32_t t) { return t < 0 ? Cell{} : Cell{d.towns.code[static_cast<size_t>(t)]}; };

  std::map<uint32_t, const ApprovalFinding*> a0;
  for (const auto& f : r0->approvals) a0[f.approval] = &f;
  Table supplied = NewTable("newly_supplied");
  Table lapsed = NewTable("newly_lapsed");
  for (const auto& f : r1->approvals) {
    const auto it = a0.find(f.approval);
    // a change is only reported between two determined findings
    if (!f.undetermined.empty() || (it != a0.end() && !it->second->undetermined.empty())) continue;
    const double before = it == a0.end() ? 0.0 : it->second->supplied_ha;
    const double gained = f.supplied_ha - before;
    if (gained * kSquareMetresPerHectare > kPositiveAreaM2) {
      supplied.rows.push_back({d.approvals.id[f.approval], town(f.town), d.approvals.date[f.approval],
                               f.approved_ha, before, f.supplied_ha, gained});
      supplied.geometry.push_back(d.approvals.geom[f.approval]);
    }
    const bool was_lapsed = it != a0.end() && it->second->lapsed;
    if (f.lapsed && !was_lapsed) {
      lapsed.rows.push_back({d.approvals.id[f.approval], town(f.town), d.approvals.date[f.approval],
                             AddYears(d.approvals.date[f.approval], base.lapse_years), f.unsupplied_ha});
      lapsed.geometry.push_back(d.approvals.geom[f.approval]);
    }
  }
  std::map<uint32_t, const SupplyFinding*> s0;
  for (const auto& f : r0->supplies) s0[f.supply] = &f;
  Table resolved = NewTable("idle_resolved"), newly_idle = NewTable("newly_idle");
  for (const auto& f : r1->supplies) {
    const auto it = s0.find(f.supply);
    const SupplyFinding* before = it == s0.end() ? nullptr : it->second;
    if (!f.undetermined.empty() || (before && !before->undetermined.empty())) continue;
    const bool idle0 = before && IsIdle(before->status), idle1 = IsIdle(f.status);
    if (idle0 == idle1) continue;
    Table& t = idle0 ? resolved : newly_idle;
    const std::string action = ToString(f.action);
    t.rows.push_back({d.supplies.id[f.supply], town(f.town), f.parcel_ha,
                      before ? Cell{std::string(ToString(before->status))} : Cell{std::string("not supplied")},
                      std::string(ToString(f.status)), before ? Cell{before->built_ha} : Cell{}, f.built_ha,
                      action.empty() ? Cell{} : Cell{action}});
    t.geometry.push_back(d.supplies.geom[f.supply]);
  }
  std::vector<Table> out{std::move(supplied), std::move(resolved), std::move(newly_idle), std::move(lapsed)};
  for (auto& t : detail::CompareStockLists(county, *r0, *r1)) out.push_back(std::move(t));
  return out;
}

}  // namespace panhuo
