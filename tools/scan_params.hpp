// The scan's parameter options, shared by every command that runs a scan (scan, batch): an
// optional TOML file (--config) with the common thresholds on the command line over it.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "panhuo/core/status.hpp"
#include "panhuo/scan/params.hpp"

namespace panhuo::cli {

struct ScanParamOptions {
  std::string config;   // TOML file of parameters (keys as in the README)
  std::string rank_by;  // completion or score; empty: the file's or the default
  std::optional<double> min_unsupplied_ha, start_ratio;
  std::optional<int> window_years, efficiency_year, warn_days;
};

// Adds --config, --min-unsupplied-ha, --start-ratio, --window-years, --efficiency-year,
// --warn-days and --rank-by to a subcommand.
void AddScanParamOptions(CLI::App* cmd, ScanParamOptions& o);

// The parameters at the as-of date: the file's, the command line's over them, validated.
Result<ScanParams> LoadScanParams(const ScanParamOptions& o, const std::string& as_of);

}  // namespace panhuo::cli
