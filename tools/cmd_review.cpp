// panhuo review: the quarterly analysis, half-year summary or annual assessment of a period.
#include <tbb/global_control.h>

#include <cstdio>
#include <memory>

#include "commands.hpp"
#include "panhuo/core/text.hpp"
#include "input_options.hpp"
#include "output_plan.hpp"
#include "panhuo/app/commands.hpp"
#include "scan_params.hpp"
#include "scan_summary.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/tables/review_tables.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/scan/review.hpp"
#include "panhuo/tables/timeline.hpp"

namespace panhuo::cli {
namespace {

struct ReviewCli {
  InputOptions input;
  ScanParamOptions params;
  std::string period, output, format, csv_dir, csv_geometry = "wkt", report, tiles;
  LedgerOptions ledger;
  int hard_n = 10, threads = 0;
  bool overwrite = false, quiet = false;
};

// The layers a review writes besides the scan's: its own, then the changes of the period.
const std::vector<std::string> kReviewLayers = {
    "review", "review_county", "review_towns", "review_plans", "hard_plots", "newly_supplied", "idle_resolved",
    "newly_idle", "newly_lapsed", "newly_reserved", "reserve_supplied", "newly_low_efficiency",
    "no_longer_low_efficiency"};

ExitCode Fail(const std::string& message, ExitCode code = ExitCode::kFailure) {
  PrintError("review", message);
  return code;
}

// The towns against their pace, in at most 132 columns.
void PrintTowns(const County& county, const ReviewResult& rv, bool zh) {
  const InputData& d = county.data();
  const std::vector<std::pair<const char*, const char*>> head = {
      {"本期盘活", "period_ha"}, {"年内盘活", "year_ha"}, {"目标", "target_ha"}, {"完成率", "complete"},
      {"时序进度", "elapsed"},   {"进度比", "pace"},      {"预计全年", "projected"}, {"到期方案", "due"},
      {"逾期方案", "late"},      {"难点地块", "hard"}};
  std::string line = RightColumns(zh ? "名次" : "rank", 4) + " " + PadColumns(zh ? "镇街" : "town", 24);
  for (const auto& [z, e] : head) line += " " + RightColumns(zh ? z : e, 9);
  std::printf("%s\n", line.c_str());
  for (const auto& t : rv.towns) {
    const TownFinding& e = t.end;
    const std::string pace = e.pace ? (t.behind && *t.behind ? "▼" : "") + Fixed(*e.pace, 2) : "-";
    line = RightColumns(std::to_string(e.rank), 4) + " " + PadColumns(d.towns.name[t.town], 24);
    for (const std::string& cell :
         {Fixed(t.revitalized_period_ha, 2), Fixed(e.revitalized_ha, 2), e.target_ha ? Fixed(*e.target_ha, 2) : "-",
          Percent(e.completion), Percent(e.elapsed_share), pace, Percent(t.projected_completion), std::to_string(t.plans_due_n),
          e.plans_overdue_n ? std::to_string(*e.plans_overdue_n) : "-", std::to_string(t.hard_n)})
      line += " " + RightColumns(cell, 9);
    std::printf("%s\n", line.c_str());
  }
  std::printf(zh ? "▼ 落后于时序进度（进度比 = 完成率 ÷ 时序进度，低于 1）\n"
                 : "▼ behind the pace (pace = completion / elapsed share of the year, below 1)\n");
}

ExitCode Run(const ReviewCli& o) {
  CatchInterrupts();
  std::unique_ptr<tbb::global_control> threads;
  if (o.threads > 0)
    threads = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                     static_cast<size_t>(o.threads));
  auto period = ParsePeriod(o.period);
  if (!period.ok()) return Fail(period.status().message(), ExitCodeOf(period.status()));
  auto loaded = LoadScanParams(o.params, period->end.ToString());
  if (!loaded.ok()) return Fail(loaded.status().message(), ExitCode::kUsage);
  ScanParams& params = *loaded;
  params.basis_lang = o.ledger.lang;
  OutputPlan plan{"review", InputSources(o.input), o.output, o.format, o.csv_dir, {}, o.overwrite};
  if (!o.ledger.xlsx.empty()) plan.files.push_back(o.ledger.xlsx);
  if (!o.report.empty()) plan.files.push_back(o.report);
  if (!o.params.config.empty()) plan.inputs.push_back(o.params.config);
  if (!o.csv_dir.empty()) {
    std::vector<std::string> named = ScanLayerNames();
    named.insert(named.end(), std::begin(kReviewLayers), std::end(kReviewLayers));
    plan.csv_files = CsvPaths(o.csv_dir, named);
  }
  if (ExitCode c = CheckPlan(plan); c != ExitCode::kDone) return c;

