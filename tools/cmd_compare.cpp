// panhuo compare: what changed between two dates.
#include <cstdio>
#include <map>

#include "commands.hpp"
#include "input_options.hpp"
#include "output_plan.hpp"
#include "panhuo/sinks/table_writer.hpp"
#include "panhuo/sinks/writer.hpp"
#include "panhuo/tables/run_table.hpp"
#include "panhuo/tables/timeline.hpp"
#include "panhuo/app/commands.hpp"

namespace panhuo::cli {
namespace {

struct CompareCli {
  InputOptions input;
  std::string from, to, output, format, csv, csv_geometry = "wkt", config;
  LedgerOptions ledger;
  bool overwrite = false, quiet = false;
};

// The layers compare writes, in order (Compare()'s tables, then the run table).
const std::vector<std::string> kLayers = {"newly_supplied",       "idle_resolved",           "newly_idle",
                                          "newly_lapsed",         "newly_reserved",          "reserve_supplied",
                                          "newly_low_efficiency", "no_longer_low_efficiency", "run"};

ExitCode Fail(const std::string& message, ExitCode code = ExitCode::kFailure) {
  PrintError("compare", message);
  return code;
}

// Each change in a line: its name, how many features and hectares.
void PrintSummary(const std::vector<Table>& tables, Date from, Date to, const std::string& output, bool zh) {
  static const std::map<std::string, std::string> names = {
      {"newly_supplied", "新增供地"},       {"idle_resolved", "闲置处置完成"}, {"newly_idle", "新增闲置"},
      {"newly_lapsed", "新增失效"},         {"newly_reserved", "新增储备"},    {"reserve_supplied", "储备供应"},
      {"newly_low_efficiency", "新增低效用地"}, {"no_longer_low_efficiency", "低效用地退出"}};
  std::printf(zh ? "%s至%s的变化\n" : "changes from %s to %s\n", from.ToString().c_str(), to.ToString().c_str());
  for (const auto& t : tables) {
    if (t.name == "run") continue;
    double ha = 0;
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const std::string& n = t.columns[k].name;
      if (n != "newly_supplied_ha" && n != "parcel_ha" && n != "unsupplied_ha") continue;
      for (const auto& r : t.rows)
        if (auto* v = std::get_if<double>(&r[k])) ha += *v;
    }
    auto it = names.find(t.name);
    const std::string name = zh && it != names.end() ? it->second : t.name;
    if (zh) std::printf("  %s %6zu 宗 %12.2f 公顷（%.1f 亩）\n", PadColumns(name, 14).c_str(), t.rows.size(), ha, ha * kMuPerHectare);
    else std::printf("  %-24s %6zu features, %12.4f ha\n", name.c_str(), t.rows.size(), ha);
  }
  std::printf(zh ? "已写出 %s\n" : "wrote %s\n", output.c_str());
}

ExitCode Run(const CompareCli& o) {
  const Date from = *ParseDate(o.from), to = *ParseDate(o.to);  // checked by DateArgument()
  if (to < from) return Fail("--to " + to.ToString() + " is before --from " + from.ToString(), ExitCode::kUsage);
  ScanParams params;
  params.as_of = to;
  if (!o.config.empty())
    if (Status s = params.LoadToml(o.config); !s.ok()) return Fail(s.message(), ExitCode::kUsage);
  OutputPlan plan{"compare", InputSources(o.input), o.output, o.format, o.csv, {}, o.overwrite};
  if (!o.config.empty()) plan.inputs.push_back(o.config);
  if (!o.csv.empty()) {
    plan.csv_files = CsvPaths(o.csv, std::vector<std::string>(std::begin(kLayers), std::end(kLayers)));
  }
  if (!o.ledger.xlsx.empty()) plan.files.push_back(o.ledger.xlsx);
  if (ExitCode c = CheckPlan(plan); c != ExitCode::kDone) return c;

  auto county = LoadCounty(o.input, !o.quiet, "compare");
  if (!county) return ExitCode::kFailure;
  app::CompareJob job;
  SetJob(job, "compare", o.output, o.format, o.overwrite, o.ledger, o.input.input);
  job.out.csv = o.csv;
  job.out.csv_geometry = o.csv_geometry;
  job.params = params;
  job.from = from;
  job.to = to;
  auto outcome = app::RunCompare(*county, job);
  if (!outcome.ok()) return Fail(outcome.status().message());
  const auto* tables = &outcome->tables;
  if (!o.quiet) PrintSummary(*tables, from, to, o.output, o.ledger.lang != "en");
  return ExitCode::kDone;
}

}  // namespace

void RegisterCompare(CLI::App& app, ExitCode& exit_code) {
  auto o = std::make_shared<CompareCli>();
  CLI::App* cmd = app.add_subcommand("compare", "What changed between two dates: approvals newly supplied, idle "
                                                "land resolved, newly idle, newly lapsed");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--from", o->from, "first date (as --as-of)")->required()->check(DateArgument());
  cmd->add_option("--to", o->to, "second date, not before --from")->required()->check(DateArgument());
  cmd->add_option("-o,--output", o->output, "output: FILE.gpkg, FOLDER.gdb (FileGDB), or a folder with -f FlatGeobuf, GeoJSON or \"ESRI Shapefile\"")->required();
  cmd->add_option("-f,--format", o->format, "output driver, as in ogr2ogr (default: from the extension; GPKG)");
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output (and existing CSV files)");
  AddLedgerOptions(cmd, o->ledger);
  AddCsvOptions(cmd, o->csv, o->csv_geometry);
  cmd->add_option("--config", o->config, "TOML file of scan parameters")->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", o->quiet, "nothing on stdout, no progress bar");
  cmd->callback([o, &exit_code]() {
    exit_code = RunWithDocument("compare", o->config, o->ledger, [&] { return Run(*o); });
  });
}

}  // namespace panhuo::cli
