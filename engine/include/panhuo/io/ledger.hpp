// The Excel ledger (台账) of an output: its lists as the sheets of one workbook.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"

namespace panhuo {

// Writes the lists of the finished GeoPackage `gpkg` (towns, unsupplied, idle, warnings,
// supply_status, efficiency, rejects, undetermined, run; those it has) as sheets of `xlsx`:
// headers and sheet names in Chinese (`lang` "zh") or as the layers' field names ("en"), dates
// as dates, each area in ha followed by the same area in mu, no geometry. Atomic: nothing under
// `xlsx` unless the workbook was written and closed without error.
// The temporary name of a ledger while it is written: "<dir>/<stem>.partial.xlsx".
std::string LedgerPartialPath(const std::string& xlsx);

Status WriteLedger(const std::string& gpkg, const std::string& xlsx, const std::string& lang, bool overwrite);

}  // namespace panhuo
