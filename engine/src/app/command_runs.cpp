// The calls of timeline, compare and review (see commands.hpp).
#include "panhuo/app/commands.hpp"

#include "panhuo/app/run_checks.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/tables/review_tables.hpp"
#include "panhuo/tables/run_table.hpp"
#include "panhuo/tables/scan_tables.hpp"
#include "panhuo/tables/timeline.hpp"
#include "panhuo/tables/timeline_change.hpp"

namespace panhuo::app {
namespace {

std::vector<std::string> Warn(const County& county, Date latest, const JobBase& job) {
  auto warnings = RunWarnings(county, latest, Today());
  if (job.on_warnings) job.on_warnings(warnings);
  return warnings;
}

}  // namespace

Result<TimelineOutcome> RunTimeline(const County& county, const TimelineJob& job) {
  if (job.dates.empty()) return Status::Usage("no month to scan");
  TimelineOutcome out;
  out.warnings = Warn(county, job.dates.back(), job);
  auto rows = Timeline(county, job.params, job.dates, job.progress, nullptr);
  if (!rows.ok()) return rows.status();
  out.rows = std::move(*rows);
  std::vector<Table> tables = {
      TimelineChangeTable(county, out.rows, job.out.lang), TimelineTable(county, out.rows),
      RunTable(county.data(), {job.input, {{"from", job.dates.front()}, {"to", job.dates.back()}},
                               job.params.Describe(), out.warnings})};
  OutputRequest request = job.out;
  request.csv_layers = {"timeline"};  // -o gets every table, the CSV file the timeline
  if (Status s = WriteRequested(county, std::move(tables), request); !s.ok()) return s;
  if (job.report) {
    // the report draws the scan at the last month end, with the monthly curves of every town
    ScanParams last = job.params;
    last.as_of = job.dates.back();
    auto scan = Scan(county, last);
    if (!scan.ok()) return scan.status();
    ReportExtras extras;
    extras.timeline = &out.rows;
    if (Status s = WriteReport(county, *scan, extras, *job.report); !s.ok()) return s;
  }
  return out;
}

Result<CompareOutcome> RunCompare(const County& county, const CompareJob& job) {
  CompareOutcome out;
  out.warnings = Warn(county, job.to, job);
  auto tables = Compare(county, job.params, job.from, job.to);
  if (!tables.ok()) return tables.status();
  out.tables = std::move(*tables);
  out.tables.push_back(
      RunTable(county.data(), {job.input, {{"from", job.from}, {"to", job.to}}, job.params.Describe(), out.warnings}));
  if (Status s = WriteRequested(county, out.tables, job.out); !s.ok()) return s;
  return out;
}

Result<ReviewOutcome> RunReview(const County& county, const ReviewJob& job) {
  const ReviewPeriod& period = job.period;
  ReviewOutcome out;
  out.warnings = Warn(county, period.end, job);
  auto review = Review(county, job.params, period, job.options);
  if (!review.ok()) return review.status();
  out.review = std::move(*review);
  auto changes = Compare(county, job.params, out.review.eve, period.end);
  if (!changes.ok()) return changes.status();
  const ReviewChanges counted = CountChanges(*changes);
  const std::string& lang = job.out.lang;
  const std::string county_name = DocumentCountyName(county.data(), job.out.county);
  // the review's own lists and the changes over the period, after the scan's layers at its end
  std::vector<Table> own = ReviewTables(county, out.review, counted, lang, county_name);
  for (auto& t : *changes) own.push_back(std::move(t));
  std::vector<Table> tables = ScanTables(
      county, out.review.end, {job.input, {{"period_start", period.start}, {"as_of", period.end}}, "", out.warnings});
  tables.insert(tables.end(), own.begin(), own.end());
  if (Status s = WriteRequested(county, std::move(tables), job.out, job.progress); !s.ok()) return s;
  out.summary = ReviewSummary(county, out.review, counted, lang, county_name);
  if (job.report) {
    const ReportExtras::Review r{period.Label(lang), period.DocumentName(lang), period.start.ToString(),
                                 period.end.ToString(), out.summary, &own};
    ReportExtras extras;
    extras.review = &r;
    if (Status s = WriteReport(county, out.review.end, extras, *job.report); !s.ok()) return s;
  }
  return out;
}

}  // namespace panhuo::app
