// Monthly monitoring (月度通报) and change between two dates, on one loaded county.
//
// Timeline(): the scan at each month end, loading and indexing the county once; per month and
// town the unsupplied and idle hectares, the hectares revitalized so far in the year, the
// completion of the year's target and the early warnings of the next warn_days days. ScanBoth():
// the scans at two dates, from which Compare() (panhuo/tables/timeline.hpp) lists what changed:
// approvals newly supplied (and by how much), idle land resolved, land newly idle, approvals
// newly lapsed.
#pragma once

#include <optional>
#include <vector>

#include "panhuo/scan/scan.hpp"

namespace panhuo {

// The last day of every month from (y0, m0) to (y1, m1), inclusive.
std::vector<Date> MonthEnds(int y0, int m0, int y1, int m1);

struct TimelineRow {
  Date as_of;
  uint32_t town = 0;
  double unsupplied_ha = 0, idle_ha = 0, revitalized_ha = 0;
  std::optional<double> target_ha, completion;
  int32_t undetermined = 0;  // features of the town whose figures could not be determined
  // early warnings of the scan at as_of, (as_of, as_of + warn_days]; idle = not started + stalled
  int32_t warn_lapse_n = 0, warn_idle_n = 0, warn_recover_n = 0;
  double warn_lapse_ha = 0, warn_idle_ha = 0, warn_recover_ha = 0;
  // v3: unsupplied hectares of the listed reserves and low-efficiency hectares (null as in `towns`)
  std::optional<double> reserve_ha, low_efficiency_ha;
};

// Rows by date, then town_code.
Result<std::vector<TimelineRow>> Timeline(const County& county, const ScanParams& base,
                                          const std::vector<Date>& dates, ProgressFn progress = nullptr,
                                          void* progress_user = nullptr);

// The scans at two dates, for Compare (panhuo/tables/timeline.hpp).
struct ScanPair {
  ScanResult from, to;
};
// An error when `to` is before `from`.
Result<ScanPair> ScanBoth(const County& county, const ScanParams& base, Date from, Date to);

}  // namespace panhuo