  const bool bar = !o.quiet;
  auto county = LoadCounty(o.input, bar, "review");
  if (!county) return ExitCode::kFailure;
  app::ReviewJob job;
  SetJob(job, "review", o.output, o.format, o.overwrite, o.ledger, o.input.input, o.report, o.tiles);
  job.out.csv = o.csv_dir;
  job.out.csv_geometry = o.csv_geometry;
  job.progress = bar ? TermProgress : QuietProgress;
  job.params = params;
  job.period = *period;
  job.options = {o.hard_n};
  auto outcome = app::RunReview(*county, job);
  if (!outcome.ok()) return Fail(outcome.status().message());
  const ReviewResult* review = &outcome->review;
  const std::string& summary = outcome->summary;
  const std::string lang = o.ledger.lang;
  if (!o.quiet) {
    const bool zh = lang != "en";
    std::printf("%s %s（%s %s %s）\n", period->Label(lang).c_str(), period->DocumentName(lang).c_str(),
                period->start.ToString().c_str(), zh ? "至" : "to", period->end.ToString().c_str());
    std::printf("%s\n\n", summary.c_str());
    PrintTowns(*county, *review, zh);
    std::printf("%s %s\n", zh ? "已写出" : "wrote", o.output.c_str());
  }
  return UndeterminedExit("review", review->end.undetermined.size(), o.output);
}

}  // namespace

void RegisterReview(CLI::App& app, ExitCode& exit_code) {
  auto o = std::make_shared<ReviewCli>();
  CLI::App* cmd = app.add_subcommand(
      "review", "Quarterly analysis, half-year summary or annual assessment (季度分析、半年小结、全年考核) of a period");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--period", o->period,
                  "calendar quarter, half or year: 2021-Q3, 2021-H1, 2021, 2021年第三季度, 2021年上半年, 2021年")
      ->required();
  cmd->add_option("-o,--output", o->output,
                  "output: FILE.gpkg, FOLDER.gdb (FileGDB), or a folder with -f FlatGeobuf, GeoJSON or \"ESRI Shapefile\"")
      ->required();
  cmd->add_option("-f,--format", o->format, "output driver, as in ogr2ogr (default: from the extension; GPKG)");
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output (and existing CSV files)");
  AddLedgerOptions(cmd, o->ledger);
  AddReportOptions(cmd, o->report, o->tiles);
  AddCsvOptions(cmd, o->csv_dir, o->csv_geometry);
  cmd->add_option("--hard-n", o->hard_n,
                  "hard plots: this many of the longest listed and of the largest, with every plot whose plan is "
                  "overdue (default 10)")
      ->check(NonNegativeWholeNumber());
  cmd->add_flag("-q,--quiet", o->quiet, "nothing on stdout, no progress bar");
  AddThreadsOption(cmd, o->threads);
  AddScanParamOptions(cmd, o->params);
  cmd->callback([o, &exit_code]() {
    exit_code = RunWithDocument("review", o->params.config, o->ledger, [&] { return Run(*o); });
  });
}

}  // namespace panhuo::cli
