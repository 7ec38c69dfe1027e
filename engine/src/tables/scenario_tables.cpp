// A scenario run's output layers as tables (see scenario_tables.hpp).
#include "panhuo/tables/scenario_tables.hpp"

#include "panhuo/core/text.hpp"
#include "panhuo/tables/output_schema.hpp"
#include "panhuo/tables/scan_tables.hpp"

namespace panhuo {
namespace {

using detail::TownCode;
using detail::ViewTable;

std::optional<int64_t> Flag(int8_t v) { return v >= 0 ? std::optional<int64_t>(v) : std::nullopt; }

Table PlotsTable(const InputData& d, const ScenarioResult& r) {
  const InputData* data = &d;
  const ScenarioResult* res = &r;
  return ViewTable(
      r.scenario.name + "_plots", r.plots.size(),
      [data, res](size_t i, std::vector<Cell>& cells) {
        const SelectedPlot& s = res->plots[i];
        const RuralPlotsLayer& p = data->rural_plots;
        CellsOut out(cells);
        out.Text(p.id[s.plot]).TextOrNull(p.village[s.plot]).TextOrNull(p.kind[s.plot]);
        out.Int(Flag(p.retained[s.plot])).Int(Flag(p.idle[s.plot])).TextOrNull(TownCode(*data, s.town));
        out.Int(s.order).Real(s.plot_ha).Real(s.reclaimed_ha);
      },
      [data, res](size_t i) { return &data->rural_plots.geom[res->plots[i].plot]; });
}

// The towns by code, the plots touching no town if any, then the county.
Table TownsTable(const InputData& d, const ScenarioResult& r) {
  const InputData* data = &d;
  const ScenarioResult* res = &r;
  auto balance = [res](size_t i) -> const TownBalance& { return i < res->towns.size() ? res->towns[i] : res->county; };
  return ViewTable(
      r.scenario.name + "_towns", r.towns.size() + 1,
      [data, res, balance](size_t i, std::vector<Cell>& cells) {
        const TownBalance& b = balance(i);
        CellsOut out(cells);
        out.Text(i == res->towns.size() ? "county" : b.town < 0 ? "no_town" : "town").TextOrNull(TownCode(*data, b.town));
        out.TextOrNull(b.town < 0 ? std::string() : data->towns.name[static_cast<size_t>(b.town)]);
        out.Int(b.plots).Real(b.plot_ha).Real(b.reclaimed_ha).Real(b.resettlement_ha).Real(b.quota_ha);
        out.Real(b.demand_table_ha).Real(b.demand_layer_ha).Real(b.demand_ha).Real(b.balance_ha).Int(b.over_use ? 1 : 0);
      },
      [data, balance](size_t i) -> const MultiPolygon* {
        const int32_t t = balance(i).town;
        return t < 0 ? nullptr : &data->towns.geom[static_cast<size_t>(t)];
      });
}

Table RiversideTable(const InputData& d, const ScenarioResult& r) {
  const InputData* data = &d;
  const ScenarioResult* res = &r;
  return ViewTable(r.scenario.name + "_riverside", r.riverside.size(), [data, res](size_t i, std::vector<Cell>& cells) {
    const RiversideFigures& x = res->riverside[i];
    CellsOut out(cells);
    out.Real(x.distance_m).Text(x.town < 0 ? "county" : "town").TextOrNull(TownCode(*data, x.town)).Real(x.land_ha);
    out.Real(x.developed_before_ha).Real(x.intensity_before).Real(x.cleared_ha).Real(x.developed_after_ha);
    out.Real(x.intensity_after);
  });
}

Table ClearTable(const InputData& d, const ScenarioResult& r) {
  const InputData* data = &d;
  const ScenarioResult* res = &r;
  return ViewTable(
      r.scenario.name + "_clear", r.cleared.size(),
      [data, res](size_t i, std::vector<Cell>& cells) {
        const ClearedParcel& p = res->cleared[i];
        const SuppliesLayer& s = data->supplies;
        CellsOut out(cells);
        out.Text(s.id[p.supply]).TextOrNull(TownCode(*data, p.town)).TextOrNull(s.land_use[p.supply]);
        out.TextOrNull(s.holder[p.supply]).Text(ToString(p.status)).TextOrNull(p.cls ? ToString(*p.cls) : "");
        out.Int(p.enterprises).Real(p.parcel_ha).Real(p.within_ha).Real(p.built_ha).Int(p.rule);
      },
      [data, res](size_t i) { return &data->supplies.geom[res->cleared[i].supply]; });
}

// The scenarios side by side: a column per scenario, in input order.
Table ComparisonTable(const std::vector<ScenarioResult>& results, const std::vector<ComparisonRow>& comparison) {
  Table t;
  t.name = "comparison";
  t.columns = {{"figure", Table::Type::kText}, {"unit", Table::Type::kText}};
  for (const auto& r : results) t.columns.push_back({r.scenario.name, Table::Type::kReal});
  t.columns.push_back({"meaning", Table::Type::kText});
  for (const ComparisonRow& row : comparison) {
    std::vector<Cell> cells;
    CellsOut out(cells);
    out.Text(row.figure).Text(row.unit);
    for (const auto& v : row.values) out.Real(v);
    out.Text(row.meaning);
    t.rows.push_back(std::move(cells));
  }
  return t;
}

Table ScenariosTable(const ScanResult& scan, const std::vector<ScenarioResult>& results, const std::string& input) {
  Table t = NewTable("scenarios");
  for (const auto& r : results) {
    std::string notes;
    for (const auto& n : r.notes) notes += (notes.empty() ? "" : "\n") + n;
    std::vector<Cell> cells;
    CellsOut out(cells);
    out.Text(r.scenario.name).TextOrNull(r.scenario.description).TextOrNull(r.scenario.source).Day(scan.params.as_of);
    out.TextOrNull(MaskPassword(input)).Text(PANHUO_VERSION).TextOrNull(notes).Real(r.seconds);
    out.Int(r.overlay_fallbacks).Int(r.overlay_failures);
    t.rows.push_back(std::move(cells));
  }
  return t;
}

}  // namespace

Result<std::vector<Table>> ScenarioTables(const County& county, const ScanResult& scan,
                                          const std::vector<ScenarioResult>& results,
                                          const std::vector<ComparisonRow>& comparison, const RunInfo& run) {
  for (size_t i = 0; i < results.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (results[i].scenario.name == results[j].scenario.name)
        return Status::Error("two scenarios are named '" + results[i].scenario.name + "' (" + results[j].scenario.source +
                             ", " + results[i].scenario.source + "); their layers would clash");
  const InputData& d = county.data();
  std::vector<Table> tables;
  for (const auto& r : results) {
    tables.push_back(PlotsTable(d, r));
    tables.push_back(TownsTable(d, r));
    tables.push_back(RiversideTable(d, r));
    tables.push_back(ClearTable(d, r));
  }
  tables.push_back(ComparisonTable(results, comparison));
  tables.push_back(ScenariosTable(scan, results, run.input));
  RunInfo info = run;
  if (info.dates.empty()) info.dates = {{"as_of", scan.params.as_of}};
  info.parameters = scan.params.Describe();
  tables.push_back(RunTable(d, info));
  return tables;
}

}  // namespace panhuo
