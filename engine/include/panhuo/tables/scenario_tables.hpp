// A scenario run's output layers as tables: each scenario's plots, towns, riverside figures and
// cleared parcels (<scenario>_plots, _towns, _riverside, _clear), the comparison side by side,
// one row per scenario in `scenarios`, and the run. Views over the results (see table.hpp):
// the county, the scan and the results must outlive them.
#pragma once

#include <vector>

#include "panhuo/core/status.hpp"

#include "panhuo/scenario/scenario.hpp"
#include "panhuo/tables/run_table.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

// An error when two scenarios have one name (their layers would clash).
Result<std::vector<Table>> ScenarioTables(const County& county, const ScanResult& scan, const std::vector<ScenarioResult>& results,
                                  const std::vector<ComparisonRow>& comparison, const RunInfo& run);

}  // namespace panhuo
