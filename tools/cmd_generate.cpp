// panhuo generate: write a synthetic county (a Jiangyin of the data contract) to a GeoPackage.
#include "input_options.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "commands.hpp"
#include "output_plan.hpp"
#include "panhuo/gen/generator.hpp"

namespace panhuo::cli {
namespace {

// CLI-only settings of the subcommand.
struct GenerateCliOptions {
  gen::GenerateOptions engine;
  bool quiet = false;  // no progress bar, no summary
  std::string format;  // -f: output driver, empty for the extension's
};

// GDAL's terminal bar; `user` points to a bool that records that the bar has started.
bool Bar(double fraction, const char* message, void* user) {
  *static_cast<bool*>(user) = fraction < 1.0;
  return TermProgress(fraction, message, nullptr);
}

void PrintSummary(const gen::GenerateOptions& o, const gen::GenerateSummary& s) {
  std::printf("wrote %s (scale %g, seed %llu): %lld features in %.1f s, %.1f MB\n",
              s.output.c_str(), o.scale, static_cast<unsigned long long>(o.seed),
              static_cast<long long>(s.TotalFeatures()), s.seconds, s.output_bytes / 1e6);
  for (const gen::LayerCount& c : s.layers)
    std::printf("  %-13s %10lld\n", c.layer.c_str(), static_cast<long long>(c.features));
}

}  // namespace

void RegisterGenerate(CLI::App& app, ExitCode& exit_code) {
  auto opts = std::make_shared<GenerateCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Write a synthetic county (towns, approvals, supplies, construction, "
      "enterprises, rural plots, river, targets) to a GeoPackage; the same seed and "
      "scale give the same data");
  cmd->add_option("--scale", opts->engine.scale,
                  "density: 1 = one county (~4,000 approvals, 15,000 supplies, 300,000 footprints)")
      ->capture_default_str()
      ->check(CLI::Range(1e-6, 1000.0));
  cmd->add_option("--seed", opts->engine.seed, "random seed, a whole number from 0 to 2^64-1")
      ->capture_default_str()
      ->check(NonNegativeWholeNumber());
  cmd->add_option("-o,--output", opts->engine.output, "the file to write (FILE.gpkg)")->required();
  cmd->add_option("-f,--format", opts->format, "output driver, as in ogr2ogr (default: from the extension; GPKG)");
  cmd->add_flag("--overwrite", opts->engine.overwrite, "replace an existing output file");
  cmd->add_flag("--defects", opts->engine.defects,
                "append a few broken features (null geometry, self-intersection, repeated id, absurd "
                "date, unknown code, dangling reference) to exercise rejects and repairs");
  cmd->add_option("--county-code", opts->engine.county_code,
                  "another county on the same geography: its 6-digit code replaces 320281 in the town "
                  "codes and prefixes every id (default: Jiangyin as it is)");
  cmd->add_option("--county-name", opts->engine.county_name, "the county's name (with --county-code)");
  cmd->add_flag("-q,--quiet", opts->quiet, "no progress bar and no summary");
  cmd->callback([opts, &exit_code]() {
    std::string driver, error;
    if (!ResolveDriver(opts->format, opts->engine.output, driver, error)) {
      PrintError("generate", error);
      exit_code = ExitCode::kUsage;
      return;
    }
    if (const std::string tmp = opts->engine.output + ".tmp"; std::filesystem::is_regular_file(tmp))
      std::fprintf(stderr, "panhuo generate: note: removing '%s', left by an earlier run that did not finish\n",
                   tmp.c_str());
    bool bar_open = false;
    auto result = gen::Generate(opts->engine, opts->quiet ? nullptr : Bar, &bar_open);
    if (!result.ok()) {
      if (bar_open) std::fputc('\n', stderr);
      PrintError("generate", result.status().message());
      exit_code = ExitCode::kFailure;
      return;
    }
    if (!opts->quiet) PrintSummary(opts->engine, *result);
    exit_code = ExitCode::kDone;
  });
}

}  // namespace panhuo::cli
