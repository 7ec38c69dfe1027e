// One county of a provincial run: scanned into <outdir>/<code>.gpkg exactly as `panhuo scan`
// writes it (atomically), its outcome returned as a small JSON object that travels to rank 0.
//
// Outcome: {county_code, county_name, status (ok | undetermined | failed), message, reused,
// seconds, rank, totals {...}, towns [...]}; `totals` are the sums over the county's towns and
// the sums behind its ratios, `towns` the rows of its `towns` layer. A failed county has a
// message naming the county and, from the reader, the file, layer and field.
//
// Resume record: next to the output, <code>.run.json holds the fingerprint of the run (engine
// version, as-of date, every parameter, the basis language, the schema and encoding, the assumed
// CRS, whether CSV copies were written, each
// input file's path, size and modification time)
// and the outcome. With `resume`, a county whose output and record exist, whose record says it
// completed and whose fingerprint is unchanged is not scanned again: its recorded outcome is
// used (reused = true). The record is removed before a county is scanned and written after its
// output, so an interrupted county never looks complete.
//
// Thread safety: RunCounty uses the calling process's TBB arena for the scan; one at a time.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "county_list.hpp"
#include "panhuo/scan/params.hpp"

namespace panhuo::cli::batch {

struct RunSettings {
  ScanParams params;       // the same for every county
  std::string outdir;      // OUTDIR
  bool overwrite = false;  // replace a county's existing output. DEFAULT: false
  bool resume = false;     // keep a county whose output is up to date. DEFAULT: false
  std::string crs;         // CRS assumed for layers that carry none (scan's --crs). DEFAULT: none
  bool csv = false;        // also write the county's layers as CSV into <outdir>/<code>_csv/. DEFAULT: false
  bool xlsx = false;       // also write the county's Excel ledger, <outdir>/<code>.xlsx. DEFAULT: false
  bool report = false;     // also write the county's HTML report, <outdir>/<code>.html. DEFAULT: false
  std::string tiles;       // the report's tile URL template. DEFAULT: none (no basemap)
  bool accept_rejects = false;  // scan's --accept-rejects for every county. DEFAULT: false
  bool csv_geometry = true;     // the CSV files' last column, the geometry as WKT. DEFAULT: true
};

// Scans one county in this process (whether its output is up to date is the caller's question:
// ReusedOutcome); never throws. `rank` is recorded in the outcome.
nlohmann::json RunCounty(const CountyJob& job, const RunSettings& settings, int rank);

// An outcome not yet completed: status failed, no message, totals or towns.
nlohmann::json NewOutcome(const CountyJob& job, int rank);

// "county CODE (NAME): why", the message of a county that failed.
std::string CountyMessage(const CountyJob& job, const std::string& why);

// With settings.resume, the recorded outcome (reused = true) of a county whose output is up to
// date; null otherwise.
nlohmann::json ReusedOutcome(const CountyJob& job, const RunSettings& settings, int rank);

// `value` written to `path` through `path`.partial and a rename.
Status WriteJsonFile(const std::string& path, const nlohmann::json& value);

// <outdir>/<code>.gpkg and <outdir>/<code>.run.json.
std::string CountyOutput(const std::string& outdir, const std::string& code);
std::string CountyRecord(const std::string& outdir, const std::string& code);

}  // namespace panhuo::cli::batch
