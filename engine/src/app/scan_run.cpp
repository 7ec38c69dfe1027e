// The scan as one call (see scan_run.hpp).
#include "panhuo/app/scan_run.hpp"

#include <chrono>

#include "panhuo/app/run_checks.hpp"
#include "panhuo/core/text.hpp"

namespace panhuo::app {
namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

Result<std::unique_ptr<County>> LoadCounty(const ReadOptions& options, const std::string& assumed_crs,
                                           LoadTimes* times, const std::function<void()>& after_read) {
  const auto t0 = std::chrono::steady_clock::now();
  ReadOptions o = options;
  o.defer_source_checks = true;  // the index is built while the integrity checks end
  auto data = ReadInput(o);
  if (!data.ok()) return data.status();
  if (Status s = CheckAssumedCrs(*data, assumed_crs); !s.ok()) {
    if (data->source_verdict)
      if (Status damaged = data->source_verdict(); !damaged.ok()) return damaged;
    return s;
  }
  if (times) times->read = Since(t0);
  if (after_read) after_read();
  const auto t1 = std::chrono::steady_clock::now();
  auto county = std::make_unique<County>(std::move(*data));
  Status checked = county->CheckTownsDisjoint();
  if (times) times->index = Since(t1);
  const auto t2 = std::chrono::steady_clock::now();
  if (!checked.ok() || !options.defer_source_checks)
    if (Status intact = county->SourcesIntact(); !intact.ok()) return intact;
  if (!checked.ok()) return checked;
  if (times) times->read += Since(t2);  // what is left of the read's checks
  return county;
}

Result<ScanOutcome> RunScan(const County& county, ScanJob job) {
  ScanOutcome out;
  out.warnings = RunWarnings(county, job.params.as_of, Today());
  if (job.on_warnings) job.on_warnings(out.warnings);
  auto step = [&](const std::string& what) {
    if (job.on_step) job.on_step(what);
  };
  step("scanning");
  const auto t0 = std::chrono::steady_clock::now();
  auto result = Scan(county, job.params, job.progress, nullptr);
  if (!result.ok() && result.status().message() == "cancelled") return result.status();
  // nothing leaves before the sources are known intact; a damaged file is named first
  if (Status intact = county.SourcesIntact(); !intact.ok()) return intact;
  if (!result.ok()) return result.status();
  out.result = std::move(*result);
  out.scan_seconds = Since(t0);
  step("writing " + MaskPassword(job.write.output));
  const auto t1 = std::chrono::steady_clock::now();
  job.write.warnings = out.warnings;
  job.write.progress = job.progress;
  if (Status s = WriteScan(county, out.result, job.write); !s.ok()) return s;
  out.write_seconds = Since(t1);
  if (job.report) {
    step("writing " + job.report->path);
    const auto t2 = std::chrono::steady_clock::now();
    if (Status s = WriteReport(county, out.result, {}, *job.report); !s.ok()) return s;
    out.report_seconds = Since(t2);
  }
  return out;
}

}  // namespace panhuo::app
