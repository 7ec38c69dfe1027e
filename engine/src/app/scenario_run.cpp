// The call of scenario (see commands.hpp).
#include <chrono>

#include "panhuo/app/commands.hpp"
#include "panhuo/app/run_checks.hpp"
#include "panhuo/tables/scenario_tables.hpp"

namespace panhuo::app {
namespace {

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The scenario files, read against the county's towns; two of one name would clash.
Result<std::vector<Scenario>> LoadScenarios(const County& county, const std::vector<std::string>& files) {
  std::vector<Scenario> scenarios;
  for (const auto& path : files) {
    auto sc = LoadScenario(path, county.data().towns.code);
    if (!sc.ok()) return Status::Usage(sc.status().message());
    for (const auto& prev : scenarios)
      if (prev.name == sc->name)
        return Status::Usage("scenarios '" + prev.source + "' and '" + path + "' are both named '" + sc->name +
                             "'; their output layers would clash");
    scenarios.push_back(std::move(*sc));
  }
  return scenarios;
}

// Each scenario `repeat` times more, with the tile overlays forgotten before each (a variant
// clearing only parcels never cleared before) and kept: variants per second of each.
Status MeasureVariants(ScenarioContext& ctx, const std::vector<Scenario>& scenarios, int repeat, ScenarioOutcome& out) {
  for (bool forget : {true, false}) {
    const auto t = std::chrono::steady_clock::now();
    int64_t n = 0;
    for (int k = 0; k < repeat; ++k)
      for (const auto& sc : scenarios) {
        if (forget) ctx.ForgetTileOverlays();
        auto r = ctx.Evaluate(sc);
        if (!r.ok()) return r.status();
        ++n;
      }
    (forget ? out.fresh_per_second : out.repeated_per_second) = static_cast<double>(n) / Since(t);
  }
  return {};
}

}  // namespace

Result<ScenarioOutcome> RunScenarios(const County& county, const ScenarioJob& job) {
  auto step = [&](const std::string& what) {
    if (job.on_step) job.on_step(what);
  };
  ScenarioOutcome out;
  out.warnings = RunWarnings(county, job.params.as_of, Today());
  if (job.on_warnings) job.on_warnings(out.warnings);
  auto scenarios = LoadScenarios(county, job.scenario_files);
  if (!scenarios.ok()) return scenarios.status();
  step("scanning");
  auto t = std::chrono::steady_clock::now();
  auto scan = Scan(county, job.params, job.progress, nullptr);
  if (!scan.ok()) return scan.status();
  out.scan = std::move(*scan);
  out.scan_seconds = Since(t);
  step("evaluating " + std::to_string(scenarios->size()) + " scenarios");
  t = std::chrono::steady_clock::now();
  ScenarioContextOptions co;
  co.input_source = job.input;
  ScenarioContext ctx(county, out.scan, co);
  for (const auto& sc : *scenarios) {
    auto r = ctx.Evaluate(sc);
    if (!r.ok()) return r.status();
    out.results.push_back(std::move(*r));
  }
  out.evaluate_seconds = Since(t);
  if (job.repeat > 0)
    if (Status s = MeasureVariants(ctx, *scenarios, job.repeat, out); !s.ok()) return s;
  out.preparing_seconds = ctx.seconds_preparing();
  out.buffers_built = ctx.buffers_built();
  out.comparison = Compare(out.results);
  step("writing " + job.out.output);
  t = std::chrono::steady_clock::now();
  auto tables = ScenarioTables(county, out.scan, out.results, out.comparison, {job.input, {}, "", out.warnings});
  if (!tables.ok()) return tables.status();
  if (Status s = WriteRequested(county, std::move(*tables), job.out); !s.ok()) return s;
  if (job.report) {
    ReportExtras extras;
    extras.scenarios = &out.results;
    extras.comparison = &out.comparison;
    if (Status s = WriteReport(county, out.scan, extras, *job.report); !s.ok()) return s;
  }
  out.write_seconds = Since(t);
  return out;
}

}  // namespace panhuo::app
