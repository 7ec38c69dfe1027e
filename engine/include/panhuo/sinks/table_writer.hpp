// Writing plain tables (and optionally one geometry per row) to a GeoPackage and/or CSV files,
// for the reports that are not the scan's layers (timeline, compare). Written atomically like
// the scan: to "<out>.partial", renamed when complete.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

Status WriteTables(const std::string& output, bool overwrite, const std::string& crs_wkt,
                   const std::vector<Table>& tables);
// The CSV files WriteTablesCsv writes: `path_or_dir` itself for one table and a path ending in
// .csv, else <path_or_dir>/<table>.csv.
std::vector<std::string> CsvPaths(const std::string& path_or_dir, const std::vector<Table>& tables);
// One CSV file per table (UTF-8 with a byte-order mark); geometry, when present and `geometry`,
// as WKT in a last column. Every file is written as "<file>.partial" and renamed when all are
// written and closed without error; an existing file is an error unless `overwrite`.
Status WriteTablesCsv(const std::string& path_or_dir, bool overwrite, const std::vector<Table>& tables,
                      bool geometry = true);

}  // namespace panhuo
