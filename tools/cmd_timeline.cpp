// panhuo timeline: the monthly bulletin, one scan per month end over one loaded county.
#include <chrono>
#include <cstdio>
#include <optional>

#include "commands.hpp"
#include "panhuo/core/text.hpp"
#include "input_options.hpp"
#include "output_plan.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/tables/run_table.hpp"
#include "panhuo/tables/timeline.hpp"
#include "panhuo/tables/timeline_change.hpp"
#include "panhuo/app/commands.hpp"
#include "scan_summary.hpp"

namespace panhuo::cli {
namespace {

struct TimelineCli {
  InputOptions input;
  std::string from, to, output, format, csv, config, report, tiles;
  LedgerOptions ledger;
  bool overwrite = false, quiet = false;
  std::optional<int> warn_days;
};

ExitCode Fail(const std::string& message, ExitCode code = ExitCode::kFailure) {
  PrintError("timeline", message);
  return code;
}

// Month by month and town, within 132 columns (CJK characters counted as two).
void PrintRows(const County& county, const std::vector<TimelineRow>& rows, int warn_days, bool zh) {
  const std::vector<std::pair<const char*, const char*>> head = {
      {"批而未供", "unsupp_ha"}, {"闲置", "idle_ha"}, {"累计盘活", "revit_ha"}, {"目标任务", "target_ha"},
      {"完成率", "done"},        {"将失效", "w_laps"}, {"将闲置", "w_idle"},   {"将收回", "w_recv"}};
  std::string line = PadColumns(zh ? "月末" : "as_of", 10) + " " + PadColumns(zh ? "镇街" : "town", 22);
  for (const auto& [z, e] : head) line += " " + RightColumns(zh ? z : e, 9);
  std::printf("%s\n", line.c_str());
  const auto& d = county.data();
  for (const auto& r : rows) {
    line = PadColumns(r.as_of.ToString(), 10) + " " + PadColumns(d.towns.name[r.town], 22);
    for (const std::string& cell :
         {Fixed(r.unsupplied_ha, 2), Fixed(r.idle_ha, 2), Fixed(r.revitalized_ha, 2),
          r.target_ha ? Fixed(*r.target_ha, 2) : "-", Percent(r.completion),
          std::to_string(r.warn_lapse_n), std::to_string(r.warn_idle_n), std::to_string(r.warn_recover_n)})
      line += " " + RightColumns(cell, 9);
    std::printf("%s\n", line.c_str());
  }
  std::printf(zh ? "面积单位公顷；将失效、将闲置、将收回为各月末之后%d日内的预警宗数\n"
                 : "areas in ha; w_: early warnings in the %d days after each month end (lapse, idle, recover)\n",
              warn_days);
}

ExitCode Run(const TimelineCli& o) {
  const auto t0 = std::chrono::steady_clock::now();
  int y0, m0, y1, m1;
  std::string error;
  if (!ParseMonth(o.from, y0, m0, error) || !ParseMonth(o.to, y1, m1, error)) return Fail(error, ExitCode::kUsage);
  const auto dates = MonthEnds(y0, m0, y1, m1);
  if (dates.empty()) return Fail("--to " + o.to + " is before --from " + o.from, ExitCode::kUsage);
  ScanParams params;
  params.basis_lang = o.ledger.lang;
  params.as_of = dates.front();
  if (!o.config.empty())
    if (Status s = params.LoadToml(o.config); !s.ok()) return Fail(s.message(), ExitCode::kUsage);
  if (o.warn_days) params.warn_days = *o.warn_days;
  if (Status s = params.Validate(); !s.ok()) return Fail(s.message(), ExitCode::kUsage);
  OutputPlan plan{"timeline", InputSources(o.input), o.output, o.format, o.csv, {}, o.overwrite};
  if (!o.config.empty()) plan.inputs.push_back(o.config);
  // with -o the run table goes into the GeoPackage; the CSV holds the timeline table
  if (!o.csv.empty()) plan.csv_files = CsvPaths(o.csv, {"timeline"});
  if (!o.ledger.xlsx.empty()) plan.files.push_back(o.ledger.xlsx);
  if (!o.report.empty()) plan.files.push_back(o.report);
  if (ExitCode c = CheckPlan(plan); c != ExitCode::kDone) return c;

  auto county = LoadCounty(o.input, !o.quiet, "timeline");
  if (!county) return ExitCode::kFailure;
  const double t_load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  app::TimelineJob job;
  SetJob(job, "timeline", o.output, o.format, o.overwrite, o.ledger, o.input.input, o.report, o.tiles);
  job.out.csv = o.csv;
  job.progress = o.quiet ? nullptr : TermProgress;
  job.params = params;
  job.dates = dates;
  auto outcome = app::RunTimeline(*county, job);
  if (!outcome.ok()) return Fail(outcome.status().message());
  const double t_total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto* rows = &outcome->rows;
  if (!o.quiet) {
    PrintRows(*county, *rows, params.warn_days, o.ledger.lang != "en");
    std::fprintf(stderr, "%zu months in %.2f s (load and index %.2f s once)\n", dates.size(), t_total, t_load);
  }
  return ExitCode::kDone;
}

}  // namespace

void RegisterTimeline(CLI::App& app, ExitCode& exit_code) {
  auto o = std::make_shared<TimelineCli>();
  CLI::App* cmd = app.add_subcommand("timeline", "Monthly bulletin: per month end and town, unsupplied, idle and "
                                                 "revitalized hectares, completion of the year's target and early warnings");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--from", o->from, "first month, YYYY-MM (also 2021/01, 202101, 2021年1月)")
      ->required()
      ->check(MonthArgument());
  cmd->add_option("--to", o->to, "last month, YYYY-MM")->required()->check(MonthArgument());
  CLI::Option* output =
      cmd->add_option("-o,--output", o->output, "output (FILE.gpkg, FOLDER.gdb, or a folder with -f) for the tables `timeline` and `run`");
  cmd->add_option("-f,--format", o->format, "output driver, as in ogr2ogr (default: from the extension; GPKG)");
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output (and an existing CSV file)");
  cmd->add_option("--csv", o->csv, "CSV file (FILE.csv, or a folder for timeline.csv) to write the table to");
  AddLedgerOptions(cmd, o->ledger);
  cmd->get_option("--xlsx")->needs(output);
  cmd->add_option("--config", o->config, "TOML file of scan parameters")->check(CLI::ExistingFile);
  cmd->add_option("--warn-days", o->warn_days, "early-warning horizon after each month end (default 90)");
  cmd->add_flag("-q,--quiet", o->quiet, "nothing on stdout, no progress bar");
  AddReportOptions(cmd, o->report, o->tiles);
  cmd->callback([o, &exit_code]() {
    exit_code = RunWithDocument("timeline", o->config, o->ledger, [&] { return Run(*o); });
  });
}

}  // namespace panhuo::cli
