// panhuo scan: every determination of the contract at an as-of date, written to a GeoPackage.
#include <tbb/global_control.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "commands.hpp"
#include "input_options.hpp"
#include "scan_params.hpp"
#include "output_plan.hpp"
#include "panhuo/app/scan_run.hpp"
#include "scan_summary.hpp"
#include "panhuo/scan/scan.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/writer.hpp"

namespace panhuo::cli {
namespace {

namespace fs = std::filesystem;

struct ScanCli {
  InputOptions input;
  ScanParamOptions params;
  std::string as_of, output, out_schema, format, csv_dir, csv_geometry = "wkt", report, tiles, summary = "text";
  LedgerOptions ledger;
  bool overwrite = false, quiet = false;
  int threads = 0;
};

nlohmann::json ToJson(const County& county, const ScanResult& r, const nlohmann::json& timing) {
  const InputData& d = county.data();
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json towns = nlohmann::json::array();
  for (const auto& t : r.towns)
    towns.push_back({{"rank", t.rank}, {"town_code", d.towns.code[t.town]}, {"town_name", d.towns.name[t.town]},
                     {"unsupplied_ha", t.unsupplied_ha}, {"lapsed", t.lapsed}, {"idle_ha", t.idle_ha},
                     {"idle_unstarted", t.by_status[0]}, {"idle_stalled", t.by_status[1]},
                     {"in_use", t.by_status[2]}, {"pending", t.by_status[3]}, {"recover", t.by_action[1]},
                     {"fee", t.by_action[2]}, {"negotiate", t.by_action[3]}, {"supply_rate", opt(t.supply_rate)},
                     {"stock_share", opt(t.stock_share)}, {"completion", opt(t.completion)},
                     {"warn_lapse_n", t.warn_lapse_n}, {"warn_lapse_ha", t.warn_lapse_ha},
                     {"warn_idle_n", t.warn_idle_n}, {"warn_idle_ha", t.warn_idle_ha},
                     {"warn_recover_n", t.warn_recover_n}, {"warn_recover_ha", t.warn_recover_ha},
                     // v3: pace and plans
                     {"elapsed_share", t.elapsed_share}, {"pace", opt(t.pace)}, {"projected_ha", t.projected_ha},
                     {"plans_overdue_n", t.plans_overdue_n ? nlohmann::json(*t.plans_overdue_n) : nlohmann::json(nullptr)},
                     {"no_plan_n", t.no_plan_n ? nlohmann::json(*t.no_plan_n) : nlohmann::json(nullptr)}});
  return {{"as_of", r.params.as_of.ToString()},
          {"towns", towns},
          {"approvals_listed", r.counts.approvals_listed},
          {"approvals_lapsed", r.counts.approvals_lapsed},
          {"supplies_idle", r.counts.idle},
          {"warn_days", r.params.warn_days},
          {"warnings", r.counts.warnings},
          {"reserves_listed", r.counts.reserves_listed},
          {"unfit_listed", r.counts.unfit_listed},
          {"low_efficiency", r.counts.low_efficiency},
          {"holders_listed", r.counts.holders_listed},
          {"rejected", d.rejects.size()},
          {"repaired", d.repaired_total},
          {"overlay_fallbacks", r.counts.overlay_fallbacks},
          {"overlay_failures", r.counts.overlay_failures},
          {"undetermined", r.undetermined.size()},
          {"seconds", timing}};
}

ExitCode Fail(const std::string& message, ExitCode code = ExitCode::kFailure) {
  PrintError("scan", message);
  return code;
}

ExitCode Run(const ScanCli& o) {
  const auto t0 = std::chrono::steady_clock::now();
  CatchInterrupts();
  std::unique_ptr<tbb::global_control> threads;
  if (o.threads > 0)
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                     static_cast<size_t>(o.threads));
  auto loaded = LoadScanParams(o.params, o.as_of);
  if (!loaded.ok()) return Fail(loaded.status().message(), ExitCode::kUsage);
  ScanParams& params = *loaded;
  params.basis_lang = o.ledger.lang;
  OutputPlan plan{"scan", InputSources(o.input), o.output, o.format, o.csv_dir, {}, o.overwrite};
  plan.out_schema = o.out_schema;
  if (!o.ledger.xlsx.empty()) plan.files.push_back(o.ledger.xlsx);
  if (!o.report.empty()) plan.files.push_back(o.report);
  plan.postgis = true;
  if (!o.params.config.empty()) plan.inputs.push_back(o.params.config);
  if (!o.csv_dir.empty())
    for (const auto& name : ScanLayerNames()) plan.csv_files.push_back((fs::path(o.csv_dir) / (name + ".csv")).string());
  if (ExitCode c = CheckPlan(plan); c != ExitCode::kDone) return c;
  const bool bar = !o.quiet && o.summary == "text";
  double t_read = 0, t_index = 0;
  auto loaded_county = LoadCounty(o.input, bar, "scan", &t_read, &t_index, /*defer_source_checks=*/true);
  if (!loaded_county) return ExitCode::kFailure;
  const County& county = *loaded_county;
  app::ScanJob job;
  job.params = params;
  job.write.output = o.output;
  job.write.overwrite = o.overwrite;
  job.write.csv_dir = o.csv_dir;
  job.write.csv_geometry = o.csv_geometry == "wkt";
  job.write.out_schema = o.out_schema;
  job.write.xlsx = o.ledger.xlsx;
  job.write.lang = o.ledger.lang;
  job.write.county = o.ledger.county;
  job.write.issuer = o.ledger.issuer;
  job.write.input = o.input.input;
  if (!o.report.empty())
    job.report = WithDocument({o.report, o.overwrite, o.ledger.lang, o.tiles, o.input.input, "scan"}, o.ledger);
  job.progress = bar ? TermProgress : QuietProgress;
  job.on_warnings = [](const std::vector<std::string>& w) { PrintWarnings("scan", w); };
  if (bar) job.on_step = [](const std::string& what) { std::fprintf(stderr, "%s\n", what.c_str()); };
  auto outcome = app::RunScan(county, std::move(job));
  if (!outcome.ok()) return Fail(outcome.status().message());
  const ScanResult* result = &outcome->result;
  const double t_scan = outcome->scan_seconds, t_write = outcome->write_seconds, t_report = outcome->report_seconds;
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& [name, sec] : result->phase_seconds) phases[name] = sec;
  nlohmann::json timing = {{"read", t_read},   {"index", t_index},     {"scan", t_scan},
                           {"write", t_write}, {"report", t_report}, {"total", Seconds(t0)},
                           {"scan_phases", phases}};
  if (!o.quiet && o.summary == "json") {
    std::printf("%s\n", ToJson(county, *result, timing).dump(2).c_str());
  } else if (!o.quiet) {
    PrintScanSummary(county, *result, DocumentCountyName(county.data(), o.ledger.county), o.ledger.lang);
    std::printf(o.ledger.lang == "en" ? "wrote %s in %.2f s (read %.2f, index %.2f, scan %.2f, write %.2f)\n"
                                      : "已写出 %s，用时 %.2f 秒（读入 %.2f，索引 %.2f，扫描 %.2f，写出 %.2f）\n",
                MaskPassword(o.output).c_str(),
                Seconds(t0), t_read, t_index, t_scan, t_write);
    if (!o.report.empty())
      std::printf(o.ledger.lang == "en" ? "wrote the report %s in %.2f s\n" : "已写出报告 %s，用时 %.2f 秒\n",
                  o.report.c_str(), t_report);
  }
  return UndeterminedExit("scan", result->undetermined.size(), o.output);
}

}  // namespace

