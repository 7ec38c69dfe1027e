// panhuo compare: what changed between two dates.
#include <cstdio>

#include "commands.hpp"
#include "input_options.hpp"
#include "panhuo/io/writer.hpp"
#include "panhuo/scan/timeline.hpp"

namespace panhuo::cli {
namespace {

struct CompareCli {
  InputOptions input;
  std::string from, to, output, csv, config;
  bool overwrite = false, quiet = false;
};

int Run(const CompareCli& o) {
  const auto from = ParseDate(o.from), to = ParseDate(o.to);
  if (!from || !to) {
    std::fprintf(stderr, "panhuo compare: error: --from and --to must be dates (YYYY-MM-DD)\n");
    return 2;
  }
  ScanParams params;
  params.as_of = *to;
  if (!o.config.empty())
    if (Status s = params.LoadToml(o.config); !s.ok()) {
      std::fprintf(stderr, "panhuo compare: error: %s\n", s.message().c_str());
      return 2;
    }
  if (Status s = CheckOutputWritable(o.output, o.overwrite); !s.ok()) {
    std::fprintf(stderr, "panhuo compare: error: %s\n", s.message().c_str());
    return 1;
  }
  auto county = LoadCounty(o.input, !o.quiet, "compare");
  if (!county) return 1;
  auto tables = Compare(*county, params, *from, *to);
  if (!tables.ok()) {
    std::fprintf(stderr, "panhuo compare: error: %s\n", tables.status().message().c_str());
    return 1;
  }
  if (Status s = WriteTables(o.output, o.overwrite, county->data().working_crs_wkt, *tables); !s.ok()) {
    std::fprintf(stderr, "panhuo compare: error: %s\n", s.message().c_str());
    return 1;
  }
  if (!o.csv.empty())
    if (Status s = WriteTablesCsv(o.csv, *tables); !s.ok()) {
      std::fprintf(stderr, "panhuo compare: error: %s\n", s.message().c_str());
      return 1;
    }
  std::printf("changes from %s to %s\n", from->ToString().c_str(), to->ToString().c_str());
  for (const auto& t : *tables) {
    double ha = 0;
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const std::string& n = t.columns[k].name;
      if (n != "newly_supplied_ha" && n != "parcel_ha" && n != "unsupplied_ha") continue;
      for (const auto& r : t.rows)
        if (auto* v = std::get_if<double>(&r[k])) ha += *v;
    }
    std::printf("  %-15s %6zu features, %12.4f ha\n", t.name.c_str(), t.rows.size(), ha);
  }
  std::printf("wrote %s\n", o.output.c_str());
  return 0;
}

}  // namespace

void RegisterCompare(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<CompareCli>();
  CLI::App* cmd = app.add_subcommand("compare", "What changed between two dates: approvals newly supplied, idle "
                                                "land resolved, newly idle, newly lapsed");
  AddInputOptions(cmd, o->input);
  cmd->add_option("--from", o->from, "first date, YYYY-MM-DD")->required();
  cmd->add_option("--to", o->to, "second date, YYYY-MM-DD")->required();
  cmd->add_option("-o,--output", o->output, "output GeoPackage")->required();
  cmd->add_flag("--overwrite", o->overwrite, "replace an existing output");
  cmd->add_option("--csv", o->csv, "also write each layer as CSV into this folder");
  cmd->add_option("--config", o->config, "TOML file of scan parameters")->check(CLI::ExistingFile);
  cmd->add_flag("-q,--quiet", o->quiet, "no progress");
  cmd->callback([o, &exit_code]() { exit_code = Run(*o); });
}

}  // namespace panhuo::cli
