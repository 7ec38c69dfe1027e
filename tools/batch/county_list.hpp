// The list of counties of a provincial run: a CSV file, one county a row.
//
//   county_code,county_name,input[,field_map][,layer:NAME ...][,schema][,encoding]
//   320281,江阴市,jiangyin/county.gpkg,,
//   320282,宜兴市,yixing/county.gpkg,yixing/map.json,
//
// `input` is the county's GDAL source for all layers (as scan's INPUT); `field_map` its JSON field
// map (scan's --field-map); a column `layer:supplies` gives that layer's own source (scan's
// --layer supplies=SOURCE), empty for none. Relative paths are taken from the list's folder;
// sources with a scheme (PG:..., /vsi...) are used as they are. `schema` (zh or empty) and
// `encoding` (e.g. CP936, or empty) are scan's --schema and --encoding. Any other column, a repeated or unsafe county code, or a missing value is an
// error naming the list, line and column. Reading the list touches no input.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../input_options.hpp"
#include "panhuo/core/status.hpp"

namespace panhuo::cli::batch {

struct CountyJob {
  std::string code;          // county_code: names the output, <code>.gpkg
  std::string name;          // county_name
  InputOptions input;        // input, layer sources (NAME=SOURCE), field map
  uint64_t input_bytes = 0;  // size of the input's files (a folder: its files), 0 when none
  int line = 0;              // line in the list
};

Result<std::vector<CountyJob>> ReadCountyList(const std::string& path);

// Hand-out order: largest input first (the longest county starts first), ties in list order.
std::vector<size_t> LargestFirst(const std::vector<CountyJob>& jobs);

// What identifies the county's input as it is now: for each file (input, field map, layer
// sources) its path, size and modification time; a source that is not a file by its text.
nlohmann::json InputFingerprint(const CountyJob& job);

}  // namespace panhuo::cli::batch
