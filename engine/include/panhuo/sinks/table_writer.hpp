// Output tables (panhuo/tables/table.hpp) written to a GeoPackage and to CSV files, each layer
// with the fields and types the output schema declares. Written atomically: to a temporary
// name, renamed when complete.
#pragma once

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

// The tables as the layers of the GeoPackage `output`, geometries in the CRS `crs_wkt`.
Status WriteTables(const std::string& output, bool overwrite, const std::string& crs_wkt,
                   const std::vector<Table>& tables);
// The CSV files of `layers`: `path_or_dir` itself for one layer and a path ending in .csv, else
// <path_or_dir>/<layer>.csv.
std::vector<std::string> CsvPaths(const std::string& path_or_dir, const std::vector<std::string>& layers);
// One CSV file per table (UTF-8 with a byte-order mark); geometry, when present and `geometry`,
// as WKT in a last column. Every file is written as "<file>.partial" and renamed when all are
// written and closed without error; an existing file is an error unless `overwrite`.
Status WriteTablesCsv(const std::string& path_or_dir, bool overwrite, const std::vector<Table>& tables,
                      bool geometry = true);

}  // namespace panhuo
