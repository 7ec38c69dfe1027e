// panhuo scenario: what-if scenarios for planners (village land reclamation and linkage quota,
// clearing along the Yangtze), evaluated against one county at one date and compared.
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "input_options.hpp"
#include "output_plan.hpp"
#include "panhuo/app/commands.hpp"
#include "panhuo/scenario/scenario.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/tables/scenario_tables.hpp"
#include "panhuo/sinks/writer.hpp"

namespace panhuo::cli {
namespace {

struct ScenarioCli {
  InputOptions input;
  std::vector<std::string> scenarios;
  std::string as_of, output, format, config, report, tiles, summary = "text";
  LedgerOptions ledger;
  bool overwrite = false, quiet = false;
  int threads = 0, repeat = 0;
};

std::string Cell(const std::optional<double>& v, const std::string& unit) {
  if (!v) return "-";
  char buf[64];
  if (unit == "count" || unit == "m") std::snprintf(buf, sizeof buf, "%.0f", *v);
  else if (unit == "ratio") std::snprintf(buf, sizeof buf, "%.4f", *v);
  else std::snprintf(buf, sizeof buf, "%.2f", *v);
  return buf;
}

void PrintComparison(const County& county, const std::vector<ScenarioResult>& results,
                     const std::vector<ComparisonRow>& rows, const std::string& as_of) {
  std::printf("panhuo scenario as of %s (%s): %zu scenarios\n", as_of.c_str(),
              county.data().working_crs_name.c_str(), results.size());
  std::vector<size_t> width;
  for (const auto& r : results) width.push_back(std::max<size_t>(12, r.scenario.name.size()));
  std::printf("%-32s %-6s", "figure", "unit");
  for (size_t i = 0; i < results.size(); ++i)
    std::printf(" %*s", static_cast<int>(width[i]), results[i].scenario.name.c_str());
  std::printf("\n");
  for (const auto& row : rows) {
    std::printf("%-32s %-6s", row.figure.c_str(), row.unit.c_str());
    for (size_t i = 0; i < results.size(); ++i)
      std::printf(" %*s", static_cast<int>(width[i]), Cell(row.values[i], row.unit).c_str());
    std::printf("\n");
  }
  for (const auto& r : results) {
    std::printf("%s: %s\n", r.scenario.name.c_str(),
                r.scenario.description.empty() ? r.scenario.source.c_str() : r.scenario.description.c_str());
    for (const auto& n : r.notes) std::printf("  - %s\n", n.c_str());
  }
}

nlohmann::json ToJson(const County& county, const std::vector<ScenarioResult>& results,
                      const std::vector<ComparisonRow>& rows, const std::string& as_of, const nlohmann::json& timing) {
  const InputData& d = county.data();
  nlohmann::json scen = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json over = nlohmann::json::array();
    for (const auto& b : r.towns)
      if (b.over_use && b.town >= 0)
        over.push_back({{"town_code", d.towns.code[static_cast<size_t>(b.town)]}, {"balance_ha", b.balance_ha}});
    scen.push_back({{"name", r.scenario.name},
                    {"description", r.scenario.description},
                    {"source", r.scenario.source},
                    {"seconds", r.seconds},
                    {"over_use", over},
                    {"notes", r.notes},
                    {"overlay_fallbacks", r.overlay_fallbacks},
                    {"overlay_failures", r.overlay_failures}});
  }
  nlohmann::json cmp = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json values = nlohmann::json::object();
    for (size_t i = 0; i < results.size(); ++i)
      values[results[i].scenario.name] = row.values[i] ? nlohmann::json(*row.values[i]) : nlohmann::json(nullptr);
    cmp.push_back({{"figure", row.figure}, {"unit", row.unit}, {"meaning", row.meaning}, {"values", values}});
  }
  return {{"as_of", as_of}, {"scenarios", scen}, {"comparison", cmp}, {"seconds", timing}};
}

ExitCode Fail(const std::string& msg, ExitCode code = ExitCode::kFailure) {
  PrintError("scenario", msg);
  return code;
}

