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
#include "panhuo/app/run_checks.hpp"
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
  if (ExitCode c = CheckOutputPlan(plan); c != ExitCode::kDone) return c;

  const bool bar = !o.quiet && o.summary == "text";
  double t_read = 0, t_index = 0;
  auto loaded_county = LoadCounty(o.input, bar, "scenario", &t_read, &t_index);
  if (!loaded_county) return ExitCode::kFailure;
  const County& county = *loaded_county;
  const auto warnings = app::RunWarnings(county, params.as_of, app::Today());
  PrintWarnings("scenario", warnings);

  std::vector<Scenario> scenarios;
  for (const auto& path : o.scenarios) {
    auto sc = LoadScenario(path, county.data().towns.code);
    if (!sc.ok()) return Fail(sc.status().message(), ExitCode::kUsage);
    for (const auto& prev : scenarios)
      if (prev.name == sc->name)
        return Fail("scenarios '" + prev.source + "' and '" + path + "' are both named '" + sc->name +
                        "'; their output layers would clash",
                  ExitCode::kUsage);
    scenarios.push_back(std::move(*sc));
  }

  if (bar) std::fprintf(stderr, "scanning\n");
  const auto t2 = std::chrono::steady_clock::now();
  auto scan = Scan(county, params, bar ? TermProgress : nullptr, nullptr);
  if (!scan.ok()) return Fail(scan.status().message());
  const double t_scan = Seconds(t2);

  if (bar) std::fprintf(stderr, "evaluating %zu scenarios\n", scenarios.size());
  const auto t3 = std::chrono::steady_clock::now();
  ScenarioContextOptions co;
  co.input_source = o.input.input;
  ScenarioContext ctx(county, *scan, co);
  std::vector<ScenarioResult> results;
  for (const auto& sc : scenarios) {
    auto r = ctx.Evaluate(sc);
    if (!r.ok()) return Fail(r.status().message());
    results.push_back(std::move(*r));
  }
  const double t_eval = Seconds(t3);
  // One more variant: the zones are built; "fresh" forgets the tile overlays first (a variant
  // clearing only parcels never cleared before), "repeated" keeps them.
  std::optional<double> fresh_per_second, repeated_per_second;
  if (o.repeat > 0) {
    for (bool forget : {true, false}) {
      const auto t = std::chrono::steady_clock::now();
      int64_t n = 0;
      for (int k = 0; k < o.repeat; ++k)
        for (const auto& sc : scenarios) {
          if (forget) ctx.ForgetTileOverlays();
          auto r = ctx.Evaluate(sc);
          if (!r.ok()) return Fail(r.status().message());
          ++n;
        }
      (forget ? fresh_per_second : repeated_per_second) = static_cast<double>(n) / Seconds(t);
    }
  }

  const auto rows = Compare(results);
  if (bar) std::fprintf(stderr, "writing %s\n", o.output.c_str());
  const auto t4 = std::chrono::steady_clock::now();
  auto tables = ScenarioTables(county, *scan, results, rows, {o.input.input, {}, "", warnings});
  if (!tables.ok()) return Fail(tables.status().message());
  if (Status s = app::WriteRequested(county, std::move(*tables), Request(o.output, o.format, o.overwrite, o.ledger)); !s.ok())
    return Fail(s.message());
  if (!o.report.empty()) {
    const ReportOptions ro = WithDocument({o.report, o.overwrite, o.ledger.lang, o.tiles, o.input.input, "scenario"}, o.ledger);
    if (Status s = WriteReport(county, *scan, {nullptr, &results, &rows}, ro); !s.ok()) return Fail(s.message());
  }
  const double t_write = Seconds(t4);

  nlohmann::json timing = {{"read", t_read},   {"index", t_index}, {"scan", t_scan},
                           {"evaluate", t_eval}, {"write", t_write}, {"total", Seconds(t0)},
                           {"preparing", ctx.seconds_preparing()}};
  if (fresh_per_second) {
    timing["variants_per_second_fresh"] = *fresh_per_second;
    timing["variants_per_second_repeated"] = *repeated_per_second;
  }
  if (!o.quiet && o.summary == "json") {
    std::printf("%s\n", ToJson(county, results, rows, params.as_of.ToString(), timing).dump(2).c_str());
  } else if (!o.quiet) {
    PrintComparison(county, results, rows, params.as_of.ToString());
    std::printf("evaluated %zu scenarios in %.3f s (%.3f s of it filling caches: plot towns, %d riverside zones);",
                results.size(), t_eval, ctx.seconds_preparing(), ctx.buffers_built());
    for (const auto& r : results) std::printf(" %s %.3f s", r.scenario.name.c_str(), r.seconds);
    std::printf("\n");
    if (fresh_per_second)
      std::printf("one more variant (%d repeats of %zu scenarios, zones built): %.1f per second when its "
                  "cleared parcels are new, %.1f per second when they were seen before\n",
                  o.repeat, scenarios.size(), *fresh_per_second, *repeated_per_second);
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
