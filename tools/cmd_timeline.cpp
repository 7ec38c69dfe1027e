// panhuo timeline: the monthly bulletin, one scan per month end over one loaded county.
#include <chrono>
#include <cstdio>
#include <optional>

#include "commands.hpp"
#include "input_options.hpp"
#include "panhuo/io/writer.hpp"
#include "panhuo/scan/timeline.hpp"

namespace panhuo::cli {
namespace {

struct TimelineCli {
  InputOptions input;
  std::string from, to, output, csv, config;
  bool overwrite = false, quiet = false;
  std::optional<int> warn_days;
};

int Run(const TimelineCli& o) {
  const auto t0 = std::chrono::steady_clock::now();
  int y0, m0, y1, m1;
  if (!ParseMonth(o.from, y0, m0) || !ParseMonth(o.to, y1, m1)) {
    std::fprintf(stderr, "panhuo timeline: error: --from and --to must be months (YYYY-MM)\n");
    return 2;
  }
  const auto dates = MonthEnds(y0, m0, y1, m1);
  if (dates.empty()) {
    std::fprintf(stderr, "panhuo timeline: error: --to %s is before --from %s\n", o.to.c_str(), o.from.c_str());
    return 2;
  }
  ScanParams params;
  params.as_of = dates.front();
  if (!o.config.empty())
    if (Status s = params.LoadToml(o.config); !s.ok()) {
      std::fprintf(stderr, "panhuo timeline: error: %s\n", s.message().c_str());
      return 2;
    }
  if (o.warn_days) params.warn_days = *o.warn_days;
  if (Status s = params.Validate(); !s.ok()) {
    std::fprintf(stderr, "panhuo timeline: error: %s\n", s.message().c_str());
    return 2;
  }
  if (!o.output.empty())
    if (Status s = CheckOutputWritable(o.output, o.overwrite); !s.ok()) {
      std::fprintf(stderr, "panhuo timeline: error: %s\n", s.message().c_str());
      return 1;
    }
  auto county = LoadCounty(o.input, !o.quiet, "timeline");
  if (!county) return 1;
  const double t_load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  auto rows = Timeline(*county, params, dates, o.quiet ? nullptr : TermProgress, nullptr);
  if (!rows.ok()) {
    std::fprintf(stderr, "panhuo timeline: error: %s\n", rows.status().message().c_str());
    return 1;
  }
  const double t_total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const Table table = TimelineTable(*county, *rows);
  if (!o.output.empty())
    if (Status s = WriteTables(o.output, o.overwrite, county->data().working_crs_wkt, {table}); !s.ok()) {
      std::fprintf(stderr, "panhuo timeline: error: %s\n", s.message().c_str());
      return 1;
    }
  if (!o.csv.empty())
    if (Status s = WriteTablesCsv(o.csv, {table}); !s.ok()) {
      std::fprintf(stderr, "panhuo timeline: error: %s\n", s.message().c_str());
      return 1;
    }
  std::printf("%-10s %-10s %s %13s %10s %14s %10s %10s %6s %6s %6s\n", "as_of", "town",
              PadColumns("name", 24).c_str(), "unsupplied_ha", "idle_ha", "revitalized_ha", "target_ha", "completion",
              "w_laps", "w_idle", "w_recv");
  const auto& d = county->data();
  for (const auto& r : *rows) {
    char target[32] = "-", completion[32] = "-";
    if (r.target_ha) std::snprintf(target, sizeof target, "%.2f", *r.target_ha);
    if (r.completion) std::snprintf(completion, sizeof completion, "%.3f", *r.completion);
    std::printf("%-10s %-10s %s %13.4f %10.4f %14.4f %10s %10s %6d %6d %6d\n", r.as_of.ToString().c_str(),
                d.towns.code[r.town].c_str(), PadColumns(d.towns.name[r.town], 24).c_str(), r.unsupplied_ha, r.idle_ha,
                r.revitalized_ha, target, completion, r.warn_lapse_n, r.warn_idle_n, r.warn_recover_n);
  }
  std::printf("w_: early warnings in the %d days after each month end (lapse, idle, recover)\n", params.warn_days);
  if (!o.quiet)
    std::fprintf(stderr, "%zu months in %.2f s (load and index %.2f s once)\n", dates.size(), t_total, t_load);
  return 0;
}

}  // namespace

void RegisterTimeline(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<TimelineCli>();
  CLI::App* cmd = app.add_subcommand("timeline", "Monthly bulletin: per month end and town, unsupplied, idle and "
                                                 "revitalized hectares, completion of the year's target and early warnings");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--from", o->from, "first month, YYYY-MM")->required();
  cmd->add_option("--to", o->to, "last month, YYYY-MM")->required();
  cmd->add_option("-o,--output", o->output, "GeoPackage to write the table `timeline` to");
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output");
  cmd->add_option("--csv", o->csv, "CSV file (or folder) to write the table to");
  cmd->add_option("--config", o->config, "TOML file of scan parameters")->check(CLI::ExistingFile);
  cmd->add_option("--warn-days", o->warn_days, "early-warning horizon after each month end (default 90)");
  cmd->add_flag("-q,--quiet", o->quiet, "no progress");
  cmd->callback([o, &exit_code]() { exit_code = Run(*o); });
}

}  // namespace panhuo::cli
