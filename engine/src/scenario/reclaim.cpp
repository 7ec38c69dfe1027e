// Village land for reclamation (村庄闲置用地) and the urban-rural linkage (城乡建设用地增减挂钩):
// which plots are taken, in what order, and the quota they give each town against its demand.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "internal.hpp"

namespace panhuo::scenario {
namespace {

std::string Ha(double ha) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f ha", ha);
  return buf;
}

}  // namespace

std::vector<SelectedPlot> SelectPlots(const County& c, const std::vector<int32_t>& plot_town,
                                      const ReclaimRules& rules, std::vector<std::string>& notes) {
  const RuralPlotsLayer& p = c.data().rural_plots;
  const TownsLayer& towns = c.data().towns;
  if (p.size() == 0) {
    notes.push_back("reclaim: the input has no rural plots; nothing is reclaimed");
    return {};
  }
  std::vector<uint8_t> town_ok(towns.size(), rules.towns.empty() ? 1 : 0);
  for (const auto& code : rules.towns)
    for (size_t t = 0; t < towns.size(); ++t)
      if (towns.code[t] == code) town_ok[t] = 1;
  std::vector<uint32_t> cand;
  for (uint32_t i = 0; i < p.size(); ++i) {
    if (std::find(rules.kinds.begin(), rules.kinds.end(), p.kind[i]) == rules.kinds.end()) continue;
    // a null flag is not a confirmed 0 or 1: such plots are left out when the flag is asked for
    if (rules.non_retained_villages && p.retained[i] != 0) continue;
    if (rules.idle_only && p.idle[i] != 1) continue;
    if (p.area_m2[i] < rules.min_area_m2) continue;
    const int32_t t = plot_town[i];
    if (!rules.towns.empty() && (t < 0 || !town_ok[static_cast<size_t>(t)])) continue;
    cand.push_back(i);
  }
  // One key per priority, smaller first; ties end on plot_id (then input order).
  const size_t nk = rules.priority.size();
  std::vector<double> keys(cand.size() * nk);
  for (size_t k = 0; k < cand.size(); ++k)
    for (size_t j = 0; j < nk; ++j) {
      const uint32_t i = cand[k];
      double& v = keys[k * nk + j];
      switch (rules.priority[j]) {
        case PlotPriority::kNonRetained: v = p.retained[i] == 0 ? 0 : 1; break;
        case PlotPriority::kIdle: v = p.idle[i] == 1 ? 0 : 1; break;
        case PlotPriority::kAreaDesc: v = -p.area_m2[i]; break;
        case PlotPriority::kAreaAsc: v = p.area_m2[i]; break;
      }
    }
  std::vector<uint32_t> order(cand.size());
  for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    for (size_t j = 0; j < nk; ++j)
      if (keys[a * nk + j] != keys[b * nk + j]) return keys[a * nk + j] < keys[b * nk + j];
    const uint32_t ia = cand[a], ib = cand[b];
    if (p.id[ia] != p.id[ib]) return p.id[ia] < p.id[ib];
    return ia < ib;
  });
  for (auto& k : order) k = cand[k];
  cand = std::move(order);

  double matched_m2 = 0;
  for (uint32_t i : cand) matched_m2 += p.area_m2[i];
  std::vector<SelectedPlot> out;
  out.reserve(cand.size());
  double taken_m2 = 0;
  const double cap_m2 = rules.cap_ha ? *rules.cap_ha * kSquareMetresPerHectare : INFINITY;
  for (size_t k = 0; k < cand.size(); ++k) {
    const uint32_t i = cand[k];
    // a hair of tolerance so that a cap written as the exact sum of some plots takes them all
    if (taken_m2 + p.area_m2[i] > cap_m2 * (1 + 1e-12)) {
      notes.push_back("reclaim: " + std::to_string(cand.size()) + " plots match the selection (" +
                      Ha(matched_m2 / kSquareMetresPerHectare) + "); the cap of " + Ha(*rules.cap_ha) +
                      " is reached after " + std::to_string(k) + " plots (" +
                      Ha(taken_m2 / kSquareMetresPerHectare) + "): plot " + p.id[i] + " (" +
                      Ha(p.area_m2[i] / kSquareMetresPerHectare) + ") and the " +
                      std::to_string(cand.size() - k - 1) + " plots after it in priority order are left out");
      break;
    }
    taken_m2 += p.area_m2[i];
    SelectedPlot s;
    s.plot = i;
    s.town = plot_town[i];
    s.order = static_cast<uint32_t>(k + 1);
    s.plot_ha = p.area_m2[i] / kSquareMetresPerHectare;
    s.reclaimed_ha = s.plot_ha * rules.coefficient;
    out.push_back(s);
  }
  if (cand.empty()) notes.push_back("reclaim: no plot matches the selection");
  const auto unattributed = std::count_if(out.begin(), out.end(), [](const SelectedPlot& s) { return s.town < 0; });
  if (unattributed > 0)
    notes.push_back("reclaim: " + std::to_string(unattributed) +
                    " selected plots touch no town; they count in the county totals only");
  return out;
}