ExitCode Run(const ScenarioCli& o) {
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<tbb::global_control> threads;
  if (o.threads > 0)
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                     static_cast<size_t>(o.threads));
  auto loaded = ScanParamsFrom(o.config, o.as_of);
  if (!loaded.ok()) return Fail(loaded.status().message(), ExitCode::kUsage);
  ScanParams& params = *loaded;
  params.basis_lang = o.ledger.lang;
  if (Status s = params.Validate(); !s.ok()) return Fail(s.message(), ExitCode::kUsage);
  // Syntax and values first, before the (long) read; town codes are checked once towns are known.
  for (const auto& path : o.scenarios)
    if (auto sc = LoadScenario(path, {}); !sc.ok()) return Fail(sc.status().message(), ExitCode::kUsage);
  OutputPlan plan{"scenario", InputSources(o.input), o.output, o.format, "", {}, o.overwrite};
  if (!o.config.empty()) plan.inputs.push_back(o.config);
  plan.inputs.insert(plan.inputs.end(), o.scenarios.begin(), o.scenarios.end());
  if (!o.ledger.xlsx.empty()) plan.files.push_back(o.ledger.xlsx);
  if (!o.report.empty()) plan.files.push_back(o.report);
  if (ExitCode c = CheckPlan(plan); c != ExitCode::kDone) return c;

  const bool bar = !o.quiet && o.summary == "text";
  double t_read = 0, t_index = 0;
  auto loaded_county = LoadCounty(o.input, bar, "scenario", &t_read, &t_index);
  if (!loaded_county) return ExitCode::kFailure;
  const County& county = *loaded_county;
  app::ScenarioJob job;
  SetJob(job, "scenario", o.output, o.format, o.overwrite, o.ledger, o.input.input, o.report, o.tiles);
  job.progress = bar ? TermProgress : nullptr;
  if (bar) job.on_step = [](const std::string& what) { std::fprintf(stderr, "%s\n", what.c_str()); };
  job.params = params;
  job.scenario_files = o.scenarios;
  job.repeat = o.repeat;
  auto outcome = app::RunScenarios(county, job);
  if (!outcome.ok()) return Fail(outcome.status().message(), ExitCodeOf(outcome.status()));
  const auto& results = outcome->results;
  const auto& rows = outcome->comparison;
  const double t_scan = outcome->scan_seconds, t_eval = outcome->evaluate_seconds, t_write = outcome->write_seconds;
  const auto& fresh_per_second = outcome->fresh_per_second;
  const auto& repeated_per_second = outcome->repeated_per_second;

  nlohmann::json timing = {{"read", t_read},   {"index", t_index}, {"scan", t_scan},
                           {"evaluate", t_eval}, {"write", t_write}, {"total", Seconds(t0)},
                           {"preparing", outcome->preparing_seconds}};
  if (fresh_per_second) {
    timing["variants_per_second_fresh"] = *fresh_per_second;
    timing["variants_per_second_repeated"] = *repeated_per_second;
  }
  if (!o.quiet && o.summary == "json") {
    std::printf("%s\n", ToJson(county, results, rows, params.as_of.ToString(), timing).dump(2).c_str());
  } else if (!o.quiet) {
    PrintComparison(county, results, rows, params.as_of.ToString());
    std::printf("evaluated %zu scenarios in %.3f s (%.3f s of it filling caches: plot towns, %d riverside zones);",
                results.size(), t_eval, outcome->preparing_seconds, outcome->buffers_built);
    for (const auto& r : results) std::printf(" %s %.3f s", r.scenario.name.c_str(), r.seconds);
    std::printf("\n");
    if (fresh_per_second)
      std::printf("one more variant (%d repeats of %zu scenarios, zones built): %.1f per second when its "
                  "cleared parcels are new, %.1f per second when they were seen before\n",
                  o.repeat, results.size(), *fresh_per_second, *repeated_per_second);
    std::printf("wrote %s in %.2f s (read %.2f, index %.2f, scan %.2f, evaluate %.2f, write %.2f)\n",
                o.output.c_str(), Seconds(t0), t_read, t_index, t_scan, t_eval, t_write);
  }
  return ExitCode::kDone;
}

}  // namespace

void RegisterScenario(CLI::App& app, ExitCode& exit_code) {
  auto o = std::make_shared<ScenarioCli>();
  CLI::App* cmd = app.add_subcommand(
      "scenario", "Evaluate what-if scenarios (village reclamation and linkage quota, clearing along the Yangtze)");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--scenario", o->scenarios, "scenario file (TOML, see datasets/scenarios/README.md); repeatable")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--as-of", o->as_of, "as-of date T: 2021-12-31, 2021/12/31, 20211231, 2021.12.31 or 2021年12月31日")
      ->required()
      ->check(DateArgument());
  cmd->add_option("-o,--output", o->output, "output: FILE.gpkg, FOLDER.gdb (FileGDB), or a folder with -f FlatGeobuf, GeoJSON or \"ESRI Shapefile\"")->required();
  cmd->add_option("-f,--format", o->format, "output driver, as in ogr2ogr (default: from the extension; GPKG)");
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output");
  AddLedgerOptions(cmd, o->ledger);
  cmd->add_option("--config", o->config, "TOML file of scan parameters (idle and efficiency rules)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--summary", o->summary, "comparison on stdout: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("-q,--quiet", o->quiet, "nothing on stdout, no progress bar");
  AddReportOptions(cmd, o->report, o->tiles);
  AddThreadsOption(cmd, o->threads);
  cmd->add_option("--repeat", o->repeat,
                  "evaluate every scenario this many more times (zones built) and report variants per second")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([o, &exit_code]() {
    exit_code = RunWithDocument("scenario", o->config, o->ledger, [&] { return Run(*o); });
  });
}

}  // namespace panhuo::cli
