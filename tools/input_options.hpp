// CLI options shared by every subcommand that reads a county's layers.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include <chrono>
#include <memory>
#include <string>

#include "panhuo/input/reader.hpp"
#include "panhuo/scan/county.hpp"
#include "panhuo/scan/params.hpp"

namespace panhuo::cli {

struct InputOptions {
  std::string input;                      // default source for all layers
  std::vector<std::string> layer_sources; // NAME=SOURCE
  std::string field_map;
  std::string crs;
  std::vector<std::string> where;  // LAYER:SQL
  bool accept_rejects = false;
  std::string schema;    // "" or "zh"
  std::string encoding;  // Shapefile text encoding, e.g. CP936
  bool gdal_read = false;  // GeoPackages through GDAL's Arrow stream and raw-value queries
};

// Adds INPUT, --layer, --field-map, --schema, --encoding, --crs and --where to a subcommand.
void AddInputOptions(CLI::App* cmd, InputOptions& o);
// Why a --where LAYER:SQL is malformed (empty when it is not).
std::string WhereSpecError(const std::string& spec);
// Builds the reader's options; throws CLI::ValidationError for a malformed --layer.
ReadOptions ToReadOptions(const InputOptions& o);

// Reads the input and builds the county (index, towns); on failure prints
// "panhuo <command>: error: ..." on stderr and returns null. Without a progress bar an interrupt
// still stops the read (QuietProgress). The seconds of each step go to the pointers given.
// With `defer_source_checks` the sources' integrity verdict is the caller's to take
// (County::SourcesIntact; app::RunScan takes it before it writes).
std::unique_ptr<County> LoadCounty(const InputOptions& o, bool progress, const char* command,
                                   double* read_seconds = nullptr, double* index_seconds = nullptr,
                                   bool defer_source_checks = false);

// Scan parameters from an optional TOML file and the --as-of text, not yet validated.
Result<ScanParams> ScanParamsFrom(const std::string& config, const std::string& as_of);

// Seconds since `since`.
double Seconds(std::chrono::steady_clock::time_point since);

// Parses a month: 2021-01, 2021/01, 2021/1, 2021.01, 202101 or 2021年1月. A full date is not a
// month (a timeline runs from month end to month end): false, with `error` saying what to write.
bool ParseMonth(const std::string& text, int& year, int& month, std::string& error);

// Validators of argument text, run by CLI11 before any input is read (a failure exits 2).
// A date in any form of ParseDate (2021-12-31, 2021/12/31, 20211231, 2021.12.31, 2021年12月31日).
CLI::Validator DateArgument();
// A month, as ParseMonth.
CLI::Validator MonthArgument();
// A whole number from 0 up; `meaning_of_zero` is added to the message, e.g. "0 = all cores".
CLI::Validator NonNegativeWholeNumber(const std::string& meaning_of_zero = "");

// Adds --threads (0 = all cores, the default; a negative number is refused).
void AddThreadsOption(CLI::App* cmd, int& threads);

// Adds --report REPORT.html (the self-contained HTML report) and --tiles URL_TEMPLATE (a tile
// basemap for its maps; none without it, and then the report fetches nothing).
void AddReportOptions(CLI::App* cmd, std::string& report, std::string& tiles);

// Every file the command reads through these options: INPUT, each --layer source, --field-map.
std::vector<std::string> InputSources(const InputOptions& o);

// Prints each warning as "panhuo <command>: warning: ..." on stderr.
// "panhuo <command>: error: <message>" on stderr ("panhuo: error: ..." without a command), any
// password in it masked: every error a command prints goes through here.
void PrintError(const char* command, const std::string& message);
void PrintWarnings(const char* command, const std::vector<std::string>& warnings);

// `text` padded with spaces to `width` terminal columns (CJK characters take two).
std::string PadColumns(const std::string& text, size_t width);

// Progress callback that draws nothing and only reports an interruption (see
// CatchInterrupts); TermProgress reports it too.
bool QuietProgress(double fraction, const char* message, void* user);

// After this, SIGINT and SIGTERM make the progress callbacks return false: the engine stops at
// the next step and the command removes its partial output instead of dying half-way. A run
// still going a second later (stuck inside GDAL or SQLite, where nothing polls) is ended then,
// and a second signal ends it at once, with status 128 + the signal (130, 143): the output is
// only ever renamed into place complete, so neither leaves a file that looks like a result.
void CatchInterrupts();

// GDAL's terminal progress bar in the engine's callback shape.
bool TermProgress(double fraction, const char* message, void* user);

}  // namespace panhuo::cli
