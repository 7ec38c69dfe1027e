#include "output_plan.hpp"

#include <toml++/toml.h>

#include "input_options.hpp"

#include <gdal_priv.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "panhuo/core/text.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/output_format.hpp"
#include "panhuo/sinks/output_lock.hpp"
#include "panhuo/sinks/postgis.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/sinks/writer.hpp"

namespace panhuo::cli {

bool ResolveDriver(const std::string& format, const std::string& path, std::string& driver, std::string& error) {
  if (!ResolveOutputDriver(format, path, driver, error)) return false;
  if (driver == "GPKG") return true;
  error = "'" + path + "': panhuo generate writes GPKG (GeoPackage, FILE.gpkg)";
  return false;
}

ExitCode CheckPlan(const OutputPlan& plan) {
  const Status s = app::CheckOutputPlan(plan);
  if (s.ok()) return ExitCode::kDone;
  PrintError(plan.command, s.message());
  return ExitCodeOf(s);
}

void AddLedgerOptions(CLI::App* cmd, LedgerOptions& ledger) {
  cmd->add_option("--xlsx", ledger.xlsx, "also write the Excel ledger (台账): one sheet per list, no geometry (FILE.xlsx)");
  cmd->add_option("--lang", ledger.lang, "language of what a person reads (`basis`, the ledger, the report): zh (default) or en")
      ->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option("--county-name", ledger.county, "the county's name in the titles of the ledger and the report (江阴市)");
  cmd->add_option("--issuer", ledger.issuer, "the issuing unit in the titles of the ledger and the report");
  cmd->add_option("--doc-no", ledger.doc_no, "the report's document number (文号)");
}

ExitCode ApplyDocumentConfig(const char* command, const std::string& config, LedgerOptions& ledger) {
  if (config.empty()) return ExitCode::kDone;
  toml::table t;
  try {
    t = toml::parse_file(config);
  } catch (const toml::parse_error&) {
    return ExitCode::kDone;  // the parameters' reading reports it, with its line
  }
  const toml::table* doc = t["document"].as_table();
  if (!doc) return ExitCode::kDone;
  for (auto&& [k, v] : *doc) {
    const std::string key(k.str());
    std::string* field = key == "county_name" ? &ledger.county : key == "issuer" ? &ledger.issuer
                       : key == "doc_no"      ? &ledger.doc_no : nullptr;
    const std::string where = config + ":" + std::to_string(v.source().begin.line) + ": [document] ";
    if (!field) {
      PrintError(command, where + "unknown key '" + key + "' (county_name, issuer, doc_no)");
      return ExitCode::kUsage;
    }
    auto text = v.value<std::string>();
    if (!text) {
      PrintError(command, where + "key '" + key + "' must be text");
      return ExitCode::kUsage;
    }
    if (field->empty()) *field = *text;
  }
  return ExitCode::kDone;
}

ExitCode UndeterminedExit(const char* command, size_t undetermined, const std::string& output) {
  if (undetermined == 0) return ExitCode::kDone;
  std::fprintf(stderr,
               "panhuo %s: warning: %zu determination(s) could not be made (every overlay path failed): their "
               "figures are null, listed in layer 'undetermined' of %s and counted per town in undetermined_n\n",
               command, undetermined, MaskPassword(output).c_str());
  return ExitCode::kUndetermined;
}

ExitCode RunWithDocument(const char* command, const std::string& config, LedgerOptions& ledger,
                         const std::function<ExitCode()>& run) {
  const ExitCode c = ApplyDocumentConfig(command, config, ledger);
  return c == ExitCode::kDone ? run() : c;
}

void AddCsvOptions(CLI::App* cmd, std::string& csv_dir, std::string& csv_geometry) {
  cmd->add_option("--csv", csv_dir, "also write each output layer as CSV into this folder (<layer>.csv)");
  cmd->add_option("--csv-geometry", csv_geometry, "the CSV files' last column: wkt (the geometry as WKT) or none")
      ->check(CLI::IsMember({"wkt", "none"}));
}

ReportOptions WithDocument(ReportOptions ro, const LedgerOptions& ledger) {
  ro.county = ledger.county;
  ro.issuer = ledger.issuer;
  ro.doc_no = ledger.doc_no;
  return ro;
}

void SetJob(app::JobBase& job, const char* command, const std::string& output, const std::string& format,
            bool overwrite, const LedgerOptions& ledger, const std::string& input, const std::string& report,
            const std::string& tiles) {
  job.out.output = output;
  job.out.format = format;
  job.out.overwrite = overwrite;
  job.out.xlsx = ledger.xlsx;
  job.out.lang = ledger.lang;
  job.out.county = ledger.county;
  job.out.issuer = ledger.issuer;
  job.input = input;
  if (!report.empty()) job.report = WithDocument({report, overwrite, ledger.lang, tiles, input, command}, ledger);
  job.on_warnings = [command](const std::vector<std::string>& w) { PrintWarnings(command, w); };
}

}  // namespace panhuo::cli
