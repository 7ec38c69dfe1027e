// Internals of the county generator: the v3 stock-list layers (reserves, constraints,
// holder_groups) drawn from the towns' generated features, and the enterprise cases the
// low-efficiency list needs. Deterministic: own streams per town, run in town order.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model.hpp"

namespace panhuo::gen::detail {

struct ReserveRec {
  Date acquired;
  uint8_t kind = 0;  // 0 purchase, 1 recovered, 2 other
};

struct StockData {
  Shapes reserves_geom;
  std::vector<ReserveRec> reserves;
  Shapes constraints_geom;
  std::vector<uint8_t> constraint_kind;  // 0 ecological_redline, 1 basic_farmland, 2 flood_control, 3 other
  std::vector<std::pair<std::string, std::string>> holder_groups;  // holder as the bureau wrote it, group
};

// Reserves (bought back before a supply and partly supplied since, recovered after the grant,
// some acquired after 2021), constraints (crossing approvals, touching others along an edge),
// enterprise groups over the grant holders (mappings and holders with stray spaces), and, on
// the towns' data, closed firms (zero sales), weak firms (class D) and parcels of small firms
// (class T only). Call before the towns' geometry is written (it reads it).
StockData GenerateStock(const County& county, std::vector<TownData>& towns);

}  // namespace panhuo::gen::detail
