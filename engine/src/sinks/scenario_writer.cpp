// Writing scenario results: one GeoPackage, four layers per scenario, the comparison table, one
// row per scenario in `scenarios` and the `run` table every command writes
// (panhuo/tables/scenario_tables.hpp); atomic like the scan's output.
#include <ogr_spatialref.h>

#include "panhuo/sinks/scenario_writer.hpp"
#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/tables/scenario_tables.hpp"

namespace panhuo {
Status WriteScenarios(const County& county, const ScanResult& scan, const std::vector<ScenarioResult>& results,
                      const std::vector<ComparisonRow>& comparison, const ScenarioWriteOptions& o) {
  auto tables = ScenarioTables(county, scan, results, comparison, {o.input, {}, "", o.warnings});
  if (!tables.ok()) return tables.status();
  const InputData& d = county.data();
  std::string wkt = d.working_crs_wkt;
  if (wkt.empty()) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(d.working_crs_name.c_str()) == OGRERR_NONE) {
      char* text = nullptr;
      srs.exportToWkt(&text);
      wkt = text ? text : "";
      CPLFree(text);
    }
  }
  return WriteTables(o.output, o.overwrite, wkt, *tables);
}

}  // namespace panhuo
