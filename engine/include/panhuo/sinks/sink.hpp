// The sinks: where a run's output goes. Every sink takes the same thing, the run's output tables
// (panhuo/tables/table.hpp) with the output schema behind their names
// (panhuo/tables/output_schema.hpp), never findings, and writes them under a temporary name that
// becomes the output's only when it is complete.
//
// The registry (Sinks()) names each kind of output once:
//   dataset  a GeoPackage, or any GDAL vector driver that can create layers (-f, as ogr2ogr)
//   postgis  a schema of a PostgreSQL/PostGIS database, swapped in when every table is written
//   csv      one CSV file per table (UTF-8 with a byte-order mark, geometry as WKT)
//   ledger   the Excel ledger (台账), one sheet per list, ready to print
// A new sink is one file with its class and one line in Sinks(); every command that writes tables
// offers it through WriteOutputs. The HTML report is built from the findings by the report
// module's own payload (panhuo/sinks/report.hpp) and is not a table sink.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"

namespace panhuo {

// What the documents say of themselves beyond their tables.
struct Document {
  std::string lang = "zh";  // headers, sheet names and code values in Chinese ("zh") or as named ("en")
  std::string county;       // the county's name in the titles (江阴市). DEFAULT: none
  std::string issuer;       // the issuing unit in the titles. DEFAULT: none
  std::map<std::string, std::string> town_names;  // town code → name, for the lists with a code only
};

// A run's output, as every sink receives it.
struct Output {
  std::vector<Table> tables;  // every layer, in the order written
  std::string crs_wkt;        // the CRS of the geometries (the county's working CRS)
  Document doc;
  ProgressFn progress = nullptr;  // per layer; returning false cancels
  void* progress_user = nullptr;
};

// One output a command was asked for.
struct SinkTarget {
  std::string sink;                 // a name in Sinks(): dataset, postgis, csv, ledger
  std::string path;                 // FILE, FOLDER or "PG:..." connection
  bool overwrite = false;           // replace what is there. DEFAULT: false
  std::string option;               // dataset: the GDAL driver (empty: from the extension);
                                    // postgis: the schema; csv: "wkt" (default) or "none"
  std::vector<std::string> layers;  // only these tables, in the output's order. DEFAULT: every one
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual Status Write(const Output& output) = 0;
};

struct SinkKind {
  const char* name;
  const char* what;  // one line: what it writes
  std::unique_ptr<Sink> (*make)(const SinkTarget& target);
};

// The registry: every kind of output, each named once.
const std::vector<SinkKind>& Sinks();

// The sink of `target`; an error for a name no sink has.
Result<std::unique_ptr<Sink>> MakeSink(const SinkTarget& target);

// What a command was asked to write: -o (a dataset of any GDAL driver, or a PostGIS schema),
// --csv, --xlsx, and what the documents say of themselves.
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

// Writes `output` to each target in turn (each its tables, `layers` of it); stops at the first
// failure, whose message names the file.
Status WriteOutputs(const Output& output, const std::vector<SinkTarget>& targets);

}  // namespace panhuo
