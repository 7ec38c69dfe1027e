// The panhuo subcommands. Each file tools/cmd_<name>.cpp adds one subcommand to the app and
// stores its exit code in `exit_code` when it runs; main() registers them all in one place.
#pragma once

#include <CLI/CLI.hpp>

namespace panhuo::cli {

void RegisterCheck(CLI::App& app, int& exit_code);
void RegisterScan(CLI::App& app, int& exit_code);
void RegisterGenerate(CLI::App& app, int& exit_code);
void RegisterTimeline(CLI::App& app, int& exit_code);
void RegisterCompare(CLI::App& app, int& exit_code);
void RegisterScenario(CLI::App& app, int& exit_code);
void RegisterBatch(CLI::App& app, int& exit_code);

}  // namespace panhuo::cli
