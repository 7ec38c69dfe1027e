// panhuo: command-line entry point. Subcommands are registered here, in one visible place, and
// every way a command ends is mapped to the exit-code table of exit_codes.hpp here.
#include <gdal_priv.h>

#include <cstdio>
#include <exception>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "input_options.hpp"
#include "panhuo/sinks/staged_outputs.hpp"

int main(int argc, char** argv) {
  using panhuo::cli::ExitCode;
  GDALAllRegister();
  CPLSetErrorHandler(CPLQuietErrorHandler);  // GDAL messages are carried into ours
  CLI::App app{"panhuo: stock construction land analytics for a county (盘活存量土地)"};
  app.set_version_flag("--version", "panhuo " PANHUO_VERSION);
  app.footer(panhuo::cli::kExitCodeHelp);
  app.require_subcommand(1);
  ExitCode exit_code = ExitCode::kDone;
  panhuo::cli::RegisterCheck(app, exit_code);
  panhuo::cli::RegisterScan(app, exit_code);
  panhuo::cli::RegisterTimeline(app, exit_code);
  panhuo::cli::RegisterCompare(app, exit_code);
  panhuo::cli::RegisterReview(app, exit_code);
  panhuo::cli::RegisterScenario(app, exit_code);
  panhuo::cli::RegisterGenerate(app, exit_code);
  panhuo::cli::RegisterBatch(app, exit_code);
  for (CLI::App* cmd : app.get_subcommands({})) cmd->footer(panhuo::cli::kExitCodeHelp);
  // The outputs of a command that writes one result (a GeoPackage and its CSV, ledger and
  // report) stand or fall together: they take their names only when every one was written.
  // batch publishes county by county (its resume needs each finished county), generate its file.
  for (const char* name : {"scan", "timeline", "compare", "review", "scenario"})
    app.get_subcommand(name)->preparse_callback([](size_t) { panhuo::BeginStaging(); });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version end with CLI11's code 0; every other parse or validation error
    // (CLI11's codes 100-120) is a bad argument
    const int printed = app.exit(e);
    return printed == 0 ? 0 : static_cast<int>(ExitCode::kUsage);
  } catch (const std::exception& e) {
    panhuo::AbortStaged();
    panhuo::cli::PrintError("", e.what());
    return static_cast<int>(ExitCode::kFailure);
  }
  if (exit_code == ExitCode::kDone || exit_code == ExitCode::kUndetermined) {
    if (panhuo::Status s = panhuo::CommitStaged(); !s.ok()) {
      panhuo::cli::PrintError("", s.message());
      return static_cast<int>(ExitCode::kFailure);
    }
  } else {
    panhuo::AbortStaged();
  }
  return static_cast<int>(exit_code);
}
