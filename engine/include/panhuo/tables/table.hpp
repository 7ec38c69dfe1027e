// An output table: named, typed columns, rows of cells and optionally one geometry per row. The
// sinks write tables (panhuo/sinks/table_writer.hpp); building one needs no GDAL.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "panhuo/core/date.hpp"
#include "panhuo/core/geometry.hpp"

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
inline Cell RealCell(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

}  // namespace panhuo
