// What a command will write, checked before any input is read: the output driver (GDAL's -f and
// the extension), that no output touches an input (the same file after resolving relative
// paths, symbolic links and hard links, or a file inside an input folder; refused even with
// --overwrite), that existing outputs are replaced only with --overwrite, and the temporary
// file of an earlier run that was killed (removed, with a note on stderr). From then on the
// outputs are this run's (locked): a second run on any of them stops.
#pragma once

#include <string>
#include <vector>

#include "panhuo/core/status.hpp"

namespace panhuo::app {

struct OutputPlan {
  const char* command = "";
  std::vector<std::string> inputs;     // every source and file the command reads
  std::string output;                  // -o, may be empty (timeline)
  std::string format;                  // -f, empty: from the extension
  std::string csv;                     // --csv folder (or file, for one table)
  std::vector<std::string> csv_files;  // the files written under `csv`
  bool overwrite = false;
  bool postgis = false;                // the command can write -o PG:... (scan)
  std::string out_schema;              // --out-schema of a PostGIS output
  std::vector<std::string> files;      // other files written: the Excel ledger (.xlsx), the report (.html)
};

// The plan's check: a usage error (Status::Usage: driver, extension, an output over an input,
// --out-schema without PostGIS) or a failure (an existing output without --overwrite, a folder
// that does not exist or cannot be written, an output another run holds); else ok.
Status CheckOutputPlan(const OutputPlan& plan);

// Whether writing `output` would touch `input` (same file, or inside an input folder).
bool Touches(const std::string& output, const std::string& input);

}  // namespace panhuo::app
