// The command line's side of what a command writes: the plan's check with its exit code, the
// ledger's, the report's and the CSV files' options (the check itself: panhuo/app/output_plan.hpp).
#pragma once

#include <functional>

#include "panhuo/app/output_plan.hpp"
#include "panhuo/app/commands.hpp"
#include "panhuo/sinks/ledger.hpp"
#include "panhuo/sinks/report.hpp"
#include "panhuo/scan/county.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "exit_codes.hpp"

namespace panhuo::cli {

using app::OutputPlan;

// Checks the plan (app::CheckOutputPlan); on a problem prints "panhuo <command>: error: ..." and
// returns its exit code: kUsage (bad arguments: driver, extension, an output over an input) or
// kFailure (an existing output without --overwrite, a folder that does not exist or cannot be
// written); else kDone.
ExitCode CheckPlan(const OutputPlan& plan);

// The GeoPackage driver for `path` given -f `format` (empty: from the extension), for a command
// that writes GeoPackages only (generate); an error message in `error` for any other.
bool ResolveDriver(const std::string& format, const std::string& path, std::string& driver, std::string& error);

// The Excel ledger (台账) of a command's output: --xlsx FILE, --lang zh|en, and what the
// documents say of themselves: --county-name NAME, --issuer UNIT.
struct LedgerOptions {
  std::string xlsx;         // empty: none
  std::string lang = "zh";  // sheet names and headers: zh or en
  std::string county;       // --county-name: the county's name in the titles of the documents
  std::string issuer;       // --issuer: the issuing unit in the titles of the documents
  std::string doc_no;       // --doc-no: the report's document number
};
void AddLedgerOptions(CLI::App* cmd, LedgerOptions& ledger);

// The table [document] of a parameter file (county_name, issuer, doc_no) into `ledger`, for each
// the command line left empty; an unknown key or a value that is not text is a usage error
// naming the file and line. Nothing without a file or without the table.
ExitCode ApplyDocumentConfig(const char* command, const std::string& config, LedgerOptions& ledger);
// A command's run after its parameter file's [document] table: the table's usage error, or run().
ExitCode RunWithDocument(const char* command, const std::string& config, LedgerOptions& ledger,
                         const std::function<ExitCode()>& run);
// Adds --csv DIR (each output layer as <layer>.csv) and --csv-geometry wkt|none.
void AddCsvOptions(CLI::App* cmd, std::string& csv_dir, std::string& csv_geometry);
// The end of a run some of whose determinations could not be made (every overlay path failed):
// the warning on stderr naming `output`, and exit code 3; kDone when `undetermined` is 0.
ExitCode UndeterminedExit(const char* command, size_t undetermined, const std::string& output);
// The report's options with what the documents say of themselves (county, issuer, number).
ReportOptions WithDocument(ReportOptions ro, const LedgerOptions& ledger);
// What every command's job takes alike from its command line: what it writes (-o with any GDAL
// driver by -f, --overwrite, the ledger and what the documents say of themselves), its input as
// named, its HTML report when `report` names one, and its warnings printed on stderr.
void SetJob(app::JobBase& job, const char* command, const std::string& output, const std::string& format,
            bool overwrite, const LedgerOptions& ledger, const std::string& input, const std::string& report = "",
            const std::string& tiles = "");

}  // namespace panhuo::cli
