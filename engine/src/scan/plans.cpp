// Work plans (工作方案, 时间节点) and the pace of each town against its year's target (季分析):
// the status of every plan at T, the plan of every listed feature, and the town figures made of
// them (contract v3).
#include <string>
#include <unordered_map>

#include "phases.hpp"

namespace panhuo {

const char* ToString(PlanStatus s) {
  switch (s) {
    case PlanStatus::kOpen: return "open";
    case PlanStatus::kOverdue: return "overdue";
    case PlanStatus::kResolved: return "resolved";
    case PlanStatus::kUnknown: return "unknown";
  }
  return "";
}

namespace detail {

double ElapsedShare(Date T) {
  const int y = T.Year();
  const Date jan1 = Date::FromYmd(y, 1, 1);
  const double elapsed = DaysBetween(jan1, T) + 1;  // 1 January and T both included
  const double year_days = DaysBetween(jan1, Date::FromYmd(y + 1, 1, 1));
  return elapsed / year_days;
}

void PlansPhase(const ScanState& st, ScanResult& res, std::vector<TownFinding>& towns) {
  const County& county = st.county;
  const InputData& d = county.data();
  const LayerReport* report = d.Report("plans");
  res.plans_present = report && report->present;
  res.plans.clear();
  for (auto& f : res.approvals) f.plan = -1;
  for (auto& f : res.supplies) f.plan = -1;

  // Pace: every town, with or without plans.
  const double share = ElapsedShare(st.T);
  for (auto& tf : towns) {
    tf.elapsed_share = share;
    tf.pace = tf.completion ? std::optional<double>(*tf.completion / share) : std::nullopt;
    tf.projected_ha = tf.revitalized_ha / share;
    tf.plans_overdue_n.reset();
    tf.no_plan_n.reset();
  }
  if (!res.plans_present) return;

  // The findings at T of each feature (index into res.approvals / res.supplies), by id.
  std::unordered_map<std::string, uint32_t> approval_by_id, supply_by_id;
  for (uint32_t a = 0; a < d.approvals.size(); ++a) approval_by_id.emplace(d.approvals.id[a], a);
  for (uint32_t s = 0; s < d.supplies.size(); ++s) supply_by_id.emplace(d.supplies.id[s], s);
  std::vector<int32_t> approval_finding(d.approvals.size(), -1), supply_finding(d.supplies.size(), -1);
  for (size_t i = 0; i < res.approvals.size(); ++i) approval_finding[res.approvals[i].approval] = static_cast<int32_t>(i);
  for (size_t i = 0; i < res.supplies.size(); ++i) supply_finding[res.supplies[i].supply] = static_cast<int32_t>(i);

  for (auto& tf : towns) tf.plans_overdue_n = 0, tf.no_plan_n = 0;
  res.plans.reserve(d.plans.size());
  for (uint32_t p = 0; p < d.plans.size(); ++p) {
    PlanFinding pf;
    pf.plan = p;
    const std::string& id = d.plans.feature_id[p];
    // an id naming both an approval and a supply is a supply
    if (auto it = supply_by_id.find(id); it != supply_by_id.end()) {
      pf.layer = 1;
      pf.feature = it->second;
      pf.town = county.supply_town(it->second);
      const int32_t i = supply_finding[it->second];
      if (i >= 0 && IsIdle(res.supplies[static_cast<size_t>(i)].status)) {
        pf.finding = i;
        pf.area_ha = res.supplies[static_cast<size_t>(i)].parcel_ha;
      }
      if (i >= 0) res.supplies[static_cast<size_t>(i)].plan = static_cast<int32_t>(p);
    } else if (auto ia = approval_by_id.find(id); ia != approval_by_id.end()) {
      pf.layer = 0;
      pf.feature = ia->second;
      pf.town = county.approval_town(ia->second);
      const int32_t i = approval_finding[ia->second];
      if (i >= 0 && res.approvals[static_cast<size_t>(i)].listed) {
        pf.finding = i;
        pf.area_ha = res.approvals[static_cast<size_t>(i)].unsupplied_ha;
      }
      if (i >= 0) res.approvals[static_cast<size_t>(i)].plan = static_cast<int32_t>(p);
    }
    const Date due = d.plans.due_date[p];
    if (pf.layer < 0) {
      pf.status = PlanStatus::kUnknown;
      pf.town = -1;
    } else {
      pf.days_left = DaysBetween(st.T, due);
      pf.status = pf.finding < 0 ? PlanStatus::kResolved : st.T > due ? PlanStatus::kOverdue : PlanStatus::kOpen;
    }
    if (pf.status == PlanStatus::kOverdue && pf.town >= 0) ++*towns[static_cast<size_t>(pf.town)].plans_overdue_n;
    res.plans.push_back(pf);
  }
  // listed approvals and idle supplies of each town without a plan
  for (const auto& f : res.approvals)
    if (f.listed && f.plan < 0 && f.town >= 0) ++*towns[static_cast<size_t>(f.town)].no_plan_n;
  for (const auto& f : res.supplies)
    if (IsIdle(f.status) && f.undetermined.empty() && f.plan < 0 && f.town >= 0)
      ++*towns[static_cast<size_t>(f.town)].no_plan_n;
}

}  // namespace detail
}  // namespace panhuo