void RegisterScan(CLI::App& app, ExitCode& exit_code) {
  auto o = std::make_shared<ScanCli>();
  CLI::App* cmd = app.add_subcommand(
      "scan", "Find approved-but-unsupplied and idle land, town figures and efficiency classes at a date");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--as-of", o->as_of, "as-of date T: 2021-12-31, 2021/12/31, 20211231, 2021.12.31 or 2021年12月31日")
      ->required()
      ->check(DateArgument());
  cmd->add_option("-o,--output", o->output, "output: FILE.gpkg, FOLDER.gdb (FileGDB), a folder with -f FlatGeobuf, GeoJSON or \"ESRI Shapefile\", or a PostGIS database 'PG:...' with --out-schema")
      ->required();
  cmd->add_option("--out-schema", o->out_schema,
                  "schema of a PostGIS output: written into a fresh schema, swapped in when every table is written");
  cmd->add_option("-f,--format", o->format, "output driver, as in ogr2ogr (default: from the extension; GPKG)");
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output (and existing CSV files)");
  AddLedgerOptions(cmd, o->ledger);
  AddReportOptions(cmd, o->report, o->tiles);
  AddCsvOptions(cmd, o->csv_dir, o->csv_geometry);
  cmd->add_option("--summary", o->summary, "summary on stdout: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("-q,--quiet", o->quiet, "nothing on stdout, no progress bar (errors and warnings still on stderr)");
  AddThreadsOption(cmd, o->threads);
  AddScanParamOptions(cmd, o->params);
  cmd->callback([o, &exit_code]() {
    exit_code = RunWithDocument("scan", o->params.config, o->ledger, [&] { return Run(*o); });
  });
}

}  // namespace panhuo::cli
