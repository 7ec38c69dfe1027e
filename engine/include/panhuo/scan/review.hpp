// The reviews of the year's work (季分析, 半年小结, 全年考核): a calendar quarter, half or year,
// the scan at its last day against the scan on the eve of its first, each town's pace against
// its target, the work plans due or overdue in it, and the hard plots (重点难点地块) that the
// towns are to tackle next.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "panhuo/scan/scan.hpp"

namespace panhuo {

// A calendar quarter, half or year.
struct ReviewPeriod {
  enum class Kind { kQuarter, kHalf, kYear };
  Kind kind = Kind::kYear;
  int year = 0;
  int index = 0;  // quarter 1..4, half 1..2, 0 for a year
  Date start, end;  // first and last day, both in the period

  // "2021年第三季度", "2021年上半年", "2021年度" (zh); "2021 Q3", "2021 H1", "2021" (en)
  std::string Label(const std::string& lang = "zh") const;
  // 季度分析, 半年小结, 全年考核 (zh); quarterly analysis, half-year summary, annual assessment (en)
  std::string DocumentName(const std::string& lang = "zh") const;
};

// 2021-Q3, 2021Q3, 2021-H1, 2021H2, 2021, and the Chinese forms 2021年第三季度 (also 第3季度,
// 三季度), 2021年上半年, 2021年下半年, 2021年, 2021年度. Years 1900 to 2100.
Result<ReviewPeriod> ParsePeriod(std::string_view text);

// A plot on the hard-plot list: a listed approval or an idle supply at the period's end.
struct HardPlot {
  bool idle = false;         // false: ScanResult::approvals, true: ScanResult::supplies
  uint32_t finding = 0;      // index into that list of the end scan
  int32_t town = -1;
  double area_ha = 0;        // unsupplied_ha, or parcel_ha of an idle supply
  Date listed_since;         // approval_date, or idle_from
  int32_t listed_days = 0;   // end − listed_since
  int32_t plan = -1;         // index into plans, -1 when none
  bool longest = false;      // among the `hard_n` plots listed longest
  bool largest = false;      // among the `hard_n` largest
  bool plan_overdue = false; // its work plan is past its due date at the period's end
};

struct ReviewTown {
  uint32_t town = 0;
  std::optional<TownFinding> start;  // at the eve of the period
  TownFinding end;                   // at its last day
  // hectares revitalized within the period: the end's revitalized_ha less the eve's when the
  // period starts after 1 January (revitalized_ha counts from 1 January)
  double revitalized_period_ha = 0;
  std::optional<double> projected_completion;  // projected_ha / target_ha
  std::optional<bool> behind;  // pace below 1; null without a target
  int32_t plans_due_n = 0;     // plans of the town due within the period
  int32_t hard_n = 0;          // hard plots of the town
};

struct ReviewResult {
  ReviewPeriod period;
  Date eve;                 // period.start − 1 day: the scan the period is measured from
  ScanResult start, end;    // the scans at `eve` and at period.end
  std::vector<ReviewTown> towns;   // in the end scan's rank order
  // indices into end.plans: plans naming a feature that are due within the period, or overdue
  // at its end; by due date, then feature id
  std::vector<uint32_t> plans;
  std::vector<HardPlot> hard;      // most reasons first, then longest listed, largest, id
};

struct ReviewOptions {
  int hard_n = 10;  // how many of the longest-listed and of the largest plots make the list
};

Result<ReviewResult> Review(const County& county, const ScanParams& base, const ReviewPeriod& period,
                            const ReviewOptions& options = {});

}  // namespace panhuo
