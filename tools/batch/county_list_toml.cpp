// The county list as TOML, for those who keep it with the scenario files:
//
//   [[county]]
//   county_code = "320281"
//   county_name = "江阴市"
//   input = "jiangyin/county.gpkg"
//   [county.layers]
//   supplies = "jiangyin/supplies_2021.gpkg"
//
// Each [[county]] becomes the row of a CSV list with the same names (layers.NAME as layer:NAME)
// and follows the same rules; errors name the file and the line of the county's table.
#include <toml++/toml.h>

#include <sstream>

#include "county_list_rows.hpp"

namespace panhuo::cli::batch {
namespace {

std::string At(const std::string& path, const toml::node& node) {
  return "county list '" + path + "', line " + std::to_string(node.source().begin.line) + ": ";
}

// The county's table as header and cells (layers.NAME as layer:NAME); a key the list does not
// know is caught by CheckHeader.
Status Flatten(const std::string& path, const toml::table& county, std::vector<std::string>& header,
               std::vector<std::string>& cells) {
  for (const auto& [key, value] : county) {
    const std::string name(key.str());
    if (name == "layers") {
      const toml::table* layers = value.as_table();
      if (!layers) return Status::Error(At(path, value) + "'layers' must be a table of contract layer = source");
      for (const auto& [layer, source] : *layers) {
        if (!source.is_string()) return Status::Error(At(path, source) + "layers." + std::string(layer.str()) + " must be text");
        header.push_back("layer:" + std::string(layer.str()));
        cells.push_back(source.as_string()->get());
      }
      continue;
    }
    if (!value.is_string())
      return Status::Error(At(path, value) + "'" + name + "' must be text (quote codes: county_code = \"320281\")");
    header.push_back(name);
    cells.push_back(value.as_string()->get());
  }
  return {};
}

}  // namespace

Result<std::vector<CountyJob>> ReadCountyListToml(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::ostringstream os;
    os << "county list '" << path << "', line " << e.source().begin.line << ": " << e.description();
    return Status::Error(os.str());
  }
  for (const auto& [key, value] : root)
    if (key.str() != "county")
      return Status::Error(At(path, value) + "unknown key '" + std::string(key.str()) + "' (the list is [[county]] tables)");
  const toml::array* counties = root["county"].as_array();
  if (!counties || counties->empty()) return Status::Error("county list '" + path + "' lists no county ([[county]] tables)");
  std::vector<CountyJob> jobs;
  for (const toml::node& node : *counties) {
    const toml::table* county = node.as_table();
    if (!county) return Status::Error(At(path, node) + "'county' must be [[county]] tables");
    std::vector<std::string> header, cells;
    const int line = static_cast<int>(node.source().begin.line);
    if (Status s = Flatten(path, *county, header, cells); !s.ok()) return s;
    if (Status s = detail::CheckHeader(At(path, node), header, {"key", "layers."}); !s.ok()) return s;
    auto job = detail::ParseRow(path, line, header, cells);
    if (!job.ok()) return job.status();
    if (Status added = detail::AddJob(path, line, std::move(*job), jobs); !added.ok()) return added;
  }
  return jobs;
}

}  // namespace panhuo::cli::batch
