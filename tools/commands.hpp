// The panhuo subcommands. Each file tools/cmd_<name>.cpp adds one subcommand to the app and
// stores its exit code in `exit_code` when it runs; main() registers them all in one place.
// Every argument is checked by CLI11 validators or at the start of the command, before any input
// is read.
#pragma once

#include <CLI/CLI.hpp>

#include "exit_codes.hpp"

namespace panhuo::cli {

void RegisterCheck(CLI::App& app, ExitCode& exit_code);
void RegisterScan(CLI::App& app, ExitCode& exit_code);
void RegisterGenerate(CLI::App& app, ExitCode& exit_code);
void RegisterTimeline(CLI::App& app, ExitCode& exit_code);
void RegisterCompare(CLI::App& app, ExitCode& exit_code);
void RegisterScenario(CLI::App& app, ExitCode& exit_code);
void RegisterBatch(CLI::App& app, ExitCode& exit_code);
void RegisterReview(CLI::App& app, ExitCode& exit_code);

}  // namespace panhuo::cli
