// The scan's output layers as tables over its findings (panhuo/tables/table.hpp, views: the
// cells are made when a sink asks for a row, the geometry points into the county and the
// result, so the county and the result must outlive the tables).
#pragma once

#include <string>
#include <vector>

#include "panhuo/scan/scan.hpp"
#include "panhuo/tables/run_table.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

// The scan's layers, in the order they are written.
const std::vector<std::string>& ScanLayerNames();

// The scan's layers of `result` on `county`, in the order of ScanLayerNames(); `run` describes
// the run for the `run` layer (its parameters are the result's).
std::vector<Table> ScanTables(const County& county, const ScanResult& result, RunInfo run);

namespace detail {

// The tables of contract v3's stock lists and plans (scan_stock_tables.cpp).
Table ReserveTable(const County& county, const ScanResult& result);
Table UnfitTable(const County& county, const ScanResult& result);
Table LowEfficiencyTable(const County& county, const ScanResult& result);
Table HoldersTable(const ScanResult& result);
Table PlanStatusTable(const County& county, const ScanResult& result);

// The plan of a listed plot (its four fields, null without a plan), after the plot's own.
void PlanCells(CellsOut& out, const InputData& data, int32_t plan);

// A town's code, empty for a feature outside every town (-1).
const std::string& TownCode(const InputData& data, int32_t town);

// A view of `count` rows of layer `name` (NewTable), each filled by `row` and drawn by `shape`.
Table ViewTable(const std::string& name, size_t count, std::function<void(size_t, std::vector<Cell>&)> row,
                std::function<const MultiPolygon*(size_t)> shape = {});

// The indices i < n for which keep(i), in order.
template <class Keep>
std::vector<uint32_t> Select(size_t n, Keep keep) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < n; ++i)
    if (keep(i)) out.push_back(static_cast<uint32_t>(i));
  return out;
}

}  // namespace detail
}  // namespace panhuo
