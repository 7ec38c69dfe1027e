// An output table: named, typed columns, rows of cells and optionally one geometry per row. The
// sinks write tables (panhuo/sinks/sink.hpp); building one needs no GDAL.
//
// A table holds its rows (small tables: the run, a timeline, a review's lists), or is a view over
// the findings: `view.size` rows whose cells `view.row` fills when a sink asks for them, and whose
// geometry `view.shape` points into the county or the scan's result. A view copies nothing, so a
// county's output costs no memory beyond what the scan holds already.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <optional>
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

  struct View {
    size_t size = 0;
    std::function<void(size_t row, std::vector<Cell>& cells)> row;  // the row's cells, in column order
    std::function<const MultiPolygon*(size_t row)> shape;           // null: the row has no geometry
  };
  View view;  // set: the rows are the view's, `rows` and `geometry` are empty

  size_t size() const { return view.row ? view.size : rows.size(); }
  // Row `r`'s cells into `cells` (replaced).
  void Row(size_t r, std::vector<Cell>& cells) const {
    if (view.row) view.row(r, cells);
    else cells = rows[r];
  }
  // Row `r`'s geometry, or null.
  const MultiPolygon* Shape(size_t r) const {
    if (view.row) return view.shape ? view.shape(r) : nullptr;
    return r < geometry.size() ? &geometry[r] : nullptr;
  }
  bool HasShapes() const { return view.row ? static_cast<bool>(view.shape) : !geometry.empty(); }
};

// Fills one row's cells in column order; text, numbers and dates as the output layers take them.
class CellsOut {
 public:
  explicit CellsOut(std::vector<Cell>& cells) : cells_(cells) { cells_.clear(); }
  CellsOut& Text(const std::string& s) { return Put(Cell{s}); }                      // even empty
  CellsOut& TextOrNull(const std::string& s) { return s.empty() ? Null() : Text(s); }  // null when empty
  CellsOut& Int(int64_t v) { return Put(Cell{v}); }
  CellsOut& Int(std::optional<int64_t> v) { return v ? Int(*v) : Null(); }
  CellsOut& Real(double v) { return Put(std::isnan(v) ? Cell{} : Cell{v}); }  // null when NaN
  CellsOut& Real(std::optional<double> v) { return v ? Real(*v) : Null(); }
  CellsOut& Day(Date d) { return Put(Cell{d}); }
  CellsOut& Day(std::optional<Date> d) { return d ? Day(*d) : Null(); }
  CellsOut& Null() { return Put(Cell{}); }

 private:
  CellsOut& Put(Cell c) {
    cells_.push_back(std::move(c));
    return *this;
  }
  std::vector<Cell>& cells_;
};

// A real cell, null when NaN.
inline Cell RealCell(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

}  // namespace panhuo
