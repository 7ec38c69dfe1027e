// Determinations that could not be made: every overlay path failed on the feature. They are
// listed (never a figure of 0), and each town counts its features that miss from its sums.
#include <algorithm>
#include <set>
#include <utility>

#include "phases.hpp"

namespace panhuo::detail {
namespace {

// Order of the determinations within one feature, as the scan makes them.
int Rank(const std::string& determination) {
  static const char* kOrder[] = {"town", "unsupplied", "idle", "idle_at_year_start", "stock", "digested", "unfit", "reserve"};
  for (int i = 0; i < 8; ++i)
    if (determination == kOrder[i]) return i;
  return 8;
}

}  // namespace

void CollectUndetermined(ScanState& st, ScanResult& res, std::vector<TownFinding>& towns) {
  std::vector<UndeterminedFeature>& out = res.undetermined;
  for (const auto& f : st.county.attribution_failures())
    out.push_back({f.supply ? "supplies" : "approvals", f.index, "town", f.error});
  for (const auto& f : res.approvals)
    if (!f.undetermined.empty()) out.push_back({"approvals", f.approval, "unsupplied", f.undetermined});
  for (const auto& f : res.supplies)
    if (!f.undetermined.empty()) out.push_back({"supplies", f.supply, "idle", f.undetermined});
  for (const auto& f : res.reserves)
    if (!f.undetermined.empty()) out.push_back({"reserves", f.reserve, "reserve", f.undetermined});
  for (auto& u : st.undetermined) out.push_back(std::move(u));
  st.undetermined.clear();
  std::sort(out.begin(), out.end(), [](const UndeterminedFeature& a, const UndeterminedFeature& b) {
    if (a.layer != b.layer) return a.layer < b.layer;
    if (a.index != b.index) return a.index < b.index;
    return Rank(a.determination) < Rank(b.determination);
  });
  // each feature counts once in its town
  std::set<std::pair<std::string, uint32_t>> seen;
  for (const auto& u : out) {
    if (!seen.insert({u.layer, u.index}).second) continue;
    const int32_t t = u.layer == "supplies"   ? st.county.supply_town(u.index)
                      : u.layer == "reserves" ? st.county.reserve_town(u.index)
                                              : st.county.approval_town(u.index);
    if (t >= 0) ++towns[static_cast<size_t>(t)].undetermined;
  }
}

}  // namespace panhuo::detail
