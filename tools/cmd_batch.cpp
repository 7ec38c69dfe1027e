// panhuo batch: every county of a list scanned at one as-of date, over MPI when started by
// mpirun or srun, and the province's layers (counties ranked, all towns, the run) over them.
#include <tbb/global_control.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "batch/county_list.hpp"
#include "batch/county_process.hpp"
#include "batch/county_run.hpp"
#include "batch/dispatch.hpp"
#include "batch/province.hpp"
#include "commands.hpp"
#include "input_options.hpp"
#include "panhuo/sinks/report.hpp"
#include "scan_params.hpp"

namespace panhuo::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct BatchCli {
  std::string list, outdir, as_of, county_targets, crs;
  ScanParamOptions params;
  bool overwrite = false, resume = false, quiet = false, csv = false, xlsx = false, report = false;
  bool accept_rejects = false;
  std::string tiles, csv_geometry = "wkt";
  int threads = 0;
  std::string lang = "zh";
  // set only in the process of one county (see batch/county_process.hpp)
  std::string county_process, county_outcome;
  int county_rank = 0;
};

std::string Fixed(const json& v, const char* fmt) {
  if (!v.is_number()) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>());
  return buf;
}

void PrintProgress(size_t done, size_t total, const json& o) {
  std::fprintf(stderr, "[%zu/%zu] %s %s: %s%s in %.2f s (rank %d)%s%s\n", done, total,
               o["county_code"].get<std::string>().c_str(), o["county_name"].get<std::string>().c_str(),
               o["status"].get<std::string>().c_str(), o.value("reused", false) ? ", up to date" : "",
               o.value("seconds", 0.0), o.value("rank", 0), o.value("message", "").empty() ? "" : ": ",
               o.value("message", "").c_str());
}

void PrintSummary(const std::vector<Table>& tables, const std::string& province) {
  const Table& counties = tables[0];
  std::printf("%-4s %-8s %s %11s %9s %8s %8s %11s %10s %s\n", "rank", "county", PadColumns("name", 12).c_str(),
              "unsuppl_ha", "idle_ha", "supp_rt", "stock_sh", "revital_ha", "completion", "status");
  auto cell = [&](const std::vector<Cell>& row, const char* name) {
    for (size_t k = 0; k < counties.columns.size(); ++k)
      if (counties.columns[k].name == name) {
        if (auto* d = std::get_if<double>(&row[k])) return json(*d);
        if (auto* i = std::get_if<int64_t>(&row[k])) return json(*i);
        if (auto* s = std::get_if<std::string>(&row[k])) return json(*s);
      }
    return json();
  };
  for (const auto& row : counties.rows)
    std::printf("%-4lld %-8s %s %11s %9s %8s %8s %11s %10s %s\n", static_cast<long long>(cell(row, "rank").get<int64_t>()),
                cell(row, "county_code").get<std::string>().c_str(),
                PadColumns(cell(row, "county_name").get<std::string>(), 12).c_str(),
                Fixed(cell(row, "unsupplied_ha"), "%.4f").c_str(), Fixed(cell(row, "idle_ha"), "%.4f").c_str(),
                Fixed(cell(row, "supply_rate"), "%.3f").c_str(), Fixed(cell(row, "stock_share"), "%.3f").c_str(),
                Fixed(cell(row, "revitalized_ha"), "%.4f").c_str(), Fixed(cell(row, "completion"), "%.3f").c_str(),
                cell(row, "status").get<std::string>().c_str());
  std::printf("wrote %s: %zu counties ranked, %zu towns\n", province.c_str(), counties.rows.size(),
              tables[1].rows.size());
}

// Exit status: 1 when a county failed, 3 when all completed but some had undetermined figures.
int ExitStatus(const std::vector<json>& outcomes) {
  int code = 0;
  for (const json& o : outcomes) {
    const std::string status = o.is_object() ? o.value("status", "failed") : "failed";
    if (status == "failed") return 1;
    if (status == "undetermined") code = 3;
  }
  return code;
}

// What every process needs before the first county: parameters, list, targets, the folder.
struct Prepared {
  ScanParams params;
  std::vector<batch::CountyJob> jobs;
  std::map<std::string, double> targets;
  std::string error;  // why not, with code 2 (arguments) or 1 (the folder)
  int code = 0;
};

Prepared Prepare(const BatchCli& o) {
  Prepared p;
  auto failed = [&](const std::string& message, int code) {
    p.error = message;
    p.code = code;
    return std::move(p);
  };
  auto params = LoadScanParams(o.params, o.as_of);
  if (!params.ok()) return failed(params.status().message(), 2);
  p.params = *params;
  p.params.basis_lang = o.lang;
  auto jobs = batch::ReadCountyList(o.list);
  if (!jobs.ok()) return failed(jobs.status().message(), 2);
  p.jobs = std::move(*jobs);
  if (!o.county_targets.empty()) {
    auto read = batch::ReadCountyTargets(o.county_targets, p.params.as_of.Year());
    if (!read.ok()) return failed(read.status().message(), 2);
    p.targets = std::move(*read);
  }
  if (o.report)
    if (Status s = CheckReportAssets(); !s.ok()) return failed(s.message(), 1);
  std::error_code ec;
  fs::create_directories(o.outdir, ec);
  if (!fs::is_directory(o.outdir, ec)) return failed("cannot create output folder '" + o.outdir + "'", 1);
  return p;
}

std::unique_ptr<tbb::global_control> LimitThreads(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<size_t>(threads));
}

