// The monthly bulletin's table of this month against last (本月与上月): each town and the county.
#pragma once

#include <string>
#include <vector>

#include "panhuo/tables/table.hpp"
#include "panhuo/scan/timeline.hpp"

namespace panhuo {

// `timeline_change`: for the last month end of `rows` and the one before it (null without one),
// each town's unsupplied, idle and revitalized hectares and completion, with the change; the
// towns by rank at the last month end (completion descending, ties by town code, towns without a
// target last), then the county's totals (town_code null, town_name 全县合计 or "county").
Table TimelineChangeTable(const County& county, const std::vector<TimelineRow>& rows, const std::string& lang);

}  // namespace panhuo
