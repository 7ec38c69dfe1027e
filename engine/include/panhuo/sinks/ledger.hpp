// The Excel ledger (台账) of an output: its lists as the sheets of one workbook.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo {

// The temporary name of a ledger while it is written: "<dir>/<stem>.partial.xlsx".
std::string LedgerPartialPath(const std::string& xlsx);

// Writes the lists of the finished GeoPackage `gpkg` as sheets of `xlsx`: those it has of a
// scan's (towns, unsupplied, idle, warnings, supply_status, efficiency), a timeline's (timeline),
// a compare's (newly_supplied, idle_resolved, newly_idle, newly_lapsed), a scenario run's
// (comparison, scenarios, and each scenario's towns, plots, clear and riverside lists), then
// rejects, undetermined and run. Sheet names and headers in Chinese (`lang` "zh") or the
// layers' and fields' names ("en"), dates as dates, each area in ha followed by the same area in
// mu, no geometry. Atomic: nothing under `xlsx` unless the workbook was written and closed
// without error.
Status WriteLedger(const std::string& gpkg, const std::string& xlsx, const std::string& lang, bool overwrite);

}  // namespace panhuo
