// The Excel ledger (台账) of an output: its lists as the sheets of one workbook.
#pragma once

#include <string>

#include "panhuo/core/status.hpp"
#include "panhuo/sinks/sink.hpp"  // Document
#include "panhuo/tables/table.hpp"

namespace panhuo {

// The temporary name of a ledger while it is written: "<dir>/<stem>.partial.xlsx".
std::string LedgerPartialPath(const std::string& xlsx);

struct InputData;

// The county's name in the documents' titles: `given` (--county-name) when not empty, else the
// name GB/T 2260 gives the six digits every town code starts with (320281: 江阴市), else empty.
std::string DocumentCountyName(const InputData& data, const std::string& given);

// The documents' description of themselves for `data`: its county's name (`county`, else from
// the town codes), the issuer and the town names.
Document DocumentOf(const InputData& data, const std::string& lang, const std::string& county,
                    const std::string& issuer);

// Writes the lists among `tables` as sheets of `xlsx`, in the order a clerk
// reads them: a review's, a scan's (towns, unsupplied, idle, warnings, supply_status,
// efficiency, the v3 stock lists), a timeline's, a compare's, a scenario run's, then rejects,
// undetermined, plan_status and run. Every sheet: a title row (county, sheet, date or period,
// issuing unit), a header row, the rows, or a line saying there are none; no geometry. Atomic:
// nothing under `xlsx` unless the workbook was written, closed and read back whole.
Status WriteLedger(const std::vector<Table>& tables, const std::string& xlsx, const Document& doc, bool overwrite);

}  // namespace panhuo