void Balance(const County& c, const Scenario& sc, const std::vector<SelectedPlot>& plots,
             const std::vector<double>& layer_demand_ha, ScenarioResult& out) {
  const TownsLayer& towns = c.data().towns;
  const ReclaimRules& r = sc.reclaim;
  std::vector<TownBalance> rows(towns.size());
  TownBalance none;  // plots touching no town
  for (size_t t = 0; t < towns.size(); ++t) rows[t].town = static_cast<int32_t>(t);
  for (const SelectedPlot& s : plots) {
    TownBalance& b = s.town < 0 ? none : rows[static_cast<size_t>(s.town)];
    ++b.plots;
    b.plot_ha += s.plot_ha;
    b.reclaimed_ha += s.reclaimed_ha;
  }
  auto finish = [](TownBalance& b) {
    b.quota_ha = b.reclaimed_ha - b.resettlement_ha;
    b.demand_ha = b.demand_table_ha + b.demand_layer_ha;
    b.balance_ha = b.quota_ha - b.demand_ha;
    // reclaim first, then link: demand beyond the quota that exists is flagged, never netted
    b.over_use = b.balance_ha < -1e-9;
  };
  for (size_t t = 0; t < towns.size(); ++t) {
    TownBalance& b = rows[t];
    const auto it = r.resettlement_ha.find(towns.code[t]);
    b.resettlement_ha = it != r.resettlement_ha.end() ? it->second : r.resettlement_share * b.reclaimed_ha;
    if (auto d = sc.demand.town_ha.find(towns.code[t]); d != sc.demand.town_ha.end()) b.demand_table_ha = d->second;
    if (!layer_demand_ha.empty()) b.demand_layer_ha = layer_demand_ha[t];
    finish(b);
  }
  none.resettlement_ha = r.resettlement_share * none.reclaimed_ha;
  finish(none);
  std::vector<size_t> order(towns.size());
  for (size_t t = 0; t < order.size(); ++t) order[t] = t;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return towns.code[a] < towns.code[b]; });
  out.towns.clear();
  CountyBalance total;
  auto add = [&](const TownBalance& b) {
    total.plots += b.plots;
    total.plot_ha += b.plot_ha;
    total.reclaimed_ha += b.reclaimed_ha;
    total.resettlement_ha += b.resettlement_ha;
    total.demand_table_ha += b.demand_table_ha;
    total.demand_layer_ha += b.demand_layer_ha;
  };
  for (size_t t : order) {
    out.towns.push_back(rows[t]);
    add(rows[t]);
    if (rows[t].over_use) {
      ++total.towns_over_use;
      total.shortfall_ha += -rows[t].balance_ha;
    }
  }
  if (none.plots > 0) {
    out.towns.push_back(none);
    add(none);
  }
  finish(total);
  out.county = total;
  if (total.towns_over_use > 0) {
    std::string list;
    for (const auto& b : out.towns)
      if (b.over_use && b.town >= 0) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%s%s (%.4f ha short)", list.empty() ? "" : ", ",
                      towns.code[static_cast<size_t>(b.town)].c_str(), -b.balance_ha);
        list += buf;
      }
    out.notes.push_back("linkage: demand exceeds quota (over_use) in " + std::to_string(total.towns_over_use) +
                        " towns: " + list);
  }
}

}  // namespace panhuo::scenario
