// Internal: the rules every county list follows, whatever its format (CSV or TOML): the known
// columns, one county's row checked and resolved, and the county added to the run.
#pragma once

#include <string>
#include <vector>

#include "county_list.hpp"

namespace panhuo::cli::batch::detail {

// How a list's format calls the names of a county's values: a CSV list's "column" and
// "layer:NAME", a TOML list's "key" and "layers.NAME".
struct HeaderWords {
  std::string noun;   // column, key
  std::string layer;  // what stands before a contract layer's name: layer:, layers.
};

// The header's names checked: county_code, county_name, input, field_map, schema, encoding,
// layer:<contract layer>; each once, the first three required. Errors start with `where`.
Status CheckHeader(const std::string& where, const std::vector<std::string>& header, const HeaderWords& words);

// One county from the cells of a row (as many as the header has), paths taken from the list's folder.
Result<CountyJob> ParseRow(const std::string& path, int line, const std::vector<std::string>& header,
                           const std::vector<std::string>& cells);

// Appends `job` with its input size; a county code listed before is an error.
Status AddJob(const std::string& path, int line, CountyJob job, std::vector<CountyJob>& jobs);

// The files a county reads: input, field map, layer sources.
std::vector<std::string> SourcesOf(const CountyJob& job);

}  // namespace panhuo::cli::batch::detail

namespace panhuo::cli::batch {

// The list as TOML: [[county]] tables with the CSV list's names as keys and a [county.layers]
// table for the per-layer sources.
Result<std::vector<CountyJob>> ReadCountyListToml(const std::string& path);

}  // namespace panhuo::cli::batch
