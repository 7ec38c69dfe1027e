#include "scan_params.hpp"

#include "input_options.hpp"

namespace panhuo::cli {

void AddScanParamOptions(CLI::App* cmd, ScanParamOptions& o) {
  cmd->add_option("--config", o.config, "TOML file of parameters (keys as in the README)")->check(CLI::ExistingFile);
  cmd->add_option("--min-unsupplied-ha", o.min_unsupplied_ha, "list approvals with at least this unsupplied (default 0.01)");
  cmd->add_option("--start-ratio", o.start_ratio, "built ratio from which a parcel has started (default 0.01)");
  cmd->add_option("--window-years", o.window_years, "calendar years of the supply-rate window (default 5)");
  cmd->add_option("--efficiency-year", o.efficiency_year, "year of the enterprise figures (default: T's year)");
  cmd->add_option("--warn-days", o.warn_days,
                  "early-warning horizon: list what lapses, goes idle or falls due for recovery in "
                  "(T, T + N days] (default 90, 0 = none)");
  cmd->add_option("--rank-by", o.rank_by, "completion (default) or score")->check(CLI::IsMember({"completion", "score"}));
}

Result<ScanParams> LoadScanParams(const ScanParamOptions& o, const std::string& as_of) {
  auto loaded = ScanParamsFrom(o.config, as_of);
  if (!loaded.ok()) return loaded.status();
  ScanParams params = *loaded;
  if (o.min_unsupplied_ha) params.min_unsupplied_ha = *o.min_unsupplied_ha;
  if (o.start_ratio) params.start_ratio = *o.start_ratio;
  if (o.window_years) params.window_years = *o.window_years;
  if (o.efficiency_year) params.efficiency_year = *o.efficiency_year;
  if (o.warn_days) params.warn_days = *o.warn_days;
  if (!o.rank_by.empty()) params.rank_by = o.rank_by;
  if (Status s = params.Validate(); !s.ok()) return s;
  return params;
}

}  // namespace panhuo::cli
