// Internal: what changed in the v3 stock lists between two scans, for Compare (timeline.cpp).
#pragma once

#include <vector>

#include "panhuo/scan/scan.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo::detail {

// The changes of the stock lists between two scans (compare_stock.cpp): newly_reserved,
// reserve_supplied, newly_low_efficiency, no_longer_low_efficiency, with geometry.
std::vector<Table> CompareStockLists(const County& county, const ScanResult& r0, const ScanResult& r1);

}  // namespace panhuo::detail
