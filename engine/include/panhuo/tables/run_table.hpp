// The `run` table every command writes beside its results, so that an output explains itself:
// which engine, which input, which dates and parameters, what reading did with every layer, and
// the warnings of the run. One row; `scan` adds its own figures to the same table.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "panhuo/model/layers.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

struct RunInfo {
  std::string input;                                 // the input as given
  std::vector<std::pair<std::string, Date>> dates;   // e.g. {"as_of", T} or {"from", a}, {"to", b}
  std::string parameters;                            // ScanParams::Describe()
  std::vector<std::string> warnings;                 // one line each
};

// Columns: engine_version, input, the dates, parameters, working_crs, warnings (lines joined by
// "\n", null when none), read_/used_/repaired_/rejected_<layer> for every contract layer,
// encodings (the text encoding of each Shapefile layer, "supplies=CP936 (ldid); ...", null when
// none), rejected_total, repaired_total.
Table RunTable(const InputData& data, const RunInfo& info);

// Appends a column and its value to a one-row table (such as the run table).
void AddRunColumn(Table& table, const std::string& name, Table::Type type, Cell value);

}  // namespace panhuo
