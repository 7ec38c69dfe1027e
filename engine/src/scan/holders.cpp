// Land holders and enterprise groups (企业集团, 领导挂钩, contract v3): the group of each supply
// existing at T (the group its trimmed holder belongs to in `holder_groups`, else the trimmed
// holder itself), and per group its supplied, unused, idle and recoverable land, fees and
// warnings, listed and ranked for the leaders assigned to the groups.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "panhuo/core/text.hpp"
#include "phases.hpp"

namespace panhuo::detail {
namespace {

struct GroupSums {
  HolderGroupFinding f;
  std::set<std::string> holders, towns;
};

void AddSupply(const InputData& d, const SupplyFinding& s, const std::string& holder, int32_t warnings, GroupSums& g) {
  ++g.f.supplies_n;
  g.f.parcel_ha += s.parcel_ha;
  g.holders.insert(holder);
  if (s.town >= 0) g.towns.insert(d.towns.code[static_cast<size_t>(s.town)]);
  g.f.warn_n += warnings;
  if (!s.undetermined.empty()) return;  // no status: neither unused nor idle
  if (IsIdle(s.status) || s.status == SupplyStatus::kPending) g.f.unused_ha += s.parcel_ha;
  if (IsIdle(s.status)) {
    ++g.f.idle_n;
    g.f.idle_ha += s.parcel_ha;
  }
  if (s.action == IdleAction::kRecover) {
    g.f.recover_ha += s.parcel_ha;
    ++g.f.recover_n;
  }
  if (!std::isnan(s.fee_wan)) g.f.fee_wan += s.fee_wan;
}

}  // namespace

void HoldersPhase(const ScanState& st, ScanResult& res) {
  const InputData& d = st.county.data();
  // holder -> group, both trimmed (the reader trims them too; the first mapping of a holder counts)
  std::unordered_map<std::string, std::string> group_of;
  for (size_t i = 0; i < d.holder_groups.size(); ++i)
    group_of.emplace(TrimWhiteSpace(d.holder_groups.holder[i]), TrimWhiteSpace(d.holder_groups.group_name[i]));
  std::vector<int32_t> warnings(res.supplies.size(), 0);
  for (const auto& w : res.warnings)
    if (w.kind != WarningKind::kLapse) ++warnings[w.finding];
  res.supply_group.assign(res.supplies.size(), std::string());
  std::map<std::string, GroupSums> groups;  // by group name, byte order
  for (size_t i = 0; i < res.supplies.size(); ++i) {
    const std::string holder = TrimWhiteSpace(d.supplies.holder[res.supplies[i].supply]);
    if (holder.empty()) continue;
    const auto it = group_of.find(holder);
    res.supply_group[i] = it == group_of.end() ? holder : it->second;
    AddSupply(d, res.supplies[i], holder, warnings[i], groups[res.supply_group[i]]);
  }
  res.holders.clear();
  for (auto& [name, g] : groups) {
    if (!(g.f.idle_ha > 0 || g.f.unused_ha >= st.params.min_holder_ha)) continue;
    g.f.group_name = name;
    g.f.holders_n = static_cast<int32_t>(g.holders.size());
    g.f.holder_names.assign(g.holders.begin(), g.holders.end());
    for (const auto& t : g.towns) g.f.towns += (g.f.towns.empty() ? "" : ",") + t;
    res.holders.push_back(std::move(g.f));
  }
  std::stable_sort(res.holders.begin(), res.holders.end(), [](const HolderGroupFinding& a, const HolderGroupFinding& b) {
    if (a.unused_ha != b.unused_ha) return a.unused_ha > b.unused_ha;
    if (a.idle_ha != b.idle_ha) return a.idle_ha > b.idle_ha;
    return a.group_name < b.group_name;
  });
  for (size_t i = 0; i < res.holders.size(); ++i) res.holders[i].rank = static_cast<int32_t>(i + 1);
  res.counts.holders_listed = static_cast<int64_t>(res.holders.size());
}

}  // namespace panhuo::detail
