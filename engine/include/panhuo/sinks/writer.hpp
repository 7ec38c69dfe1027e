// Writing a scan's result: one GeoPackage with the contract's output layers (plus optional CSV
// copies), written atomically: everything goes to PartialOutputPath(out) ("<out>.partial", not
// a GeoPackage to any reader until it is complete), which is renamed to the output only after
// every layer was written and the file closed cleanly. A failed or interrupted run leaves no
// file under the output name; CSV files are written as "<name>.csv.partial" and renamed only
// when every one of them was written and closed without error.
#pragma once

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"
#include "panhuo/scan/scan.hpp"
#include "panhuo/tables/scan_tables.hpp"  // ScanLayerNames

namespace panhuo {

struct WriteOptions {
  std::string output;       // .gpkg path, or a PostgreSQL connection "PG:..."
  std::string out_schema;   // the schema for a PostGIS output (required there). DEFAULT: none
  bool overwrite = false;   // replace an existing output. DEFAULT: false
  std::string csv_dir;      // also write <layer>.csv here. DEFAULT: none
  bool csv_geometry = true; // the CSV files' last column: the geometry as WKT. DEFAULT: true
  std::string xlsx;         // also write the Excel ledger here (panhuo/sinks/ledger.hpp). DEFAULT: none
  std::string lang = "zh";  // language of what a person reads (ledger headers): zh or en
  std::string county;       // the county's name in the ledger's titles. DEFAULT: none
  std::string issuer;       // the issuing unit in the ledger's titles. DEFAULT: none
  std::string input;        // input description for the run layer
  std::vector<std::string> warnings;  // the run's warnings, for the run layer. DEFAULT: none
  // the dates the run layer names; empty: {{"as_of", the scan's date}}. DEFAULT: empty
  std::vector<std::pair<std::string, Date>> run_dates;
  // more layers written after the scan's (a review's tables), also as CSV. DEFAULT: none
  std::vector<Table> tables;
  ProgressFn progress = nullptr;
  void* progress_user = nullptr;
};


// The temporary name of an output while it is written: "<output>.partial".
std::string PartialOutputPath(const std::string& output);
// The temporary file of an output and what SQLite keeps beside it (journal, WAL, shared memory):
// a journal left by a killed run would otherwise be rolled back into the next run's file.
std::vector<std::string> PartialOutputFiles(const std::string& output);

// Checks up front that the output can be written (so a long scan does not fail at the end).
// For a PostGIS output ("PG:..."), `out_schema` names the schema (see panhuo/sinks/postgis.hpp).
Status CheckOutputWritable(const std::string& output, bool overwrite, const std::string& out_schema = "");

Status WriteScan(const County& county, const ScanResult& result, const WriteOptions& options);

}  // namespace panhuo
