// What a command was asked to write, as the sinks that write it (panhuo/sinks/sink.hpp): -o (a
// dataset of any GDAL driver, or a PostGIS schema), --csv, --xlsx. Every command builds its
// tables and hands them to WriteOutputs with these targets.
#pragma once

#include <string>
#include <vector>

#include "panhuo/scan/county.hpp"
#include "panhuo/sinks/sink.hpp"

namespace panhuo::app {

struct OutputRequest {
  std::string output;                   // -o: FILE, FOLDER or "PG:..."; empty: none
  std::string format;                   // -f: the GDAL driver; empty: from the extension
  std::string out_schema;               // --out-schema of a PostGIS output
  std::string csv;                      // --csv: a folder, or FILE.csv for one table; empty: none
  std::string csv_geometry = "wkt";     // --csv-geometry: wkt or none
  std::vector<std::string> csv_layers;  // the tables the CSV files hold; empty: every one
  std::string xlsx;                     // --xlsx: the ledger; empty: none
  bool overwrite = false;
  std::string lang = "zh", county, issuer;  // what the documents say of themselves
};

// The sinks of `request`, in the order they are written: the dataset, the CSV files, the ledger.
std::vector<SinkTarget> TargetsOf(const OutputRequest& request);

// `tables` on `county` written as `request` asks: its working CRS, its document (county name
// from the town codes unless given, the town names).
Status WriteRequested(const County& county, std::vector<Table> tables, const OutputRequest& request,
                      ProgressFn progress = nullptr);

}  // namespace panhuo::app
