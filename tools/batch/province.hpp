// The province's output: OUTDIR/province.gpkg with the layers
//   counties   one row per county that completed: its totals, ratios, completion, rank
//   all_towns  every town of every completed county, with its county code
//   run        one row per listed county: status, message, seconds, rank of the process
// Counties are ranked like towns: completion (revitalized ha / the county's target for the
// as-of year) descending, ties by county_code, counties without a target last by county_code.
// County ratios are ratios of sums over its towns (supply rate = window supplied / window
// approved, stock share = stock / supplied, tax per mu = tax / land mu of its class A-D rows).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "county_list.hpp"
#include "panhuo/sinks/table_writer.hpp"

namespace panhuo::cli::batch {

// The targets of `year` from a CSV `county_code,year,target_ha` (a county with no row for the
// year has no target). Errors name the file, line and value.
Result<std::map<std::string, double>> ReadCountyTargets(const std::string& path, int year);

// Order of the counties layer: indices of the completed outcomes, ranked.
std::vector<size_t> RankCounties(const std::vector<nlohmann::json>& outcomes,
                                 const std::map<std::string, double>& targets);

// The three layers, from the outcomes (by list index) of every county.
std::vector<Table> ProvinceTables(const std::vector<CountyJob>& jobs, const std::vector<nlohmann::json>& outcomes,
                                  const std::map<std::string, double>& targets);

// A county's completion and ratios from its totals: {supply_rate, stock_share, tax_per_mu,
// target_ha, completion}, each null when it has no denominator.
nlohmann::json CountyRatios(const nlohmann::json& totals, const std::string& code,
                            const std::map<std::string, double>& targets);

}  // namespace panhuo::cli::batch
