// panhuo: command-line entry point. Subcommands are registered here, in one visible place.
#include <gdal_priv.h>

#include <cstdio>
#include <exception>

#include "commands.hpp"

int main(int argc, char** argv) {
  GDALAllRegister();
  CPLSetErrorHandler(CPLQuietErrorHandler);  // GDAL messages are carried into ours
  CLI::App app{"panhuo: stock construction land analytics for a county (盘活存量土地)"};
  app.set_version_flag("--version", "panhuo " PANHUO_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  panhuo::cli::RegisterCheck(app, exit_code);
  panhuo::cli::RegisterScan(app, exit_code);
  panhuo::cli::RegisterTimeline(app, exit_code);
  panhuo::cli::RegisterCompare(app, exit_code);
  panhuo::cli::RegisterScenario(app, exit_code);
  panhuo::cli::RegisterGenerate(app, exit_code);
  panhuo::cli::RegisterBatch(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "panhuo: error: %s\n", e.what());
    return 1;
  }
  return exit_code;
}
