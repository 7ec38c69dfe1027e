// The scenarios side by side: the county figures a planner compares, one row each.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "panhuo/scenario/scenario.hpp"

namespace panhuo {
namespace {

std::string Metres(double d) {
  char buf[32];
  if (d == std::floor(d)) std::snprintf(buf, sizeof buf, "%.0fm", d);
  else std::snprintf(buf, sizeof buf, "%gm", d);
  return buf;
}

}  // namespace

std::vector<ComparisonRow> Compare(const std::vector<ScenarioResult>& results) {
  const size_t n = results.size();
  std::vector<ComparisonRow> rows;
  auto row = [&](std::string figure, std::string unit, std::string meaning, auto get) {
    ComparisonRow r{std::move(figure), std::move(unit), std::move(meaning), std::vector<std::optional<double>>(n)};
    for (size_t i = 0; i < n; ++i) r.values[i] = get(results[i]);
    rows.push_back(std::move(r));
  };
  // Linkage (增减挂钩), county totals.
  row("plots_selected", "count", "village plots taken (selection, priority order, cap)",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.plots; });
  row("plots_ha", "ha", "area of the plots taken",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.plot_ha; });
  row("reclaimed_ha", "ha", "farmland gained: plot area x coefficient",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.reclaimed_ha; });
  row("resettlement_ha", "ha", "kept back for resettlement of the villagers",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.resettlement_ha; });
  row("quota_ha", "ha", "linkage quota: reclaimed - resettlement",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.quota_ha; });
  row("demand_ha", "ha", "new urban construction the towns want",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.demand_ha; });
  row("balance_ha", "ha", "county quota - demand (negative: demand beyond quota)",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.balance_ha; });
  row("towns_over_use", "count", "towns whose demand exceeds their own quota",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.towns_over_use; });
  row("shortfall_ha", "ha", "sum of those towns' shortfalls (not offset by other towns)",
      [](const ScenarioResult& r) -> std::optional<double> { return r.county.shortfall_ha; });

  // Riverside, per distance used by any scenario.
  std::set<double> distances;
  for (const auto& r : results)
    for (const auto& f : r.riverside) distances.insert(f.distance_m);
  for (double dist : distances) {
    auto county_row = [dist](const ScenarioResult& r) -> const RiversideFigures* {
      for (const auto& f : r.riverside)
        if (f.distance_m == dist && f.town < 0) return &f;
      return nullptr;
    };
    const std::string m = Metres(dist);
    auto add = [&](const std::string& name, const std::string& unit, const std::string& meaning, auto field) {
      ComparisonRow r{name + "_" + m, unit, meaning, std::vector<std::optional<double>>(n)};
      for (size_t i = 0; i < n; ++i)
        if (const RiversideFigures* f = county_row(results[i])) r.values[i] = field(*f);
      rows.push_back(std::move(r));
    };
    add("land_ha", "ha", "land within " + m + " of the mainline (in the county, water excluded)",
        [](const RiversideFigures& f) -> std::optional<double> { return f.land_ha; });
    add("developed_before_ha", "ha", "built on that land at the as-of date",
        [](const RiversideFigures& f) -> std::optional<double> { return f.developed_before_ha; });
    add("intensity_before", "ratio", "developed / land, now",
        [](const RiversideFigures& f) -> std::optional<double> { return f.intensity_before; });
    add("cleared_ha", "ha", "land of cleared parcels within " + m,
        [](const RiversideFigures& f) -> std::optional<double> { return f.cleared_ha; });
    add("developed_after_ha", "ha", "built area left after clearing",
        [](const RiversideFigures& f) -> std::optional<double> { return f.developed_after_ha; });
    add("intensity_after", "ratio", "developed / land, after clearing",
        [](const RiversideFigures& f) -> std::optional<double> { return f.intensity_after; });
  }

  // Clearing and the ban zone.
  auto has_river = [](const ScenarioResult& r) { return r.ban_zone.has_value(); };
  auto opt = [&](const ScenarioResult& r, double v) -> std::optional<double> {
    if (!has_river(r)) return std::nullopt;
    return v;
  };
  auto sum = [](const ScenarioResult& r, double ClearedParcel::*field) {
    double s = 0;
    for (const auto& p : r.cleared) s += p.*field;
    return s;
  };
  std::vector<std::optional<double>> v(n);
  auto push = [&](std::string figure, std::string unit, std::string meaning) {
    rows.push_back({std::move(figure), std::move(unit), std::move(meaning), v});
  };
  for (size_t i = 0; i < n; ++i) v[i] = opt(results[i], static_cast<double>(results[i].cleared.size()));
  push("parcels_cleared", "count", "industrial parcels chosen for clearing (还林还湿)");
  for (size_t i = 0; i < n; ++i) v[i] = opt(results[i], sum(results[i], &ClearedParcel::parcel_ha));
  push("parcels_cleared_ha", "ha", "their whole area");
  for (size_t i = 0; i < n; ++i) v[i] = opt(results[i], sum(results[i], &ClearedParcel::built_ha));
  push("parcels_cleared_built_ha", "ha", "built area on them (footprints to remove)");
  for (size_t i = 0; i < n; ++i)
    v[i] = results[i].ban_zone ? std::optional<double>(results[i].ban_zone->distance_m) : std::nullopt;
  push("ban_zone_m", "m", "ban zone: no new chemical or heavy industry within this distance");
  for (size_t i = 0; i < n; ++i)
    v[i] = results[i].ban_zone ? std::optional<double>(results[i].ban_zone->parcels_before) : std::nullopt;
  push("ban_zone_parcels_before", "count", "industrial parcels reaching into the ban zone, now");
  for (size_t i = 0; i < n; ++i)
    v[i] = results[i].ban_zone ? std::optional<double>(results[i].ban_zone->parcels_after) : std::nullopt;
  push("ban_zone_parcels_after", "count", "the same after clearing");
  for (size_t i = 0; i < n; ++i)
    v[i] = results[i].ban_zone ? std::optional<double>(results[i].ban_zone->ha_before) : std::nullopt;
  push("ban_zone_industrial_ha_before", "ha", "industrial land inside the ban zone, now");
  for (size_t i = 0; i < n; ++i)
    v[i] = results[i].ban_zone ? std::optional<double>(results[i].ban_zone->ha_after) : std::nullopt;
  push("ban_zone_industrial_ha_after", "ha", "the same after clearing");
  return rows;
}

}  // namespace panhuo
