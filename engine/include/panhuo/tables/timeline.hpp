// The timeline's and the comparison's tables (the scans themselves: panhuo/scan/timeline.hpp).
#pragma once

#include <vector>

#include "panhuo/scan/timeline.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

Table TimelineTable(const County& county, const std::vector<TimelineRow>& rows);

// Layers: newly_supplied, idle_resolved, newly_idle, newly_lapsed, and of the v3 stock lists
// newly_reserved (acquired in (from, to]), reserve_supplied (reserves existing at `from` whose
// unsupplied area shrank), newly_low_efficiency, no_longer_low_efficiency (with geometry).
Result<std::vector<Table>> Compare(const County& county, const ScanParams& base, Date from, Date to);

}  // namespace panhuo
