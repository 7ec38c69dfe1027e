// The tables of a review (panhuo/scan/review.hpp) and its summary paragraph in the style of a
// bureau's bulletin (通报).
#pragma once

#include <string>
#include <vector>

#include "panhuo/tables/table.hpp"
#include "panhuo/scan/review.hpp"

namespace panhuo {

// What changed within the period, county-wide, from the compare tables of (eve, end].
struct ReviewChanges {
  int64_t newly_supplied_n = 0, idle_resolved_n = 0, newly_idle_n = 0, newly_lapsed_n = 0;
  double newly_supplied_ha = 0, idle_resolved_ha = 0, newly_idle_ha = 0;
};
ReviewChanges CountChanges(const std::vector<Table>& compare_tables);

// review (one row: period, dates, document, summary), review_county (the county's figures at
// the eve and the end), review_towns (pace and plans of each town, in rank order),
// review_plans (plans due within the period or overdue at its end), hard_plots (with geometry).
// `county_name` names the county in the summary (全市 for 江阴市; 全县 without a name).
std::vector<Table> ReviewTables(const County& county, const ReviewResult& review, const ReviewChanges& changes,
                                const std::string& lang, const std::string& county_name = "");

// The summary paragraph: the change of the stock over the period, the year's completion
// against the elapsed share, the towns behind their pace, plans due and overdue, hard plots.
std::string ReviewSummary(const County& county, const ReviewResult& review, const ReviewChanges& changes,
                          const std::string& lang, const std::string& county_name = "");

}  // namespace panhuo