// The process of one county: no MPI, the county's outcome written for the process that started it.
batch::RunSettings Settings(const BatchCli& o, const Prepared& p) {
  return {p.params, o.outdir,   o.overwrite, o.resume,         o.crs,
          o.csv,    o.xlsx,     o.report,    o.tiles,          o.accept_rejects,
          o.csv_geometry == "wkt"};
}

int RunOneCounty(const BatchCli& o) {
  CatchInterrupts();
  const auto threads = LimitThreads(o.threads);
  Prepared p = Prepare(o);
  if (p.code != 0) {
    PrintError("batch", p.error);
    return p.code;
  }
  for (const auto& job : p.jobs)
    if (job.code == o.county_process)
      return batch::WriteCountyOutcome(job, Settings(o, p), o.county_rank, o.county_outcome);
  std::fprintf(stderr, "panhuo batch: error: county %s is not in %s\n", o.county_process.c_str(), o.list.c_str());
  return 2;
}

int Run(const BatchCli& o) {
  if (!o.county_process.empty()) return RunOneCounty(o);
  batch::World world;  // MPI starts here (when launched by mpirun/srun) and ends with the command
  const bool root = world.rank() == 0;
  auto fail = [&](const std::string& message, int code) {
    if (root) PrintError("batch", message);
    return code;
  };
  CatchInterrupts();
  const auto threads = LimitThreads(o.threads);
  Prepared p = Prepare(o);
  // every process checks the same list and folder; none starts unless all could
  if (const int code = world.MaxOverRanks(p.code); code != 0)
    return fail(p.code ? p.error : "another process could not read the list, targets or parameters or create the "
                                   "output folder (they must be on storage every node sees)",
                code);
  const std::vector<batch::CountyJob>& jobs = p.jobs;
  const batch::RunSettings settings = Settings(o, p);
  size_t done = 0;
  const auto outcomes = batch::Distribute(
      world, batch::LargestFirst(jobs), jobs.size(),
      [&](size_t i) { return batch::RunCountyInProcess(jobs[i], settings, world.rank()); },
      [&](size_t, const json& outcome) {
        ++done;
        if (!o.quiet) PrintProgress(done, jobs.size(), outcome);
        else if (outcome.value("status", "") == "failed")  // errors are printed even when quiet
          PrintError("batch", outcome.value("message", ""));
      });
  if (!root) return 0;
  const auto tables = batch::ProvinceTables(jobs, outcomes, p.targets);
  const std::string province = (fs::path(o.outdir) / "province.gpkg").string();
  if (Status s = WriteTables(province, true, "", tables); !s.ok()) return fail(s.message(), 1);
  if (!o.quiet) PrintSummary(tables, province);
  const int code = ExitStatus(outcomes);
  if (code == 1) std::fprintf(stderr, "panhuo batch: some counties failed: see the run layer of %s\n", province.c_str());
  return code;
}

}  // namespace

void RegisterBatch(CLI::App& app, ExitCode& exit_code) {
  auto o = std::make_shared<BatchCli>();
  CLI::App* cmd = app.add_subcommand(
      "batch", "Scan every county of a list at one date (over MPI under mpirun or srun) and rank the counties");
  cmd->add_option("LIST", o->list, "CSV of counties: county_code,county_name,input[,field_map][,layer:NAME...]")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("-o,--output", o->outdir, "output folder: <county_code>.gpkg each, province.gpkg")->required();
  cmd->add_option("--as-of", o->as_of, "as-of date T: 2021-12-31, 2021/12/31, 20211231, 2021.12.31 or 2021年12月31日")
      ->required()
      ->check(DateArgument());
  cmd->add_option("--county-targets", o->county_targets, "CSV county_code,year,target_ha: completion of each county")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--overwrite", o->overwrite, "replace the counties' existing outputs");
  cmd->add_option("--crs", o->crs, "CRS to assume for layers that carry none, in every county, e.g. EPSG:4549");
  cmd->add_flag("--csv", o->csv, "also write each county's layers as CSV into OUTDIR/<county_code>_csv/");
  cmd->add_option("--csv-geometry", o->csv_geometry, "the CSV files' last column: wkt (the geometry as WKT) or none")
      ->check(CLI::IsMember({"wkt", "none"}));
  cmd->add_flag("--accept-rejects", o->accept_rejects,
                "go on with a county whose required layer lost more than half of its features to rejects");
  cmd->add_flag("--xlsx", o->xlsx, "also write each county's Excel ledger (台账), OUTDIR/<county_code>.xlsx");
  cmd->add_flag("--report", o->report, "also write each county's HTML report, OUTDIR/<county_code>.html");
  cmd->add_option("--tiles", o->tiles, "tile URL template for the reports' basemap (default: none)")->needs("--report");
  cmd->add_flag("--resume", o->resume, "keep the counties whose output is up to date; re-run the others");
  cmd->add_flag("-q,--quiet", o->quiet, "no progress lines and no summary");
  cmd->add_option("--threads", o->threads, "worker threads of each process (default: all cores)");
  cmd->add_option("--lang", o->lang, "language of `basis`, the ledgers and the reports: zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  AddScanParamOptions(cmd, o->params);
  // the process of one county (hidden: batch starts it, see batch/county_process.hpp)
  cmd->add_option("--county-process", o->county_process)->group("");
  cmd->add_option("--county-rank", o->county_rank)->group("");
  cmd->add_option("--county-outcome", o->county_outcome)->group("");
  cmd->callback([o, &exit_code]() { exit_code = static_cast<ExitCode>(Run(*o)); });
}

}  // namespace panhuo::cli
