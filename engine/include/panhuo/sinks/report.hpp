// The HTML report: one self-contained page (map, ranking, per-town sections, charts) of a scan,
// a timeline or a scenario comparison, for a browser or for printing to PDF.
//
// Everything the page needs is inside the file: the payload as JSON, the page's own script and
// style, and Leaflet and Chart.js as found at run time under the system's JavaScript folder
// (Debian packages libjs-leaflet and libjs-chart.js). No URL is fetched unless `tiles` names a
// tile server. Geometry is transformed to WGS 84 and simplified for display only; every figure
// shown is the scan's own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "panhuo/core/status.hpp"
#include "panhuo/tables/table.hpp"
#include "panhuo/scan/scan.hpp"
#include "panhuo/scan/timeline.hpp"
#include "panhuo/scenario/scenario.hpp"

namespace panhuo {

struct ReportOptions {
  std::string path;              // REPORT.html
  bool overwrite = false;        // replace an existing report. DEFAULT: false
  std::string lang = "zh";       // zh or en
  std::string tiles;             // tile URL template ({z}/{x}/{y}); empty: no basemap
  std::string input;             // the input, as the user named it (shown on every page)
  std::string command = "scan";  // scan, timeline, scenario or review (the page's title)
  // Where Leaflet and Chart.js are looked for; empty: $PANHUO_JS_DIR, else /usr/share/javascript.
  std::string js_dir;
  double simplify_m = 0.5;       // display tolerance in metres of the working CRS
  std::string county;            // the county's name (--county-name); empty: from the town codes
  std::string issuer;            // the issuing unit (--issuer). DEFAULT: none
  std::string doc_no;            // the document number (--doc-no). DEFAULT: none
};

// What a timeline or a scenario run adds to the scan the page is drawn from.
struct ReportExtras {
  const std::vector<TimelineRow>* timeline = nullptr;         // monthly rows (timeline)
  const std::vector<ScenarioResult>* scenarios = nullptr;     // in input order (scenario)
  const std::vector<ComparisonRow>* comparison = nullptr;     // side by side (scenario)
  // a review: its period and document name, its summary paragraph and its tables
  // (panhuo/tables/review_tables.hpp) with the compare tables of the period
  struct Review {
    std::string label, document, start, end, summary;
    const std::vector<Table>* tables = nullptr;
  };
  const Review* review = nullptr;
};

// The temporary name of a report while it is written: "<path>.partial".
std::string ReportPartialPath(const std::string& path);

// The JavaScript files the report inlines, under `js_dir` (empty: as in ReportOptions): an
// error naming the missing file and the Debian package that provides it.
Status CheckReportAssets(const std::string& js_dir = "");

// Writes the report of `scan` (its date, towns and plots) with `extras`, atomically: to
// ReportPartialPath(path), renamed when complete; nothing under `path` on failure.
Status WriteReport(const County& county, const ScanResult& scan, const ReportExtras& extras,
                   const ReportOptions& options);

}  // namespace panhuo
