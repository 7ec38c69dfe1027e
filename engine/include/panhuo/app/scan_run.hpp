// The scan as one call, shared by `panhuo scan` and every county of `panhuo batch`, so that the
// two read, check, warn and write alike:
//
//   LoadCounty: read → the --crs check → County (index, towns) → the towns-overlap check
//   RunScan:    the run's warnings → Scan → the sources' integrity → WriteScan (GeoPackage, CSV,
//               ledger) → the report
//
// The integrity check of each GeoPackage (a pass over the whole file) runs on a thread of its
// own beside the read, and beside the index; with ReadOptions::defer_source_checks also beside
// the scan, and RunScan takes its verdict before it writes anything.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "panhuo/input/reader.hpp"
#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/writer.hpp"

namespace panhuo::app {

struct LoadTimes {
  double read = 0, index = 0;  // seconds
};

// The county of `options`. `assumed_crs` is the --crs the reader was given (empty: none): a layer
// of which every feature failed reprojection under it is an error. `after_read` runs between the
// read and the index (the CLI returns freed memory there). Errors name the file, layer and field.
// The sources' integrity verdict is taken before it returns, unless `options` defers it to the
// caller (County::SourcesIntact).
Result<std::unique_ptr<County>> LoadCounty(const ReadOptions& options, const std::string& assumed_crs,
                                           LoadTimes* times = nullptr, const std::function<void()>& after_read = {});

struct ScanJob {
  ScanParams params;
  WriteOptions write;                   // where and what to write; `warnings` is filled by RunScan
  std::optional<ReportOptions> report;  // the HTML report, when asked for
  ProgressFn progress = nullptr;        // the scan's and the write's progress
  std::function<void(const std::vector<std::string>&)> on_warnings;  // called once, before the scan
  std::function<void(const std::string&)> on_step;  // "scanning", "writing <file>": before each step
};

struct ScanOutcome {
  ScanResult result;
  std::vector<std::string> warnings;  // as in the run layer
  double scan_seconds = 0, write_seconds = 0, report_seconds = 0;
};

Result<ScanOutcome> RunScan(const County& county, ScanJob job);

}  // namespace panhuo::app
