// What a command will write, checked before any input is read (see output_plan.hpp).
#include "panhuo/app/output_plan.hpp"

#include <sys/stat.h>

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

namespace panhuo::app {
namespace {

namespace fs = std::filesystem;

// The file or folder behind a GDAL source: the path itself, or the archive of a /vsi path; none
// for a connection string ("PG:dbname=...").
std::optional<fs::path> LocalPath(const std::string& source) {
  std::error_code ec;
  fs::path p(source);
  if (source.rfind("/vsi", 0) == 0) {
    const size_t slash = source.find('/', 1);
    if (slash == std::string::npos) return std::nullopt;
    p = source.substr(slash);
    while (!p.empty() && p != p.root_path() && !fs::exists(p, ec)) p = p.parent_path();
  } else if (!fs::exists(p, ec) && source.find(':') != std::string::npos) {
    return std::nullopt;
  }
  return p;
}

fs::path Resolved(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  fs::path canon = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : canon;
}

bool SameFile(const fs::path& a, const fs::path& b) {
  struct stat sa, sb;
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

Status Usage(const std::string& message) { return Status::Usage(message); }
Status Failure(const std::string& message) { return Status::Error(message); }

bool IsReport(const std::string& f) {
  const std::string ext = AsciiLower(fs::path(f).extension().string());
  return ext == ".html" || ext == ".htm";
}

// Every path the command may create or replace.
std::vector<std::string> Outputs(const OutputPlan& plan) {
  std::vector<std::string> out;
  if (!plan.output.empty()) out = {plan.output, PartialOutputPath(plan.output), OutputLockPath(plan.output)};
  if (!plan.csv.empty()) {
    const bool single = plan.csv_files.size() == 1 && plan.csv_files[0] == plan.csv;
    if (!single) out.push_back(plan.csv);
    out.push_back(OutputLockPath(plan.csv));
    for (const auto& f : plan.csv_files) {
      out.push_back(f);
      out.push_back(PartialOutputPath(f));
    }
  }
  for (const auto& f : plan.files) {
    out.push_back(f);
    out.push_back(IsReport(f) ? ReportPartialPath(f) : LedgerPartialPath(f));
    out.push_back(OutputLockPath(f));
  }
  return out;
}

// The temporary file of a killed run, and the SQLite journal beside it (which would otherwise be
// rolled back into the next run's file).
void RemoveStale(const OutputPlan& plan, const std::string& final_path) {
  std::error_code ec;
  for (const auto& path : PartialOutputFiles(final_path)) {
    if (!fs::is_regular_file(path, ec) || !fs::remove(path, ec)) continue;
    std::fprintf(stderr, "panhuo %s: note: removed '%s', left by an earlier run that did not finish\n", plan.command,
                 path.c_str());
  }
}

}  // namespace

bool Touches(const std::string& output, const std::string& input) {
  const auto in = LocalPath(input);
  if (!in) return false;
  const fs::path o = Resolved(output), i = Resolved(*in);
  if (o == i || SameFile(output, *in)) return true;
  std::error_code ec;
  if (!fs::is_directory(i, ec)) return false;
  const fs::path rel = o.lexically_relative(i);
  return !rel.empty() && *rel.begin() != "..";
}

// A PostGIS output: a schema of a database, refused when an input is the same schema of the same
// database (host, port and dbname of the connection strings, schema from `schemas=`, else public).
Status CheckPostgisPlan(const OutputPlan& plan) {
  if (!plan.postgis) return Usage("a PostGIS output is written by scan; write a GeoPackage here");
  if (!plan.format.empty() && AsciiLower(plan.format) != "postgresql" && AsciiLower(plan.format) != "pg")
    return Usage("-f " + plan.format + " does not match the output '" + MaskPassword(plan.output) + "'");
  auto key = [](const std::string& conn, const std::string& k, const std::string& dflt) {
    const size_t at = (" " + conn.substr(3)).find(" " + k + "=");
    if (at == std::string::npos) return dflt;
    const std::string rest = conn.substr(3).substr(at + k.size() + 1);
    return rest.substr(0, rest.find(' '));
  };
  auto where = [&](const std::string& c) { return key(c, "host", "") + "|" + key(c, "port", "") + "|" + key(c, "dbname", ""); };
  for (const auto& in : plan.inputs) {
    if (!IsPostgis(in) || where(in) != where(plan.output)) continue;
    std::string schemas = "," + key(in, "schemas", "public") + ",";
    if (schemas.find("," + plan.out_schema + ",") != std::string::npos)
      return Usage("output schema '" + plan.out_schema + "' is the input's schema in '" + MaskPassword(in) +
                      "' (refused even with --overwrite); choose another --out-schema");
  }
  if (Status s = CheckOutputWritable(plan.output, plan.overwrite, plan.out_schema); !s.ok())
    return s;
  return {};
}

Status CheckOutputPlan(const OutputPlan& plan) {
  if (IsPostgis(plan.output)) {
    if (Status s = CheckPostgisPlan(plan); !s.ok()) return s;
    OutputPlan rest = plan;  // the CSV copies, if any, are checked as usual
    rest.output.clear();
    rest.out_schema.clear();
    return CheckOutputPlan(rest);
  }
  if (!plan.out_schema.empty()) return Usage("--out-schema is for a PostGIS output (-o PG:...)");
  if (!plan.output.empty()) {
    std::string driver, error;
    if (!ResolveOutputDriver(plan.format, plan.output, driver, error)) return Usage(error);
    SetOutputDriver(plan.output, driver);
  }
  for (const auto& out : Outputs(plan))
    for (const auto& in : plan.inputs)
      if (Touches(out, in))
        return Usage("output '" + out + "' would overwrite the input '" + in +
                        "' (refused even with --overwrite); choose another output");
  std::error_code ec;
  if (!plan.output.empty())
    if (Status s = CheckOutputWritable(plan.output, plan.overwrite); !s.ok())
      return Failure(s.message());
  for (const auto& f : plan.csv_files)
    if (fs::exists(f, ec) && !plan.overwrite)
      return Failure("'" + f + "' exists; use --overwrite to replace it");
  for (const auto& f : plan.files) {
    if (!IsReport(f) && AsciiLower(fs::path(f).extension().string()) != ".xlsx")
      return Usage("'" + f + "': name the ledger FILE.xlsx (an Excel workbook) and the report FILE.html");
    if (fs::exists(f, ec) && !plan.overwrite)
      return Failure("'" + f + "' exists; use --overwrite to replace it");
    if (IsReport(f))
      if (Status s = CheckReportAssets(); !s.ok()) return Failure(s.message());
  }
  // from here on the outputs are this run's: a second run on any of them stops here, and what
  // is removed below was left by a run that is no more
  std::vector<std::string> owned = plan.files;
  if (!plan.output.empty()) owned.push_back(plan.output);
  if (!plan.csv.empty()) owned.push_back(plan.csv);
  for (const auto& f : owned)
    if (Status s = LockOutput(f); !s.ok()) return Failure(s.message());
  for (const auto& f : plan.files)
    if (IsReport(f) && fs::is_regular_file(ReportPartialPath(f), ec) && fs::remove(ReportPartialPath(f), ec))
      std::fprintf(stderr, "panhuo %s: note: removed '%s', left by an earlier run that did not finish\n", plan.command,
                   ReportPartialPath(f).c_str());
  if (!plan.output.empty()) RemoveStale(plan, plan.output);
  for (const auto& f : plan.csv_files) RemoveStale(plan, f);
  return {};
}

}  // namespace panhuo::app
