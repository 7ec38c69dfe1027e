// The exit codes of every panhuo command, in one place: the commands return an ExitCode, main()
// maps argument errors (CLI11's own and ours) to kUsage, and the text below is the footer of
// `--help` and the README's table.
#pragma once

#include "panhuo/core/status.hpp"

namespace panhuo::cli {

enum class ExitCode : int {
  kDone = 0,          // done
  kFailure = 1,       // input or output failure: message on stderr names file, layer, field
  kUsage = 2,         // bad arguments or parameter file, found before any input is read
  kUndetermined = 3,  // completed, but some features could not be determined (scan's `undetermined`)
};

// The exit code of a failed Status: 2 for the arguments' (Status::Usage), 1 for any other.
inline ExitCode ExitCodeOf(const panhuo::Status& s) {
  return s.code() == panhuo::Status::Code::kUsage ? ExitCode::kUsage : ExitCode::kFailure;
}

inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 done; 1 input or output failure (message on stderr names file, layer, field);\n"
    "2 bad arguments or parameter file (found before any input is read, including an output\n"
    "that would overwrite an input); 3 completed with undetermined features (scan, batch);\n"
    "130 or 143: a SIGINT or SIGTERM had to end the run.";

}  // namespace panhuo::cli
