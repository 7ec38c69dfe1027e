// Writing plain tables (and optionally one geometry per row) to a GeoPackage and/or CSV files,
// for the reports that are not the scan's layers (timeline, compare). Written atomically like
// the scan: to "<out>.partial.gpkg", renamed when complete.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "panhuo/core/date.hpp"
#include "panhuo/core/geometry.hpp"
#include "panhuo/core/status.hpp"

namespace panhuo {

using Cell = std::variant<std::monostate, std::string, int64_t, double, Date>;  // monostate: null

struct Table {
  enum class Type { kText, kInteger, kReal, kDate };
  struct Column {
    std::string name;
    Type type;
  };
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<MultiPolygon> geometry;  // empty: a table without geometry; else one per row
};

// A real cell, null when NaN.
Cell RealCell(double v);

Status WriteTables(const std::string& output, bool overwrite, const std::string& crs_wkt,
                   const std::vector<Table>& tables);
// One CSV file per table; geometry, when present, as WKT in a first column.
Status WriteTablesCsv(const std::string& path_or_dir, const std::vector<Table>& tables);

}  // namespace panhuo
