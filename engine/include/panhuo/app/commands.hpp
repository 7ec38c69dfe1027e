// One call per command besides scan (panhuo/app/scan_run.hpp): each takes the loaded county and
// a job (the parameters, what to write, the report when asked for), says the run's warnings
// once through `on_warnings`, computes, builds the output tables and writes them through the
// sinks (panhuo/app/outputs.hpp). The CLI turns arguments into a job and prints the outcome.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "panhuo/app/outputs.hpp"
#include "panhuo/scan/review.hpp"
#include "panhuo/scan/timeline.hpp"
#include "panhuo/scenario/scenario.hpp"
#include "panhuo/sinks/report.hpp"

namespace panhuo::app {

// What every command's job carries besides its own.
struct JobBase {
  OutputRequest out;                    // what to write
  std::string input;                    // the input as the user named it (for the run table)
  std::optional<ReportOptions> report;  // the HTML report, when asked for
  ProgressFn progress = nullptr;
  std::function<void(const std::vector<std::string>&)> on_warnings;  // once, before the work
};

// timeline: the scan at each month end in `dates`; -o gets the tables timeline_change, timeline
// and run, the CSV the timeline table.
struct TimelineJob : JobBase {
  ScanParams params;
  std::vector<Date> dates;  // the month ends, in order
};
struct TimelineOutcome {
  std::vector<TimelineRow> rows;
  std::vector<std::string> warnings;
};
Result<TimelineOutcome> RunTimeline(const County& county, const TimelineJob& job);

// compare: what changed between two dates (panhuo/tables/timeline.hpp), with the run table.
struct CompareJob : JobBase {
  ScanParams params;
  Date from, to;
};
struct CompareOutcome {
  std::vector<Table> tables;
  std::vector<std::string> warnings;
};
Result<CompareOutcome> RunCompare(const County& county, const CompareJob& job);

// review: the scan at the period's end with the review's own lists and the changes over the
// period (panhuo/scan/review.hpp).
struct ReviewJob : JobBase {
  ScanParams params;
  ReviewPeriod period;
  ReviewOptions options;
};
struct ReviewOutcome {
  ReviewResult review;
  std::string summary;  // the 通报's summary paragraph
  std::vector<std::string> warnings;
};
Result<ReviewOutcome> RunReview(const County& county, const ReviewJob& job);

// scenario: the scan at T, then each scenario evaluated on it and compared side by side.
struct ScenarioJob : JobBase {
  ScanParams params;
  std::vector<std::string> scenario_files;  // TOML, in order
  int repeat = 0;  // evaluate each this many times more, to measure a variant's cost
  std::function<void(const std::string&)> on_step;  // "scanning", "evaluating ...", "writing ..."
};
struct ScenarioOutcome {
  ScanResult scan;
  std::vector<ScenarioResult> results;
  std::vector<ComparisonRow> comparison;
  std::vector<std::string> warnings;
  double scan_seconds = 0, evaluate_seconds = 0, write_seconds = 0, preparing_seconds = 0;
  int buffers_built = 0;  // riverside zones built
  std::optional<double> fresh_per_second, repeated_per_second;  // with `repeat`
};
// Scenario files that cannot be read or name an unknown town are usage errors (Status::Usage).
Result<ScenarioOutcome> RunScenarios(const County& county, const ScenarioJob& job);

}  // namespace panhuo::app
