// The scenarios' layers and tables written to a GeoPackage.
#pragma once

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/scenario/scenario.hpp"

namespace panhuo {

struct ScenarioWriteOptions {
  std::string output;      // .gpkg path
  bool overwrite = false;  // DEFAULT: false
  std::string input;       // input description for the run table
  std::vector<std::string> warnings;  // the run's warnings, for the run table. DEFAULT: none
};

// Writes <name>_plots, <name>_towns, <name>_riverside, <name>_clear for each scenario, the
// `comparison` table, the `scenarios` table and the `run` table, atomically (to output + ".partial",
// renamed when complete).
Status WriteScenarios(const County& county, const ScanResult& scan,
                      const std::vector<ScenarioResult>& results,
                      const std::vector<ComparisonRow>& comparison, const ScenarioWriteOptions& options);

}  // namespace panhuo
