// The county's figures of a scan, one definition for every document that states them (the
// report's summary, a review, the terminal): sums over the towns, and the county's completion as
// the revitalized hectares of the towns with a target over the sum of those targets.
#pragma once

#include <cstdint>
#include <optional>

#include "panhuo/scan/scan.hpp"

namespace panhuo {

struct CountyFigures {
  double unsupplied_ha = 0, idle_ha = 0, revitalized_ha = 0;
  double target_ha = 0, targeted_revitalized_ha = 0;  // over the towns with a target
  int64_t towns_with_target = 0, towns_behind = 0;    // behind: pace below 1
  int64_t listed_n = 0, lapsed_n = 0, idle_n = 0;
  std::optional<double> reserve_ha, low_efficiency_ha;  // null when every town's is
  std::optional<int64_t> plans_overdue_n;               // null without a plans layer
  double elapsed_share = 0;

  std::optional<double> Completion() const {
    return target_ha > 0 ? std::optional<double>(targeted_revitalized_ha / target_ha) : std::nullopt;
  }
  std::optional<double> Pace() const {
    auto c = Completion();
    return c && elapsed_share > 0 ? std::optional<double>(*c / elapsed_share) : std::nullopt;
  }
};

CountyFigures FiguresOf(const ScanResult& r);

}  // namespace panhuo
